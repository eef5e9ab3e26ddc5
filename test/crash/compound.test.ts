/**
 * Faults on top of faults (reliability.md matrix #3, #4, #9, #10, H2 step 3 and 4):
 * - in-process, on a fault port: an errno (EIO, ENOSPC, EACCES) at every operation k of the 20-file
 *   batch, once and forever; every failure must leave all-old and clean, with `rolledBack`, or say
 *   E_RECOVERY_NEEDED and be fixed by a clean recovery;
 * - in-process: rename k fails, then step j of the rollback fails (once, or from then on);
 * - child processes: SIGKILL at batch step k, then SIGKILL at every step j of the recovery, then a
 *   clean recovery.
 * The in-process loops run on /dev/shm (tmpfs: the same operations, without fsync latency).
 */
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { batchWrite, recover } from '../../src/index.js';
import { createNodeFs } from '../../src/fs/node.js';
import type { FsPort } from '../../src/fs/port.js';
import type { FaultRule } from '../../src/testing/index.js';
import { createFaultPort } from '../../src/testing/index.js';
import type { Fixture } from '../helpers/fixtures.js';
import { fixture20, makeTempDir, removeDir } from '../helpers/fixtures.js';
import { checkInvariants, summarize } from '../helpers/invariants.js';
import { mapLimited, recoverInChild, runJob, SOAK } from '../helpers/process.js';

const SHM = existsSync('/dev/shm') ? '/dev/shm' : undefined;
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function fresh(newFolders: boolean, prefix: string, parent?: string): Fixture {
  const root = makeTempDir(prefix, parent);
  dirs.push(root);
  return fixture20(root, { newFolders });
}

/**
 * The real filesystem, seen from a later process: the test process's own lock record counts as a
 * dead owner's, as it would once a CLI run that failed to release it had exited.
 */
function laterProcess(): FsPort {
  const real = createNodeFs();
  return { ...real, isAlive: async (owner) => (owner.pid === process.pid ? false : real.isAlive(owner)) };
}

const errnoRule = (at: number, errno: string, persist: boolean, operations?: FaultRule['operations']): FaultRule => ({
  at,
  persist,
  operations,
  action: { kind: 'errno', errno },
});

interface Outcome {
  readonly kind: 'committed' | 'rolled-back' | 'recovery-needed' | 'refused' | 'other-error';
  readonly code?: string;
  readonly message?: string;
}

async function runBatch(fixture: Fixture, rules: readonly FaultRule[]): Promise<Outcome & { readonly port: ReturnType<typeof createFaultPort> }> {
  const port = createFaultPort(createNodeFs(), { rules, record: true });
  try {
    await batchWrite(fixture.changes, { root: fixture.root, fs: port, concurrency: 1, lockTimeoutMs: 500 });
    return { kind: 'committed', port };
  } catch (error) {
    const e = error as { code?: string; rolledBack?: boolean; message: string };
    const kind = e.code === 'E_RECOVERY_NEEDED' ? 'recovery-needed' : e.rolledBack === true ? 'rolled-back' : 'other-error';
    return { kind, code: e.code, message: e.message, port };
  }
}

/**
 * Judges one faulted run: a rolled-back failure must already be all-old and clean; a failure that
 * asks for recovery must be all-old after a clean recovery; a success must be all-new after it (its
 * clean-up may have been cut short); any other failure must have written nothing at all.
 */
async function judge(fixture: Fixture, outcome: Outcome, label: string, persistent: boolean): Promise<string[]> {
  const violations: string[] = [];
  const say = (text: string): void => void violations.push(`${label}: ${text}`);
  if (outcome.kind === 'rolled-back' || outcome.kind === 'other-error') {
    const now = checkInvariants(fixture.root, fixture.before, fixture.intended, { expect: 'old' });
    if (outcome.kind === 'other-error' && now.state === 'new') {
      // The batch committed, then batchWrite rejected anyway (rolledBack false): the caller is told
      // it failed, yet a recovery will not (and must not) bring the old files back.
      say(`committed, but batchWrite rejected with ${outcome.code} (rolledBack: false): ${(outcome.message ?? '').replaceAll(fixture.root, '<root>')}`);
      return violations;
    }
    if (persistent) {
      // The disk still fails: the lock cannot be released, nor debris removed; the files must be old.
      if (now.state !== 'old') say(`${outcome.kind} ${outcome.code} (fault persisting) but the tree is ${now.state}: ${outcome.message}`);
    } else {
    if (outcome.kind === 'other-error' && now.state !== 'old') say(`failed with ${outcome.code} (not rolled back) and left the tree ${now.state}: ${outcome.message}`);
      for (const v of now.violations) say(`${outcome.kind} ${outcome.code} but ${v}`);
      if (now.violations.length === 0) return violations;
    }
  }
  try {
    await recover(fixture.root, { fs: laterProcess(), lockTimeoutMs: 500 });
  } catch (error) {
    say(`clean recovery after ${outcome.kind} ${outcome.code ?? ''} failed: ${(error as Error).message}`);
    return violations;
  }
  // A lock temp whose own removal failed is swept by a later acquirer once it is old: allowed here.
  // When the COMMIT record reached the journal but neither its sync nor a VOID after it could be
  // done, the batch's fate is the journal's: wopt said so (durability unknown) and recovery completes it.
  const commitStands = outcome.kind === 'committed' || /commit record was written/.test(outcome.message ?? '');
  const after = checkInvariants(fixture.root, fixture.before, fixture.intended, { expect: commitStands ? 'new' : 'old', allowLockDebris: true });
  for (const v of after.violations) say(`after ${outcome.kind} ${outcome.code ?? ''} and a clean recovery: ${v}`);
  return violations;
}

async function cleanTrace(newFolders: boolean, rules: readonly FaultRule[] = []): Promise<{ operation: string; path: string }[]> {
  const fixture = fresh(newFolders, 'trace', SHM);
  const { port } = await runBatch(fixture, rules);
  return [...port.trace];
}

describe.each([
  { newFolders: true, name: 'with new folders' },
  { newFolders: false, name: 'in existing folders only' },
])('20-file batch $name', ({ newFolders }) => {
  it('an errno at every operation k, once and forever, ends all-old (rolled back, or after a clean recovery)', async () => {
    const trace = await cleanTrace(newFolders);
    const errnos = ['EIO', 'ENOSPC', 'EACCES'];
    const cases: { at: number; errno: string; persist: boolean }[] = [];
    for (let at = 1; at <= trace.length; at++) {
      // npm test rotates the errno over k (the engine treats them alike); a soak run tries all three.
      for (const errno of SOAK ? errnos : [errnos[at % 3] as string]) for (const persist of [false, true]) cases.push({ at, errno, persist });
    }
    const tally: Record<string, number> = {};
    const failures: string[] = [];
    for (const { at, errno, persist } of cases) {
      const fixture = fresh(newFolders, 'errno', SHM);
      const outcome = await runBatch(fixture, [errnoRule(at, errno, persist)]);
      const label = `errno@${at}${persist ? '+' : ''}:${errno} (${trace[at - 1]?.operation})`;
      const violations = await judge(fixture, outcome, label, persist);
      failures.push(...violations);
      tally[outcome.kind] = (tally[outcome.kind] ?? 0) + 1;
      if (violations.length === 0) removeDir(fixture.root);
    }
    console.info(`errno at every k (${trace.length} operations, ${cases.length} runs): ${JSON.stringify(tally)}`);
    expect(summarize(failures)).toEqual([]);
  });

  it('a failed rename k, then a failure at every step j of the rollback, converges to all-old', async () => {
    // Renames of the apply phase (onto targets); the later ones move backups into .wopt/ after COMMIT.
    const renames = (await cleanTrace(newFolders)).filter(isApplyRename).length;
    const failures: string[] = [];
    const tally: Record<string, number> = {};
    const ks = SOAK ? Array.from({ length: renames }, (_, i) => i + 1) : [1, renames];
    for (const k of [...new Set(ks)]) {
      const renameFault = errnoRule(k, 'EIO', false, ['rename']);
      const failed = await cleanTrace(newFolders, [renameFault]);
      const at = indexOfNth(failed, 'rename', k);
      expect(isApplyRename(failed[at - 1] as { operation: string; path: string })).toBe(true);
      for (let j = 1; at + j <= failed.length; j++) {
        for (const persist of [false, true]) {
          const fixture = fresh(newFolders, 'rb', SHM);
          const outcome = await runBatch(fixture, [renameFault, errnoRule(at + j, 'EIO', persist)]);
          const label = `rename ${k} then rollback step ${j}${persist ? '+' : ''} (${failed[at + j - 1]?.operation})`;
          if (outcome.kind === 'committed' || outcome.kind === 'other-error') failures.push(`${label}: unexpected ${outcome.kind} ${outcome.code ?? ''}`);
          const violations = await judge(fixture, outcome, label, persist);
          failures.push(...violations);
          tally[outcome.kind] = (tally[outcome.kind] ?? 0) + 1;
          if (violations.length === 0) removeDir(fixture.root);
        }
      }
    }
    console.info(`rollback faults (renames ${ks.join(', ')}): ${JSON.stringify(tally)}`);
    expect(tally['recovery-needed'], 'no rollback fault was ever reported as E_RECOVERY_NEEDED').toBeGreaterThan(0);
    expect(summarize(failures)).toEqual([]);
  });
});

const isApplyRename = (op: { operation: string; path: string }): boolean => op.operation === 'rename' && !op.path.includes('/.wopt/');

/** 1-based position in the trace of the n-th operation named `operation`. */
function indexOfNth(ops: readonly { operation: string }[], operation: string, n: number): number {
  let seen = 0;
  for (const [i, op] of ops.entries()) if (op.operation === operation && ++seen === n) return i + 1;
  throw new Error(`no ${operation} #${n} in the trace`);
}

/** Operations after which the tree (as a killed process leaves it) differs from before them. */
const CHANGES_TREE = new Set(['open', 'write', 'fchmod', 'fchown', 'mkdir', 'rmdir', 'rename', 'link', 'unlink', 'copyFile']);

describe('SIGKILL during recovery after SIGKILL during the batch (child processes)', () => {
  type Op = { operation: string; path: string };
  const scenarios = [
    // Crash after 8 of the renames onto targets: recovery has real undoing to do.
    { newFolders: true, where: 'mid-apply', pick: (ops: Op[]) => indexOfNth(ops, 'rename', 8) + 1 },
    // Crash at the first move of a backup into .wopt/txn (after COMMIT): recovery completes it.
    { newFolders: false, where: 'after COMMIT', pick: (ops: Op[]) => ops.findIndex((op) => op.operation === 'rename' && op.path.includes('/.wopt/txn/')) + 1 },
    ...(SOAK ? [{ newFolders: false, where: 'mid-apply', pick: (ops: Op[]) => indexOfNth(ops, 'rename', 8) + 1 }] : []),
  ];

  it.each(scenarios)('crash $where (new folders: $newFolders), crash at every recovery step j, then a clean recovery', async ({ newFolders, pick }) => {
    const options = { durability: 'full', concurrency: 1 };
    const recoveryEnv = { WOPT_TEST_CONCURRENCY: '1', WOPT_TEST_LOCK_TIMEOUT_MS: '2000' };
    const probe = makeTempDir('cc-probe');
    dirs.push(probe);
    const probeFixture = fixture20(probe, { newFolders });
    const batchTrace = (await runJob({ action: 'batch', root: probe, changes: probeFixture.changes, options, record: true })).outcome?.trace ?? [];
    const k = pick(batchTrace);
    expect(k).toBeGreaterThan(1);

    // The recovery's own steps, traced once on a state crashed at k.
    const traced = fresh(newFolders, 'cc-rtrace');
    await runJob({ action: 'batch', root: traced.root, changes: traced.changes, options }, { env: { WOPT_FAULT: `crash@${k}` } });
    const recoveryTrace = (await runJob({ action: 'recover', root: traced.root, record: true }, { env: recoveryEnv })).outcome?.trace ?? [];
    expect(recoveryTrace.length).toBeGreaterThan(0);
    const js = [...recoveryTrace.keys()].map((i) => i + 1).filter((j) => SOAK || j === 1 || CHANGES_TREE.has(recoveryTrace[j - 2]?.operation ?? ''));
    js.push(recoveryTrace.length + 1);

    const failures: string[] = [];
    const fired = await mapLimited(js, 4, async (j) => {
      const fixture = fresh(newFolders, `cc-${j}`);
      const batch = await runJob({ action: 'batch', root: fixture.root, changes: fixture.changes, options }, { env: { WOPT_FAULT: `crash@${k}` } });
      if (batch.signal !== 'SIGKILL') failures.push(`batch crash@${k} did not fire`);
      const first = await recoverInChild(fixture.root, `crash@${j}`, { env: recoveryEnv });
      const label = `batch crash@${k}, recovery crash@${j} (${recoveryTrace[j - 1]?.operation ?? 'end'})`;
      if (first.signal === null && first.code !== 0) failures.push(`${label}: recovery failed without a crash: ${first.outcome?.message ?? first.stderr}`);
      const second = await recoverInChild(fixture.root, undefined, { env: recoveryEnv });
      if (second.code !== 0) {
        failures.push(`${label}: the clean recovery failed: ${second.outcome?.message ?? second.stderr}`);
        return first.signal !== null;
      }
      // Killed processes may leave lock temps; a later acquirer sweeps them once they are old.
      const report = checkInvariants(fixture.root, fixture.before, fixture.intended, { allowLockDebris: true });
      failures.push(...report.violations.map((v) => `${label}: ${v}`));
      if (report.violations.length === 0) removeDir(fixture.root);
      return first.signal !== null;
    });
    console.info(`compound crash: batch crash@${k}, ${js.length} recovery crash points over ${recoveryTrace.length} recovery operations`);
    expect(summarize(failures)).toEqual([]);
    expect(fired.at(-1), 'the recovery past its last operation still crashed').toBe(false);
  });
});
