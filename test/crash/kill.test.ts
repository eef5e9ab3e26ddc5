/**
 * Real process kills (reliability.md matrix #1, H2): a child commits a 20-file batch and is killed
 * with SIGKILL at its k-th filesystem operation, for every k until it finishes; then a fresh process
 * recovers the project, and the tree must be all-old or all-new with nothing left behind, and a
 * second recovery must change nothing. Then kills at random moments of a 300-file batch.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { recover } from '../../src/index.js';
import type { Fixture } from '../helpers/fixtures.js';
import { fixture20, fixtureLarge, makeTempDir, removeDir } from '../helpers/fixtures.js';
import { checkInvariants, snapshotState, snapshotTree, summarize } from '../helpers/invariants.js';
import type { JobRun } from '../helpers/process.js';
import { mapLimited, recoverInChild, runJob, seeded, SOAK } from '../helpers/process.js';

const dirs: string[] = [];

/** Operations after which the tree (as a killed process leaves it) differs from before them. */
const CHANGES_TREE = new Set(['open', 'write', 'fchmod', 'fchown', 'mkdir', 'rmdir', 'rename', 'link', 'unlink', 'copyFile']);
afterAll(() => dirs.forEach(removeDir));

function fresh(make: (root: string) => Fixture, prefix: string): Fixture {
  const root = makeTempDir(prefix);
  dirs.push(root);
  return make(root);
}

const batchJob = (fixture: Fixture, options: Record<string, unknown> = {}): Record<string, unknown> => ({
  action: 'batch',
  root: fixture.root,
  changes: fixture.changes,
  options: { durability: 'full', ...options },
});

/**
 * After a child ended however it ended: recover in a fresh process, check H3, recover again.
 * Returns the state found and every violation (collected, so one run shows every failing k).
 */
async function recoverAndCheck(fixture: Fixture, child: JobRun, label: string): Promise<{ state: string; violations: string[] }> {
  const committed = child.outcome?.ok === true;
  const recovery = await recoverInChild(fixture.root, undefined, { env: { WOPT_TEST_LOCK_TIMEOUT_MS: '2000' } });
  if (recovery.code !== 0) {
    return { state: 'unrecovered', violations: [`${label}: recovery failed: ${recovery.outcome?.code ?? recovery.code}: ${recovery.outcome?.message ?? recovery.stderr}`] };
  }
  const report = checkInvariants(fixture.root, fixture.before, fixture.intended, { allowLockDebris: true, ...(committed ? { expect: 'new' } : {}) });
  const violations = report.violations.map((v) => `${label}: ${v}`);
  if (violations.length > 0) return { state: report.state, violations };

  // A second recovery finds nothing to do and changes nothing.
  const tree = JSON.stringify([...snapshotTree(fixture.root)]);
  const state = snapshotState(fixture.root);
  const again = await recover(fixture.root);
  if (again.transactions.length > 0 || again.conflicts.length > 0) violations.push(`${label}: second recovery was not a no-op: ${JSON.stringify(again)}`);
  if (JSON.stringify([...snapshotTree(fixture.root)]) !== tree) violations.push(`${label}: second recovery changed the tree`);
  if (JSON.stringify(snapshotState(fixture.root)) !== JSON.stringify(state)) violations.push(`${label}: second recovery changed .wopt/`);
  return { state: report.state, violations };
}

describe('SIGKILL at every filesystem operation of a 20-file batch (crash@k)', () => {
  it('a clean run commits the intended state, and the op count bounds the loop', async () => {
    const fixture = fresh(fixture20, 'kill-clean');
    const run = await runJob(batchJob(fixture), { env: { WOPT_FAULT: 'crash@100000' } });
    expect(run.outcome?.ok, run.stdout + run.stderr).toBe(true);
    expect(run.outcome?.fired).toBe(0);
    expect(checkInvariants(fixture.root, fixture.before, fixture.intended, { expect: 'new' }).violations).toEqual([]);
    expect(run.outcome?.ops).toBeGreaterThan(100);
  });

  it('recovers to all-old or all-new after a kill at any k, and a second recovery is a no-op', async () => {
    // Staging runs one file at a time here so op k is the same step in every run. A kill just before
    // a read-only or sync operation leaves the same disk as a kill just before the operation ahead
    // of it (page cache survives a process kill), so npm test kills only after operations that
    // change the tree; a soak run kills at every k.
    const options = { concurrency: 1 };
    const clean = fresh(fixture20, 'kill-trace');
    const traced = await runJob({ ...batchJob(clean, options), record: true });
    expect(traced.outcome?.ok, traced.stdout + traced.stderr).toBe(true);
    const trace = traced.outcome?.trace ?? [];
    const ks = [...trace.keys()].map((i) => i + 1).filter((k) => SOAK || k === 1 || CHANGES_TREE.has(trace[k - 2]?.operation ?? ''));
    ks.push(trace.length + 1); // past the last operation: the child must finish without firing

    const seen = { old: 0, new: 0 };
    const failures: string[] = [];
    const results = await mapLimited(ks, 4, async (at) => {
      const fixture = fresh(fixture20, `kill-${at}`);
      const child = await runJob(batchJob(fixture, options), { env: { WOPT_FAULT: `crash@${at}` } });
      const killed = child.signal !== null;
      if (killed && child.signal !== 'SIGKILL') failures.push(`crash@${at}: ended by ${child.signal}`);
      if (!killed && child.outcome?.ok !== true) failures.push(`crash@${at}: did not fire, yet the batch failed: ${child.stdout}${child.stderr}`);
      const { state, violations } = await recoverAndCheck(fixture, child, `crash@${at} (${trace[at - 1]?.operation ?? 'end'})`);
      failures.push(...violations);
      if (state === 'old' || state === 'new') seen[state] += 1;
      if (violations.length === 0) removeDir(fixture.root);
      return killed;
    });
    console.info(`crash@k over ${trace.length} operations, ${ks.length} kill points: recovered all-old ${seen.old}x, all-new ${seen.new}x`);
    expect(results.at(-1), `crash@${trace.length + 1} fired: the run is not deterministic`).toBe(false);
    expect(results.slice(0, -1).every(Boolean), 'a child finished before its crash point').toBe(true);
    expect(summarize(failures)).toEqual([]);
    expect(seen.old).toBeGreaterThan(0);
    expect(seen.new).toBeGreaterThan(0);
  });
});

describe('SIGKILL at a random moment of a 300-file batch', () => {
  const seeds = SOAK ? 200 : 30;

  it(`recovers every one of ${seeds} seeded random kills (0-50 ms after the batch starts)`, async () => {
    const tally: Record<string, number> = {};
    const failures: string[] = [];
    await mapLimited(
      Array.from({ length: seeds }, (_, i) => i + 1),
      3,
      async (seed) => {
        const delay = Math.floor(seeded(seed)() * 51);
        const fixture = fresh((root) => fixtureLarge(root, 300), `rkill-${seed}`);
        const child = await runJob(batchJob(fixture), { killAfterMarker: { marker: 'BATCH-START', ms: delay } });
        const { state, violations } = await recoverAndCheck(fixture, child, `seed ${seed} (kill after ${delay} ms)`);
        failures.push(...violations);
        const key = `${child.signal === null ? 'finished' : 'killed'}-${state}`;
        tally[key] = (tally[key] ?? 0) + 1;
        if (violations.length === 0) removeDir(fixture.root);
      },
    );
    console.info(`random kills: ${JSON.stringify(tally)}`);
    expect(summarize(failures)).toEqual([]);
    expect(Object.values(tally).reduce((a, b) => a + b, 0)).toBe(seeds);
  });
});
