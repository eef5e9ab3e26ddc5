/**
 * The fsync cost model (design.md §2, reliability.md §2.2), counted through the fault port. For a
 * fixed batch under `full` durability:
 *
 *   journal (fsync) + its directory + `.wopt/txn`          3   (+2 the first time: `.wopt`, root)
 *   one per staged file                                    N
 *   one per directory holding backups (barrier A)          B
 *   PREPARED record                                        1
 *   target directories and parents of new ones (barrier B) D ∪ P(M)
 *   COMMIT record                                          1
 */
import { describe, expect, it } from 'vitest';
import { batchWrite } from '../../src/index.js';
import { createFaultPort } from '../../src/fs/fault.js';
import { nodeFs } from '../../src/fs/node.js';
import { makeProject } from './project.js';

describe('fsync count', () => {
  const fixture = {
    'a/u1.ts': 'old',
    'a/u2.ts': 'old',
    'b/d1.ts': 'old',
    'c/keep.ts': 'old',
  };
  const batch = [
    { path: 'a/u1.ts', content: 'new' }, // update: staged, backup in a/
    { path: 'a/u2.ts', content: 'new' }, // update
    { path: 'a/c1.ts', content: 'new' }, // create in an existing folder
    { path: 'b/d1.ts', delete: true as const }, // delete: backup in b/
    { path: 'n1/n2/c2.ts', content: 'new' }, // create in two new folders
    { path: 'c/c3.ts', content: 'new' }, // create
  ];
  // N = 5 staged files; B = 2 (a/, b/); D = {a, b, n1/n2, c} ∪ parents of new {root, n1} = 6.
  const N = 5;
  const B = 2;
  const DM = 6;

  it('equals the cost formula for the first and a later transaction', async () => {
    const root = makeProject(fixture);
    const port = createFaultPort(nodeFs);
    const first = await batchWrite(batch, { root, fs: port });
    const firstTime = 2;
    expect(port.counters.fsyncs).toBe(3 + firstTime + N + B + 1 + DM + 1);
    expect(first.fsyncs).toBe(port.counters.fsyncs);

    const root2 = makeProject(fixture);
    await batchWrite([{ path: 'warmup.txt', content: 'x' }], { root: root2, backup: 0 });
    port.reset();
    const second = await batchWrite(batch, { root: root2, fs: port });
    expect(port.counters.fsyncs).toBe(3 + N + B + 1 + DM + 1);
    expect(second.fsyncs).toBe(port.counters.fsyncs);
  });

  it('makes none under process durability, and none for writes that change nothing', async () => {
    const root = makeProject(fixture);
    const port = createFaultPort(nodeFs);
    await batchWrite(batch, { root, fs: port, durability: 'process' });
    expect(port.counters.fsyncs).toBe(0);
    port.reset();
    await batchWrite([{ path: 'a/u1.ts', content: 'new' }], { root, fs: port });
    expect(port.counters.fsyncs).toBe(0);
    expect(port.counters.byOperation.rename ?? 0).toBe(0);
  });

  it('writes one journal entry and one rename for a path written twice', async () => {
    const root = makeProject();
    const port = createFaultPort(nodeFs, { record: true });
    await batchWrite([{ path: 'x.ts', content: '1' }, { path: 'x.ts', content: '2' }], { root, fs: port, backup: 0 });
    const renames = port.trace.filter((op) => op.operation === 'rename' && op.path.endsWith('/x.ts'));
    expect(renames).toHaveLength(1);
  });
});
