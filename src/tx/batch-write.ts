/**
 * `batchWrite`: many files as one all-or-nothing transaction.
 */
import { sampleRss } from '../metrics/rss.js';
import type { Change } from './changes.js';
import { normalizeChange, normalizeChanges } from './changes.js';
import type { NormalizedChange } from './changes.js';
import { Transaction } from './engine.js';
import type { Durability } from './journal.js';
import type { Layout } from './layout.js';
import { newTxid } from './layout.js';
import { openProject } from './project.js';
import type { HeldLock } from './lock.js';
import { stillHeld, withLock } from './lock.js';
import type { FileReport, FileStatus } from './plan.js';
import { checkFreeSpace, Planner } from './plan.js';
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

/** Reports of a batch that wrote nothing (dry run, or nothing to do). */
function reportWithoutWriting(
  options: ResolvedWriteOptions,
  files: readonly FileReport[],
  warnings: readonly string[],
  recovered: RecoveryReport | undefined,
  started: number,
  sampler: { stop(): number },
): BatchReport {
  return {
    txid: undefined,
    dryRun: options.dryRun,
    durability: options.durability,
    recovered,
    files,
    counts: countStatuses(files),
    bytesWritten: 0,
    fsyncs: 0,
    durationMs: performance.now() - started,
    peakRssDeltaBytes: sampler.stop(),
    warnings,
  };
}

/** Changes from a lazy source are planned and staged this many at a time (memory stays bounded). */
const STREAM_CHUNK = 256;
/** Lookups of targets run this many at a time while planning. */
const PREFETCH = 64;

/**
 * Plans and commits a batch; the caller holds the lock and has run recovery. An array is planned
 * whole before anything is written; an async iterable is consumed in chunks, each journaled and
 * staged before the next is read, so memory does not grow with the number of changes.
 */
export async function commitChanges(
  options: ResolvedWriteOptions,
  layout: Layout,
  changes: readonly NormalizedChange[] | AsyncIterable<unknown>,
  recovered: RecoveryReport | undefined,
  started: number,
  sampler: { stop(): number },
  lock?: HeldLock,
): Promise<BatchReport> {
  const planner = new Planner(options.fs, layout.root, options);
  const txid = newTxid();
  const tx = new Transaction(options.fs, layout, {
    txid,
    durability: options.durability,
    keep: options.backup,
    concurrency: options.concurrency,
    signal: options.signal,
    stillLocked: lock && (() => stillHeld(options.fs, layout, lock)),
  });
  let staged = 0;
  const stageStep = async (): Promise<void> => {
    const step = planner.drain();
    if (options.dryRun || (step.entries.length === 0 && step.withdrawn.length === 0)) return;
    await tx.addStep(step);
    planner.release(step.entries);
    staged += step.entries.length;
    options.onProgress?.({ phase: 'staging', staged });
  };

  if (Array.isArray(changes)) {
    planner.prefetch(changes as readonly NormalizedChange[], PREFETCH);
    for (const change of changes as readonly NormalizedChange[]) await planner.add(change);
    const plan = { root: layout.root, entries: [...planner.plannedEntries.values()], createDirs: [], files: [], warnings: [] };
    await checkFreeSpace(options.fs, plan);
    await tx.guard(stageStep);
  } else {
    await tx.guard(async () => {
      let index = 0;
      let chunk: NormalizedChange[] = [];
      const planChunk = async (): Promise<void> => {
        planner.prefetch(chunk, PREFETCH);
        for (const change of chunk) await planner.add(change);
        chunk = [];
        await stageStep();
      };
      for await (const raw of changes as AsyncIterable<unknown>) {
        chunk.push(normalizeChange(raw, index++, options.root));
        if (chunk.length >= STREAM_CHUNK) await planChunk();
      }
      await planChunk();
    });
  }

  if (options.dryRun || tx.size === 0) {
    await tx.discard();
    return reportWithoutWriting(options, planner.files(), planner.allWarnings(), recovered, started, sampler);
  }
  options.onProgress?.({ phase: 'committing', staged });
  const result = await tx.finish();
  options.onProgress?.({ phase: 'done', staged });
  const unchangedPaths = new Set([...planner.plannedEntries.values()].filter((entry) => result.unchanged.has(entry.i)).map((entry) => entry.path));
  const files = planner.files().map((file) => (unchangedPaths.has(file.path) && file.status !== 'skipped' ? { path: file.path, status: 'unchanged' as const, bytes: 0 } : file));
  return {
    txid,
    dryRun: false,
    durability: options.durability,
    recovered,
    files,
    counts: countStatuses(files),
    bytesWritten: result.bytesWritten,
    fsyncs: result.fsyncs,
    durationMs: performance.now() - started,
    peakRssDeltaBytes: sampler.stop(),
    warnings: [...planner.allWarnings(), ...result.warnings],
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
export async function batchWrite(changes: Iterable<Change> | AsyncIterable<Change>, options: WriteOptions = {}): Promise<BatchReport> {
  const started = performance.now();
  const resolved = resolveWriteOptions(options);
  // A lazy source is validated as it is read; anything else is checked whole before any write.
  const normalized = isAsyncIterable(changes) ? changes : normalizeChanges(changes, resolved.root);
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

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value && !Array.isArray(value);
