import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchWrite, recover, status, undo } from '../../src/index.js';
import { createFaultPort } from '../../src/fs/fault.js';
import { nodeFs } from '../../src/fs/node.js';
import { makeProject, read, snapshot, strays } from './project.js';

describe('undo', () => {
  it('restores the files of the last transaction: content, mode, existence', async () => {
    const root = makeProject({ 'a.txt': 'old a', 'run.sh': { mode: 0o755, content: 'old' }, 'gone.txt': 'bye', 'move.txt': 'm' });
    const before = snapshot(root);
    const report = await batchWrite(
      [
        { path: 'a.txt', content: 'new a' },
        { path: 'run.sh', content: 'new', mode: 0o700 },
        { path: 'gone.txt', delete: true },
        { path: 'new/dir/c.txt', content: 'c' },
        { from: 'move.txt', to: 'moved.txt' },
      ],
      { root },
    );
    expect((await status(root)).kept.map((t) => t.txid)).toEqual([report.txid]);
    const undone = await undo(root);
    expect(undone.counts).toMatchObject({ created: 2, updated: 2, deleted: 2 });
    expect(snapshot(root)).toEqual(before);
    expect(strays(root)).toEqual([]);
    expect((await status(root)).kept).toEqual([]);
    await expect(undo(root)).rejects.toMatchObject({ code: 'E_NOTHING_TO_UNDO' });
  });

  it('keeps the last K transactions and undoes a named one', async () => {
    const root = makeProject({ 'a.txt': '0' });
    const ids: (string | undefined)[] = [];
    for (let i = 1; i <= 4; i++) ids.push((await batchWrite([{ path: 'a.txt', content: String(i) }], { root, backup: 2 })).txid);
    expect((await status(root)).kept.map((t) => t.txid)).toEqual(ids.slice(2));
    await expect(undo(root, ids[0])).rejects.toMatchObject({ code: 'E_NOTHING_TO_UNDO' });
    await undo(root, ids[3]);
    expect(read(root, 'a.txt')).toBe('3');
  });

  it('refuses, naming the files, when a file changed since', async () => {
    const root = makeProject({ 'a.txt': 'old', 'b.txt': 'old' });
    await batchWrite([{ path: 'a.txt', content: 'new' }, { path: 'b.txt', content: 'new' }, { path: 'c.txt', content: 'new' }], { root });
    fs.writeFileSync(join(root, 'b.txt'), 'user edit');
    fs.rmSync(join(root, 'c.txt'));
    const attempt = undo(root);
    await expect(attempt).rejects.toMatchObject({ code: 'E_CONFLICT', paths: ['b.txt', 'c.txt'] });
    expect(read(root, 'a.txt')).toBe('new');
    expect(read(root, 'b.txt')).toBe('user edit');
  });

  it('detects an in-place edit that kept the inode and size', async () => {
    const root = makeProject({ 'a.txt': 'old' });
    await batchWrite([{ path: 'a.txt', content: 'new' }], { root });
    const handle = fs.openSync(join(root, 'a.txt'), 'r+');
    fs.writeSync(handle, 'NEW', 0);
    fs.closeSync(handle);
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(join(root, 'a.txt'), later, later);
    await expect(undo(root)).rejects.toMatchObject({ code: 'E_CONFLICT' });
  });

  it('keeps nothing with backup 0', async () => {
    const root = makeProject({ 'a.txt': 'old' });
    await batchWrite([{ path: 'a.txt', content: 'new' }], { root, backup: 0 });
    expect((await status(root)).kept).toEqual([]);
    expect(fs.readdirSync(join(root, '.wopt/txn'))).toEqual([]);
  });
});

describe('status and recover', () => {
  it('shows a pending transaction and the dead holder of the lock, then recover clears both', async () => {
    const root = makeProject({ 'a.txt': 'old' });
    const before = snapshot(root);
    const port = createFaultPort(nodeFs, {
      rules: [{ at: 1, operations: ['rename'], action: { kind: 'freeze' } }],
      identity: { pid: process.pid, startTime: 'gone', host: hostname() },
    });
    await expect(batchWrite([{ path: 'a.txt', content: 'new' }, { path: 'b.txt', content: 'b' }], { root, fs: port })).rejects.toMatchObject({
      code: 'E_RECOVERY_NEEDED',
    });
    const pending = await status(root);
    expect(pending.pending).toHaveLength(1);
    expect(pending.pending[0]?.files).toEqual(['a.txt', 'b.txt']);
    expect(pending.lock).toMatchObject({ pid: process.pid, alive: false });

    const report = await recover(root);
    expect(report.transactions).toMatchObject([{ outcome: 'rolled-back', files: 2 }]);
    expect(snapshot(root)).toEqual(before);
    expect(await status(root)).toMatchObject({ pending: [], lock: undefined, damaged: [] });
    expect((await recover(root)).transactions).toEqual([]);
  });

  it('recovers before the next batch runs', async () => {
    const root = makeProject({ 'a.txt': 'old' });
    const port = createFaultPort(nodeFs, {
      rules: [{ at: 1, operations: ['rename'], action: { kind: 'freeze' } }],
      identity: { pid: process.pid, startTime: 'gone', host: hostname() },
    });
    await expect(batchWrite([{ path: 'a.txt', content: 'new' }], { root, fs: port })).rejects.toThrow();
    const next = await batchWrite([{ path: 'b.txt', content: 'b' }], { root });
    expect(next.recovered?.transactions).toMatchObject([{ outcome: 'rolled-back' }]);
    expect(read(root, 'a.txt')).toBe('old');
    expect(read(root, 'b.txt')).toBe('b');
  });

  it('waits for a live holder and names it when the wait runs out', async () => {
    const root = makeProject();
    fs.mkdirSync(join(root, '.wopt'));
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      const stat = fs.readFileSync(`/proc/${holder.pid}/stat`, 'utf8');
      const startTime = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
      const record = { pid: holder.pid, startTime, host: hostname(), since: '2026-01-01T00:00:00.000Z', command: 'wopt write big.json' };
      fs.writeFileSync(join(root, '.wopt/lock'), JSON.stringify(record));
      await expect(batchWrite([{ path: 'a.txt', content: 'x' }], { root, lockTimeoutMs: 50 })).rejects.toThrow(
        new RegExp(`locked by pid ${holder.pid} on host ${hostname()} since 2026-01-01T00:00:00.000Z running "wopt write big.json"`),
      );
      expect(fs.existsSync(join(root, 'a.txt'))).toBe(false);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('clears a takeover guard left by a dead process, then takes the dead holder\'s lock over', async () => {
    const root = makeProject();
    fs.mkdirSync(join(root, '.wopt'));
    const dead = { pid: 999_999, startTime: '1', host: hostname(), since: '2020-01-01T00:00:00.000Z', command: 'crashed' };
    fs.writeFileSync(join(root, '.wopt/lock'), JSON.stringify(dead));
    fs.writeFileSync(join(root, '.wopt/lock.takeover'), JSON.stringify({ ...dead, command: 'lock takeover' }));
    await batchWrite([{ path: 'a.txt', content: 'x' }], { root, lockTimeoutMs: 2000 });
    expect(read(root, 'a.txt')).toBe('x');
    expect(fs.readdirSync(join(root, '.wopt')).filter((name) => name.startsWith('lock'))).toEqual([]);
  });

  it('takes back a lock this process left behind when releasing it failed', async () => {
    const root = makeProject({ 'a.txt': 'old' });
    const port = createFaultPort(nodeFs, { rules: [{ at: 1, persist: true, operations: ['unlink'], path: /\.wopt\/lock$/, action: { kind: 'errno', errno: 'EIO' } }] });
    await batchWrite([{ path: 'a.txt', content: 'new' }], { root, fs: port });
    expect(fs.existsSync(join(root, '.wopt/lock'))).toBe(true);
    await batchWrite([{ path: 'a.txt', content: 'newer' }], { root, lockTimeoutMs: 100 });
    expect(read(root, 'a.txt')).toBe('newer');
  });

  it('moves a file it cannot prove is its own to .wopt/conflicts and reports it', async () => {
    const root = makeProject({ 'a.txt': 'old' });
    const port = createFaultPort(nodeFs, {
      // Journal writes: BEGIN, PREPARED, COMMIT. Dying at the third leaves every rename done, uncommitted.
      rules: [{ at: 3, operations: ['write'], path: /journal$/, action: { kind: 'freeze' } }],
      identity: { pid: process.pid, startTime: 'gone', host: hostname() },
    });
    await expect(batchWrite([{ path: 'a.txt', content: 'new' }], { root, fs: port, durability: 'full' })).rejects.toThrow();
    expect(read(root, 'a.txt')).toBe('new');
    // Someone replaces the file (a new inode) before recovery runs.
    fs.writeFileSync(join(root, 'a.txt.tmp'), 'written by an editor');
    fs.renameSync(join(root, 'a.txt.tmp'), join(root, 'a.txt'));
    const report = await recover(root);
    expect(report.conflicts).toEqual(['a.txt']);
    expect(read(root, 'a.txt')).toBe('old');
    const [txid] = fs.readdirSync(join(root, '.wopt/conflicts'));
    expect(fs.readFileSync(join(root, '.wopt/conflicts', txid as string, 'a.txt'), 'utf8')).toBe('written by an editor');
  });
});
