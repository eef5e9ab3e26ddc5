/**
 * A small, careful tar reader and writer for template archives (`wopt templates import x.tgz`,
 * `export --tar`). No dependency: ustar headers, plus the PAX (`x`) and GNU long-name (`L`)
 * extensions that `tar` and `npm pack` write for long paths.
 *
 * The reader refuses, before anything is written: absolute paths, `..` segments, hard and symbolic
 * links, device, FIFO and unknown entries, a bad header checksum, truncated data, and archives that
 * unpack to more than {@link MAX_ARCHIVE_BYTES}.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { libraryErrors } from './errors.js';
import type { FolderEntry } from './folder.js';

const BLOCK = 512;
/** The most an archive may unpack to (a template is text; this stops decompression bombs). */
export const MAX_ARCHIVE_BYTES = 64 * 1024 * 1024;

const ascii = new TextDecoder('utf-8', { fatal: false });

/** Is this gzip data (magic 1f 8b)? */
export const isGzip = (bytes: Uint8Array): boolean => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

function field(header: Uint8Array, offset: number, length: number): string {
  const slice = header.subarray(offset, offset + length);
  const end = slice.indexOf(0);
  return ascii.decode(end === -1 ? slice : slice.subarray(0, end));
}

function octal(header: Uint8Array, offset: number, length: number, archive: string, what: string): number {
  if (((header[offset] ?? 0) & 0x80) !== 0) throw libraryErrors.archiveInvalid(archive, `an entry's ${what} uses the base-256 encoding for huge values, which a template never needs`);
  const text = field(header, offset, length).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw libraryErrors.archiveInvalid(archive, `an entry's ${what} field is not an octal number (${JSON.stringify(text)})`);
  return parseInt(text, 8);
}

function checksumOf(header: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] as number);
  return sum;
}

/** PAX extended header records: `<len> <key>=<value>\n`. */
function parsePax(data: Uint8Array, archive: string): Map<string, string> {
  const records = new Map<string, string>();
  const text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  let at = 0;
  while (at < text.length) {
    const space = text.indexOf(' ', at);
    const length = Number(text.slice(at, space));
    if (space === -1 || !Number.isInteger(length) || length <= 0) throw libraryErrors.archiveInvalid(archive, 'a PAX header record is malformed');
    const record = text.slice(space + 1, at + length - 1);
    const equals = record.indexOf('=');
    if (equals === -1) throw libraryErrors.archiveInvalid(archive, 'a PAX header record has no "="');
    records.set(record.slice(0, equals), record.slice(equals + 1));
    at += length;
  }
  return records;
}

/** Why an archive path is unsafe, or undefined. */
function unsafePath(path: string): string | undefined {
  if (path.includes('\0')) return 'has a NUL character in its name';
  if (path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:/.test(path)) return 'has an absolute path';
  if (path.includes('\\')) return 'has a backslash in its name (a Windows path?)';
  if (path.split('/').includes('..')) return 'climbs out of its folder with ".."';
  return undefined;
}

/**
 * Reads the entries of a tar archive (gunzipped first when it is gzip data). Directories are
 * returned as entries; `./` prefixes are dropped.
 *
 * @example const entries = readTar(await fs.readFile('/tmp/card.tgz'), 'card.tgz');
 * @throws WoptError E_ARCHIVE_INVALID (not tar, bad checksum, truncated, too big) or
 *   E_ARCHIVE_UNSAFE (absolute path, `..`, link, device or FIFO entry), before anything is written.
 */
export function readTar(input: Uint8Array, archive: string): FolderEntry[] {
  let bytes = input;
  if (isGzip(input)) {
    try {
      bytes = gunzipSync(input, { maxOutputLength: MAX_ARCHIVE_BYTES });
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? `it unpacks to more than ${MAX_ARCHIVE_BYTES} bytes` : `gunzip failed (${(error as Error).message})`;
      throw libraryErrors.archiveInvalid(archive, why);
    }
  }
  if (bytes.length < BLOCK) throw libraryErrors.archiveInvalid(archive, 'it is shorter than one tar block');
  const entries: FolderEntry[] = [];
  const seen = new Set<string>();
  let pax = new Map<string, string>();
  let longName: string | undefined;
  let offset = 0;
  let sawEnd = false;
  while (offset + BLOCK <= bytes.length) {
    const header = bytes.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) {
      sawEnd = true;
      break;
    }
    const storedText = field(header, 148, 8).trim();
    const stored = /^[0-7]+$/.test(storedText) ? parseInt(storedText, 8) : -1;
    if (stored !== checksumOf(header)) throw libraryErrors.archiveInvalid(archive, `the header at byte ${offset} has a bad checksum (damaged, or not a tar file)`);
    const magic = field(header, 257, 6);
    if (magic !== 'ustar' && magic !== 'ustar ') throw libraryErrors.archiveInvalid(archive, `the header at byte ${offset} is not a ustar header`);
    const size = octal(header, 124, 12, archive, 'size');
    const type = String.fromCharCode(header[156] ?? 0);
    const dataStart = offset + BLOCK;
    const dataEnd = dataStart + size;
    if (dataEnd > bytes.length) throw libraryErrors.archiveInvalid(archive, 'it is truncated (an entry ends past the end of the data)');
    const data = bytes.subarray(dataStart, dataEnd);
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;

    if (type === 'x') {
      pax = parsePax(data, archive);
      continue;
    }
    if (type === 'g') continue; // global PAX header: comments and defaults (mtime, charset) we do not use
    if (type === 'L') {
      longName = field(data, 0, data.length);
      continue;
    }
    const prefix = field(header, 345, 155);
    const rawName = field(header, 0, 100);
    let path = pax.get('path') ?? longName ?? (prefix === '' ? rawName : `${prefix}/${rawName}`);
    const paxSize = pax.get('size');
    pax = new Map();
    longName = undefined;
    if (paxSize !== undefined && Number(paxSize) !== size) throw libraryErrors.archiveInvalid(archive, `entry ${JSON.stringify(path)} has a PAX size the reader does not support`);

    const shown = path;
    const unsafe = unsafePath(path);
    if (unsafe !== undefined) throw libraryErrors.archiveUnsafe(archive, shown, unsafe);
    if (type === '1' || type === '2' || type === 'K') throw libraryErrors.archiveUnsafe(archive, shown, `is a ${type === '2' ? 'symbolic' : 'hard'} link`);
    if (type === '3' || type === '4') throw libraryErrors.archiveUnsafe(archive, shown, 'is a device');
    if (type === '6') throw libraryErrors.archiveUnsafe(archive, shown, 'is a FIFO');
    const isFile = type === '0' || type === '\0' || type === '7';
    if (!isFile && type !== '5') throw libraryErrors.archiveUnsafe(archive, shown, `has an entry type wopt does not unpack (${JSON.stringify(type)})`);

    path = path
      .split('/')
      .filter((segment) => segment !== '.' && segment !== '')
      .join('/');
    if (path === '') continue; // "./" itself
    if (seen.has(path)) throw libraryErrors.archiveUnsafe(archive, shown, 'appears twice (a later copy would silently replace the first)');
    seen.add(path);
    const mode = octal(header, 100, 8, archive, 'mode');
    entries.push(isFile ? { path, kind: 'file', content: data.slice(), mode } : { path, kind: 'directory', mode });
  }
  if (!sawEnd && offset < bytes.length) throw libraryErrors.archiveInvalid(archive, 'it ends in the middle of a header');
  if (entries.length === 0) throw libraryErrors.archiveInvalid(archive, 'it holds no entries');
  return entries;
}

/**
 * The entries of a template folder inside an archive: the archive's root when it holds
 * template.json, else its single top directory (`package/` from `npm pack`, `<name>/` from
 * `export --tar`), stripped.
 *
 * @throws WoptError E_ARCHIVE_INVALID when there is no template.json at the top or below one single
 *   top directory.
 */
export function templateEntries(entries: readonly FolderEntry[], archive: string): FolderEntry[] {
  if (entries.some((entry) => entry.path === 'template.json')) return [...entries];
  const tops = new Set(entries.map((entry) => entry.path.split('/')[0] as string));
  const [top] = tops;
  if (tops.size !== 1 || top === undefined || !entries.some((entry) => entry.path === `${top}/template.json`)) {
    throw libraryErrors.archiveInvalid(
      archive,
      `no template.json at its top or in its single top directory (found ${[...tops].slice(0, 5).map((t) => JSON.stringify(t)).join(', ')})`,
    );
  }
  return entries
    .filter((entry) => entry.path !== top)
    .map((entry) => ({ ...entry, path: entry.path.slice(top.length + 1) }));
}

/** One file for {@link writeTar}. */
export interface TarFile {
  readonly path: string;
  readonly content: string | Uint8Array;
  readonly mode?: number;
}

function writeOctal(header: Uint8Array, offset: number, length: number, value: number): void {
  const text = value.toString(8).padStart(length - 1, '0');
  header.set(new TextEncoder().encode(text), offset);
  header[offset + length - 1] = 0;
}

function headerBlock(name: string, size: number, mode: number, type: string): Uint8Array {
  const header = new Uint8Array(BLOCK);
  const encoded = new TextEncoder().encode(name);
  header.set(encoded.subarray(0, 100), 0);
  writeOctal(header, 100, 8, mode);
  writeOctal(header, 108, 8, 0); // uid
  writeOctal(header, 116, 8, 0); // gid
  writeOctal(header, 124, 12, size);
  writeOctal(header, 136, 12, 0); // mtime: fixed, so archives of the same template are identical
  header[156] = type.charCodeAt(0);
  header.set(new TextEncoder().encode('ustar\u000000'), 257);
  header.fill(0x20, 148, 156);
  const sum = checksumOf(header);
  writeOctal(header, 148, 7, sum);
  header[155] = 0x20;
  return header;
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  // The length counts its own digits.
  const bodyLength = new TextEncoder().encode(body).length;
  let length = bodyLength + String(bodyLength).length;
  if (String(length).length > String(bodyLength).length) length = bodyLength + String(length).length;
  return `${length}${body}`;
}

const padded = (data: Uint8Array): Uint8Array => {
  const out = new Uint8Array(Math.ceil(data.length / BLOCK) * BLOCK);
  out.set(data);
  return out;
};

/**
 * Writes a tar archive (ustar; a PAX header for paths longer than 100 bytes), deterministic:
 * mtime 0, uid/gid 0, files in the given order. Gzipped when `gzip` is true.
 *
 * @example writeTar([{ path: 'card/template.json', content: '{"name":"card"}' }], { gzip: true })
 */
export function writeTar(files: readonly TarFile[], options: { gzip?: boolean } = {}): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const file of files) {
    const data = typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content;
    const nameBytes = new TextEncoder().encode(file.path).length;
    if (nameBytes > 100) {
      const pax = new TextEncoder().encode(paxRecord('path', file.path));
      blocks.push(headerBlock('PaxHeader', pax.length, 0o644, 'x'), padded(pax));
    }
    blocks.push(headerBlock(file.path, data.length, file.mode ?? 0o644, '0'), padded(data));
  }
  blocks.push(new Uint8Array(BLOCK * 2));
  const total = blocks.reduce((sum, block) => sum + block.length, 0);
  const tar = new Uint8Array(total);
  let at = 0;
  for (const block of blocks) {
    tar.set(block, at);
    at += block.length;
  }
  return options.gzip === true ? new Uint8Array(gzipSync(tar, { level: 9 })) : tar;
}
