/**
 * Lazy sources: an async iterable of changes is planned and staged in chunks as it is read, yet
 * commits as one transaction, and a failure anywhere in the stream leaves every file as it was.
 */
import * as fs from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/index.js';
import { batchWrite } from '../../src/index.js';
import { createFaultPort } from '../../src/fs/fault.js';
import { nodeFs } from '../../src/fs/node.js';
import { makeProject, read, snapshot, strays } from './project.js';

async function* changes(count: number, make: (i: number) => Change | Promise<Change>): AsyncGenerator<Change> {
  for (let i = 0; i < count; i++) yield await make(i);
}

describe('batchWrite from an async iterable', () => {
  it('commits a stream of more changes than one chunk as one transaction', async () => {
    const root = makeProject({ 'dir0/f0.txt': 'old' });
    const progress: string[] = [];
    const report = await batchWrite(changes(600, (i) => ({ path: `dir${i % 7}/f${i}.txt`, content: `file ${i}\n` })), {
      root,
      onProgress: (event) => progress.push(`${event.phase}:${event.staged}`),
    });
    expect(report.counts).toMatchObject({ created: 599, updated: 1 });
    expect(read(root, 'dir3/f598.txt')).toBe('file 598\n');
    expect(progress).toEqual(['staging:256', 'staging:512', 'staging:600', 'committing:600', 'done:600']);
    expect(strays(root)).toEqual([]);
  });

  it('lets a later change to the same path win, even across chunks', async () => {
    const root = makeProject({ 'same.txt': 'on disk' });
    const report = await batchWrite(
      changes(300, (i) => (i === 0 || i === 299 ? { path: 'target.txt', content: `write ${i}` } : i === 150 ? { path: 'same.txt', content: 'on disk' } : { path: `f${i}.txt`, content: 'x' })),
      { root },
    );
    expect(read(root, 'target.txt')).toBe('write 299');
    expect(report.files[0]).toMatchObject({ path: 'target.txt', status: 'skipped' });
    expect(report.files.at(-1)).toMatchObject({ path: 'target.txt', status: 'created' });
    expect(report.files[150]).toMatchObject({ path: 'same.txt', status: 'unchanged' });
    expect(strays(root)).toEqual([]);
  });

  it('withdraws a staged write that a later change makes a no-op', async () => {
    const root = makeProject({ 'a.txt': 'original' });
    const ino = fs.statSync(join(root, 'a.txt')).ino;
    const report = await batchWrite(
      changes(300, (i) => (i === 0 ? { path: 'a.txt', content: 'changed' } : i === 299 ? { path: 'a.txt', content: 'original' } : { path: `f${i}.txt`, content: 'x' })),
      { root },
    );
    expect(report.files.at(-1)).toMatchObject({ path: 'a.txt', status: 'unchanged' });
    expect(fs.statSync(join(root, 'a.txt')).ino).toBe(ino);
    expect(strays(root)).toEqual([]);
    const { undo } = await import('../../src/index.js');
    await undo(root);
    expect(read(root, 'a.txt')).toBe('original');
    expect(fs.existsSync(join(root, 'f1.txt'))).toBe(false);
  });

  it('a write replaced by a delete in a later chunk leaves no temp behind', async () => {
    const root = makeProject({ 'victim.txt': 'old' });
    const report = await batchWrite(
      changes(302, (i) => (i === 0 ? { path: 'victim.txt', content: 'new content\n' } : i === 301 ? { path: 'victim.txt', delete: true } : { path: `f/${i}.txt`, content: 'x' })),
      { root },
    );
    expect(report.counts).toMatchObject({ created: 300, deleted: 1, skipped: 1 });
    expect(fs.existsSync(join(root, 'victim.txt'))).toBe(false);
    expect(strays(root)).toEqual([]);
  });

  it('rolls everything back when a change late in the stream is bad', async () => {
    const root = makeProject({ 'a.txt': 'old' });
    const before = snapshot(root);
    await expect(batchWrite(changes(400, (i) => (i === 350 ? { path: '../escape.txt', content: 'x' } : { path: i === 0 ? 'a.txt' : `f${i}.txt`, content: 'new' })), { root })).rejects.toMatchObject({
      code: 'E_PATH_OUTSIDE_ROOT',
    });
    expect(snapshot(root)).toEqual(before);
    expect(strays(root)).toEqual([]);
  });

  it('rolls everything back when the source itself throws', async () => {
    const root = makeProject({ 'a.txt': 'old' });
    const before = snapshot(root);
    async function* failing(): AsyncGenerator<Change> {
      yield { path: 'a.txt', content: 'new' };
      for (let i = 0; i < 300; i++) yield { path: `f${i}.txt`, content: 'x' };
      throw new Error('the template failed to render');
    }
    await expect(batchWrite(failing(), { root })).rejects.toThrow('the template failed to render');
    expect(snapshot(root)).toEqual(before);
    expect(strays(root)).toEqual([]);
  });

  it('recovers a crash in the middle of a stream to the old state', async () => {
    const root = makeProject({ 'a.txt': 'old' });
    const before = snapshot(root);
    const port = createFaultPort(nodeFs, { rules: [{ at: 700, action: { kind: 'freeze' } }], identity: { pid: process.pid, startTime: 'gone', host: hostname() } });
    await expect(batchWrite(changes(500, (i) => ({ path: i === 0 ? 'a.txt' : `d/f${i}.txt`, content: 'new' })), { root, fs: port })).rejects.toThrow();
    const { recover } = await import('../../src/index.js');
    await recover(root);
    expect(snapshot(root)).toEqual(before);
    expect(strays(root)).toEqual([]);
  });

  it('writes nothing in a dry run of a stream', async () => {
    const root = makeProject();
    const report = await batchWrite(changes(300, (i) => ({ path: `f${i}.txt`, content: 'x' })), { root, dryRun: true });
    expect(report.counts.created).toBe(300);
    expect(snapshot(root)).toEqual({});
  });
});
