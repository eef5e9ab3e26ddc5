/**
 * `batchWriteFromTemplate`: one template, any number of params, one transaction.
 *
 * Items are read lazily and rendered at most `parallel` ahead of the writer, in order; the writer
 * consumes the changes in bounded chunks, so memory does not grow with the number of items beyond
 * the transaction's own bookkeeping (and the generation record, one small entry per file). The
 * record is the batch's last change: generated files and their record commit together or not at all.
 */
import { posix } from 'node:path';
import { WoptError, errors, isWoptError } from '../errors.js';
import type { FsPort } from '../fs/port.js';
import { nodeFs } from '../fs/node.js';
import type { Library } from '../library/library.js';
import { renderTemplate } from '../library/render.js';
import type { Renderer } from '../render/index.js';
import { createRenderer } from '../render/index.js';
import type { BatchReport } from '../tx/batch-write.js';
import { batchWrite } from '../tx/batch-write.js';
import type { Change } from '../tx/changes.js';
import type { Durability } from '../tx/journal.js';
import type { WriteOptions } from '../tx/options.js';
import type { Items } from './ahead.js';
import { mapAhead } from './ahead.js';
import type { ItemLabel } from './params.js';
import { defaultItemLabel, givenParams, withItem } from './params.js';
import type { GeneratedFile, StatCache } from './record.js';
import { RECORD_FILE, itemKey, readRecord, readStatCache, recordText, recordedByItem, sha256, statEntry, statMatches, writeStatCache } from './record.js';
import type { TemplateSource } from './source.js';
import { pinChanges, resolveTemplate } from './source.js';

export interface GenerateProgress {
  /** `rendering` while items are rendered and staged; then the writer's `committing` and `done`. */
  readonly phase: 'rendering' | 'committing' | 'done';
  /** Items rendered (or skipped as unchanged) so far. */
  readonly items: number;
  /** How many items there are, when known (an array was given). */
  readonly total: number | undefined;
  /** Files staged by the writer so far. */
  readonly staged: number;
}

/** A file of the plan, as it is handed to the writer (for diffs and confirmations). */
export interface PlannedFile {
  /** Root-relative path. */
  readonly path: string;
  /** The file's current bytes, or null when it does not exist. */
  readonly before: Uint8Array | null;
  /** The generated content. */
  readonly content: string;
  readonly status: 'create' | 'update' | 'unchanged';
  /** The item (0-based) that generated it. */
  readonly item: number;
}

export interface GenerateOptions {
  /** Output root: every generated path is relative to it. @default process.cwd() */
  readonly root?: string;
  /** The filesystem port (tests inject a fault port). @default the real filesystem */
  readonly fs?: FsPort;
  /** Needed to pass a template by name; also where the version used is pinned (see `pin`). */
  readonly library?: Library;
  /** The renderer (helpers, partials, prettier). @default createRenderer({ fs, root }) */
  readonly renderer?: Renderer;
  /**
   * How many items are rendered at once, ahead of the writer (results keep input order).
   * @default 8
   */
  readonly parallel?: number;
  /** Called as items are rendered and as the batch commits. For progress bars; it must not throw. */
  readonly onProgress?: (progress: GenerateProgress) => void;
  /** Plan and report; write nothing (not the files, not the record). @default false */
  readonly dryRun?: boolean;
  /**
   * Keep the generation record `wopt.generated.json` (written in the same transaction). Without it,
   * `update` cannot merge and unchanged output cannot be skipped. @default true
   */
  readonly record?: boolean;
  /**
   * Skip items whose template version and params are those recorded and whose files still have the
   * size, mtime and inode wopt left them with: neither rendered nor read. @default true
   */
  readonly skipUnchanged?: boolean;
  /**
   * Save the template version used under the project library's `.versions/<name>/<hash12>/` (same
   * transaction), so `update` can reproduce the old render after the template is edited in place.
   * Only with a `library` whose project folder is inside `root`. @default true
   */
  readonly pin?: boolean;
  /**
   * Asked once, after every item is rendered and before the commit, with the existing files whose
   * content would change and that are not unchanged wopt output (user files, or generated files the
   * user edited). Return false to refuse the batch (nothing is written). Default: overwrite.
   * @example { onOverwrite: (paths) => paths.length === 0 }
   */
  readonly onOverwrite?: (paths: readonly string[]) => boolean | Promise<boolean>;
  /** Called for each generated file with its current and new content (existing files are read for it). */
  readonly onFile?: (file: PlannedFile) => void;
  /** Names an item in errors. @default (i) => `item ${i}` */
  readonly itemLabel?: ItemLabel;
  /** Writer options, as for `batchWrite`. */
  readonly durability?: Durability;
  readonly backup?: number;
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  readonly lockTimeoutMs?: number;
  readonly command?: string;
}

export interface GenerateReport extends BatchReport {
  readonly template: { readonly name: string; readonly hash: string };
  /** Items read. */
  readonly items: number;
  /** Items skipped as unchanged by their recorded stat (not rendered, not read). */
  readonly skippedItems: number;
  /** Paths of existing, changed files that were not unchanged wopt output (see `onOverwrite`). */
  readonly overwritten: readonly string[];
  /**
   * Defaults the template's examples chose by the values given (see TemplateManifest.examples),
   * one note per item that had some, naming the item when there were several.
   */
  readonly notes: readonly string[];
}

type Rendered =
  | { readonly kind: 'skipped'; readonly index: number; readonly key: string }
  | {
      readonly kind: 'rendered';
      readonly index: number;
      readonly key: string;
      readonly params: Record<string, unknown>;
      /** Files the template's own formatting left as rendered. */
      readonly warnings: readonly string[];
      readonly notes: readonly string[];
      readonly files: readonly {
        readonly path: string;
        readonly content: string;
        readonly mode: number | undefined;
        readonly before: Uint8Array | null | undefined;
      }[];
    };

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw errors.invalidInput(`Option ${name} is ${JSON.stringify(value)}`, 'Give a whole number of at least 1.');
  return value;
}

const NO_CONVENTIONS = { eol: false, bom: false, mode: true } as const;

/** The refusal when `onOverwrite` declines: the files wopt did not generate, or that were edited since, the first twenty by name. */
function overwriteRefused(overwritten: readonly string[]): WoptError {
  const named = overwritten
    .slice(0, 20)
    .map((path) => JSON.stringify(path))
    .join(', ');
  const more = overwritten.length > 20 ? `, and ${overwritten.length - 20} more` : '';
  return new WoptError(
    'E_EXISTS',
    `Generating would overwrite ${overwritten.length} existing file${overwritten.length === 1 ? '' : 's'} that wopt did not generate or that were edited since: ${named}${more}. Nothing was written. Confirm the overwrite (CLI: --yes), or use \`wopt update\` to merge edits.`,
    { path: overwritten[0], paths: [...overwritten] },
  );
}

/**
 * Generates files from one template for many params, as one all-or-nothing transaction, and records
 * them in `wopt.generated.json` (in the same transaction).
 *
 * @example
 * const library = openLibrary({ fs: createNodeFs(), root });
 * async function* items() { for (const name of names) yield { name }; }
 * const report = await batchWriteFromTemplate('react-component', items(), { root, library, parallel: 8 });
 * report.counts; // { created: 3 * names.length + 1, ... } (the +1 is the record)
 *
 * @throws WoptError E_TEMPLATE_PARAM naming the item and the param (nothing written);
 *   E_TEMPLATE_SYNTAX / E_TEMPLATE_RENDER / E_PATH_* naming the item; E_DUPLICATE when two items
 *   generate one path; E_EXISTS when `onOverwrite` refused; and every error of `batchWrite`.
 */
export async function batchWriteFromTemplate(template: TemplateSource, items: Items<unknown>, options: GenerateOptions = {}): Promise<GenerateReport> {
  const fs = options.fs ?? nodeFs;
  const root = posix.resolve(options.root ?? process.cwd());
  const parallel = positive('parallel', options.parallel, 8);
  const label = options.itemLabel ?? defaultItemLabel;
  const keepRecord = options.record !== false;
  const skipUnchanged = keepRecord && options.skipUnchanged !== false;
  const dryRun = options.dryRun === true;
  const renderer = options.renderer ?? createRenderer({ fs, root });
  const resolved = await resolveTemplate(template, options.library);
  const { name, hash } = resolved;
  const total = Array.isArray(items) ? items.length : undefined;

  const oldFiles = keepRecord ? await readRecord(fs, root) : [];
  const record = new Map<string, GeneratedFile>(oldFiles.map((file) => [file.path, file]));
  const byItem = recordedByItem(oldFiles);
  const stats: StatCache = skipUnchanged || keepRecord ? await readStatCache(fs, root) : new Map();
  const readBefore = options.onOverwrite !== undefined || options.onFile !== undefined;

  async function unchanged(key: string): Promise<boolean> {
    const recorded = byItem.get(key);
    if (recorded === undefined || !recorded.every((file) => file.version === hash)) return false;
    for (const file of recorded) {
      if (!statMatches(stats.get(file.path), file, await fs.stat(posix.join(root, file.path)))) return false;
    }
    return true;
  }

  async function render(item: unknown, index: number): Promise<Rendered> {
    const params = givenParams(item, index, label, name);
    const key = itemKey(name, params);
    if (skipUnchanged && (await unchanged(key))) return { kind: 'skipped', index, key };
    let files;
    let warnings: readonly string[];
    let notes: readonly string[];
    try {
      ({ files, warnings, notes } = await renderTemplate(renderer, resolved.template, params));
    } catch (error) {
      throw withItem(error, index, label);
    }
    const out = [];
    for (const file of files) {
      let before: Uint8Array | null | undefined;
      if (readBefore) {
        const absolute = posix.join(root, file.path);
        before = (await fs.stat(absolute))?.kind === 'file' ? await fs.readFile(absolute) : null;
      }
      out.push({
        path: file.path,
        content: file.content,
        mode: file.mode,
        before,
      });
    }
    return { kind: 'rendered', index, key, params, files: out, warnings, notes };
  }

  let itemCount = 0;
  let skippedItems = 0;
  let staged = 0;
  const emitted = new Set<string>();
  const overwritten: string[] = [];
  const warnings: string[] = [];
  const notes: Array<{ readonly index: number; readonly note: string }> = [];
  const progress = (phase: GenerateProgress['phase']): void => options.onProgress?.({ phase, items: itemCount, total, staged });

  let sourceError: unknown;
  async function* changes(): AsyncGenerator<Change> {
    try {
      yield* generate();
    } catch (error) {
      sourceError = error;
      throw error;
    }
  }

  async function* generate(): AsyncGenerator<Change> {
    for await (const result of mapAhead(items, parallel, render)) {
      itemCount += 1;
      if (result.kind === 'skipped') {
        skippedItems += 1;
        progress('rendering');
        continue;
      }
      warnings.push(...result.warnings);
      notes.push(...result.notes.map((note) => ({ index: result.index, note })));
      const produced = new Set<string>();
      for (const file of result.files) {
        produced.add(file.path);
        const bytes = Buffer.from(file.content);
        const previous = record.get(file.path);
        if (file.before !== undefined) {
          const changed = file.before === null || !bytes.equals(file.before);
          if (file.before !== null && changed && !(previous !== undefined && sha256(file.before) === previous.sha256)) overwritten.push(file.path);
          options.onFile?.({
            path: file.path,
            before: file.before,
            content: file.content,
            status: file.before === null ? 'create' : changed ? 'update' : 'unchanged',
            item: result.index,
          });
        }
        if (keepRecord)
          record.set(file.path, {
            path: file.path,
            template: name,
            version: hash,
            params: result.params,
            sha256: sha256(bytes),
            size: bytes.length,
          });
        emitted.add(file.path);
        const content = file.content;
        yield file.mode === undefined ? { path: file.path, content } : { path: file.path, content, mode: file.mode };
      }
      // Files this item generated before but no longer does: left in place, dropped from the record.
      for (const old of byItem.get(result.key) ?? []) {
        if (produced.has(old.path) || record.get(old.path) !== old) continue;
        record.delete(old.path);
        warnings.push(`${old.path} was generated by ${label(result.index)} before and is not any more; it was left in place and dropped from ${RECORD_FILE}.`);
      }
      progress('rendering');
    }
    if (overwritten.length > 0 && options.onOverwrite !== undefined && !(await options.onOverwrite([...overwritten]))) throw overwriteRefused(overwritten);
    if (options.pin !== false && options.library !== undefined && emitted.size > 0) yield* await pinChanges(fs, options.library, root, resolved);
    if (keepRecord) {
      const text = recordText(record.values());
      if (record.size > 0 || oldFiles.length > 0) {
        if (text !== recordText(oldFiles)) yield { path: RECORD_FILE, content: text, mode: 0o644 };
      }
    }
  }

  // Peek: when every item is skipped as unchanged there is nothing to write, and the writer (its
  // lock, its recovery check) is not even started.
  const started = performance.now();
  const stream = changes();
  try {
    return await finish(await stream.next());
  } catch (error) {
    // Refused input (a bad item, a refused overwrite) found while streaming: nothing was applied,
    // only staged and discarded, so it is reported as refused input, not as a rolled-back commit.
    if (error === sourceError && isWoptError(error)) error.rolledBack = false;
    throw error;
  }

  async function finish(first: IteratorResult<Change>): Promise<GenerateReport> {
    const writeOptions: WriteOptions = {
      root,
      fs,
      dryRun,
      strict: true,
      preserve: NO_CONVENTIONS,
      durability: options.durability,
      backup: options.backup,
      concurrency: options.concurrency,
      signal: options.signal,
      lockTimeoutMs: options.lockTimeoutMs,
      command: options.command ?? `batchWriteFromTemplate ${name}`,
      onProgress: (batch) => {
        staged = batch.staged;
        if (batch.phase !== 'staging') progress(batch.phase);
      },
    };
    const report: BatchReport =
      first.done === true ? emptyReport(dryRun, options.durability ?? 'full', performance.now() - started) : await batchWrite(prepend(first.value, stream), writeOptions);
    if (first.done === true) progress('done');

    if (!dryRun && keepRecord) await refreshStats(fs, root, record, emitted, stats);
    return {
      ...report,
      warnings: [...report.warnings, ...warnings],
      template: { name, hash },
      items: itemCount,
      skippedItems,
      overwritten,
      notes: notes.map(({ index, note }) => (itemCount > 1 ? `${label(index)}: ${note}` : note)),
    };
  }
}

async function* prepend<T>(head: T, rest: AsyncIterator<T>): AsyncGenerator<T> {
  yield head;
  for (;;) {
    const next = await rest.next();
    if (next.done === true) return;
    yield next.value;
  }
}

function emptyReport(dryRun: boolean, durability: Durability, durationMs: number): BatchReport {
  return {
    txid: undefined,
    dryRun,
    durability,
    files: [],
    counts: { created: 0, updated: 0, deleted: 0, unchanged: 0, skipped: 0 },
    bytesWritten: 0,
    fsyncs: 0,
    durationMs,
    peakRssDeltaBytes: 0,
    recovered: undefined,
    warnings: [],
  };
}

/**
 * After the commit: remember the stat of every file written (or found already identical) so the
 * next run can skip it without reading it, and forget files no longer recorded.
 */
export async function refreshStats(fs: FsPort, root: string, record: ReadonlyMap<string, GeneratedFile>, fresh: ReadonlySet<string>, cache: StatCache): Promise<void> {
  let dirty = false;
  for (const path of [...cache.keys()]) {
    if (!record.has(path)) {
      cache.delete(path);
      dirty = true;
    }
  }
  for (const path of fresh) {
    const file = record.get(path);
    if (file === undefined) continue;
    const stat = await fs.stat(posix.join(root, path));
    if (stat?.kind !== 'file' || stat.size !== file.size) {
      dirty = dirty || cache.delete(path);
      continue;
    }
    const entry = statEntry(file, stat);
    const known = cache.get(path);
    if (known === undefined || known.sha256 !== entry.sha256 || known.size !== entry.size || known.mtimeMs !== entry.mtimeMs || known.ino !== entry.ino) {
      cache.set(path, entry);
      dirty = true;
    }
  }
  if (dirty) await writeStatCache(fs, root, cache);
}
