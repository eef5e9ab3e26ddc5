/**
 * The public shape of a batch, and its validation: every entry is checked before anything else
 * happens, and a bad one is refused with an error naming its index and the fix.
 */
import { errors, WoptError } from '../errors.js';
import { normalizePath } from './paths.js';

/** Content of a file: text (UTF-8), bytes, or chunks of either, sync or async, for large content. */
export type Content = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

export interface WriteChange {
  /** Path relative to the root (forward slashes). */
  readonly path: string;
  readonly content: Content;
  /** File mode for the new content; defaults to the existing file's mode, or 0o666 & ~umask for a new file. */
  readonly mode?: number;
}

export interface DeleteChange {
  readonly path: string;
  readonly delete: true;
}

export interface RenameChange {
  readonly from: string;
  readonly to: string;
}

export type Change = WriteChange | DeleteChange | RenameChange;

/** A validated change, paths normalized and relative to the root. */
export type NormalizedChange =
  | { readonly kind: 'write'; readonly path: string; readonly content: Content; readonly mode: number | undefined; readonly index: number }
  | { readonly kind: 'delete'; readonly path: string; readonly index: number }
  | { readonly kind: 'rename'; readonly from: string; readonly to: string; readonly index: number };

const WRITE_KEYS = new Set(['path', 'content', 'mode']);
const DELETE_KEYS = new Set(['path', 'delete']);
const RENAME_KEYS = new Set(['from', 'to']);

export const isStreamContent = (content: Content): content is Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array> =>
  typeof content !== 'string' && !(content instanceof Uint8Array);

function isContent(value: unknown): value is Content {
  if (typeof value === 'string' || value instanceof Uint8Array) return true;
  if (value === null || typeof value !== 'object') return false;
  return Symbol.iterator in value || Symbol.asyncIterator in value;
}

function unknownKeys(entry: object, allowed: ReadonlySet<string>): string[] {
  return Object.keys(entry).filter((key) => !allowed.has(key));
}

/**
 * Validates and normalizes every change of a batch; the caller's objects are never modified.
 *
 * @throws WoptError E_INVALID_INPUT for a malformed entry, or a path error for a bad path.
 */
export function normalizeChanges(changes: unknown, root: string): NormalizedChange[] {
  if (!isIterableList(changes)) {
    throw errors.invalidInput(`The batch must be an array of changes, got ${typeof changes}`, 'Pass e.g. [{ path: "a.txt", content: "..." }].');
  }
  const result: NormalizedChange[] = [];
  let index = 0;
  for (const entry of changes) {
    result.push(normalizeChange(entry, index, root));
    index += 1;
  }
  return result;
}

function isIterableList(value: unknown): value is Iterable<unknown> {
  return Array.isArray(value) || (typeof value === 'object' && value !== null && Symbol.iterator in value && !(value instanceof Uint8Array));
}

/** Validates and normalizes one change (`index` names it in errors). */
export function normalizeChange(entry: unknown, index: number, root: string): NormalizedChange {
  const where = `Change #${index}`;
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    throw errors.invalidInput(`${where} must be an object, got ${entry === null ? 'null' : typeof entry}`, 'Use { path, content }, { path, delete: true } or { from, to }.');
  }
  const record = entry as Record<string, unknown>;
  const withPath = (fn: () => string): string => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof WoptError) error.message = `${where}: ${error.message}`;
      throw error;
    }
  };

  if ('from' in record || 'to' in record) {
    const extra = unknownKeys(record, RENAME_KEYS);
    if (extra.length > 0) throw errors.invalidInput(`${where} mixes a rename with ${extra.map((k) => `"${k}"`).join(', ')}`, 'A rename has exactly { from, to }.');
    const from = withPath(() => normalizePath(record.from, root));
    const to = withPath(() => normalizePath(record.to, root));
    if (from === to) throw errors.invalidInput(`${where} renames ${JSON.stringify(from)} onto itself`, 'Drop the entry or give a different "to".');
    return { kind: 'rename', from, to, index };
  }

  if ('delete' in record) {
    const extra = unknownKeys(record, DELETE_KEYS);
    if (extra.length > 0) throw errors.invalidInput(`${where} mixes "delete" with ${extra.map((k) => `"${k}"`).join(', ')}`, 'A delete has exactly { path, delete: true }.');
    if (record.delete !== true) throw errors.invalidInput(`${where} has delete: ${JSON.stringify(record.delete)}`, 'Write delete: true, or leave the key out.');
    return { kind: 'delete', path: withPath(() => normalizePath(record.path, root)), index };
  }

  const extra = unknownKeys(record, WRITE_KEYS);
  if (extra.length > 0) {
    const hint = extra.includes('contents') ? ' (did you mean "content"?)' : '';
    throw errors.invalidInput(`${where} has unknown key${extra.length > 1 ? 's' : ''} ${extra.map((k) => `"${k}"`).join(', ')}${hint}`, 'A write has { path, content, mode? }.');
  }
  const path = withPath(() => normalizePath(record.path, root));
  if (!('content' in record)) throw errors.invalidInput(`${where} (${JSON.stringify(path)}) has no content`, 'Add content (a string, Buffer or iterable of chunks), or delete: true.');
  const content = record.content;
  if (!isContent(content)) {
    throw errors.invalidInput(
      `${where} (${JSON.stringify(path)}) has content of type ${content === null ? 'null' : typeof content}`,
      'Content is a string, a Buffer/Uint8Array, or an (async) iterable of those; use "" for an empty file.',
      path,
    );
  }
  if (typeof content === 'string' && !content.isWellFormed()) {
    throw errors.contentInvalid(path, 'is not well-formed UTF-16 (it has a lone surrogate, which cannot be encoded as UTF-8); pass a Buffer for binary data, or fix the string with str.toWellFormed()');
  }
  const mode = record.mode;
  if (mode !== undefined && (typeof mode !== 'number' || !Number.isInteger(mode) || mode < 0 || mode > 0o7777)) {
    throw errors.invalidInput(`${where} (${JSON.stringify(path)}) has mode ${JSON.stringify(mode)}`, 'Give the mode as an integer such as 0o644 (420).', path);
  }
  return { kind: 'write', path, content, mode: mode as number | undefined, index };
}
