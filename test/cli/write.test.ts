import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cleanUp, hashTree, jsonl, project, read, run } from './helpers.js';

afterEach(cleanUp);

describe('wopt write', () => {
  it('writes a JSON array manifest and prints one summary line', async () => {
    const dir = project({
      'old.txt': 'old\n',
      'm.json': JSON.stringify([
        { path: 'src/a.ts', content: 'export const a = 1;\n' },
        { path: 'old.txt', content: 'new\n' },
        { path: 'bin/run', content: '#!/bin/sh\n', mode: '0755' },
      ]),
    });
    const result = await run(['write', 'm.json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^committed 3 files in \d+ ms \(created 2, updated 1, unchanged 0\) · \d+ fsyncs · txid \d{8}-\d{9}-[0-9a-f]{8}\n$/);
    expect(read(dir, 'src/a.ts')).toBe('export const a = 1;\n');
    expect(read(dir, 'old.txt')).toBe('new\n');
    expect(statSync(join(dir, 'bin/run')).mode & 0o777).toBe(0o755);
  });

  it('writes JSON Lines with base64, contentFile, delete and rename, resolving contentFile beside the manifest', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x10]);
    const dir = project({
      'gone.txt': 'bye\n',
      'before.txt': 'moving\n',
      'batches/payload.bin': Buffer.alloc(300_000, 7),
      'batches/m.jsonl': jsonl([
        { path: 'logo.png', content: png.toString('base64'), encoding: 'base64' },
        { path: 'data/payload.bin', contentFile: 'payload.bin', mode: 0o600 },
        { path: 'gone.txt', delete: true },
        { from: 'before.txt', to: 'after.txt' },
      ]) + '\n\n',
    });
    const result = await run(['write', 'batches/m.jsonl'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^committed 5 files .*\(created 3, updated 0, deleted 2, unchanged 0\)/);
    expect(readFileSync(join(dir, 'logo.png'))).toEqual(png);
    expect(readFileSync(join(dir, 'data/payload.bin'))).toEqual(Buffer.alloc(300_000, 7));
    expect(statSync(join(dir, 'data/payload.bin')).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dir, 'gone.txt'))).toBe(false);
    expect(existsSync(join(dir, 'before.txt'))).toBe(false);
    expect(read(dir, 'after.txt')).toBe('moving\n');
  });

  it('reads the manifest from stdin with -, resolving contentFile against the working directory', async () => {
    const dir = project({ 'parts/body.txt': 'from a file\n' });
    const stdin = jsonl([
      { path: 'out/a.txt', content: 'from stdin\n' },
      { path: 'out/b.txt', contentFile: 'parts/body.txt' },
    ]);
    const result = await run(['write', '-'], { cwd: dir, stdin });
    expect(result.code).toBe(0);
    expect(read(dir, 'out/a.txt')).toBe('from stdin\n');
    expect(read(dir, 'out/b.txt')).toBe('from a file\n');
  });

  it('writes under --root while reading the manifest relative to the working directory', async () => {
    const dir = project({ 'm.json': JSON.stringify([{ path: 'x.txt', content: 'x' }]), 'app/.keep': '' });
    const result = await run(['write', 'm.json', '--root', 'app'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(read(dir, 'app/x.txt')).toBe('x');
    expect(existsSync(join(dir, 'x.txt'))).toBe(false);
  });

  it('prints the BatchReport as JSON with --json', async () => {
    const dir = project({ 'm.json': JSON.stringify([{ path: 'a.txt', content: 'a' }, { path: 'b.txt', content: 'b' }]) });
    const result = await run(['write', 'm.json', '--json', '--durability', 'process', '--backup', '0'], { cwd: dir });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      dryRun: false,
      durability: 'process',
      fsyncs: 0,
      counts: { created: 2, updated: 0, deleted: 0, unchanged: 0, skipped: 0 },
      files: [
        { path: 'a.txt', status: 'created', bytes: 1 },
        { path: 'b.txt', status: 'created', bytes: 1 },
      ],
    });
    expect(report.txid).toMatch(/^\d{8}-\d{9}-[0-9a-f]{8}$/);
  });

  it('says when nothing needs writing', async () => {
    const dir = project({ 'a.txt': 'same\n', 'm.json': JSON.stringify([{ path: 'a.txt', content: 'same\n' }]) });
    const result = await run(['write', 'm.json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('nothing to write: 1 file already as asked (created 0, updated 0, unchanged 1)\n');
  });

  it('passes --on-existing and --strict to the writer', async () => {
    const dir = project({ 'a.txt': 'mine\n', 'm.json': JSON.stringify([{ path: 'a.txt', content: 'theirs\n' }, { path: 'b.txt', content: 'b' }]) });
    const keep = await run(['write', 'm.json', '--on-existing', 'keep'], { cwd: dir });
    expect(keep.code).toBe(0);
    expect(keep.stdout).toMatch(/\(created 1, updated 0, unchanged 0, skipped 1\)/);
    expect(read(dir, 'a.txt')).toBe('mine\n');

    const before = hashTree(dir, { exclude: ['.wopt'] });
    const refused = await run(['write', 'm.json', '--on-existing', 'error'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^wopt: "a.txt" already exists .*\[E_EXISTS\]\n$/);
    expect(hashTree(dir, { exclude: ['.wopt'] })).toBe(before);

    const dir2 = project({ 'm.json': JSON.stringify([{ path: 'a.txt', content: '1' }, { path: 'a.txt', content: '2' }]) });
    const strict = await run(['write', 'm.json', '--strict'], { cwd: dir2 });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('[E_DUPLICATE]');
    const lenient = await run(['write', 'm.json'], { cwd: dir2 });
    expect(lenient.code).toBe(0);
    expect(read(dir2, 'a.txt')).toBe('2');
  });

  it('refuses a path outside the root naming the manifest line, with exit 1 and nothing written', async () => {
    const dir = project({ 'm.jsonl': jsonl([{ path: 'ok.txt', content: 'x' }, { path: '../escape.txt', content: 'x' }]) });
    const before = hashTree(dir);
    const result = await run(['write', 'm.jsonl'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^wopt: Manifest "m.jsonl", line 2: Refusing to write "..\/escape.txt": .*\[E_PATH_OUTSIDE_ROOT\]\n$/);
    expect(hashTree(dir)).toBe(before);
  });

  it('reports a missing manifest file as one line, exit 1', async () => {
    const result = await run(['write', 'missing.json'], { cwd: project() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^wopt: read ".*missing.json" failed: it does not exist \(ENOENT\)\. \[E_NOT_FOUND\]\n$/);
  });
});

describe('bad manifests', () => {
  // Each is refused with E_MANIFEST, naming the manifest and the place, before anything is written.
  const cases: [name: string, file: string, text: string, where: RegExp][] = [
    ['empty', 'm.json', '  \n', /top level: it is empty/],
    ['broken JSON array', 'm.json', '[\n  {"path": "a", "content": "x"},\n  {"path": "b" "content": "y"}\n]', /line 3, column \d+: not valid JSON/],
    ['JSON that is not an array', 'm.json', '[1][', /not valid JSON/],
    ['pretty-printed single object', 'm.json', '{\n  "path": "a.txt",\n  "content": "x"\n}\n', /line 1: not valid JSON .*single JSON value \(an object\)/],
    ['broken JSON Lines', 'm.jsonl', '{"path":"a.txt","content":"x"}\n{"path":"b.txt",\n', /line 2: not valid JSON/],
    ['entry that is not an object', 'm.json', '["a.txt"]', /index 0: expected an object .*got string "a.txt"/],
    ['unknown key with a hint', 'm.jsonl', '{"path":"a.txt","contents":"x"}', /line 1: has unknown key "contents" \(did you mean "content"\?\)/],
    ['no content', 'm.jsonl', '{"path":"a.txt"}', /line 1: "a.txt" has no "content"/],
    ['no path', 'm.jsonl', '\n\n{"content":"x"}', /line 3: has no "path"/],
    ['content not a string', 'm.json', '[{"path":"a.txt","content":42}]', /index 0: "content" must be a string, got number 42/],
    ['both content and contentFile', 'm.jsonl', '{"path":"a.txt","content":"x","contentFile":"y"}', /line 1: has both "content" and "contentFile"/],
    ['bad base64', 'm.jsonl', '{"path":"a.bin","content":"not base64!","encoding":"base64"}', /line 1: "content" is not valid base64/],
    ['unknown encoding', 'm.jsonl', '{"path":"a.bin","content":"00ff","encoding":"hex"}', /line 1: "encoding" is "hex"/],
    ['lone surrogate', 'm.jsonl', '{"path":"a.txt","content":"\\ud800"}', /line 1: "content" has a lone UTF-16 surrogate/],
    ['bad mode', 'm.jsonl', '{"path":"a.txt","content":"x","mode":"rwxr-xr-x"}', /line 1: "mode" is "rwxr-xr-x"; give an octal string/],
    ['delete not true', 'm.jsonl', '{"path":"a.txt","delete":"yes"}', /line 1: "delete" is "yes"; write "delete": true/],
    ['delete mixed with content', 'm.jsonl', '{"path":"a.txt","delete":true,"content":"x"}', /line 1: mixes "delete" with "content"/],
    ['rename mixed with path', 'm.jsonl', '{"from":"a","to":"b","path":"c"}', /line 1: mixes a rename .* with "path"/],
    ['rename without to', 'm.jsonl', '{"from":"a"}', /line 1: has no "to"/],
    ['empty path', 'm.jsonl', '{"path":"","content":"x"}', /line 1: "path" must be a non-empty path/],
    ['missing contentFile', 'm.jsonl', '{"path":"a.txt","contentFile":"nope.txt"}', /line 1: contentFile ".*\/nope.txt" does not exist/],
    ['contentFile that is a directory', 'm.jsonl', '{"path":"a.txt","contentFile":"sub"}', /line 1: contentFile ".*\/sub" is a directory/],
  ];

  it.each(cases)('refuses %s with E_MANIFEST and changes nothing', async (_name, file, text, where) => {
    const dir = project({ 'existing.txt': 'keep me\n', 'sub/.keep': '', [file]: text });
    const before = hashTree(dir);
    const result = await run(['write', file], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^wopt: Manifest "${file.replace('.', '\\.')}", `));
    expect(result.stderr).toMatch(where);
    expect(result.stderr).toMatch(/\[E_MANIFEST\]\n$/);
    expect(result.stderr.split('\n')).toHaveLength(2);
    expect(hashTree(dir)).toBe(before);
  });

  it('names every malformed entry, not just the first', async () => {
    const dir = project({ 'm.jsonl': jsonl([{ path: 'a', content: 1 }, { path: 'b', content: 'ok' }, { path: 'c' }, { pth: 'd' }]) });
    const result = await run(['write', 'm.jsonl'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/line 1: "content" must be a string.*; 2 more malformed entries \(line 3, line 4\); nothing was written/);
  });

  it('refuses a manifest from stdin that is not UTF-8', async () => {
    const dir = project();
    const result = await run(['write', '-'], { cwd: dir, stdin: Buffer.from([0x5b, 0xff, 0xfe, 0x5d]) });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^wopt: Manifest "<stdin>" is not valid UTF-8 text.*\[E_MANIFEST\]\n$/);
  });

  it('accepts an empty array as an empty batch', async () => {
    const result = await run(['write', 'm.json'], { cwd: project({ 'm.json': '[]' }) });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^nothing to write: 0 files/);
  });
});

describe('wopt write --dry-run', () => {
  it('prints the plan and a unified diff of every change, and writes nothing', async () => {
    const dir = project({
      'keep.txt': 'one\ntwo\nthree\n',
      'crlf.txt': 'a\r\nb\r\n',
      'gone.txt': 'bye\n',
      'same.txt': 'same\n',
      'img.bin': Buffer.from([0, 1, 2, 3]),
      'm.json': JSON.stringify([
        { path: 'keep.txt', content: 'one\nTWO\nthree\n' },
        { path: 'crlf.txt', content: 'a\nB\n' },
        { path: 'new/file.txt', content: 'hello\n' },
        { path: 'gone.txt', delete: true },
        { path: 'same.txt', content: 'same\n' },
        { path: 'img.bin', content: Buffer.from([9, 0, 9]).toString('base64'), encoding: 'base64' },
      ]),
    });
    const before = hashTree(dir);
    const result = await run(['write', 'm.json', '--dry-run'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(hashTree(dir)).toBe(before);
    const out = result.stdout;
    expect(out).toMatch(/^dry run: would commit 5 files in .* \(created 1, updated 3, deleted 1, unchanged 1\); nothing was written\n/);
    expect(out).toContain('  updated    keep.txt\n');
    expect(out).toContain('  unchanged  same.txt\n');
    expect(out).toContain('--- a/keep.txt\n+++ b/keep.txt\n@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three\n');
    // The writer keeps CRLF line endings, so the diff shows only the real change.
    expect(out).toContain('--- a/crlf.txt\n+++ b/crlf.txt\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+B\r\n');
    expect(out).toContain('--- /dev/null\n+++ b/new/file.txt\n@@ -0,0 +1 @@\n+hello\n');
    expect(out).toContain('--- a/gone.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n');
    expect(out).toContain('--- a/img.bin\n+++ b/img.bin\n(binary, 4 bytes → binary, 3 bytes)\n');
    expect(out).not.toContain('a/same.txt');
  });

  it('diffs contentFile entries and shows renames', async () => {
    const dir = project({ 'src.txt': 'x\n', 'dest.txt': 'old\n', 'tpl.txt': 'from template\n', 'm.jsonl': jsonl([{ from: 'src.txt', to: 'moved.txt' }, { path: 'dest.txt', contentFile: 'tpl.txt' }]) });
    const before = hashTree(dir);
    const result = await run(['write', 'm.jsonl', '--dry-run'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(hashTree(dir)).toBe(before);
    expect(result.stdout).toContain('rename src.txt → moved.txt\n');
    expect(result.stdout).toContain('--- a/dest.txt\n+++ b/dest.txt\n@@ -1 +1 @@\n-old\n+from template\n');
  });

  it('prints the report as JSON with --json', async () => {
    const dir = project({ 'm.json': JSON.stringify([{ path: 'a.txt', content: 'a' }]) });
    const before = hashTree(dir);
    const result = await run(['write', 'm.json', '--dry-run', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ dryRun: true, txid: null, recovered: null, counts: { created: 1 } });
    expect(hashTree(dir)).toBe(before);
  });
});
