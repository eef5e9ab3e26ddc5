/**
 * Human output: colour (only where it helps and is wanted), counts, durations, and the one-line
 * summary of a batch.
 */
import type { BatchReport } from '../tx/batch-write.js';
import type { FileStatus } from '../tx/plan.js';
import type { RecoveryReport } from '../tx/recover.js';
import type { Output } from './io.js';

export interface Style {
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly cyan: (text: string) => string;
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
}

const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string): string => text;

export function createStyle(color: boolean): Style {
  if (!color) return { red: plain, green: plain, yellow: plain, cyan: plain, bold: plain, dim: plain };
  return { red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39), bold: sgr(1, 22), dim: sgr(2, 22) };
}

/**
 * Colour follows the common conventions: FORCE_COLOR (other than "0" or "false") forces it on, even
 * into a pipe; otherwise NO_COLOR (any non-empty value, per no-color.org) turns it off; otherwise
 * it is on only for a terminal, so logs and pipes never get escape codes.
 */
export function wantsColor(stream: Output, env: Readonly<Record<string, string | undefined>>): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}

export const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;

export function formatDuration(ms: number): string {
  return ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return plural(bytes, 'byte');
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit] ?? 'TiB'}`;
}

/** `created 2, updated 1, unchanged 0`, plus deleted and skipped when there are any. */
export function formatCounts(counts: Readonly<Record<FileStatus, number>>): string {
  const parts = [`created ${counts.created}`, `updated ${counts.updated}`];
  if (counts.deleted > 0) parts.push(`deleted ${counts.deleted}`);
  parts.push(`unchanged ${counts.unchanged}`);
  if (counts.skipped > 0) parts.push(`skipped ${counts.skipped}`);
  return parts.join(', ');
}

export const changedCount = (report: BatchReport): number => report.counts.created + report.counts.updated + report.counts.deleted;

function durabilityNote(report: BatchReport): string {
  if (report.durability === 'full') return plural(report.fsyncs, 'fsync');
  return report.durability === 'process' ? 'durability process (no fsync)' : 'durability none (no journal)';
}

/**
 * The success line of `wopt write`, e.g.
 * `committed 1000 files in 120 ms (created 998, updated 2, unchanged 0) · 1045 fsyncs · txid 2026…`.
 */
export function summaryLine(report: BatchReport, verb = 'committed'): string {
  const changed = changedCount(report);
  if (report.txid === undefined) {
    return `nothing to write: ${plural(report.files.length, 'file')} already as asked (${formatCounts(report.counts)})`;
  }
  return `${verb} ${plural(changed, 'file')} in ${formatDuration(report.durationMs)} (${formatCounts(report.counts)}) · ${durabilityNote(report)} · txid ${report.txid}`;
}

const OUTCOME_WORDS = { 'rolled-back': 'rolled back', completed: 'completed', discarded: 'discarded' } as const;

/** Lines describing what recovery did, for `wopt recover` and for the batch that ran it first. */
export function recoveryLines(report: RecoveryReport): string[] {
  const lines = report.transactions.map((tx) => {
    const why =
      tx.outcome === 'rolled-back'
        ? 'it had not committed; every file is back to its old content'
        : tx.outcome === 'completed'
          ? 'it had committed; its clean-up is now finished'
          : 'it had not started writing';
    return `${OUTCOME_WORDS[tx.outcome]} transaction ${tx.txid} (${plural(tx.files, 'file')}): ${why}`;
  });
  for (const path of report.conflicts) {
    lines.push(`conflict: ${JSON.stringify(path)} was in the way and could not be proven wopt's own; it was moved to .wopt/conflicts/ (nothing deleted)`);
  }
  return lines;
}

/** JSON for `--json`: absent values are `null`, so every report has the same keys for scripts. */
export const toJson = (value: unknown): string => `${JSON.stringify(value, (_key, item: unknown) => (item === undefined ? null : item), 2)}\n`;
