/**
 * Path policy: every path a batch names is checked here before any byte is written.
 *
 * Paths are relative to the root, written with forward slashes. Absolute paths are accepted only
 * when they lie inside the root. Traversal, NUL, backslashes (traversal on Windows), URLs, lone
 * surrogates, over-long names and the `.wopt/` folder are refused with an error naming the input.
 */
import { posix, win32 } from 'node:path';
import { errors } from '../errors.js';

/** Longest name component in bytes on ext4, xfs, btrfs, APFS and NTFS (in UTF-16 units there). */
const MAX_NAME_BYTES = 255;
/** Linux PATH_MAX, terminating NUL included. */
const MAX_PATH_BYTES = 4095;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

export const WOPT_DIR = '.wopt';

/**
 * Checks and normalizes one raw path into a root-relative POSIX path.
 *
 * @throws WoptError E_INVALID_INPUT, E_PATH_INVALID, E_PATH_OUTSIDE_ROOT, E_PATH_RESERVED, E_NAME_TOO_LONG
 */
export function normalizePath(raw: unknown, root: string): string {
  if (typeof raw !== 'string') {
    throw errors.invalidInput(`A path must be a string, got ${describe(raw)}`, 'Pass each path as a string relative to the root.');
  }
  if (raw.length === 0) throw errors.pathInvalid(raw, 'it is empty');
  if (raw.includes('\0')) throw errors.pathInvalid(raw, 'it contains a NUL character');
  if (!raw.isWellFormed()) throw errors.pathInvalid(raw, 'it contains a lone UTF-16 surrogate, which no filesystem can store');
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(raw)) throw errors.pathInvalid(raw, 'it is a URL; pass a filesystem path');
  if (raw.includes('\\')) {
    throw errors.pathInvalid(raw, 'it contains a backslash, which is a separator (and "..\\" a traversal) on Windows; use forward slashes');
  }
  if (win32.isAbsolute(raw) && !posix.isAbsolute(raw)) throw errors.pathOutsideRoot(raw, root, 'it is a Windows absolute path outside');

  let relative: string;
  if (posix.isAbsolute(raw)) {
    relative = posix.relative(root, posix.normalize(raw));
    if (relative === '' || relative === '..' || relative.startsWith('../') || posix.isAbsolute(relative)) {
      throw errors.pathOutsideRoot(raw, root, 'it is an absolute path outside');
    }
  } else {
    relative = posix.normalize(raw);
    // The caller's own string when it was already normal: a batch keeps every path, once.
    if (relative === raw) relative = raw;
  }
  if (relative.endsWith('/')) relative = relative.slice(0, -1);
  if (relative === '.' || relative === '') throw errors.pathInvalid(raw, 'it names the root itself, not a file');
  if (relative === '..' || relative.startsWith('../')) throw errors.pathOutsideRoot(raw, root, 'it climbs out of');

  const segments = relative.split('/');
  if (segments[0] === WOPT_DIR) throw errors.pathReserved(raw);
  for (const segment of segments) {
    if (Buffer.byteLength(segment) > MAX_NAME_BYTES) {
      throw errors.nameTooLong(raw, `the name ${JSON.stringify(segment.slice(0, 24) + '…')} has ${Buffer.byteLength(segment)} bytes, the limit is ${MAX_NAME_BYTES}`);
    }
  }
  const absoluteBytes = Buffer.byteLength(posix.join(root, relative));
  if (absoluteBytes > MAX_PATH_BYTES) {
    throw errors.nameTooLong(raw, `the full path has ${absoluteBytes} bytes, the limit is ${MAX_PATH_BYTES}`);
  }
  return relative;
}

/** Portability warnings that do not stop a batch on Linux but would break it on Windows. */
export function portabilityWarnings(relative: string): string[] {
  const warnings: string[] = [];
  for (const segment of relative.split('/')) {
    if (WINDOWS_RESERVED.test(segment)) warnings.push(`${JSON.stringify(relative)}: "${segment}" is a reserved name on Windows`);
    else if (/[. ]$/.test(segment)) warnings.push(`${JSON.stringify(relative)}: "${segment}" ends in a dot or space, which Windows drops`);
    else if (/[<>:"|?*]/.test(segment)) warnings.push(`${JSON.stringify(relative)}: "${segment}" has a character Windows forbids`);
  }
  return warnings;
}

/** The key under which two paths are the same file on a case-insensitive, normalizing filesystem. */
export const foldKey = (relative: string): string => relative.normalize('NFC').toLowerCase();

/** Finds pairs of distinct paths that fold to one key. */
export function findCollisions(paths: Iterable<string>): [string, string][] {
  const seen = new Map<string, string>();
  const collisions: [string, string][] = [];
  for (const path of paths) {
    const key = foldKey(path);
    const other = seen.get(key);
    if (other !== undefined && other !== path) collisions.push([other, path]);
    else seen.set(key, path);
  }
  return collisions;
}

/** Whether `inner` is `outer` or lies below it (both absolute and normalized). */
export const isInside = (outer: string, inner: string): boolean =>
  inner === outer || inner.startsWith(outer.endsWith('/') ? outer : `${outer}/`);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}
