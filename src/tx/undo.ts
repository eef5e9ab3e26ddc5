/**
 * `undo`: restores the files of a kept, committed transaction to what they were before it, as a
 * new transaction of its own. It refuses, naming the files, when any of them changed since.
 */
import { errors, isWoptError } from '../errors.js';
import type { FsPort } from '../fs/port.js';
import { sampleRss } from '../metrics/rss.js';
import type { BatchReport } from './batch-write.js';
import { commitChanges } from './batch-write.js';
import type { NormalizedChange } from './changes.js';
import type { EntryRecord, JournalState } from './journal.js';
import type { Layout } from './layout.js';
import { keptBackupPath } from './layout.js';
import { withLock } from './lock.js';
import type { WriteOptions } from './options.js';
import { resolveWriteOptions } from './options.js';
import { openProject } from './project.js';
import { recoverUnderLock } from './recover.js';
import { listTransactionIds, readJournal, removeTransactionDir } from './retention.js';
import { hashFile } from './rollback.js';

export type UndoOptions = Pick<WriteOptions, 'durability' | 'concurrency' | 'signal' | 'lockTimeoutMs' | 'fs' | 'command' | 'dryRun'>;

async function latestKept(fs: FsPort, layout: Layout): Promise<JournalState | undefined> {
  const ids = await listTransactionIds(fs, layout);
  for (const txid of ids.reverse()) {
    const state = await readJournal(fs, layout, txid);
    if (state?.outcome === 'committed' && state.keep) return state;
  }
  return undefined;
}

/** Whether the file at an entry's target is still exactly what the transaction left there. */
async function unchangedSince(fs: FsPort, state: JournalState, entry: EntryRecord): Promise<boolean> {
  const current = await fs.lstat(entry.target);
  if (entry.op === 'delete') return current === undefined;
  const staged = state.staged?.get(entry.i);
  if (current === undefined || staged === undefined) return false;
  if (current.ino !== staged.ino || current.size !== staged.size) return false;
  if (current.mtimeMs === staged.mtimeMs) return true;
  // Same inode, new mtime: an editor may have rewritten it in place; only the hash can tell.
  return staged.sha256 !== '' && (await hashFile(fs, entry.target)) === staged.sha256;
}

/** Directories the undone transaction created go too, when nothing else has been put in them. */
async function removeEmptyDirs(fs: FsPort, dirs: readonly string[]): Promise<void> {
  for (const dir of [...dirs].reverse()) {
    await fs.rmdir(dir).catch(() => undefined);
  }
}

/**
 * Undoes the newest kept transaction, or the one named.
 *
 * @example
 * const report = await batchWrite(changes, { root });
 * await undo(root, report.txid);
 *
 * @throws WoptError E_NOTHING_TO_UNDO when no such transaction is kept; E_CONFLICT naming every
 *   file changed since (nothing restored); the errors of {@link batchWrite}.
 */
export async function undo(root: string, txid?: string, options: UndoOptions = {}): Promise<BatchReport> {
  const started = performance.now();
  const resolved = resolveWriteOptions({ ...options, root, backup: 0, preserve: { eol: false, bom: false, mode: true } });
  const layout = await openProject(resolved.fs, resolved.root);
  const sampler = sampleRss();
  try {
    return await withLock(resolved.fs, layout, undefined, { timeoutMs: resolved.lockTimeoutMs, command: resolved.command, signal: resolved.signal }, async () => {
      await recoverUnderLock(resolved.fs, layout, resolved.concurrency);
      const state = txid === undefined ? await latestKept(resolved.fs, layout) : await readJournal(resolved.fs, layout, txid);
      if (state === undefined || state.outcome !== 'committed' || !state.keep) throw errors.nothingToUndo(layout.root, txid);

      const changed: string[] = [];
      for (const entry of state.entries) {
        if (!(await unchangedSince(resolved.fs, state, entry))) changed.push(entry.path);
      }
      if (changed.length > 0) {
        throw errors.conflict(changed, `Cannot undo transaction ${state.txid}; these files changed since it`, 'Nothing was restored. Revert those edits first, or restore the files you need by hand.');
      }

      const changes: NormalizedChange[] = state.entries.map((entry, index) => {
        if (entry.pre === null) return { kind: 'delete', path: entry.path, index };
        const backup = keptBackupPath(layout, state.txid, entry.i);
        return { kind: 'write', path: entry.path, content: resolved.fs.readStream(backup), mode: entry.pre.mode, index };
      });
      for (const entry of state.entries) {
        if (entry.pre !== null && (await resolved.fs.lstat(keptBackupPath(layout, state.txid, entry.i))) === undefined) {
          throw errors.conflict([entry.path], `The kept backup of transaction ${state.txid} is missing`, 'Nothing was restored.');
        }
      }
      const report = await commitChanges(resolved, layout, changes, undefined, started, sampler);
      if (!resolved.dryRun) {
        await removeEmptyDirs(resolved.fs, state.createdDirs);
        await removeTransactionDir(resolved.fs, layout, state.txid).catch((error: unknown) => {
          if (!isWoptError(error, 'E_NOT_FOUND')) throw error;
        });
      }
      return report;
    });
  } finally {
    sampler.stop();
  }
}
