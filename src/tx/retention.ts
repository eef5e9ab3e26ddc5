/**
 * Kept transactions: the newest K committed transactions keep their journal and backups under
 * `.wopt/txn/<txid>/` so `wopt undo` can restore them; older ones are removed.
 */
import { isWoptError } from '../errors.js';
import type { FsPort } from '../fs/port.js';
import { JournalWriter, parseJournal } from './journal.js';
import type { JournalState } from './journal.js';
import type { Layout } from './layout.js';
import { journalPath, transactionDir, TXID_PATTERN } from './layout.js';
import { posix } from 'node:path';

/** Transaction ids under `.wopt/txn/`, oldest first. */
export async function listTransactionIds(fs: FsPort, layout: Layout): Promise<string[]> {
  try {
    return (await fs.readdir(layout.txnDir)).filter((name) => TXID_PATTERN.test(name)).sort();
  } catch (error) {
    if (isWoptError(error, 'E_NOT_FOUND') || isWoptError(error, 'E_NOT_A_DIRECTORY')) return [];
    throw error;
  }
}

export async function readJournal(fs: FsPort, layout: Layout, txid: string): Promise<JournalState | undefined> {
  const path = journalPath(layout, txid);
  let text: string;
  try {
    text = (await fs.readFile(path)).toString('utf8');
  } catch (error) {
    if (isWoptError(error, 'E_NOT_FOUND')) return undefined;
    throw error;
  }
  return parseJournal(text, path);
}

/**
 * Removes kept transactions beyond the newest `keep`. A kept transaction is known by its cleaned
 * marker, so no journal is read (they can be large, and this runs after every commit); those
 * without one are recovery's business.
 */
export async function pruneKept(fs: FsPort, layout: Layout, keep: number): Promise<void> {
  const kept: string[] = [];
  for (const txid of await listTransactionIds(fs, layout)) {
    if (await isCleaned(fs, layout, txid)) kept.push(txid);
  }
  for (const txid of kept.slice(0, Math.max(0, kept.length - keep))) await removeTransactionDir(fs, layout, txid);
}

export async function removeTransactionDir(fs: FsPort, layout: Layout, txid: string): Promise<void> {
  const dir = transactionDir(layout, txid);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if (isWoptError(error, 'E_NOT_FOUND')) return;
    throw error;
  }
  // The journal goes last, so a crash in between leaves a journal that still explains the rest.
  for (const name of names.filter((n) => n !== 'journal')) await fs.unlink(posix.join(dir, name));
  if (names.includes('journal')) await fs.unlink(posix.join(dir, 'journal'));
  await fs.rmdir(dir);
}


/** A kept transaction whose clean-up finished has this empty file beside its journal. */
const CLEANED_MARK = 'cleaned';

/**
 * Records that a committed, kept transaction's backups are in place, so recovery can skip it:
 * a CLEANED record in the journal, and a marker file that a directory listing shows without the
 * journal being read (every batch runs recovery first, so this check is on the hot path).
 */
export async function markCleaned(fs: FsPort, layout: Layout, txid: string): Promise<void> {
  const journal = await JournalWriter.reopen(fs, journalPath(layout, txid), 'process');
  try {
    await journal.append([{ type: 'CLEANED' }], 'fdatasync');
  } finally {
    await journal.close();
  }
  const mark = await fs.open(posix.join(transactionDir(layout, txid), CLEANED_MARK), 'create-or-truncate', 0o644);
  await fs.close(mark);
}

/** Whether a transaction is kept and cleaned, known from its directory listing alone. */
export async function isCleaned(fs: FsPort, layout: Layout, txid: string): Promise<boolean> {
  return (await fs.lstat(posix.join(transactionDir(layout, txid), CLEANED_MARK))) !== undefined;
}
