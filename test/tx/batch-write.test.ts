import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchWrite, isWoptError } from '../../src/index.js';
import { exists, makeProject, read, snapshot, strays } from './project.js';

describe('batchWrite', () => {
  it('creates, updates, deletes and renames in one transaction and reports each file', async () => {
    const root = makeProject({ 'a.txt': 'old a', 'gone.txt': 'bye', 'move/me.txt': 'moving' });
    const report = await batchWrite(
      [
        { path: 'a.txt', content: 'new a' },
        { path: 'deep/new/dir/b.txt', content: Buffer.from([0xff, 0xfe, 0x00, 0x01]) },
        { path: 'gone.txt', delete: true },
        { from: 'move/me.txt', to: 'moved/me.txt' },
      ],
      { root, backup: 0 },
    );
    expect(report.files).toEqual([
      { path: 'a.txt', status: 'updated', bytes: 5 },
      { path: 'deep/new/dir/b.txt', status: 'created', bytes: 4 },
      { path: 'gone.txt', status: 'deleted', bytes: 0 },
      { path: 'moved/me.txt', status: 'created', bytes: 6, renamedFrom: 'move/me.txt' },
      { path: 'move/me.txt', status: 'deleted', bytes: 0 },
    ]);
    expect(report.counts).toEqual({ created: 2, updated: 1, deleted: 2, unchanged: 0, skipped: 0 });
    expect(report.txid).toMatch(/^\d{8}-\d{9}-[0-9a-f]{8}$/);
    expect(read(root, 'a.txt')).toBe('new a');
    expect(fs.readFileSync(join(root, 'deep/new/dir/b.txt'))).toEqual(Buffer.from([0xff, 0xfe, 0x00, 0x01]));
    expect(exists(root, 'gone.txt')).toBe(false);
    expect(read(root, 'moved/me.txt')).toBe('moving');
    expect(exists(root, 'move/me.txt')).toBe(false);
    expect(strays(root)).toEqual([]);
    expect(fs.readdirSync(join(root, '.wopt/txn'))).toEqual([]);
  });

  it('coalesces repeated writes to one path: the last wins', async () => {
    const root = makeProject();
    const report = await batchWrite(
      [
        { path: 'x.txt', content: 'first' },
        { path: 'x.txt', content: 'second' },
        { path: './x.txt', content: 'third' },
      ],
      { root },
    );
    expect(read(root, 'x.txt')).toBe('third');
    expect(report.counts.created).toBe(1);
    expect(report.counts.skipped).toBe(2);
  });

  it('refuses repeated writes in strict mode, writing nothing', async () => {
    const root = makeProject();
    await expect(batchWrite([{ path: 'x.txt', content: '1' }, { path: 'x.txt', content: '2' }], { root, strict: true })).rejects.toMatchObject({
      code: 'E_DUPLICATE',
    });
    expect(snapshot(root)).toEqual({});
  });

  it('skips writes that change nothing: no rename, no fsync, mtime kept', async () => {
    const root = makeProject({ 'same.txt': 'same', 'other.txt': 'x' });
    const past = new Date('2020-01-01T00:00:00Z');
    fs.utimesSync(join(root, 'same.txt'), past, past);
    const inode = fs.statSync(join(root, 'same.txt')).ino;
    const report = await batchWrite([{ path: 'same.txt', content: 'same' }], { root });
    expect(report.counts.unchanged).toBe(1);
    expect(report.fsyncs).toBe(0);
    expect(report.txid).toBeUndefined();
    const stat = fs.statSync(join(root, 'same.txt'));
    expect(stat.mtimeMs).toBe(past.getTime());
    expect(stat.ino).toBe(inode);
  });

  it('skips streamed content identical to the file once staged', async () => {
    const root = makeProject({ 'big.txt': 'abcdef' });
    const inode = fs.statSync(join(root, 'big.txt')).ino;
    const report = await batchWrite([{ path: 'big.txt', content: ['abc', Buffer.from('def')] }], { root });
    expect(report.files[0]?.status).toBe('unchanged');
    expect(fs.statSync(join(root, 'big.txt')).ino).toBe(inode);
    expect(strays(root)).toEqual([]);
  });

  it('writes async-iterable content and empty content', async () => {
    const root = makeProject();
    async function* chunks(): AsyncGenerator<string | Uint8Array> {
      for (let i = 0; i < 100; i++) yield i % 2 ? `line ${i}\n` : Buffer.from(`line ${i}\n`);
    }
    await batchWrite([{ path: 's.txt', content: chunks() }, { path: 'empty.txt', content: '' }, { path: 'emptybuf', content: Buffer.alloc(0) }], { root });
    expect(read(root, 's.txt').split('\n')).toHaveLength(101);
    expect(read(root, 'empty.txt')).toBe('');
    expect(fs.statSync(join(root, 'emptybuf')).size).toBe(0);
  });

  it('keeps CRLF line endings, a BOM and the mode of an existing file', async () => {
    const root = makeProject({ 'win.txt': '\uFEFFone\r\ntwo\r\n', 'run.sh': { mode: 0o755, content: 'echo old\n' } });
    await batchWrite([{ path: 'win.txt', content: 'uno\ndos\n' }, { path: 'run.sh', content: 'echo new\n' }], { root });
    expect(fs.readFileSync(join(root, 'win.txt'))).toEqual(Buffer.from('\uFEFFuno\r\ndos\r\n'));
    expect(fs.statSync(join(root, 'run.sh')).mode & 0o777).toBe(0o755);
  });

  it('writes as given when told not to preserve', async () => {
    const root = makeProject({ 'win.txt': '\uFEFFone\r\ntwo\r\n', 'run.sh': { mode: 0o755, content: 'echo old\n' } });
    await batchWrite([{ path: 'win.txt', content: 'uno\ndos\n' }, { path: 'run.sh', content: 'x', mode: 0o600 }], {
      root,
      preserve: { eol: false, bom: false },
    });
    expect(read(root, 'win.txt')).toBe('uno\ndos\n');
    expect(fs.statSync(join(root, 'run.sh')).mode & 0o777).toBe(0o600);
  });

  it('does not mix line endings when the new text already has CRLF', async () => {
    const root = makeProject({ 'win.txt': 'a\r\nb\r\n' });
    await batchWrite([{ path: 'win.txt', content: 'x\r\ny\n' }], { root });
    expect(read(root, 'win.txt')).toBe('x\r\ny\n');
  });

  it('honours onExisting keep and error', async () => {
    const root = makeProject({ 'a.txt': 'old' });
    const kept = await batchWrite([{ path: 'a.txt', content: 'new' }, { path: 'b.txt', content: 'b' }], { root, onExisting: 'keep' });
    expect(kept.files.map((f) => f.status)).toEqual(['skipped', 'created']);
    expect(read(root, 'a.txt')).toBe('old');
    const before = snapshot(root);
    await expect(batchWrite([{ path: 'c.txt', content: 'c' }, { path: 'a.txt', content: 'new' }], { root, onExisting: 'error' })).rejects.toMatchObject({
      code: 'E_EXISTS',
      path: 'a.txt',
    });
    expect(snapshot(root)).toEqual(before);
  });

  it('writes through a symlink inside the root and keeps the link', async () => {
    const root = makeProject({ 'real/gen.ts': 'old', 'src/gen.ts': { link: '../real/gen.ts' } });
    await batchWrite([{ path: 'src/gen.ts', content: 'new' }], { root });
    expect(fs.lstatSync(join(root, 'src/gen.ts')).isSymbolicLink()).toBe(true);
    expect(read(root, 'real/gen.ts')).toBe('new');
  });

  it('deletes a symlink itself, not what it points to', async () => {
    const root = makeProject({ 'real.txt': 'keep me', 'link.txt': { link: 'real.txt' } });
    await batchWrite([{ path: 'link.txt', delete: true }], { root });
    expect(exists(root, 'link.txt')).toBe(false);
    expect(read(root, 'real.txt')).toBe('keep me');
  });

  it('reports deleting an absent file as unchanged', async () => {
    const root = makeProject();
    const report = await batchWrite([{ path: 'nope.txt', delete: true }], { root });
    expect(report.files).toEqual([{ path: 'nope.txt', status: 'unchanged', bytes: 0, note: 'already absent' }]);
  });

  it('plans without writing in a dry run', async () => {
    const root = makeProject({ 'a.txt': 'old' });
    const before = snapshot(root);
    const report = await batchWrite([{ path: 'a.txt', content: 'new' }, { path: 'n/b.txt', content: 'b' }], { root, dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.counts).toMatchObject({ created: 1, updated: 1 });
    expect(snapshot(root)).toEqual(before);
    expect(exists(root, '.wopt')).toBe(false);
  });

  it('rolls back when aborted by its signal', async () => {
    const root = makeProject({ 'a.txt': 'old' });
    const before = snapshot(root);
    const controller = new AbortController();
    async function* slow(): AsyncGenerator<string> {
      yield 'partial';
      controller.abort(new Error('user pressed ^C'));
      yield 'more';
    }
    await expect(batchWrite([{ path: 'a.txt', content: 'new' }, { path: 'b.txt', content: slow() }], { root, signal: controller.signal })).rejects.toMatchObject({
      code: 'E_ABORTED',
      rolledBack: true,
    });
    expect(snapshot(root)).toEqual(before);
    expect(strays(root)).toEqual([]);
  });

  it('rolls back when the content iterable throws, and keeps its error', async () => {
    const root = makeProject({ 'a.txt': 'old' });
    const before = snapshot(root);
    async function* broken(): AsyncGenerator<string> {
      yield 'x';
      throw new Error('generator failed');
    }
    await expect(batchWrite([{ path: 'a.txt', content: 'new' }, { path: 'b.txt', content: broken() }], { root })).rejects.toThrow('generator failed');
    expect(snapshot(root)).toEqual(before);
    expect(strays(root)).toEqual([]);
  });

  it('reports fsyncs, bytes, duration and memory', async () => {
    const root = makeProject();
    const report = await batchWrite([{ path: 'a.txt', content: 'hello' }], { root });
    expect(report.bytesWritten).toBe(5);
    expect(report.fsyncs).toBeGreaterThan(0);
    expect(report.durationMs).toBeGreaterThan(0);
    expect(typeof report.peakRssDeltaBytes).toBe('number');
    const none = await batchWrite([{ path: 'b.txt', content: 'hello' }], { root, durability: 'process' });
    expect(none.fsyncs).toBe(0);
  });

  it('validates options with a clear error', async () => {
    const root = makeProject();
    await expect(batchWrite([], { root, durability: 'fast' as never })).rejects.toThrow(/durability.*"full", "process", "none"/);
    await expect(batchWrite([], { root, concurrency: 0 })).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
    await expect(batchWrite([], { root: join(root, 'missing') })).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
  });

  it('returns an empty report for an empty batch', async () => {
    const root = makeProject();
    const report = await batchWrite([], { root });
    expect(report.files).toEqual([]);
    expect(report.txid).toBeUndefined();
    expect(isWoptError(new Error('x'))).toBe(false);
  });
});
