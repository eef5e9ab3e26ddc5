/**
 * Concurrent wopt processes (reliability.md H7, matrix #29, #30, §2.1):
 * (a) 4 writers x 15 overlapping batches over the same 10 files, with an observer reading all the
 *     while: no two processes ever hold the lock (or commit) at once, every read is a whole file,
 *     and the end state is exactly one batch;
 * (b) a waiter with a short timeout fails with E_LOCKED naming the holder's pid and host;
 * (c) a dead owner's lock is taken over by exactly one of 4 waiters, and all 4 complete.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { batchWrite } from '../../src/index.js';
import { makeTempDir, removeDir } from '../helpers/fixtures.js';
import { checkInvariants, snapshotTree } from '../helpers/invariants.js';
import type { ChildResult } from '../helpers/process.js';
import { runJob, runNode, SOAK } from '../helpers/process.js';

const WRITER = fileURLToPath(new URL('./writer-child.mjs', import.meta.url));
const OBSERVER = fileURLToPath(new URL('./observer-child.mjs', import.meta.url));

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));
function tempRoot(prefix: string): string {
  const root = makeTempDir(prefix);
  dirs.push(root);
  return root;
}

interface Held {
  acquired: number;
  released: number;
  commit?: number;
}

const json = <T>(result: ChildResult): T => JSON.parse(result.stdout.trim().split('\n').at(-1) ?? 'null') as T;

describe('4 processes writing the same 10 files', () => {
  const writers = 4;
  const batches = SOAK ? 60 : 15;
  const files = 10;

  it(`${writers} x ${batches} batches: the lock is never held twice, reads are whole, the end is one batch`, async () => {
    const root = tempRoot('conc');
    const init = await runNode(WRITER, [root, 'init', '1', String(files)]);
    expect(json<{ failures: string[] }>(init).failures).toEqual([]);

    const stop = `${root}.stop`;
    dirs.push(stop);
    const observer = runNode(OBSERVER, [root, String(files), stop], { timeoutMs: 180_000 });
    const results = await Promise.all(
      Array.from({ length: writers }, (_, w) => runNode(WRITER, [root, `w${w}`, String(batches), String(files)], { timeoutMs: 180_000 })),
    );
    writeFileSync(stop, '');
    const seen = json<{ reads: number; torn: number; mixed: number; snapshots: number; examples: string[] }>(await observer);

    const logs = results.map((result) => json<{ writer: string; pid: number; events: Held[]; failures: string[] }>(result));
    for (const log of logs) {
      expect(log.failures, `writer ${log.writer}`).toEqual([]);
      expect(log.events.length, `writer ${log.writer} lock events`).toBe(batches);
      for (const held of log.events) {
        expect(held.commit, `writer ${log.writer}: a COMMIT outside its lock`).toBeGreaterThanOrEqual(held.acquired);
        expect(held.commit).toBeLessThanOrEqual(held.released);
      }
    }
    // No two holds overlap in time (CLOCK_MONOTONIC is one clock for every process).
    const holds = logs.flatMap((log) => log.events.map((held) => ({ ...held, writer: log.writer }))).sort((a, b) => a.acquired - b.acquired);
    const overlaps: string[] = [];
    for (let i = 1; i < holds.length; i++) {
      const previous = holds[i - 1] as Held & { writer: string };
      const next = holds[i] as Held & { writer: string };
      if (next.acquired < previous.released) {
        overlaps.push(`${next.writer} acquired at ${next.acquired.toFixed(3)} before ${previous.writer} released at ${previous.released.toFixed(3)}`);
      }
    }
    expect(overlaps).toEqual([]);
    expect(holds.length).toBe(writers * batches);

    // The end state is exactly one batch: every file carries the same tag, and it is the last commit.
    const tags = Array.from({ length: files }, (_, i) => /^tag (\S+)$/m.exec(readFileSync(`${root}/shared/f${i}.txt`, 'utf8'))?.[1]);
    expect(new Set(tags).size, `mixed end state: ${tags.join(' ')}`).toBe(1);
    const last = holds.at(-1) as Held & { writer: string };
    expect(tags[0]?.startsWith(`${last.writer}:`)).toBe(true);
    const snapshot = snapshotTree(root);
    expect(checkInvariants(root, snapshot, snapshot).violations).toEqual([]);

    expect(seen.torn, `torn reads: ${seen.examples.join('; ')}`).toBe(0);
    expect(seen.reads).toBeGreaterThan(0);
    console.info(`observer: ${seen.reads} reads, ${seen.snapshots} snapshots, ${seen.mixed} of them mixing batches mid-commit (allowed), 0 torn`);
  });
});

describe('a waiter with a short timeout', () => {
  it('fails with E_LOCKED naming the holder pid and host', async () => {
    const root = tempRoot('locked');
    // The holder parks inside its transaction (a hook sleeping before it creates its journal).
    let holderPid: number | undefined;
    let holding: () => void = () => undefined;
    const parked = new Promise<void>((resolve) => (holding = resolve));
    const holder = runJob(
      {
        action: 'batch',
        root,
        changes: [{ path: 'a.txt', content: 'held\n' }],
        options: {},
        hook: { at: 1, operations: ['mkdir'], path: '/\\.wopt/txn', command: 'echo HOLDING $PPID; sleep 2' },
      },
      {
        onStdout: (chunk) => {
          const match = /HOLDING (\d+)/.exec(chunk);
          if (match) {
            holderPid = Number(match[1]);
            holding();
          }
        },
      },
    );
    await parked;
    let holderDone = false;
    void holder.then(() => (holderDone = true));
    const error = await batchWrite([{ path: 'b.txt', content: 'waiter\n' }], { root, lockTimeoutMs: 300 }).then(
      () => undefined,
      (e: unknown) => e as { code: string; message: string },
    );
    // The waiter gave up on its own deadline, while the holder was still holding (not after it).
    expect(holderDone).toBe(false);
    expect(error?.code, error?.message).toBe('E_LOCKED');
    expect(error?.message).toContain(`pid ${holderPid}`);
    expect(error?.message).toContain(`host ${hostname()}`);
    const done = await holder;
    expect(done.outcome?.ok, done.stdout + done.stderr).toBe(true);
    expect(readFileSync(`${root}/a.txt`, 'utf8')).toBe('held\n');
  });
});

describe('a dead owner left its lock', () => {
  it('4 waiters all complete, and exactly one of them took the lock over', async () => {
    const root = tempRoot('stale');
    const dead = spawn(process.execPath, ['-e', '0']);
    const deadPid = await new Promise<number>((resolve) => dead.on('exit', () => resolve(dead.pid as number)));
    mkdirSync(`${root}/.wopt`);
    const record = { pid: deadPid, startTime: '1', host: hostname(), txid: undefined, since: new Date(Date.now() - 60_000).toISOString(), command: 'crashed' };
    writeFileSync(`${root}/.wopt/lock`, JSON.stringify(record));

    const runs = await Promise.all(
      Array.from({ length: 4 }, (_, w) =>
        runJob({
          action: 'batch',
          root,
          changes: [{ path: `w${w}.txt`, content: `waiter ${w}\n` }],
          options: { lockTimeoutMs: 30_000 },
          countRenames: 'lock\\.stale\\.',
        }),
      ),
    );
    for (const run of runs) expect(run.outcome?.ok, run.stdout + run.stderr).toBe(true);
    const takeovers = runs.map((run) => run.outcome?.renamed ?? 0);
    const attempts = runs.map((run) => run.outcome?.renameAttempts ?? 0);
    console.info(`stale lock: successful renames aside per waiter ${JSON.stringify(takeovers)}, attempts ${JSON.stringify(attempts)}`);
    expect(takeovers.reduce((a, b) => a + b, 0)).toBe(1);
    for (let w = 0; w < 4; w++) expect(readFileSync(`${root}/w${w}.txt`, 'utf8')).toBe(`waiter ${w}\n`);
    const snapshot = snapshotTree(root);
    expect(checkInvariants(root, snapshot, snapshot).violations).toEqual([]);
  });
});
