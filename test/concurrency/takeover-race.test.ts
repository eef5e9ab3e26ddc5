/**
 * The stale-lock takeover race (reliability.md matrix #30, §2.1 "exactly one waiter wins", the
 * race of proper-lockfile #121), replayed deterministically in one process with barrier hooks on
 * fault ports (H7): each port is one "process".
 *
 * B reads the dead owner's record and is parked inside its takeover, just before moving the lock
 * aside. Before takeovers were serialized, A could take the stale lock over meanwhile, B would then
 * move A's live lock aside, and C could lock the project while A held it. Now A and C must wait.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { batchWrite } from '../../src/index.js';
import { createNodeFs } from '../../src/fs/node.js';
import { createFaultPort } from '../../src/testing/index.js';
import { makeTempDir, removeDir } from '../helpers/fixtures.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function gate(): { reached: Promise<void>; wait: () => Promise<void>; open: () => void } {
  let reach: () => void = () => undefined;
  let release: () => void = () => undefined;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  const opened = new Promise<void>((resolve) => (release = resolve));
  return {
    reached,
    wait: () => {
      reach();
      return opened;
    },
    open: () => release(),
  };
}

describe('stale-lock takeover race', () => {
  it('takeovers are serialized: a second waiter cannot take the lock while the first is mid-takeover', async () => {
    const root = makeTempDir('race');
    dirs.push(root);
    mkdirSync(`${root}/.wopt`);
    const stale = { pid: 999_999, startTime: '1', host: hostname(), txid: undefined, since: '2020-01-01T00:00:00.000Z', command: 'crashed' };
    writeFileSync(`${root}/.wopt/lock`, JSON.stringify(stale));

    // B judged the record stale and is parked inside its takeover, just before moving the lock aside.
    const bBeforeRename = gate();
    const portB = createFaultPort(createNodeFs(), {
      rules: [{ at: 1, operations: ['rename'], path: /lock\.stale\./, action: { kind: 'hook', run: () => bBeforeRename.wait() } }],
    });
    let aHeld = false;
    const portA = createFaultPort(createNodeFs(), {
      rules: [{ at: 1, operations: ['mkdir'], path: /\.wopt\/txn\/./, action: { kind: 'hook', run: () => void (aHeld = true) } }],
    });

    const b = batchWrite([{ path: 'b.txt', content: 'B\n' }], { root, fs: portB, lockTimeoutMs: 10_000 }).then(() => 'ok', (e: { code: string }) => e.code);
    await bBeforeRename.reached;
    const a = batchWrite([{ path: 'a.txt', content: 'A\n' }], { root, fs: portA, lockTimeoutMs: 10_000 }).then(() => 'ok', (e: { code: string }) => e.code);
    // A also reads the stale record, but B holds the takeover guard: A must not get the project.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(aHeld, 'A took the lock while B was mid-takeover').toBe(false);
    const c = await batchWrite([{ path: 'c.txt', content: 'C\n' }], { root, lockTimeoutMs: 100 }).then(() => 'ok', (e: { code: string }) => e.code);
    expect(c, 'C got the lock while a takeover was in progress').toBe('E_LOCKED');

    bBeforeRename.open();
    const [aResult, bResult] = await Promise.all([a, b]);
    expect([aResult, bResult]).toEqual(['ok', 'ok']);
    expect(readFileSync(`${root}/a.txt`, 'utf8')).toBe('A\n');
    expect(readFileSync(`${root}/b.txt`, 'utf8')).toBe('B\n');
  });
});
