/**
 * The filesystem goes read-only in the middle of a transaction (reliability.md H5, matrix #13): a
 * fault-port hook runs `mount -o remount,ro` between staging and apply, so the renames and the
 * rollback both fail with EROFS. wopt must say so (E_RECOVERY_NEEDED, or a rolled-back error), keep
 * its journal, and after `mount -o remount,rw` a recovery must restore every file.
 *
 * The kernel refuses to remount a filesystem read-only while a file on it is open for writing
 * (EBUSY), and wopt holds its journal open through the apply phase. So the files of the batch live
 * on a tmpfs mounted at `<root>/pkg`, and `.wopt/` (the journal) on the root's own filesystem; the
 * hook remounts `pkg` read-only.
 */
import { existsSync, readdirSync } from 'node:fs';
import { posix } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { fixture20, makeTempDir, removeDir } from '../helpers/fixtures.js';
import type { PlainChange } from '../helpers/invariants.js';
import { checkInvariants, intendedState, snapshotTree } from '../helpers/invariants.js';
import { canMountInNamespace, MountNamespace } from '../helpers/namespace.js';

const capability = canMountInNamespace();
if (!capability.ok) console.warn(`kernel read-only tests skipped: ${capability.reason}`);

const dirs: string[] = [];
const namespaces: MountNamespace[] = [];
afterEach(() => namespaces.splice(0).forEach((ns) => ns.close()));
afterAll(() => dirs.forEach(removeDir));

/** The 20-file batch, every path moved under `pkg/`. */
function underPkg(changes: readonly PlainChange[]): PlainChange[] {
  return changes.map((change) => ('from' in change ? { from: `pkg/${change.from}`, to: `pkg/${change.to}` } : { ...change, path: `pkg/${change.path}` }));
}

describe('remount read-only mid-transaction', () => {
  it.skipIf(!capability.ok)('fails with E_RECOVERY_NEEDED or rolled back, keeps the journal, and recovers to all-old once writable', async () => {
    const root = makeTempDir('kro');
    dirs.push(root);
    const pkg = `${root}/pkg`;
    const ns = await MountNamespace.create(`mkdir -p ${pkg} && mount -t tmpfs -o size=4m none ${pkg}`);
    namespaces.push(ns);
    const view = ns.view(root);
    const base = fixture20(ns.view(pkg));
    const changes = underPkg(base.changes);
    const before = snapshotTree(view);
    const intended = intendedState(before, changes);

    // The hook fires just before the 3rd rename: two files are already new when the disk goes read-only.
    const run = await ns.job({
      action: 'batch',
      root,
      changes,
      options: { durability: 'full', concurrency: 1 },
      hook: { at: 3, operations: ['rename'], command: `mount -o remount,ro ${pkg}` },
    });
    const outcome = run.outcome;
    expect(outcome?.ok, run.stdout + run.stderr).toBe(false);
    const rolledBack = outcome?.rolledBack === true;
    expect(rolledBack || outcome?.code === 'E_RECOVERY_NEEDED', `got ${outcome?.code}: ${outcome?.message}`).toBe(true);
    console.info(`remount ro before rename 3: ${outcome?.code} (rolledBack: ${rolledBack}): ${outcome?.message}`);
    if (!rolledBack) {
      expect(outcome?.message).toMatch(/read-only|EROFS/i);
      // Never silently drops the journal: it is there, pending.
      const txn = posix.join(view, '.wopt', 'txn');
      expect(existsSync(txn) && readdirSync(txn).length > 0, 'the journal was dropped').toBe(true);
      expect(checkInvariants(view, before, intended).state).toBe('mixed'); // two renames happened, none undone
    }

    // A recovery while still read-only must not make things worse, and must say it could not finish.
    const early = await ns.job({ action: 'recover', root });
    if (!rolledBack) expect(early.outcome?.code, early.stdout).toBe('E_RECOVERY_NEEDED');

    expect((await ns.sh(`mount -o remount,rw ${pkg}`)).code).toBe(0);
    const recovered = await ns.job({ action: 'recover', root });
    expect(recovered.outcome?.ok, recovered.stdout + recovered.stderr).toBe(true);
    expect(checkInvariants(view, before, intended, { expect: 'old' }).violations).toEqual([]);
  });

  it.skipIf(!capability.ok)('for the record: the root filesystem cannot go read-only while wopt holds its journal open (EBUSY)', async () => {
    const root = makeTempDir('kro-busy');
    dirs.push(root);
    const ns = await MountNamespace.create(`mount -t tmpfs -o size=4m none ${root}`);
    namespaces.push(ns);
    const fixture = fixture20(ns.view(root));
    const run = await ns.job({
      action: 'batch',
      root,
      changes: fixture.changes,
      options: { concurrency: 1 },
      hook: { at: 3, operations: ['rename'], command: `mount -o remount,ro ${root} 2>/dev/null || echo remount-refused >&2` },
    });
    // The remount is refused, so the batch simply commits.
    expect(run.stderr).toContain('remount-refused');
    expect(run.outcome?.ok, run.stdout + run.stderr).toBe(true);
    expect(checkInvariants(ns.view(root), fixture.before, fixture.intended, { expect: 'new' }).violations).toEqual([]);
  });
});
