/**
 * The generation record: `<root>/wopt.generated.json`, a committable file that lists every file wopt
 * generated, with the template and version that generated it, the params, and the hash and size of
 * what the template produced. It is what lets `update` reproduce the old render (the base of a
 * three-way merge) and tell a user's edit from the template's output.
 *
 * ```json
 * {
 *   "files": [
 *     { "params": { "name": "user card" }, "path": "src/UserCard.tsx", "sha256": "…", "size": 412,
 *       "template": "react-component", "version": "<sha256 of the template>" }
 *   ],
 *   "format": 1
 * }
 * ```
 *
 * Stable: keys sorted (params too, recursively), files sorted by path, two-space JSON, final newline;
 * the same generation always writes the same bytes, so the file diffs cleanly in review.
 *
 * Beside it, not committed, `.wopt/generated-stats.json` caches the size, mtime and inode each
 * generated file had right after wopt wrote it (see {@link StatCache}).
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { WoptError, isWoptError } from '../errors.js';
import type { FileStat, FsPort } from '../fs/port.js';
import { sortKeys } from '../util/sort-keys.js';
import { groupBy } from '../util/collect.js';

/** The record's file name, at the root. */
export const RECORD_FILE = 'wopt.generated.json';
/** The stat cache, inside the writer's own folder (never committed, never written by a batch). */
export const STAT_CACHE_FILE = '.wopt/generated-stats.json';
const FORMAT = 1;

/** One generated file. */
export interface GeneratedFile {
  /** Root-relative, POSIX separators. */
  readonly path: string;
  /** The template's name. */
  readonly template: string;
  /** The template's content hash (sha256, hex) at generation: `name@<first 12 digits>` finds it in the library. */
  readonly version: string;
  /** The params as given (before defaults), so a new version's defaults apply on update. */
  readonly params: Readonly<Record<string, unknown>>;
  /** sha256 (hex) of what the template generated (not of later edits). */
  readonly sha256: string;
  /** Bytes of what the template generated. */
  readonly size: number;
}

export const sha256 = (content: string | Uint8Array): string => createHash('sha256').update(content).digest('hex');

/** What identifies one item of a generation: the template and the params, canonical. */
export const itemKey = (template: string, params: Readonly<Record<string, unknown>>): string => `${template}\0${JSON.stringify(sortKeys(params))}`;

/** The record's files by item (template and params): what each item generated last time. */
export const recordedByItem = (files: readonly GeneratedFile[]): Map<string, GeneratedFile[]> => groupBy(files, (file) => itemKey(file.template, file.params));

const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** The record's text: stable bytes for the same content. */
export function recordText(files: Iterable<GeneratedFile>): string {
  const sorted = [...files].sort(byPath).map((file) => sortKeys(file));
  return `${JSON.stringify({ files: sorted, format: FORMAT }, null, 2)}\n`;
}

const quote = (value: string): string => JSON.stringify(value);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function invalid(file: string, why: string, cause?: unknown): WoptError {
  return new WoptError(
    'E_INVALID_INPUT',
    `The generation record ${quote(file)} ${why}. Restore it from version control (git checkout -- ${RECORD_FILE}), or delete it to start a new record (update then treats every file as not generated).`,
    { path: file, cause },
  );
}

/** Reads a whole file through the port as a stream (one pass, 1 MiB chunks), or undefined when absent. */
async function readText(fs: FsPort, path: string): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of fs.readStream(path)) chunks.push(Buffer.from(chunk));
  } catch (error) {
    if (isWoptError(error, 'E_NOT_FOUND')) return undefined;
    throw error;
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads `<root>/wopt.generated.json`; an empty list when there is none.
 *
 * @throws WoptError E_INVALID_INPUT when it is not a record (naming the entry and the fix).
 */
export async function readRecord(fs: FsPort, root: string): Promise<GeneratedFile[]> {
  const file = posix.join(root, RECORD_FILE);
  const text = await readText(fs, file);
  if (text === undefined) return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw invalid(file, `is not valid JSON (${(error as Error).message})`, error);
  }
  if (!isObject(data) || !Array.isArray(data.files)) throw invalid(file, 'has no "files" list');
  if (data.format !== FORMAT) throw invalid(file, `has format ${JSON.stringify(data.format)}; this wopt reads format ${FORMAT}`);
  return data.files.map((entry: unknown, index: number): GeneratedFile => {
    const ok =
      isObject(entry) &&
      typeof entry.path === 'string' &&
      typeof entry.template === 'string' &&
      typeof entry.version === 'string' &&
      typeof entry.sha256 === 'string' &&
      typeof entry.size === 'number' &&
      isObject(entry.params);
    if (!ok) throw invalid(file, `has a malformed entry at files[${index}] (each needs path, template, version, params, sha256, size)`);
    const { path, template, version, params, sha256: hash, size } = entry as unknown as GeneratedFile;
    return { path, template, version, params, sha256: hash, size };
  });
}

/**
 * The stat cache: for each generated file whose content on disk is exactly what the template
 * generated, the `size`, `mtimeMs` and `ino` it had right after wopt wrote it (or last verified it
 * by content). A file whose stat still matches is known to be unchanged without being read, as
 * git's index does for `git status`. It lives in `.wopt/` (local, never committed: mtimes and inodes
 * mean nothing on another checkout) and is only a cache: when it is missing or stale, files are
 * verified by content, never assumed.
 */
export interface StatEntry {
  /** The record's sha256 this stat vouches for. */
  readonly sha256: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
}

export type StatCache = Map<string, StatEntry>;

/** Reads the stat cache; an empty cache when it is missing or unreadable (it is only a cache). */
export async function readStatCache(fs: FsPort, root: string): Promise<StatCache> {
  const cache: StatCache = new Map();
  let text: string | undefined;
  try {
    text = await readText(fs, posix.join(root, STAT_CACHE_FILE));
  } catch (error) {
    if (isWoptError(error)) return cache;
    throw error;
  }
  if (text === undefined) return cache;
  try {
    const data: unknown = JSON.parse(text);
    if (!isObject(data) || data.format !== FORMAT || !isObject(data.files)) return cache;
    for (const [path, value] of Object.entries(data.files)) {
      if (!Array.isArray(value) || value.length !== 4) continue;
      const [hash, size, mtimeMs, ino] = value as unknown[];
      if (typeof hash === 'string' && typeof size === 'number' && typeof mtimeMs === 'number' && typeof ino === 'number')
        cache.set(path, { sha256: hash, size, mtimeMs, ino });
    }
  } catch {
    // A damaged cache is an empty cache: every file is verified by content instead.
  }
  return cache;
}

/** Whether a file's current stat matches what the cache says wopt left there for this record entry. */
export const statMatches = (entry: StatEntry | undefined, record: GeneratedFile, stat: FileStat | undefined): boolean =>
  entry !== undefined &&
  stat !== undefined &&
  stat.kind === 'file' &&
  entry.sha256 === record.sha256 &&
  entry.size === record.size &&
  stat.size === entry.size &&
  stat.mtimeMs === entry.mtimeMs &&
  stat.ino === entry.ino;

export const statEntry = (record: GeneratedFile, stat: FileStat): StatEntry => ({
  sha256: record.sha256,
  size: stat.size,
  mtimeMs: stat.mtimeMs,
  ino: stat.ino,
});

/**
 * Writes the stat cache (temp file, then rename; no fsync: losing it only costs a verification pass).
 * Failures are swallowed for the same reason: the cache never decides correctness.
 */
export async function writeStatCache(fs: FsPort, root: string, cache: StatCache): Promise<boolean> {
  const files: Record<string, [string, number, number, number]> = {};
  for (const path of [...cache.keys()].sort()) {
    const entry = cache.get(path) as StatEntry;
    files[path] = [entry.sha256, entry.size, entry.mtimeMs, entry.ino];
  }
  const target = posix.join(root, STAT_CACHE_FILE);
  const temp = `${target}.${process.pid}.${Date.now().toString(36)}.tmp`;
  const bytes = Buffer.from(`${JSON.stringify({ files, format: FORMAT })}\n`);
  try {
    if ((await fs.stat(posix.dirname(target)))?.kind !== 'directory') return false;
    const handle = await fs.open(temp, 'create-exclusive', 0o644);
    try {
      let offset = 0;
      while (offset < bytes.length) offset += await fs.write(handle, bytes, offset, bytes.length - offset);
    } finally {
      await fs.close(handle);
    }
    await fs.rename(temp, target);
    return true;
  } catch (error) {
    if (!isWoptError(error)) throw error;
    await fs.unlink(temp).catch(() => undefined);
    return false;
  }
}
