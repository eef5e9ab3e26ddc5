/**
 * Fixtures of the code-generation benchmark (bench/generate.mjs, bench/cold-start.mjs): one React
 * component = 3 files in its own folder, from three small Handlebars templates (templates/*.hbs,
 * the single source for naive, mem-fs-editor, raw durable, node-plop and wopt) and their EJS
 * translation for hygen (hygen/component/new/*.ejs.t, kept equal by the benchmark's tree hashes).
 *
 * Component names are PascalCase words only (no digits, no acronyms) so that every case library
 * involved (wopt's, change-case 3 in hygen, change-case 5 in node-plop, the two helpers below)
 * agrees on camelCase and kebab-case.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const fixturesDir = dirname(fileURLToPath(import.meta.url));
export const plopfilePath = join(fixturesDir, 'plopfile.mjs');
/** hygen templates dir (the `_templates` of a project): generator `component`, action `new`. */
export const hygenTemplatesDir = join(fixturesDir, 'hygen');

/** The three files of a component: output path template and the template source file. */
export const TEMPLATE_FILES = [
  { path: 'src/components/{{name}}/{{name}}.tsx', file: 'component.tsx.hbs' },
  { path: 'src/components/{{name}}/{{name}}.test.tsx', file: 'component.test.tsx.hbs' },
  { path: 'src/components/{{name}}/index.ts', file: 'index.ts.hbs' },
];

/** [{ path (a path template), source }] read from templates/. */
export function templateSources() {
  return TEMPLATE_FILES.map(({ path, file }) => ({ path, source: fs.readFileSync(join(fixturesDir, 'templates', file), 'utf8') }));
}

const WORDS = [
  'Amber', 'Bright', 'Cedar', 'Delta', 'Ember', 'Falcon', 'Garnet', 'Harbor', 'Indigo', 'Juniper', 'Kestrel',
  'Lumen', 'Maple', 'Nimbus', 'Onyx', 'Pebble', 'Quartz', 'Raven', 'Sable', 'Tundra', 'Umber', 'Willow',
];

/** `count` distinct PascalCase component names (22^4 = 234,256 at most), deterministic. */
export function componentNames(count, offset = 0) {
  const names = [];
  for (let i = offset; i < offset + count; i++) {
    let n = i;
    let name = '';
    for (let digit = 0; digit < 4; digit++) {
      name = WORDS[n % WORDS.length] + name;
      n = Math.floor(n / WORDS.length);
    }
    names.push(`${name}Panel`);
  }
  return names;
}

// Case helpers for the plain-Handlebars variants (enough for PascalCase words).
const split = (s) => String(s).match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g) ?? [];
export const caseHelpers = {
  camelCase: (s) => split(s).map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join(''),
  kebabCase: (s) => split(s).map((w) => w.toLowerCase()).join('-'),
};

/** The output path of a rendered path template (`{{name}}` only). */
export const outputPath = (pathTemplate, name) => pathTemplate.replaceAll('{{name}}', name);

/** A wopt template (library format, in memory): manifest + files with path templates. */
export function woptTemplate() {
  return {
    manifest: {
      name: 'bench-component',
      description: 'A React component with its test and index (wopt code-generation benchmark)',
      version: '1.0.0',
      params: { name: { type: 'string', description: 'the component name, PascalCase', pattern: '^[A-Za-z]+$' } },
    },
    files: templateSources().map(({ path, source }) => ({ path: `${path}.hbs`, content: source })),
  };
}

/** Writes the wopt template as a folder (template.json + files/**), for `wopt gen <dir>`. */
export function writeWoptTemplateFolder(dir) {
  const template = woptTemplate();
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(join(dir, 'template.json'), `${JSON.stringify(template.manifest, null, 2)}\n`);
  for (const file of template.files) {
    const target = join(dir, 'files', file.path);
    fs.mkdirSync(dirname(target), { recursive: true });
    fs.writeFileSync(target, file.content);
  }
  return dir;
}

const WOPT_METADATA = new Set(['.wopt', 'wopt.generated.json']);

/**
 * sha256 over the sorted relative paths and contents of every regular file under `root`, skipping
 * wopt's own metadata at the root: `.wopt/` (journal, lock, stat cache) and `wopt.generated.json`
 * (the generation record). Returns { hash, files, bytes, skipped: [names skipped] }.
 */
export function hashTree(root) {
  const entries = [];
  const skipped = [];
  const walk = (dir, rel) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (rel === '' && WOPT_METADATA.has(entry.name)) {
        skipped.push(entry.name);
        continue;
      }
      const relPath = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(join(dir, entry.name), relPath);
      else entries.push(relPath);
    }
  };
  walk(root, '');
  entries.sort();
  const hash = createHash('sha256');
  let bytes = 0;
  for (const rel of entries) {
    const content = fs.readFileSync(join(root, rel));
    bytes += content.length;
    hash.update(`${rel}\0${content.length}\0`).update(content);
  }
  return { hash: hash.digest('hex'), files: entries.length, bytes, skipped };
}
