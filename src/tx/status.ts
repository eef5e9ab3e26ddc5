/**
 * `status` and `recover`: what wopt knows about a project, and finishing what a crash left.
 */
import type { FsPort } from '../fs/port.js';
import { nodeFs } from '../fs/node.js';
import { resolve } from 'node:path';
import type { Layout } from './layout.js';
import type { LockRecord } from './lock.js';
import { readLockRecord, withLock } from './lock.js';
import { openProject } from './project.js';
import type { RecoveryReport } from './recover.js';
import { recoverUnderLock } from './recover.js';
import { listTransactionIds, readJournal } from './retention.js';
import type { Stray } from './strays.js';
import { findStrays } from './strays.js';

export interface ProjectOptions {
  readonly fs?: FsPort;
  /** `status` only: also walk the project for temps and backups of lost transactions (slower). */
  readonly scan?: boolean;
  readonly lockTimeoutMs?: number;
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  readonly command?: string;
}

export interface TransactionSummary {
  readonly txid: string;
  readonly time: string;
  readonly files: readonly string[];
  readonly durability: string;
}

export interface ProjectStatus {
  readonly root: string;
  /** The lock's holder, and whether that process is still running. */
  readonly lock: (LockRecord & { readonly alive: boolean }) | undefined;
  /** Unfinished transactions: the next wopt run (or `wopt recover`) rolls them back. */
  readonly pending: readonly TransactionSummary[];
  /** Committed transactions whose backups are kept; `wopt undo` restores the newest. */
  readonly kept: readonly TransactionSummary[];
  /** Journals that cannot be read; recovery will stop on them. */
  readonly damaged: readonly { readonly txid: string; readonly error: string }[];
  /** With `scan`: temps and backups in the project (those of lost journals need a person's look). */
  readonly strays: readonly Stray[] | undefined;
}

/** Reads the project's wopt state without changing anything (no lock taken). */
export async function status(root: string, options: ProjectOptions = {}): Promise<ProjectStatus> {
  const fs = options.fs ?? nodeFs;
  const layout = await openProject(fs, resolve(root));
  const record = await readLockRecord(fs, layout.lock);
  const lock = record === undefined ? undefined : { ...record, alive: await fs.isAlive(record) };
  const pending: TransactionSummary[] = [];
  const kept: TransactionSummary[] = [];
  const damaged: { txid: string; error: string }[] = [];
  for (const txid of await listTransactionIds(fs, layout)) {
    try {
      const state = await readJournal(fs, layout, txid);
      if (state === undefined) continue;
      const summary = { txid, time: state.time, files: state.entries.map((entry) => entry.path), durability: state.durability };
      if (state.outcome === 'pending') pending.push(summary);
      else if (state.outcome === 'committed' && state.keep) kept.push(summary);
    } catch (error) {
      damaged.push({ txid, error: (error as Error).message });
    }
  }
  const strays = options.scan ? await findStrays(fs, layout) : undefined;
  return { root: layout.root, lock, pending, kept, damaged, strays };
}

/**
 * Finishes every transaction a crash left: rolls back the uncommitted, completes the committed.
 * A second call is a no-op. Takes the project lock (a dead holder's lock is taken over).
 *
 * @throws WoptError E_JOURNAL_CORRUPT (nothing changed), E_RECOVERY_NEEDED, E_LOCKED.
 */
export async function recover(root: string, options: ProjectOptions = {}): Promise<RecoveryReport> {
  const fs = options.fs ?? nodeFs;
  const layout: Layout = await openProject(fs, resolve(root));
  return withLock(fs, layout, undefined, { timeoutMs: options.lockTimeoutMs ?? 10_000, command: options.command, signal: options.signal }, () =>
    recoverUnderLock(fs, layout, options.concurrency ?? 64),
  );
}
