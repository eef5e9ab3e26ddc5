/**
 * The manifest of `wopt write`: a JSON array, or JSON Lines, of entries
 *
 * - `{"path", "content", "encoding"?: "utf8" | "base64", "mode"?}`: write text (or base64 bytes);
 * - `{"path", "contentFile", "mode"?}`: write the bytes of a file, streamed (relative to the
 *   manifest's directory, or to the working directory when the manifest is stdin);
 * - `{"path", "delete": true}`: delete;
 * - `{"from", "to"}`: rename.
 *
 * Every entry is checked before anything is written, and every mistake is an `E_MANIFEST` error
 * naming the manifest, the line (JSON Lines) or index (JSON array), and the fix.
 */
import { posix } from 'node:path';
import { errors, WoptError } from '../errors.js';
import type { FsPort } from '../fs/port.js';

/** Where an entry came from, for error messages: `line 3` or `index 2`. */
export type EntryLocation = string;

export type ManifestEntry =
  | { readonly kind: 'content'; readonly at: EntryLocation; readonly path: string; readonly content: string | Uint8Array; readonly mode: number | undefined }
  | { readonly kind: 'file'; readonly at: EntryLocation; readonly path: string; readonly contentFile: string; readonly mode: number | undefined }
  | { readonly kind: 'delete'; readonly at: EntryLocation; readonly path: string }
  | { readonly kind: 'rename'; readonly at: EntryLocation; readonly from: string; readonly to: string };

export interface Manifest {
  /** How the manifest was named (`-` is shown as `<stdin>`). */
  readonly source: string;
  readonly entries: readonly ManifestEntry[];
}

const SHAPES = 'an entry is {"path","content"}, {"path","contentFile"}, {"path","delete":true} or {"from","to"}';
const KEYS = {
  content: ['path', 'content', 'encoding', 'mode'],
  file: ['path', 'contentFile', 'mode'],
  delete: ['path', 'delete'],
  rename: ['from', 'to'],
} as const;
const SUGGESTIONS: Readonly<Record<string, string>> = {
  contents: 'content',
  data: 'content',
  file: 'contentFile',
  source: 'contentFile',
  src: 'contentFile',
  deleted: 'delete',
  remove: 'delete',
  target: 'path',
  dest: 'to',
  destination: 'to',
  chmod: 'mode',
};

class EntryProblem extends Error {}

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;

/**
 * Parses manifest text. A leading `[` makes it a JSON array; anything else is JSON Lines (blank
 * lines allowed). A single JSON object that is not an entry list is refused with a hint, since
 * that is the usual way a pretty-printed manifest goes wrong.
 *
 * @param baseDir where `contentFile` paths are resolved from (absolute).
 * @throws WoptError E_MANIFEST naming the first malformed entry and how many others there are.
 */
export function parseManifest(text: string, source: string, baseDir: string): Manifest {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const trimmed = body.trimStart();
  if (trimmed === '') {
    throw errors.manifest(source, 'top level', 'it is empty; give a JSON array of entries (`[]` for an empty batch) or one JSON entry per line');
  }
  const raw: { at: EntryLocation; value: unknown }[] = trimmed.startsWith('[') ? parseArray(body, source) : parseLines(body, source);

  const entries: ManifestEntry[] = [];
  const problems: { at: EntryLocation; why: string }[] = [];
  for (const { at, value } of raw) {
    try {
      entries.push(parseEntry(value, at, baseDir));
    } catch (error) {
      if (!(error instanceof EntryProblem)) throw error;
      problems.push({ at, why: error.message });
    }
  }
  const [first, ...others] = problems;
  if (first !== undefined) {
    const more = others.length === 0 ? '' : `; ${others.length} more malformed ${others.length === 1 ? 'entry' : 'entries'} (${others.slice(0, 5).map((p) => p.at).join(', ')}${others.length > 5 ? ', …' : ''})`;
    throw errors.manifest(source, first.at, `${first.why}${more}; nothing was written`);
  }
  return { source, entries };
}

/** Line and column of a character offset, for JSON syntax errors. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

function syntaxProblem(error: unknown): { why: string; offset: number | undefined } {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message)?.[1];
  return { why: `not valid JSON (${message.split('\n')[0]})`, offset: position === undefined ? undefined : Number(position) };
}

function parseArray(text: string, source: string): { at: EntryLocation; value: unknown }[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const { why, offset } = syntaxProblem(error);
    throw errors.manifest(source, offset === undefined ? 'top level' : lineAndColumn(text, offset), why);
  }
  if (!Array.isArray(value)) throw errors.manifest(source, 'top level', `expected a JSON array of entries, got ${describe(value)}`);
  return value.map((entry: unknown, index) => ({ at: `index ${index}`, value: entry }));
}

function parseLines(text: string, source: string): { at: EntryLocation; value: unknown }[] {
  const result: { at: EntryLocation; value: unknown }[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? '').trim();
    if (line === '') continue;
    try {
      result.push({ at: `line ${index + 1}`, value: JSON.parse(line) });
    } catch (error) {
      throw errors.manifest(source, `line ${index + 1}`, `${syntaxProblem(error).why}${wholeDocumentHint(text)}`);
    }
  }
  return result;
}

/** When JSON Lines parsing fails but the whole text is one JSON value, say what it is. */
function wholeDocumentHint(text: string): string {
  try {
    const value: unknown = JSON.parse(text);
    return `; the manifest is a single JSON value (${describe(value)}), not JSON Lines: put the entries in a JSON array [ ... ], or write one entry per line`;
  } catch {
    return '; JSON Lines needs one complete entry per line (a manifest starting with "[" is read as one JSON array)';
  }
}

function parseEntry(value: unknown, at: EntryLocation, baseDir: string): ManifestEntry {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new EntryProblem(`expected an object such as {"path": "a.txt", "content": "hello"}, got ${describe(value)}`);
  }
  const record = value as Record<string, unknown>;
  const kind = 'from' in record || 'to' in record ? 'rename' : 'delete' in record ? 'delete' : 'contentFile' in record ? 'file' : 'content';
  checkKeys(record, kind);

  if (kind === 'rename') return { kind, at, from: pathField(record, 'from'), to: pathField(record, 'to') };
  const path = pathField(record, 'path');
  if (kind === 'delete') {
    if (record.delete !== true) throw new EntryProblem(`"delete" is ${JSON.stringify(record.delete)}; write "delete": true, or leave the key out`);
    return { kind, at, path };
  }
  const mode = parseMode(record.mode);
  if (kind === 'file') {
    const file = record.contentFile;
    if (typeof file !== 'string' || file === '') throw new EntryProblem(`"contentFile" must be a non-empty path, got ${describe(file)}`);
    return { kind, at, path, contentFile: posix.resolve(baseDir, file), mode };
  }
  if (!('content' in record)) {
    throw new EntryProblem(`${JSON.stringify(path)} has no "content"; add "content" (text), "contentFile" (a file to copy), or "delete": true`);
  }
  return { kind, at, path, content: parseContent(record.content, record.encoding), mode };
}

function checkKeys(record: Record<string, unknown>, kind: keyof typeof KEYS): void {
  if (kind === 'file' && 'content' in record) throw new EntryProblem('has both "content" and "contentFile"; keep one');
  const allowed: readonly string[] = KEYS[kind];
  const extra = Object.keys(record).filter((key) => !allowed.includes(key));
  if (extra.length === 0) return;
  if (kind === 'rename') throw new EntryProblem(`mixes a rename ("from", "to") with ${extra.map((key) => JSON.stringify(key)).join(', ')}; a rename has exactly "from" and "to"`);
  if (kind === 'delete') throw new EntryProblem(`mixes "delete" with ${extra.map((key) => JSON.stringify(key)).join(', ')}; a delete has exactly "path" and "delete": true`);
  if (kind === 'file' && extra.includes('encoding')) throw new EntryProblem('"encoding" does not apply to "contentFile", whose bytes are copied as they are; remove it');
  const suggestion = extra.map((key) => SUGGESTIONS[key]).find((name) => name !== undefined);
  const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
  throw new EntryProblem(`has unknown key${extra.length > 1 ? 's' : ''} ${extra.map((key) => JSON.stringify(key)).join(', ')}${hint}; ${SHAPES}`);
}

function pathField(record: Record<string, unknown>, key: string): string {
  const value = record[key];
  if (value === undefined) throw new EntryProblem(`has no "${key}"; add it, as a path relative to the root`);
  if (typeof value !== 'string' || value === '') throw new EntryProblem(`"${key}" must be a non-empty path relative to the root, got ${describe(value)}`);
  return value;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function parseContent(content: unknown, encoding: unknown): string | Uint8Array {
  if (encoding !== undefined && encoding !== 'utf8' && encoding !== 'utf-8' && encoding !== 'base64') {
    throw new EntryProblem(`"encoding" is ${JSON.stringify(encoding)}; use "base64" for binary content, or leave it out for UTF-8 text`);
  }
  if (typeof content !== 'string') {
    throw new EntryProblem(`"content" must be a string, got ${describe(content)}; use "encoding": "base64" for binary data, or "contentFile" to copy a file`);
  }
  if (encoding === 'base64') {
    // Buffer.from(..., 'base64') skips characters it does not know, so a corrupted value would be
    // written as silently different bytes; check it first. Line breaks (MIME style) are allowed.
    const compact = content.replace(/[\r\n]/g, '');
    if (!BASE64.test(compact) || compact.length % 4 === 1) {
      throw new EntryProblem('"content" is not valid base64 (only A-Z, a-z, 0-9, +, / and trailing = are allowed); encode the bytes with standard base64');
    }
    return Buffer.from(compact, 'base64');
  }
  if (!content.isWellFormed()) {
    throw new EntryProblem('"content" has a lone UTF-16 surrogate (an unpaired \\uD8xx escape), which cannot be written as UTF-8; send binary data with "encoding": "base64"');
  }
  return content;
}

/** Modes are octal strings ("0644", "755", "0o755") or plain numbers (decimal: 420 is 0o644). */
function parseMode(mode: unknown): number | undefined {
  if (mode === undefined) return undefined;
  if (typeof mode === 'number' && Number.isInteger(mode) && mode >= 0 && mode <= 0o7777) return mode;
  if (typeof mode === 'string') {
    const digits = /^(?:0o)?([0-7]{1,4})$/i.exec(mode)?.[1];
    if (digits !== undefined) return Number.parseInt(digits, 8);
  }
  throw new EntryProblem(`"mode" is ${JSON.stringify(mode)}; give an octal string such as "0644" or "0755" (a number is read as decimal: 420 is 0644)`);
}

/**
 * Checks that every `contentFile` is a readable regular file now, so a missing one refuses the
 * batch up front (exit 1, nothing written) instead of rolling it back mid-way (exit 3).
 */
export async function checkContentFiles(fs: FsPort, manifest: Manifest): Promise<void> {
  for (const entry of manifest.entries) {
    if (entry.kind !== 'file') continue;
    const stat = await fs.stat(entry.contentFile);
    const problem = stat === undefined ? 'does not exist' : stat.kind !== 'file' ? `is a ${stat.kind}, not a file` : undefined;
    if (problem !== undefined) {
      throw new WoptError(
        'E_MANIFEST',
        `Manifest ${JSON.stringify(manifest.source)}, ${entry.at}: contentFile ${JSON.stringify(entry.contentFile)} ${problem}; contentFile paths are relative to the manifest's directory (to the working directory for stdin).`,
        { path: entry.contentFile },
      );
    }
  }
}
