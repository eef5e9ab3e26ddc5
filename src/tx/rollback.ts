/**
 * Undoing a transaction that did not commit, deciding each file from what is on disk. The same code
 * serves an in-process rollback and crash recovery, so both are idempotent: running it twice, or
 * after a crash in the middle of it, converges on the old state.
 *
 * Only what can be proven to be the transaction's own is removed: a target is ours when it holds
 * the inode the transaction staged (recorded in PREPARED). Anything else found where the old file
 * must come back is moved to `.wopt/conflicts/<txid>/` and reported, never deleted.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { errors, isWoptError, WoptError } from '../errors.js';
import type { FileStat, FsPort } from '../fs/port.js';
import { forEachLimited } from '../util/pool.js';
import type { EntryRecord, PreImage, Staged } from './journal.js';
import type { Layout } from './layout.js';

export interface RollbackInput {
  readonly txid: string;
  readonly entries: readonly EntryRecord[];
  readonly staged: ReadonlyMap<number, Staged> | undefined;
  readonly createdDirs: readonly string[];
  /**
   * In-process only: what became of each entry's rename or unlink: `done`, or `unknown` when it
   * failed (then the disk decides). Entries not in the map never touched their target, so undoing
   * them is removing their temp and backup, with nothing to look up.
   */
  readonly applied?: ReadonlyMap<number, 'done' | 'unknown'>;
}

export interface RollbackResult {
  /** Root-relative paths of files that were in the way and were moved to `.wopt/conflicts/`. */
  readonly conflicts: string[];
  /** Directories whose entries changed, to be made durable. */
  readonly touchedDirs: Set<string>;
}

const sameInode = (stat: FileStat | undefined, other: { ino: number; dev?: number } | undefined): boolean =>
  stat !== undefined && other !== undefined && stat.ino === other.ino && (other.dev === undefined || stat.dev === other.dev);

async function unlinkIfPresent(fs: FsPort, path: string | null): Promise<void> {
  if (path === null) return;
  try {
    await fs.unlink(path);
  } catch (error) {
    if (!isWoptError(error, 'E_NOT_FOUND')) throw error;
  }
}

export async function hashFile(fs: FsPort, path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.readStream(path)) hash.update(chunk);
  return hash.digest('hex');
}

async function isValidBackup(fs: FsPort, backup: string, pre: PreImage): Promise<boolean> {
  const stat = await fs.lstat(backup);
  if (stat === undefined) return false;
  if (sameInode(stat, pre)) return true;
  // A copied backup (the filesystem refused a hard link) is proven by its hash.
  return pre.sha256 !== undefined && stat.size === pre.size && (await hashFile(fs, backup)) === pre.sha256;
}

export async function moveToConflicts(fs: FsPort, layout: Layout, txid: string, absolute: string): Promise<string> {
  const relative = posix.relative(layout.root, absolute);
  const destination = posix.join(layout.conflictsDir, txid, relative.startsWith('..') ? posix.basename(absolute) : relative);
  await mkdirs(fs, posix.dirname(destination));
  await fs.rename(absolute, destination);
  return relative;
}

export async function mkdirs(fs: FsPort, dir: string): Promise<void> {
  if ((await fs.lstat(dir))?.kind === 'directory') return;
  await mkdirs(fs, posix.dirname(dir));
  try {
    await fs.mkdir(dir);
  } catch (error) {
    if (!isWoptError(error, 'E_EXISTS')) throw error;
  }
}

export async function rollBack(fs: FsPort, layout: Layout, input: RollbackInput, concurrency: number): Promise<RollbackResult> {
  const conflicts: string[] = [];
  const touchedDirs = new Set<string>();
  const problems: WoptError[] = [];

  // A directory that no longer resolves to where it was (swapped for a symlink) is not touched at
  // all: following it could write outside the root. Recovery waits until it is put back.
  const movedDirs = new Set<string>();
  await forEachLimited([...new Set(input.entries.map((entry) => posix.dirname(entry.target)))], concurrency, async (dir) => {
    const real = await fs.realpath(dir).catch((error: unknown) => {
      if (isWoptError(error, 'E_NOT_FOUND')) return dir; // gone: nothing of ours can be in it
      throw error;
    });
    if (real !== dir) movedDirs.add(dir);
  });

  await forEachLimited([...input.entries].reverse(), concurrency, async (entry) => {
    if (movedDirs.has(posix.dirname(entry.target))) {
      problems.push(errors.pathChanged(entry.path));
      return;
    }
    touchedDirs.add(posix.dirname(entry.target));
    const applied = input.applied?.get(entry.i);
    if (input.applied !== undefined && applied === undefined) {
      await unlinkIfPresent(fs, entry.temp);
      await unlinkIfPresent(fs, entry.backup);
      return;
    }
    const current = await fs.lstat(entry.target);
    const staged = input.staged?.get(entry.i);
    const oursAtTarget = staged !== undefined && sameInode(current, staged);

    if (entry.pre !== null) {
      if (sameInode(current, entry.pre)) {
        await unlinkIfPresent(fs, entry.backup); // the original never moved
      } else if (entry.backup !== null && (applied === 'done' || (await isValidBackup(fs, entry.backup, entry.pre)))) {
        // After a rename this process saw succeed, the backup is the one it made and checked moments ago.
        if (current !== undefined && !oursAtTarget) {
          conflicts.push(await moveToConflicts(fs, layout, input.txid, entry.target));
        }
        await fs.rename(entry.backup, entry.target);
      } else {
        problems.push(
          errors.conflict([entry.path], `The backup of ${JSON.stringify(entry.path)} is missing or altered, so its old content cannot be restored`, 'The file was left as it is.'),
        );
      }
    } else if (current !== undefined && oursAtTarget) {
      await fs.unlink(entry.target);
    }
    if (applied !== 'done') await unlinkIfPresent(fs, entry.temp); // a done rename consumed it
  });

  for (const dir of [...input.createdDirs].reverse()) {
    try {
      await fs.rmdir(dir);
      touchedDirs.delete(dir);
      touchedDirs.add(posix.dirname(dir));
    } catch (error) {
      // Not empty (someone else's file is in it) or already gone: either way it is not ours to remove.
      if (!(error instanceof WoptError && (error.errno === 'ENOTEMPTY' || error.errno === 'EEXIST' || error.code === 'E_NOT_FOUND'))) throw error;
    }
  }
  if (problems.length > 0) {
    throw errors.recoveryNeeded(layout.root, problems.map((problem) => problem.message).join(' '), problems[0]);
  }
  return { conflicts, touchedDirs };
}

/**
 * Makes the rolled-back state durable. A directory that does not exist (never created, or removed
 * by the rollback) has nothing to sync; its parent, which recorded the removal, is in the set.
 */
export async function syncTouchedDirs(fs: FsPort, dirs: Iterable<string>, concurrency: number, onSync: () => void = () => undefined): Promise<void> {
  await forEachLimited([...dirs], concurrency, async (dir) => {
    try {
      onSync();
      await fs.fsyncDir(dir);
    } catch (error) {
      if (!isWoptError(error, 'E_NOT_FOUND')) throw error;
    }
  });
}

/**
 * Finishes a committed transaction's cleanup: backups are kept for undo or removed. After a crash
 * (`leftTemps`), temps that were never renamed (writes found unchanged once staged) go too.
 */
export async function finishCommitted(
  fs: FsPort,
  entries: readonly EntryRecord[],
  keptBackup: ((entry: EntryRecord) => string) | undefined,
  concurrency: number,
  leftTemps: (entry: EntryRecord) => boolean,
): Promise<void> {
  await forEachLimited(entries, concurrency, async (entry) => {
    if (leftTemps(entry)) await unlinkIfPresent(fs, entry.temp);
    if (entry.backup === null) return;
    if (keptBackup === undefined) {
      await unlinkIfPresent(fs, entry.backup);
      return;
    }
    try {
      await fs.rename(entry.backup, keptBackup(entry));
    } catch (error) {
      if (isWoptError(error, 'E_NOT_FOUND')) return; // already moved
      if ((error as WoptError).errno !== 'EXDEV') throw error;
      await fs.copyFile(entry.backup, keptBackup(entry));
      await fs.unlink(entry.backup);
    }
  });
}
