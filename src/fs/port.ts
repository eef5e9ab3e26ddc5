/**
 * The only door to the disk. Everything in wopt that reads or writes files does it through an
 * {@link FsPort}, so tests can count operations and inject faults (see `fault.ts`) without
 * monkeypatching, and so nothing above `src/fs/` imports `node:fs`.
 *
 * Paths are absolute. Failures are thrown as `WoptError`s that name the operation and the path and
 * keep the system error as `cause` (with its errno in `errno`).
 */

/** Files up to this size are read with {@link FsPort.readSmallFile}, in one synchronous read. */
export const SMALL_FILE_BYTES = 64 * 1024;

export interface FileStat {
  readonly kind: 'file' | 'directory' | 'symlink' | 'other';
  readonly size: number;
  readonly mode: number;
  readonly ino: number;
  readonly dev: number;
  readonly nlink: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtimeMs: number;
}

/** An open file. Opaque to callers; only the port that made it can use it. */
export interface FileHandle {
  readonly path: string;
}

export interface SpaceInfo {
  readonly freeBytes: number;
  readonly freeInodes: number;
}

/** Who holds a lock: enough to tell a live holder from a dead one after pid reuse. */
export interface ProcessIdentity {
  readonly pid: number;
  /** Start time of the process in clock ticks since boot (Linux `/proc/<pid>/stat` field 22). */
  readonly startTime: string;
  readonly host: string;
}

export type OpenMode = 'read' | 'create-exclusive' | 'append' | 'create-or-truncate';

export interface CreateFileOptions {
  /** Mode to give the file (chmod'ed when the umask changed it). */
  readonly mode?: number;
  /** Owner to give the file (only honoured as root). */
  readonly owner?: { readonly uid: number; readonly gid: number };
  /** fsync the file before closing it. */
  readonly sync: boolean;
}

export interface FsPort {
  /** lstat: does not follow a final symlink. `undefined` when nothing is there. */
  lstat(path: string): Promise<FileStat | undefined>;
  /** stat: follows symlinks. `undefined` when nothing is there. */
  stat(path: string): Promise<FileStat | undefined>;
  realpath(path: string): Promise<string>;
  readlink(path: string): Promise<string>;
  readFile(path: string): Promise<Buffer>;
  /**
   * Reads a file known to be small (up to {@link SMALL_FILE_BYTES}) whole, in one go: for such
   * files a thread-pool round trip per step costs several times the read itself, and planning
   * reads many of them.
   * `size` is what a stat just said; a file that grew since is still read whole.
   */
  readSmallFile(path: string, size: number): Promise<Buffer>;
  /** Reads at most `length` bytes from the start of the file. */
  readHead(path: string, length: number): Promise<Buffer>;
  readStream(path: string): AsyncIterable<Uint8Array>;
  readdir(path: string): Promise<string[]>;

  open(path: string, mode: OpenMode, fileMode?: number): Promise<FileHandle>;
  /** Writes from `data[offset, offset+length)`; may write fewer bytes than asked, and returns how many. */
  write(handle: FileHandle, data: Uint8Array, offset: number, length: number): Promise<number>;
  fsync(handle: FileHandle): Promise<void>;
  fdatasync(handle: FileHandle): Promise<void>;
  fchmod(handle: FileHandle, mode: number): Promise<void>;
  fchown(handle: FileHandle, uid: number, gid: number): Promise<void>;
  fstat(handle: FileHandle): Promise<FileStat>;
  close(handle: FileHandle): Promise<void>;

  /**
   * Creates a new file (it must not exist) holding exactly `data`, sets mode and owner, syncs it if
   * asked, closes it, and returns its stat as of just before the close. Staging thousands of small
   * files is this one call each.
   */
  createFile(path: string, data: Uint8Array, options: CreateFileOptions): Promise<FileStat>;

  mkdir(path: string): Promise<void>;
  rmdir(path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  link(existing: string, newPath: string): Promise<void>;
  unlink(path: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  /** Makes the directory's entries durable (open the directory, fsync, close). */
  fsyncDir(path: string): Promise<void>;
  statfs(path: string): Promise<SpaceInfo | undefined>;

  /** This process, for lock records. */
  self(): Promise<ProcessIdentity>;
  /** Whether the process of a lock record is still running (same pid and same start time). */
  isAlive(owner: ProcessIdentity): Promise<boolean>;
}

/** Operation names, as counted and matched by the fault port. */
export type FsOperation = Exclude<keyof FsPort, 'self' | 'isAlive' | 'createFile'>;

export const fsyncOperations: ReadonlySet<FsOperation> = new Set(['fsync', 'fdatasync', 'fsyncDir']);
