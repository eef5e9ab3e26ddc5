import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTar, templateEntries, writeTar } from '../../src/library/tar.js';
import { libraryLayers } from '../../src/library/locations.js';
import { tempDir } from './helpers.js';

const text = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);

describe('tar', () => {
  it('writes archives that tar reads, long paths (PAX) and modes included, and reads them back', () => {
    const long = `t/files/${'deep/'.repeat(30)}{{name}}.ts.hbs`;
    const files = [
      { path: 't/template.json', content: '{"name":"t"}' },
      { path: long, content: 'export {};\n' },
      { path: 't/files/run.sh', content: '#!/bin/sh\n', mode: 0o755 },
    ];
    const dir = tempDir();
    for (const gzip of [true, false]) {
      const archive = join(dir, gzip ? 'a.tgz' : 'a.tar');
      fs.writeFileSync(archive, writeTar(files, { gzip }));
      expect(execFileSync('tar', [gzip ? '-tzf' : '-tf', archive], { encoding: 'utf8' }).trim().split('\n')).toEqual(files.map((f) => f.path));
      const entries = readTar(fs.readFileSync(archive), archive);
      expect(entries.map(({ path, mode }) => [path, mode])).toEqual([
        ['t/template.json', 0o644],
        [long, 0o644],
        ['t/files/run.sh', 0o755],
      ]);
      expect(text(entries[1]?.content)).toBe('export {};\n');
    }
    // Deterministic: the same files make the same bytes.
    expect(Buffer.from(writeTar(files, { gzip: true })).equals(Buffer.from(writeTar(files, { gzip: true })))).toBe(true);
  });

  it('reads what GNU tar writes for long names, and strips the single top folder', () => {
    const dir = tempDir();
    const long = `${'x'.repeat(120)}.txt`;
    fs.mkdirSync(join(dir, 'src/package/files'), { recursive: true });
    fs.writeFileSync(join(dir, 'src/package/template.json'), '{"name":"p"}');
    fs.writeFileSync(join(dir, 'src/package/files', long), 'long');
    execFileSync('tar', ['-czf', join(dir, 'p.tgz'), '-C', join(dir, 'src'), 'package']);
    const entries = templateEntries(readTar(fs.readFileSync(join(dir, 'p.tgz')), 'p.tgz'), 'p.tgz');
    const file = entries.find((entry) => entry.path === `files/${long}`);
    expect(text(file?.content)).toBe('long');
    expect(entries.some((entry) => entry.path === 'template.json')).toBe(true);
  });
});

describe('layer folders', () => {
  it('keeps one layer per folder: the project folder of wopt itself is its built-in folder', () => {
    const layers = libraryLayers({ root: '/repo', env: {}, homeDir: '/home/a', builtinDir: '/repo/templates' });
    expect(layers.map(({ name, dir }) => [name, dir])).toEqual([
      ['project', '/repo/templates'],
      ['user', '/home/a/.config/wopt/templates'],
    ]);
    expect(libraryLayers({ root: '/repo', projectTemplates: '../shared/templates', builtinDir: false })).toEqual([
      { name: 'project', dir: '/shared/templates', writeRoot: '/shared' },
    ]);
  });
});
