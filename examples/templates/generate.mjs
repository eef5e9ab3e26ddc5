#!/usr/bin/env node
/**
 * Using the template library from code: open the library, list it, add a project template, render a
 * built-in one with params and write the result as one transaction.
 *
 *   npm run build && node examples/templates/generate.mjs <project-dir>
 *
 * Prints a JSON summary of what it did (the test in test/library/example.test.ts reads it).
 */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { batchWrite, createNodeFs } from '../../dist/index.js';
import { loadConfig } from '../../dist/config/index.js';
import { openLibrary, renderTemplate } from '../../dist/library/index.js';
import { createRenderer } from '../../dist/render/index.js';

const root = resolve(process.argv[2] ?? '.');
const fs = createNodeFs();

// 1. The project's config (wopt.config.json / .mjs / package.json#wopt), then the library.
const { config } = await loadConfig({ fs, root });
const warnings = [];
const library = openLibrary({ fs, root, env: process.env, homeDir: homedir(), config, onWarning: (message) => warnings.push(message) });

// 2. A project template, built in code and added to <root>/templates/ (one all-or-nothing batch).
const added = await library.add(
  {
    manifest: {
      name: 'changelog-entry',
      description: 'A changelog fragment for one change',
      version: '1.0.0',
      params: {
        title: { type: 'string', description: 'what changed' },
        kind: { type: 'string', default: 'fixed', pattern: '^(added|changed|fixed|removed)$' },
      },
    },
    files: [{ path: 'changes/{{kebabCase title}}.md.hbs', content: '### {{sentenceCase kind}}\n\n- {{title}}\n' }],
  },
  { layer: 'project', force: true },
);

// 3. Render a built-in and the new template, and write every file in one transaction.
const renderer = createRenderer({ format: config.prettier, root });
const component = await library.get('react-component');
const entry = await library.get(`changelog-entry@${added.hash.slice(0, 7)}`);
const rendered = [
  ...(await renderTemplate(renderer, component.template, { name: 'user card', withStyles: true })).files,
  ...(await renderTemplate(renderer, entry.template, { title: 'Add the user card' })).files,
];
const report = await batchWrite(
  rendered.map(({ path, content, mode }) => ({ path, content, mode })),
  { root, durability: config.durability, backup: config.backup },
);

const templates = await library.list();
console.log(
  JSON.stringify(
    {
      templates: templates.map(({ name, layer, version, hash }) => ({ name, layer, version, hash: hash.slice(0, 12) })),
      added: { name: added.name, status: added.status, hash: added.hash.slice(0, 12) },
      written: report.files.map(({ path, status }) => `${status} ${path}`),
      txid: report.txid,
      warnings,
    },
    null,
    2,
  ),
);
