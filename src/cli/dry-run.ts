/**
 * The human output of `wopt write --dry-run`: the plan the library computed (each path with its
 * status), then a unified diff per changed file. The diff is built from the same inputs the writer
 * would use: the old bytes read through the fs port, the new bytes from the manifest with the
 * existing file's line endings and BOM carried over exactly as the writer carries them.
 */
import { posix } from 'node:path';
import type { BatchReport } from '../tx/batch-write.js';
import { applyConventions, detectConventions } from '../tx/content.js';
import type { FileReport } from '../tx/plan.js';
import type { DiffSide } from './diff.js';
import { DIFF_LIMIT_BYTES, renderDiff } from './diff.js';
import type { Style } from './format.js';
import { changedCount, formatCounts, plural } from './format.js';
import type { CommandContext } from './io.js';
import type { ManifestEntry } from './manifest.js';

/** A manifest entry with its root-relative path (the destination, for a rename) as the writer sees it. */
export interface NormalizedEntry {
  readonly entry: ManifestEntry;
  readonly path: string;
  /** For a rename: the normalized source. */
  readonly from?: string;
}

/** Must match the writer's window for detecting line endings and a BOM (see tx/plan.ts). */
const CONVENTIONS_HEAD_BYTES = 64 * 1024;

async function readSide(ctx: CommandContext, absolute: string): Promise<DiffSide> {
  const stat = await ctx.fs.stat(absolute);
  if (stat === undefined) return null;
  if (stat.size > DIFF_LIMIT_BYTES) return { size: stat.size };
  return ctx.fs.readFile(absolute);
}

async function newSide(ctx: CommandContext, root: string, item: NormalizedEntry, file: FileReport, before: DiffSide): Promise<DiffSide> {
  const { entry } = item;
  switch (entry.kind) {
    case 'delete':
      return null;
    case 'rename':
      return readSide(ctx, posix.join(root, item.from ?? entry.from));
    case 'file':
      return readSide(ctx, entry.contentFile);
    case 'content': {
      if (typeof entry.content !== 'string') return entry.content;
      if (file.status !== 'updated' || !(before instanceof Uint8Array)) return Buffer.from(entry.content);
      const conventions = detectConventions(before.subarray(0, CONVENTIONS_HEAD_BYTES));
      return Buffer.from(applyConventions(entry.content, conventions, { eol: true, bom: true }));
    }
  }
}

const STATUS_WIDTH = 'unchanged'.length;

function statusLine(file: FileReport, style: Style): string {
  const paint = { created: style.green, updated: style.yellow, deleted: style.red, unchanged: style.dim, skipped: style.dim }[file.status];
  const from = file.renamedFrom === undefined ? '' : ` (renamed from ${file.renamedFrom})`;
  const note = file.note === undefined ? '' : style.dim(` (${file.note})`);
  return `  ${paint(file.status.padEnd(STATUS_WIDTH))}  ${file.path}${from}${note}`;
}

/** Prints the plan and the diffs of a dry-run report. */
export async function printDryRun(ctx: CommandContext, root: string, entries: readonly NormalizedEntry[], report: BatchReport, style: Style): Promise<void> {
  const { stdout, stderr } = ctx.io;
  for (const warning of report.warnings) stderr.write(`wopt: warning: ${warning}\n`);
  const changed = changedCount(report);
  const headline =
    changed === 0
      ? `dry run: nothing would change in ${root} (${formatCounts(report.counts)})`
      : `dry run: would commit ${plural(changed, 'file')} in ${root} (${formatCounts(report.counts)}); nothing was written`;
  stdout.write(`${style.bold(headline)}\n`);
  for (const file of report.files) stdout.write(`${statusLine(file, style)}\n`);

  // The last entry for a path wins, as in the writer; a rename's source shows as its own deletion.
  const byPath = new Map<string, NormalizedEntry>();
  const renameSources = new Set<string>();
  for (const item of entries) {
    byPath.set(item.path, item);
    if (item.from !== undefined) renameSources.add(item.from);
  }
  for (const file of report.files) {
    if (file.status !== 'created' && file.status !== 'updated' && file.status !== 'deleted') continue;
    if (file.status === 'deleted' && renameSources.has(file.path)) continue;
    const item = byPath.get(file.path);
    if (item === undefined) continue;
    const before = file.status === 'created' ? null : await readSide(ctx, posix.join(root, file.path));
    const after = await newSide(ctx, root, item, file, before);
    stdout.write('\n');
    if (file.renamedFrom !== undefined) stdout.write(`${style.bold(`rename ${file.renamedFrom} → ${file.path}`)}\n`);
    if (file.renamedFrom !== undefined && file.status === 'created') continue;
    stdout.write(renderDiff(file.path, before, after, style));
  }
}
