import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNodeFs } from '../../src/fs/node.js';
import { readTemplateFolder, templateToChanges } from '../../src/library/folder.js';
import { batchWrite } from '../../src/tx/batch-write.js';
import { readFiles, rejection, tempDir, writeFiles } from './helpers.js';

const nodeFs = createNodeFs();

const manifest = { name: 'card', description: 'A card', version: '1.0.0', params: { name: { type: 'string' } } };


describe('template folders', () => {
  it('reads template.json, README.md and every file below files/ with its mode', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'template.json': JSON.stringify(manifest),
      'README.md': '# card\n',
      'files/src/{{kebabCase name}}.ts.hbs': 'export const {{camelCase name}} = 1;\n',
      'files/bin/{{name}}.sh': ['#!/bin/sh\necho {{name}}\n', 0o755],
      'files/.gitignore': 'dist\n',
    });
    const folder = await readTemplateFolder(nodeFs, dir);
    expect(folder.manifest).toEqual(manifest);
    expect(folder.readme).toBe('# card\n');
    expect(folder.files).toEqual([
      { path: '.gitignore', content: 'dist\n' },
      { path: 'bin/{{name}}.sh', content: '#!/bin/sh\necho {{name}}\n', mode: 0o755 },
      { path: 'src/{{kebabCase name}}.ts.hbs', content: 'export const {{camelCase name}} = 1;\n' },
    ]);
    expect(folder.warnings).toEqual([]);
  });

  it('round-trips through templateToChanges and batchWrite, modes included', async () => {
    const source = tempDir();
    writeFiles(source, {
      'template.json': JSON.stringify(manifest),
      'files/a.txt.hbs': 'A {{name}}\n',
      'files/nested/deep/run.sh': ['#!/bin/sh\n', 0o700],
    });
    const template = await readTemplateFolder(nodeFs, source);
    const target = tempDir();
    await batchWrite(templateToChanges(template, 'out/card'), { root: target, fs: nodeFs });
    const again = await readTemplateFolder(nodeFs, join(target, 'out/card'));
    expect({ manifest: again.manifest, files: again.files }).toEqual({ manifest: template.manifest, files: template.files });
    expect(fs.statSync(join(target, 'out/card/files/nested/deep/run.sh')).mode & 0o777).toBe(0o755);
    expect(fs.statSync(join(target, 'out/card/files/a.txt.hbs')).mode & 0o777).toBe(0o644);
    expect(readFiles(join(target, 'out/card'))['template.json']).toBe(`${JSON.stringify(manifest, null, 2)}\n`);
  });

  it('reports files outside files/ and empty directories as warnings, ignoring nothing silently', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'template.json': JSON.stringify(manifest), 'files/a.ts': 'a', 'notes.txt': 'todo' });
    fs.mkdirSync(join(dir, 'files/empty'));
    const folder = await readTemplateFolder(nodeFs, dir);
    expect(folder.warnings).toEqual([
      '"files/empty" is an empty directory; it is not part of the template (templates hold files). Put a file in it (e.g. .gitkeep) or delete it.',
      '"notes.txt" is outside files/ and is not part of the template (a template folder holds template.json, README.md and files/**). Move it into files/ to generate it, or delete it.',
    ]);
  });

  it('refuses a symbolic link below files/', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'template.json': JSON.stringify(manifest), 'files/a.ts': 'a' });
    fs.symlinkSync('a.ts', join(dir, 'files/b.ts'));
    const error = await rejection(() => readTemplateFolder(nodeFs, dir));
    expect(error.code).toBe('E_TEMPLATE_INVALID');
    expect(error.message).toContain('"files/b.ts" is a symbolic link');
  });

  it('refuses a file that is not UTF-8 text', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'template.json': JSON.stringify(manifest) });
    fs.mkdirSync(join(dir, 'files'));
    fs.writeFileSync(join(dir, 'files/logo.png'), Buffer.from([0x89, 0x50, 0xff, 0xfe, 0x00]));
    expect((await rejection(() => readTemplateFolder(nodeFs, dir))).message).toContain('"files/logo.png" is not UTF-8 text');
  });

  it('names the file and the JSON path when template.json is invalid, and says when it is missing', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'template.json': JSON.stringify({ name: 'card', params: { n: { type: 'string', default: 1 } } }) });
    const error = await rejection(() => readTemplateFolder(nodeFs, dir));
    expect(error.code).toBe('E_TEMPLATE_INVALID');
    expect(error.message).toContain(`${JSON.stringify(join(dir, 'template.json'))}, params.n.default: must be a string like the param`);
    const empty = tempDir();
    writeFiles(empty, { 'files/a.ts': 'a' });
    expect((await rejection(() => readTemplateFolder(nodeFs, empty))).message).toContain('has no template.json');
  });
});
