/**
 * The k-th-operation fault loop (reliability.md H1–H3, rows 1, 3, 4, 9, 10): a 20-file batch with
 * creates, updates, deletes and a rename fails at operation k, for every k, once and forever, and
 * "crashes" at k (every later operation fails, as if the process died there). After recovery every
 * file is entirely old or entirely new, the batch uniform, nothing left behind, and a second
 * recovery changes nothing. Then the same with a second fault during the rollback or the recovery.
 */
import * as fs from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/index.js';
import { batchWrite, recover } from '../../src/index.js';
import type { FaultRule } from '../../src/fs/fault.js';
import { createFaultPort } from '../../src/fs/fault.js';
import { nodeFs } from '../../src/fs/node.js';
import type { Durability } from '../../src/tx/journal.js';
import type { Spec } from './project.js';
import { makeProject, snapshot, strays } from './project.js';

const before: Spec = {
  'keep.txt': 'untouched',
  'src/u0.ts': 'update me 0',
  'src/u1.ts': 'update me 1',
  'src/u2.ts': 'update me 2',
  'lib/u3.ts': 'update me 3',
  'lib/u4.ts': { mode: 0o755, content: 'update me 4' },
  'lib/u5.ts': 'update me 5',
  'old/d0.txt': 'delete me 0',
  'old/d1.txt': 'delete me 1',
  'old/d2.txt': 'delete me 2',
  'src/d3.txt': 'delete me 3',
  'src/r.ts': 'rename me',
};

const batch: Change[] = [
  ...[0, 1, 2].map((i) => ({ path: `src/u${i}.ts`, content: `updated ${i}\n`.repeat(i + 1) })),
  ...[3, 4, 5].map((i) => ({ path: `lib/u${i}.ts`, content: `updated ${i}\n` })),
  ...[0, 1, 2].map((i) => ({ path: `old/d${i}.txt`, delete: true as const })),
  { path: 'src/d3.txt', delete: true },
  ...[0, 1, 2, 3, 4].map((i) => ({ path: `src/c${i}.ts`, content: `created ${i}\n` })),
  ...[0, 1, 2, 3].map((i) => ({ path: `gen/new${i % 2}/n${i}.ts`, content: `new folder ${i}\n` })),
  { from: 'src/r.ts', to: 'moved/r.ts' },
];

/** A made-up identity, so the lock a frozen batch leaves behind belongs to a dead process. */
const deadProcess = { pid: process.pid, startTime: 'died', host: hostname() };

const expectedAfter = (() => {
  const cache = new Map<Durability, Promise<ReturnType<typeof snapshot>>>();
  return (durability: Durability) => {
    let result = cache.get(durability);
    if (!result) {
      result = (async () => {
        const root = makeProject(before);
        await batchWrite(batch, { root, durability });
        return snapshot(root);
      })();
      cache.set(durability, result);
    }
    return result;
  };
})();

interface Outcome {
  readonly fired: boolean;
  readonly succeeded: boolean;
  readonly error?: unknown;
}

async function runWithFaults(root: string, rules: FaultRule[], durability: Durability): Promise<Outcome> {
  const port = createFaultPort(nodeFs, { rules, identity: deadProcess });
  try {
    await batchWrite(batch, { root, durability, fs: port, lockTimeoutMs: 0 });
    return { fired: port.counters.fired > 0, succeeded: true };
  } catch (error) {
    return { fired: port.counters.fired > 0, succeeded: false, error };
  }
}

/** Recovers with a clean port and checks the invariants of reliability.md H3. */
async function checkRecovered(root: string, outcome: Outcome, durability: Durability, label: string): Promise<void> {
  await recover(root);
  const state = snapshot(root);
  const oldState = snapshot(makeProject(before));
  const newState = await expectedAfter(durability);
  if (outcome.succeeded) expect(state, `${label}: reported success, so every file must be new`).toEqual(newState);
  else expect([oldState, newState], `${label}: each file entirely old or new, and the batch uniform`).toContainEqual(state);
  expect(strays(root), `${label}: nothing left behind`).toEqual([]);
  const again = await recover(root);
  expect(again.transactions, `${label}: a second recover is a no-op`).toEqual([]);
  expect(snapshot(root)).toEqual(state);
}

async function loop(durability: Durability, makeRules: (k: number) => FaultRule[], label: string): Promise<number> {
  for (let k = 1; k < 2000; k++) {
    const root = makeProject(before);
    const outcome = await runWithFaults(root, makeRules(k), durability);
    if (outcome.fired && !outcome.succeeded) {
      const code = (outcome.error as { code?: string }).code;
      expect(code, `${label}@${k}: fails with a WoptError (${String(outcome.error)})`).toMatch(/^E_/);
    }
    await checkRecovered(root, outcome, durability, `${label}@${k}`);
    fs.rmSync(root, { recursive: true, force: true });
    if (!outcome.fired) return k;
  }
  throw new Error(`${label}: the batch never ran to the end without the fault firing`);
}

describe.each<Durability>(['full', 'process'])('fault loop, durability %s', (durability) => {
  it('fails at operation k, once (EIO), for every k', async () => {
    const steps = await loop(durability, (k) => [{ at: k, action: { kind: 'errno', errno: 'EIO' } }], 'errno-once');
    expect(steps).toBeGreaterThan(100);
  });

  it('fails at operation k and every one after (ENOSPC forever), for every k', async () => {
    await loop(durability, (k) => [{ at: k, persist: true, action: { kind: 'errno', errno: 'ENOSPC' } }], 'errno-forever');
  });

  it('crashes at operation k, for every k, then recovers', async () => {
    await loop(durability, (k) => [{ at: k, action: { kind: 'freeze' } }], 'crash');
  });

  it('returns short writes without an error and still writes every byte', async () => {
    const root = makeProject(before);
    const outcome = await runWithFaults(root, [{ at: 1, persist: true, operations: ['write'], action: { kind: 'short-write' } }], durability);
    expect(outcome.succeeded).toBe(true);
    expect(snapshot(root)).toEqual(await expectedAfter(durability));
  });
});

describe('compound failures', () => {
  /** Operation indexes, in one run, of the k-th rename (which starts a rollback) and of the run's end. */
  async function measure(k: number): Promise<{ failAt: number; total: number }> {
    const root = makeProject(before);
    const port = createFaultPort(nodeFs, { rules: [{ at: k, operations: ['rename'], action: { kind: 'errno', errno: 'EIO' } }], record: true });
    await expect(batchWrite(batch, { root, fs: port })).rejects.toMatchObject({ rolledBack: true });
    let renames = 0;
    const failAt = port.trace.findIndex((op) => op.operation === 'rename' && ++renames === k) + 1;
    return { failAt, total: port.counters.total };
  }

  it.each([1, 5, 12])('a crash at every step of the rollback started by a failure at rename %i converges to all-old', async (k) => {
    const { failAt, total } = await measure(k);
    expect(failAt).toBeGreaterThan(0);
    for (let j = failAt + 1; j <= total; j++) {
      const root = makeProject(before);
      const outcome = await runWithFaults(
        root,
        [
          { at: k, operations: ['rename'], action: { kind: 'errno', errno: 'EIO' } },
          { at: j, action: { kind: 'freeze' } },
        ],
        'full',
      );
      expect(outcome.succeeded).toBe(false);
      await checkRecovered(root, outcome, 'full', `rollback-crash k=${k} j=${j}`);
      expect(snapshot(root), `k=${k} j=${j}: the rollback had begun, so the result is all-old`).toEqual(snapshot(makeProject(before)));
    }
  });

  // One test per crash point of the batch: each is hundreds of durable (fsync'd) runs, and a slow
  // disk must not push one test past the hang guard (testTimeout) that the four together reached.
  it.each([40, 90, 140, 170])('a crash at every step of recovery, after a crash at operation %i of the batch, converges', async (k) => {
    for (let j = 1; j < 500; j++) {
      const root = makeProject(before);
      const crashed = await runWithFaults(root, [{ at: k, action: { kind: 'freeze' } }], 'full');
      const recoveryPort = createFaultPort(nodeFs, { rules: [{ at: j, action: { kind: 'freeze' } }], identity: deadProcess });
      let recoveryFinished = false;
      try {
        await recover(root, { fs: recoveryPort, lockTimeoutMs: 0 });
        recoveryFinished = recoveryPort.counters.fired === 0;
      } catch {
        // the frozen recovery: the next one must finish its work
      }
      await checkRecovered(root, crashed, 'full', `recovery-crash k=${k} j=${j}`);
      fs.rmSync(root, { recursive: true, force: true });
      if (recoveryFinished) break;
    }
  });

  it('an fsync error is fatal to the transaction: rolled back, never retried into success', async () => {
    const root = makeProject(before);
    const port = createFaultPort(nodeFs, { rules: [{ at: 3, operations: ['fsync'], action: { kind: 'errno', errno: 'EIO' } }] });
    await expect(batchWrite(batch, { root, fs: port })).rejects.toMatchObject({ code: 'E_IO', rolledBack: true, errno: 'EIO' });
    expect(snapshot(root)).toEqual(snapshot(makeProject(before)));
    expect(strays(root)).toEqual([]);
  });

  it('a file edited by another program between plan and apply aborts the batch and keeps the edit', async () => {
    const root = makeProject(before);
    const port = createFaultPort(nodeFs, {
      rules: [{ at: 1, operations: ['link'], path: /u0\.ts$|-0\.bak$/, action: { kind: 'hook', run: () => fs.writeFileSync(join(root, 'src/u0.ts'), 'edited by the user!') } }],
    });
    await expect(batchWrite(batch, { root, fs: port })).rejects.toMatchObject({ code: 'E_CONFLICT', path: 'src/u0.ts', rolledBack: true });
    expect(fs.readFileSync(join(root, 'src/u0.ts'), 'utf8')).toBe('edited by the user!');
    expect(fs.readFileSync(join(root, 'src/u1.ts'), 'utf8')).toBe('update me 1');
    expect(strays(root)).toEqual([]);
  });
});
