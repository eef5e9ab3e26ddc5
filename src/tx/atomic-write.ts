/**
 * `atomicWrite`: one file replaced atomically (temp beside it, synced, renamed, directory synced).
 * Readers see the old file or the new one, never a mix; a crash leaves the old one.
 */
import { randomBytes } from 'node:crypto';
import { posix, resolve } from 'node:path';
import { errors, isWoptError } from '../errors.js';
import type { FsPort } from '../fs/port.js';
import { nodeFs } from '../fs/node.js';
import type { Content } from './changes.js';
import { isStreamContent } from './changes.js';
import type { Durability } from './journal.js';
import { stageFile } from './stage-file.js';

export interface AtomicWriteOptions {
  /** `full` syncs the file and its directory; `process` and `none` skip the syncs. @default 'full' */
  readonly durability?: Durability;
  /** File mode; defaults to the replaced file's mode, or 0o666 & ~umask for a new file. */
  readonly mode?: number;
  readonly signal?: AbortSignal;
  readonly fs?: FsPort;
}

export interface AtomicWriteReport {
  readonly path: string;
  readonly status: 'created' | 'updated' | 'unchanged';
  readonly bytes: number;
  readonly fsyncs: number;
}

/**
 * @example
 * await atomicWrite('config/settings.json', JSON.stringify(settings, null, 2));
 * @throws WoptError E_INVALID_INPUT for bad content, E_IS_A_DIRECTORY, E_NO_SPACE, E_PERMISSION, ...
 *   (the old file is untouched and no temp is left).
 */
export async function atomicWrite(path: string, content: Content, options: AtomicWriteOptions = {}): Promise<AtomicWriteReport> {
  if (typeof path !== 'string' || path.length === 0 || path.includes('\0')) {
    throw errors.invalidInput(`atomicWrite needs a file path, got ${JSON.stringify(path)}`, 'Pass the path of the file to write.');
  }
  if (typeof content === 'string' && !content.isWellFormed()) {
    throw errors.contentInvalid(path, 'is not well-formed UTF-16 (it has a lone surrogate); pass a Buffer for binary data');
  }
  const fs = options.fs ?? nodeFs;
  const sync = (options.durability ?? 'full') === 'full';
  let target = resolve(path);
  let existing = await fs.lstat(target);
  if (existing?.kind === 'symlink') {
    // Write through the link, as git and write-file-atomic do, so the link stays a link.
    target = await fs.realpath(target).catch(async (error: unknown) => {
      if (!isWoptError(error, 'E_NOT_FOUND')) throw error;
      return posix.resolve(posix.dirname(target), await fs.readlink(target));
    });
    existing = await fs.lstat(target);
  }
  if (existing?.kind === 'directory') throw errors.isADirectory(path);

  if (existing !== undefined && !isStreamContent(content)) {
    const bytes = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content as Uint8Array);
    if (bytes.length === existing.size && (options.mode === undefined || options.mode === existing.mode)) {
      if (Buffer.compare(await fs.readFile(target), bytes) === 0) return { path, status: 'unchanged', bytes: 0, fsyncs: 0 };
    }
  }

  const temp = posix.join(posix.dirname(target), `.wopt-${randomBytes(6).toString('hex')}.tmp`);
  let staged = false;
  try {
    const file = await stageFile(fs, temp, content, {
      mode: options.mode ?? existing?.mode,
      owner: existing === undefined ? undefined : { uid: existing.uid, gid: existing.gid },
      expectedSize: undefined,
      sync,
      signal: options.signal,
      label: path,
    });
    staged = true;
    await fs.rename(temp, target);
    staged = false;
    if (sync) await fs.fsyncDir(posix.dirname(target));
    return { path, status: existing === undefined ? 'created' : 'updated', bytes: file.size, fsyncs: sync ? 2 : 0 };
  } catch (error) {
    // An E_EXISTS here means the random temp name was someone else's file: never remove it.
    if (isWoptError(error, 'E_EXISTS') && !staged) throw errors.conflict([path], 'A temp file name was taken', 'Run again.');
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
}
