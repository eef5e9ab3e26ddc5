import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const SRC = join(import.meta.dirname, '../../src/render');

async function sources(): Promise<Array<{ file: string; text: string }>> {
  const files = (await readdir(SRC, { recursive: true })).filter((file) => file.endsWith('.ts'));
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(join(SRC, file), 'utf8') })));
}

const importsOf = (text: string): string[] =>
  [...text.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)].map(([, , type, from]) => `${type === undefined ? '' : 'type '}${from}`);

test('the import scanner sees imports (so the checks below can fail)', () => {
  expect(importsOf("import * as fs from 'node:fs';\nimport type { X } from './x.js';\nexport { y } from '../tx/y.js';")).toEqual([
    'node:fs',
    'type ./x.js',
    '../tx/y.js',
  ]);
});

test('src/render reaches the disk only through the port, and never imports the writer', async () => {
  const all = await sources();
  expect(all.length).toBeGreaterThanOrEqual(8);
  for (const { file, text } of all) {
    for (const from of importsOf(text)) {
      expect(from, file).not.toMatch(/^(type )?(node:)?fs(\/promises)?$/);
      expect(from, file).not.toMatch(/\/tx\//);
    }
    expect(text, file).not.toMatch(/require\(|import\(\s*'(node:)?fs/);
  }
});

test('prettier is imported only lazily (type imports aside)', async () => {
  for (const { file, text } of await sources()) {
    expect(importsOf(text).filter((from) => from === 'prettier'), file).toEqual([]);
  }
  const format = (await sources()).find(({ file }) => file === 'format.ts');
  expect(format?.text).toContain("import('prettier')");
});
