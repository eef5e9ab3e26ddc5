/**
 * Real ENOSPC from the kernel (reliability.md H5, matrix #5, #7, #8): small tmpfs mounts in a private
 * mount namespace. A batch whose size cannot be known in advance (streamed content) runs out of
 * space mid-staging and must roll back cleanly; one whose size is known is refused before writing;
 * a tmpfs with 8 inodes refuses or rolls back a 20-file batch. write-file-atomic is run on the same
 * kind of mount for comparison (recorded, not asserted).
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { posix } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Fixture } from '../helpers/fixtures.js';
import { fixture20, makeTempDir, removeDir } from '../helpers/fixtures.js';
import type { PlainChange } from '../helpers/invariants.js';
import { checkInvariants, findStrays, intendedState, snapshotTree } from '../helpers/invariants.js';
import { canMountInNamespace, MountNamespace } from '../helpers/namespace.js';

const capability = canMountInNamespace();
if (!capability.ok) console.warn(`kernel ENOSPC tests skipped: ${capability.reason}`);

const dirs: string[] = [];
const namespaces: MountNamespace[] = [];
afterEach(() => namespaces.splice(0).forEach((ns) => ns.close()));
afterAll(() => dirs.forEach(removeDir));

/** A tmpfs with these options at a fresh mount point, in a namespace of its own. */
async function tmpfs(options: string): Promise<{ ns: MountNamespace; dir: string; view: string }> {
  const dir = makeTempDir('kmnt');
  dirs.push(dir);
  const ns = await MountNamespace.create(`mount -t tmpfs -o ${options} none ${dir}`);
  namespaces.push(ns);
  return { ns, dir, view: ns.view(dir) };
}

function writeFiles(root: string, files: Readonly<Record<string, string>>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(posix.dirname(posix.join(root, path)), { recursive: true });
    writeFileSync(posix.join(root, path), content);
  }
}

describe('ENOSPC from a real small tmpfs', () => {
  it.skipIf(!capability.ok)('streamed content larger than the free space: E_NO_SPACE mid-staging, rolled back, originals intact, temps gone', async () => {
    const { ns, dir, view } = await tmpfs('size=512k');
    const old: Record<string, string> = {};
    for (let i = 0; i < 8; i++) old[`src/f${i}.txt`] = `original ${i}\n`.repeat(100);
    writeFiles(view, old);
    const before = snapshotTree(view);
    // Three 200 KiB streams: the preflight counts unknown sizes as 0, so the batch starts and fills the disk.
    const changes = [
      ...Object.keys(old).map((path) => ({ path, content: `updated ${path}\n` })),
      ...[0, 1, 2].map((i) => ({ path: `src/big${i}.bin`, stream: { size: 200 * 1024, chunk: 16 * 1024, byte: 65 + i } })),
    ];
    const run = await ns.job({ action: 'batch', root: dir, changes, options: { durability: 'full' } });
    expect(run.outcome?.ok, run.stdout + run.stderr).toBe(false);
    expect(run.outcome?.code).toBe('E_NO_SPACE');
    expect(run.outcome?.rolledBack).toBe(true);
    expect(run.outcome?.message).toMatch(/no space left/i);
    expect(run.outcome?.message).toMatch(/big\d\.bin/); // names the file it was writing
    // The intended state is irrelevant here: everything must be exactly as before.
    const report = checkInvariants(view, before, before);
    expect(report.violations).toEqual([]);
    expect(findStrays(view)).toEqual([]);
  });

  it.skipIf(!capability.ok)('content of known size that cannot fit: refused by the preflight before anything is written', async () => {
    const { ns, dir, view } = await tmpfs('size=256k');
    writeFiles(view, { 'a.txt': 'a\n', 'b.txt': 'b\n' });
    const before = snapshotTree(view);
    const changes: PlainChange[] = [
      { path: 'a.txt', content: 'x'.repeat(300 * 1024) },
      { path: 'c.txt', content: 'c\n' },
    ];
    const run = await ns.job({ action: 'batch', root: dir, changes, options: {} });
    expect(run.outcome?.code, run.stdout + run.stderr).toBe('E_NO_SPACE');
    expect(run.outcome?.rolledBack).toBe(false); // nothing was begun
    expect(run.outcome?.message).toMatch(/Nothing was written/);
    expect(checkInvariants(view, before, before).violations).toEqual([]);
    expect(readdirSync(posix.join(view, '.wopt'))).not.toContain('txn'); // not even a journal
  });

  it.skipIf(!capability.ok)('inode exhaustion (nr_inodes=8) with a 20-file batch: E_NO_SPACE naming inodes, nothing changed', async () => {
    const { ns, dir, view } = await tmpfs('size=1m,nr_inodes=8');
    writeFiles(view, { 'a.txt': 'a\n' });
    const before = snapshotTree(view);
    const changes: PlainChange[] = Array.from({ length: 20 }, (_, i) => ({ path: `f${i}.txt`, content: `file ${i}\n` }));
    const run = await ns.job({ action: 'batch', root: dir, changes, options: {} });
    expect(run.outcome?.code, run.stdout + run.stderr).toBe('E_NO_SPACE');
    expect(run.outcome?.message).toMatch(/inode/i);
    expect(checkInvariants(view, before, intendedState(before, changes), { expect: 'old' }).violations).toEqual([]);
    console.info(`nr_inodes=8: ${run.outcome?.rolledBack ? 'rolled back mid-batch' : 'refused before writing'}: ${run.outcome?.message}`);
  });

  it.skipIf(!capability.ok)('inode exhaustion the preflight cannot foresee (the inodes are used up after it): rolled back', async () => {
    // 20 files fit the count the preflight sees; a hook then eats the free inodes before staging.
    const { ns, dir, view } = await tmpfs('size=1m,nr_inodes=40');
    writeFiles(view, { 'a.txt': 'a\n' });
    mkdirSync(posix.join(view, 'hog'));
    const before = snapshotTree(view);
    const changes: PlainChange[] = Array.from({ length: 20 }, (_, i) => ({ path: `f${i}.txt`, content: `file ${i}\n` }));
    const hog = `i=0; while touch ${dir}/hog/h$i 2>/dev/null; do i=$((i+1)); done; true`;
    const run = await ns.job({
      action: 'batch',
      root: dir,
      changes,
      options: {},
      hook: { at: 1, operations: ['mkdir'], path: '/\\.wopt/txn/', command: hog },
    });
    expect(['E_NO_SPACE', 'E_RECOVERY_NEEDED'], run.stdout + run.stderr).toContain(run.outcome?.code);
    await ns.sh(`rm -rf ${dir}/hog/*`);
    if (run.outcome?.code === 'E_RECOVERY_NEEDED') {
      const recovered = await ns.job({ action: 'recover', root: dir });
      expect(recovered.outcome?.ok, recovered.stdout).toBe(true);
    } else {
      expect(run.outcome?.rolledBack).toBe(true);
    }
    expect(checkInvariants(view, before, intendedState(before, changes), { expect: 'old' }).violations).toEqual([]);
  });

  it.skipIf(!capability.ok)('for comparison: write-file-atomic 7 on a full tmpfs (recorded, not asserted)', async () => {
    const { ns, dir, view } = await tmpfs('size=128k');
    writeFiles(view, { 'target.txt': 'original\n'.repeat(100) });
    const run = await ns.job({ action: 'wfa', target: `${dir}/target.txt`, stream: { size: 200 * 1024, chunk: 16 * 1024, byte: 66 } });
    const size = statSync(posix.join(view, 'target.txt')).size;
    const leftovers = readdirSync(view).filter((name) => name !== 'target.txt');
    console.info(
      `write-file-atomic 7 with 200 KiB on a 128 KiB tmpfs: ${run.outcome?.ok ? 'reported success' : `failed with ${run.outcome?.code}`}; ` +
        `target.txt is now ${size} bytes (was 900); other files left: ${JSON.stringify(leftovers)}`,
    );
    expect(run.outcome).toBeDefined(); // the child ran to the end either way
  });
});

describe('a fixture on a tmpfs behaves as on ext4', () => {
  it.skipIf(!capability.ok)('the 20-file batch commits on a roomy tmpfs (control for the tests above)', async () => {
    const { ns, dir, view } = await tmpfs('size=4m');
    const fixture: Fixture = fixture20(view);
    const run = await ns.job({ action: 'batch', root: dir, changes: fixture.changes, options: {} });
    expect(run.outcome?.ok, run.stdout + run.stderr).toBe(true);
    expect(checkInvariants(view, fixture.before, fixture.intended, { expect: 'new' }).violations).toEqual([]);
  });
});
