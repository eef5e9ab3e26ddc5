/**
 * Crash recovery: every transaction left under `.wopt/txn/` is finished. A committed one has its
 * clean-up completed; a pending one is rolled back from its journal and backups. Journals are all
 * parsed before anything is touched, so a damaged journal stops recovery with nothing changed.
 */
import type { FsPort } from '../fs/port.js';
import { errors, WoptError } from '../errors.js';
import type { JournalState } from './journal.js';
import { JournalWriter } from './journal.js';
import type { Layout } from './layout.js';
import { journalPath, keptBackupPath } from './layout.js';
import { isCleaned, listTransactionIds, markCleaned, readJournal, removeTransactionDir } from './retention.js';
import { finishCommitted, rollBack, syncTouchedDirs } from './rollback.js';
import { posix } from 'node:path';

export interface RecoveredTransaction {
  readonly txid: string;
  /** `rolled-back`: restored to its old state; `completed`: committed, its clean-up finished; `discarded`: it never started writing. */
  readonly outcome: 'rolled-back' | 'completed' | 'discarded';
  readonly files: number;
}

export interface RecoveryReport {
  readonly transactions: readonly RecoveredTransaction[];
  /** Root-relative paths moved to `.wopt/conflicts/<txid>/` because they could not be proven wopt's own. */
  readonly conflicts: readonly string[];
}

export async function recoverUnderLock(fs: FsPort, layout: Layout, concurrency: number): Promise<RecoveryReport> {
  const ids = await listTransactionIds(fs, layout);
  const journals: { txid: string; state: JournalState | undefined }[] = [];
  for (const txid of ids) {
    if (await isCleaned(fs, layout, txid)) continue; // kept for undo, nothing left to finish
    journals.push({ txid, state: await readJournal(fs, layout, txid) });
  }

  const transactions: RecoveredTransaction[] = [];
  const conflicts: string[] = [];
  for (const { txid, state } of journals) {
    try {
      if (state === undefined) {
        await removeTransactionDir(fs, layout, txid);
        transactions.push({ txid, outcome: 'discarded', files: 0 });
      } else if (state.outcome === 'committed') {
        if (state.cleaned) continue;
        await finishCommitted(fs, state.entries, state.keep ? (entry) => keptBackupPath(layout, txid, entry.i) : undefined, concurrency, () => true);
        if (state.keep) await markCleaned(fs, layout, txid);
        else await removeTransactionDir(fs, layout, txid);
        transactions.push({ txid, outcome: 'completed', files: state.entries.length });
      } else if (state.outcome === 'rolled-back') {
        await removeTransactionDir(fs, layout, txid);
        transactions.push({ txid, outcome: 'rolled-back', files: state.entries.length });
      } else {
        const result = await rollBack(fs, layout, state, concurrency);
        conflicts.push(...result.conflicts);
        if (state.durability === 'full') await syncTouchedDirs(fs, result.touchedDirs, concurrency);
        const journal = await JournalWriter.reopen(fs, journalPath(layout, txid), state.durability);
        try {
          await journal.append([{ type: 'ROLLEDBACK' }], 'fdatasync');
        } finally {
          await journal.close();
        }
        await removeTransactionDir(fs, layout, txid);
        transactions.push({ txid, outcome: 'rolled-back', files: state.entries.length });
      }
    } catch (error) {
      if (error instanceof WoptError && error.code === 'E_RECOVERY_NEEDED') throw error;
      throw errors.recoveryNeeded(layout.root, `transaction ${txid}: ${(error as Error).message}`, error);
    }
  }
  return { transactions, conflicts: conflicts.map((path) => posix.normalize(path)) };
}
