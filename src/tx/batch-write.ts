/**
 * `batchWrite`: many files as one all-or-nothing transaction.
 */
import { sampleRss } from '../metrics/rss.js';
import type { Change } from './changes.js';
import { normalizeChanges } from './changes.js';
import type { NormalizedChange } from './changes.js';
import { executePlan } from './engine.js';
import type { Durability } from './journal.js';
import type { Layout } from './layout.js';
import { newTxid } from './layout.js';
import { openProject } from './project.js';
import type { HeldLock } from './lock.js';
import { stillHeld, withLock } from './lock.js';
import type { FileReport, FileStatus } from './plan.js';
import { planBatch } from './plan.js';
import type { RecoveryReport } from './recover.js';
import { recoverUnderLock } from './recover.js';
import type { ResolvedWriteOptions, WriteOptions } from './options.js';
import { resolveWriteOptions } from './options.js';

export interface BatchReport {
  /** The transaction id (for `undo`), or undefined when nothing was written (dry run, or no changes). */
  readonly txid: string | undefined;
  readonly dryRun: boolean;
  readonly durability: Durability;
  /** Every path of the batch with what happened to it, in input order. */
  readonly files: readonly FileReport[];
  readonly counts: Readonly<Record<FileStatus, number>>;
  /** Bytes of new content staged. */
  readonly bytesWritten: number;
  /** fsync and fdatasync calls made (files, directories and journal). */
  readonly fsyncs: number;
  readonly durationMs: number;
  /** How much the process's resident memory grew at its peak during the batch. */
  readonly peakRssDeltaBytes: number;
  /** Transactions an earlier crash left behind, finished before this batch ran. */
  readonly recovered: RecoveryReport | undefined;
  /** Portability concerns and clean-up notes that did not stop the batch. */
  readonly warnings: readonly string[];
}

export function countStatuses(files: readonly FileReport[]): Record<FileStatus, number> {
  const counts: Record<FileStatus, number> = { created: 0, updated: 0, deleted: 0, unchanged: 0, skipped: 0 };
  for (const file of files) counts[file.status] += 1;
  return counts;
}

/** Plans and commits normalized changes; the caller holds the lock and has run recovery. */
export async function commitChanges(
  options: ResolvedWriteOptions,
  layout: Layout,
  changes: readonly NormalizedChange[],
  recovered: RecoveryReport | undefined,
  started: number,
  sampler: { stop(): number },
  lock?: HeldLock,
): Promise<BatchReport> {
  const plan = await planBatch(options.fs, layout.root, changes, options);
  const base = { dryRun: options.dryRun, durability: options.durability, recovered };
  if (options.dryRun || plan.entries.length === 0) {
    return {
      ...base,
      txid: undefined,
      files: plan.files,
      counts: countStatuses(plan.files),
      bytesWritten: 0,
      fsyncs: 0,
      durationMs: performance.now() - started,
      peakRssDeltaBytes: sampler.stop(),
      warnings: plan.warnings,
    };
  }
  const txid = newTxid();
  const result = await executePlan(options.fs, layout, { entries: plan.entries, withdrawn: [], createDirs: plan.createDirs }, {
    txid,
    durability: options.durability,
    keep: options.backup,
    concurrency: options.concurrency,
    signal: options.signal,
    stillLocked: lock && (() => stillHeld(options.fs, layout, lock)),
  });
  const unchangedPaths = new Set(plan.entries.filter((entry) => result.unchanged.has(entry.i)).map((entry) => entry.path));
  const files = plan.files.map((file) => (unchangedPaths.has(file.path) ? { path: file.path, status: 'unchanged' as const, bytes: 0 } : file));
  return {
    ...base,
    txid,
    files,
    counts: countStatuses(files),
    bytesWritten: result.bytesWritten,
    fsyncs: result.fsyncs,
    durationMs: performance.now() - started,
    peakRssDeltaBytes: sampler.stop(),
    warnings: [...plan.warnings, ...result.warnings],
  };
}

/**
 * Writes many files as one transaction: after it resolves, every change is on disk (durably, under
 * the default `full` durability); if it throws, or the process dies first, every file keeps (or
 * gets back, on the next run or `wopt recover`) exactly its old bytes, mode and existence.
 *
 * @example
 * const report = await batchWrite(
 *   [
 *     { path: 'src/a.ts', content: 'export const a = 1;\n' },
 *     { path: 'src/old.ts', delete: true },
 *     { from: 'src/b.ts', to: 'src/c.ts' },
 *   ],
 *   { root: projectDir },
 * );
 * report.counts; // { created: 2, updated: 0, deleted: 2, unchanged: 0, skipped: 0 }
 *
 * @throws WoptError E_INVALID_INPUT, E_PATH_* and E_NAME_TOO_LONG for bad input (nothing written);
 *   E_LOCKED when another process holds the project; E_CONFLICT when a file changed under the batch;
 *   E_NO_SPACE, E_PERMISSION, E_READ_ONLY, E_IO on system failures (rolled back); E_ABORTED when the
 *   signal fired (rolled back); E_RECOVERY_NEEDED when even the rollback failed (run `wopt recover`).
 */
export async function batchWrite(changes: Iterable<Change>, options: WriteOptions = {}): Promise<BatchReport> {
  const started = performance.now();
  const resolved = resolveWriteOptions(options);
  const normalized = normalizeChanges(changes, resolved.root);
  const sampler = sampleRss();
  try {
    const layout = await openProject(resolved.fs, resolved.root);
    if (resolved.dryRun) return await commitChanges(resolved, layout, normalized, undefined, started, sampler);
    return await withLock(resolved.fs, layout, undefined, { timeoutMs: resolved.lockTimeoutMs, command: resolved.command, signal: resolved.signal }, async (lock) => {
      const recovered = await recoverUnderLock(resolved.fs, layout, resolved.concurrency);
      return commitChanges(resolved, layout, normalized, recovered.transactions.length > 0 ? recovered : undefined, started, sampler, lock);
    });
  } finally {
    sampler.stop();
  }
}
