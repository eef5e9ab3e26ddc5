/**
 * Writing one staged file: exclusive create beside its target, every byte written (short writes
 * resumed), mode and owner set, size verified, synced. Shared by the batch engine and atomicWrite.
 */
import { createHash } from 'node:crypto';
import { errors } from '../errors.js';
import type { FileHandle, FsPort } from '../fs/port.js';
import type { Content } from './changes.js';
import { chunksOf } from './content.js';

export interface StageFileOptions {
  /** Mode to set (chmod is not masked by the umask); new files otherwise get 0o666 & ~umask. */
  readonly mode: number | undefined;
  /** Owner to give the file (as root, to keep the owner of the file it replaces). */
  readonly owner: { readonly uid: number; readonly gid: number } | undefined;
  /** Size the content must have, when known in advance. */
  readonly expectedSize: number | undefined;
  readonly sync: boolean;
  readonly signal: AbortSignal | undefined;
  /** Names the file in errors (root-relative). */
  readonly label: string;
}

export interface StagedFile {
  readonly ino: number;
  readonly size: number;
  readonly sha256: string;
  readonly mtimeMs: number;
  readonly synced: boolean;
}

export const runsAsRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

export async function writeAll(fs: FsPort, handle: FileHandle, chunk: Uint8Array, label: string): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const written = await fs.write(handle, chunk, offset, chunk.length - offset);
    if (written <= 0) throw errors.sizeMismatch(label, chunk.length, offset);
    offset += written;
  }
}

export async function stageFile(fs: FsPort, temp: string, content: Content, options: StageFileOptions): Promise<StagedFile> {
  if (content instanceof Uint8Array) return stageBytes(fs, temp, content, options);
  const handle = await fs.open(temp, 'create-exclusive', options.mode ?? 0o666);
  let open = true;
  try {
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of chunksOf(content)) {
      if (!(chunk instanceof Uint8Array)) throw errors.contentInvalid(options.label, 'yielded a chunk that is neither a string nor bytes');
      await writeAll(fs, handle, chunk, options.label);
      hash.update(chunk);
      size += chunk.length;
      if (options.signal?.aborted) throw errors.aborted(options.signal.reason);
    }
    if (options.expectedSize !== undefined && size !== options.expectedSize) throw errors.sizeMismatch(options.label, options.expectedSize, size);
    const stat = await fs.fstat(handle);
    if (stat.size !== size) throw errors.sizeMismatch(options.label, size, stat.size);
    // open() applied the umask to the mode; chmod (which ignores the umask) only where that differs.
    if (options.mode !== undefined && stat.mode !== options.mode) await fs.fchmod(handle, options.mode);
    if (options.owner !== undefined && (stat.uid !== options.owner.uid || stat.gid !== options.owner.gid) && runsAsRoot()) {
      await fs.fchown(handle, options.owner.uid, options.owner.gid);
    }
    if (options.sync) await fs.fsync(handle);
    open = false;
    await fs.close(handle);
    return { ino: stat.ino, size, sha256: hash.digest('hex'), mtimeMs: stat.mtimeMs, synced: options.sync };
  } finally {
    if (open) await fs.close(handle).catch(() => undefined);
  }
}

/** Content known in full: one `createFile` call (the common case: rendered or given text). */
async function stageBytes(fs: FsPort, temp: string, bytes: Uint8Array, options: StageFileOptions): Promise<StagedFile> {
  if (options.expectedSize !== undefined && bytes.length !== options.expectedSize) throw errors.sizeMismatch(options.label, options.expectedSize, bytes.length);
  const owner = options.owner !== undefined && runsAsRoot() ? options.owner : undefined;
  const stat = await fs.createFile(temp, bytes, { mode: options.mode, owner, sync: options.sync });
  if (stat.size !== bytes.length) throw errors.sizeMismatch(options.label, bytes.length, stat.size);
  return { ino: stat.ino, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), mtimeMs: stat.mtimeMs, synced: options.sync };
}
