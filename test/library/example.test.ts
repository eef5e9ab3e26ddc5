/**
 * examples/templates/generate.mjs runs against the built package and does what its README says.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const repo = join(import.meta.dirname, '..', '..');

beforeAll(() => {
  // Build dist/. Type errors elsewhere in the tree (work in progress in other modules) still emit;
  // errors in the modules this example uses fail the test.
  const build = spawnSync(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: repo, encoding: 'utf8' });
  const ours = build.stdout.split('\n').filter((line) => /^src\/(library|config|render|tx|fs|index)/.test(line));
  expect(ours).toEqual([]);
  expect(fs.existsSync(join(repo, 'dist/library/index.js'))).toBe(true);
}, 120_000);

describe('examples/templates/generate.mjs', () => {
  it('adds a project template, renders a built-in and writes the files in one transaction', () => {
    const root = tempDir('example');
    const output = execFileSync(process.execPath, [join(repo, 'examples/templates/generate.mjs'), root], {
      encoding: 'utf8',
      env: { ...process.env, WOPT_HOME: join(root, '.wopt-home') },
    });
    const summary = JSON.parse(output) as { templates: { name: string; layer: string }[]; added: { status: string }; written: string[]; txid: string };
    expect(summary.added.status).toBe('created');
    expect(summary.templates.map(({ name, layer }) => `${layer}:${name}`)).toEqual(
      expect.arrayContaining(['project:changelog-entry', 'builtin:react-component', 'builtin:node-module', 'builtin:express-route']),
    );
    expect(summary.written).toEqual([
      'created src/components/UserCard/index.ts',
      'created src/components/UserCard/UserCard.module.css',
      'created src/components/UserCard/UserCard.test.tsx',
      'created src/components/UserCard/UserCard.tsx',
      'created changes/add-the-user-card.md',
    ]);
    expect(summary.txid).toMatch(/^\d{8}-/);
    expect(fs.readFileSync(join(root, 'changes/add-the-user-card.md'), 'utf8')).toBe('### Fixed\n\n- Add the user card\n');
    expect(fs.existsSync(join(root, 'templates/changelog-entry/template.json'))).toBe(true);
  });
});
