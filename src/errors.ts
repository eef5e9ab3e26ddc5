/**
 * Every failure wopt reports is a {@link WoptError} with a stable `code`. Branch on `code`; the
 * message is for people and says what failed, where (paths in quotes) and how to fix it.
 */

export type WoptErrorCode =
  | 'E_INVALID_INPUT'
  | 'E_PATH_INVALID'
  | 'E_PATH_OUTSIDE_ROOT'
  | 'E_PATH_RESERVED'
  | 'E_PATH_COLLISION'
  | 'E_PATH_CHANGED'
  | 'E_NAME_TOO_LONG'
  | 'E_NOT_A_DIRECTORY'
  | 'E_IS_A_DIRECTORY'
  | 'E_NOT_FOUND'
  | 'E_EXISTS'
  | 'E_DUPLICATE'
  | 'E_CONTENT_INVALID'
  | 'E_LOCKED'
  | 'E_CONFLICT'
  | 'E_NO_SPACE'
  | 'E_PERMISSION'
  | 'E_READ_ONLY'
  | 'E_TOO_MANY_FILES'
  | 'E_IO'
  | 'E_FSYNC'
  | 'E_SIZE_MISMATCH'
  | 'E_ABORTED'
  | 'E_RECOVERY_NEEDED'
  | 'E_JOURNAL_CORRUPT'
  | 'E_NOTHING_TO_UNDO'
  | 'E_USAGE'
  | 'E_MANIFEST'
  | 'E_TEMPLATE_SYNTAX'
  | 'E_TEMPLATE_PARAM'
  | 'E_TEMPLATE_RENDER'
  | 'E_FORMAT'
  | 'E_TEMPLATE_INVALID'
  | 'E_TEMPLATE_NOT_FOUND'
  | 'E_TEMPLATE_AMBIGUOUS'
  | 'E_ARCHIVE_INVALID'
  | 'E_ARCHIVE_UNSAFE'
  | 'E_CONFIG_INVALID'
  | 'E_NOT_A_FAMILY';

export interface WoptErrorOptions {
  cause?: unknown;
  /** The path the failure is about, relative to the root where there is one. */
  path?: string;
  /** The operating system's error code (ENOSPC, EACCES, ...) when the failure came from one. */
  errno?: string;
  /** Further paths involved (collisions, conflicts). */
  paths?: readonly string[];
}

export class WoptError extends Error {
  override readonly name = 'WoptError';
  readonly code: WoptErrorCode;
  readonly path: string | undefined;
  readonly errno: string | undefined;
  readonly paths: readonly string[];
  /**
   * True when the failure happened while a transaction was being applied and every file was then
   * restored (the CLI exits 3 for these, and 1 for input refused before anything was written).
   */
  rolledBack = false;

  constructor(code: WoptErrorCode, message: string, options: WoptErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.path = options.path;
    this.errno = options.errno;
    this.paths = options.paths ?? (options.path === undefined ? [] : [options.path]);
  }
}

export function isWoptError(value: unknown, code?: WoptErrorCode): value is WoptError {
  return value instanceof WoptError && (code === undefined || value.code === code);
}

const quote = (path: string): string => JSON.stringify(path);

/** The constructors, one per failure, so messages stay consistent and every call site names the fix. */
export const errors = {
  invalidInput: (what: string, fix: string, path?: string) =>
    new WoptError('E_INVALID_INPUT', `${what}. ${fix}`, { path }),

  pathInvalid: (path: string, why: string) =>
    new WoptError('E_PATH_INVALID', `Invalid path ${quote(path)}: ${why}.`, { path }),

  pathOutsideRoot: (path: string, root: string, why = 'it resolves outside the root') =>
    new WoptError(
      'E_PATH_OUTSIDE_ROOT',
      `Refusing to write ${quote(path)}: ${why} ${quote(root)}. Use a path relative to the root, or pass a different --root.`,
      { path },
    ),

  pathReserved: (path: string) =>
    new WoptError(
      'E_PATH_RESERVED',
      `Refusing to write ${quote(path)}: .wopt/ holds wopt's journal and backups. Choose another path.`,
      { path },
    ),

  pathCollision: (paths: readonly string[], why: string) =>
    new WoptError(
      'E_PATH_COLLISION',
      `Paths ${paths.map(quote).join(' and ')} ${why}; they would be one file on case-insensitive or normalizing filesystems (macOS, Windows). Rename one of them.`,
      { path: paths[0], paths },
    ),

  pathChanged: (path: string) =>
    new WoptError(
      'E_PATH_CHANGED',
      `The directory of ${quote(path)} changed while the batch was being applied (it now resolves elsewhere, e.g. it was swapped for a symlink). The batch was rolled back; check the directory and run again.`,
      { path },
    ),

  nameTooLong: (path: string, why: string) =>
    new WoptError('E_NAME_TOO_LONG', `Path ${quote(path)} is too long: ${why}. Shorten it.`, { path }),

  notADirectory: (path: string, parent: string) =>
    new WoptError(
      'E_NOT_A_DIRECTORY',
      `Cannot write ${quote(path)}: ${quote(parent)} is a file, not a directory. Remove or rename it first.`,
      { path },
    ),

  isADirectory: (path: string) =>
    new WoptError(
      'E_IS_A_DIRECTORY',
      `Cannot write ${quote(path)}: it is a directory. Remove it, or write to a file inside it.`,
      { path },
    ),

  notFound: (path: string, what = 'file') =>
    new WoptError('E_NOT_FOUND', `The ${what} ${quote(path)} does not exist.`, { path }),

  exists: (path: string) =>
    new WoptError(
      'E_EXISTS',
      `${quote(path)} already exists and onExisting is "error". Pass onExisting "overwrite" (CLI: --on-existing overwrite) or "keep", or remove the file.`,
      { path },
    ),

  duplicate: (path: string) =>
    new WoptError(
      'E_DUPLICATE',
      `${quote(path)} is written more than once in the batch and strict mode is on. Remove the duplicate entries, or turn strict off to let the last write win.`,
      { path },
    ),

  contentInvalid: (path: string, why: string) =>
    new WoptError('E_CONTENT_INVALID', `Content for ${quote(path)} ${why}.`, { path }),

  locked: (holder: string, lockPath: string) =>
    new WoptError(
      'E_LOCKED',
      `The project is locked by ${holder}. Wait for it to finish; if that process is gone and the lock stays, run \`wopt status\` then \`wopt recover\` (lock: ${quote(lockPath)}).`,
      { path: lockPath },
    ),

  conflict: (paths: readonly string[], why: string, fix: string) =>
    new WoptError('E_CONFLICT', `${why}: ${paths.map(quote).join(', ')}. ${fix}`, { path: paths[0], paths }),

  sizeMismatch: (path: string, expected: number, actual: number) =>
    new WoptError(
      'E_SIZE_MISMATCH',
      `Staged copy of ${quote(path)} has ${actual} bytes where ${expected} were written; the disk dropped data. Nothing was applied.`,
      { path },
    ),

  aborted: (reason?: unknown) =>
    new WoptError('E_ABORTED', 'The batch was aborted before it committed; nothing was changed (any file already replaced was restored).', {
      cause: reason,
    }),

  recoveryNeeded: (root: string, why: string, cause?: unknown) =>
    new WoptError(
      'E_RECOVERY_NEEDED',
      `An unfinished transaction in ${quote(root)} could not be recovered: ${why.replace(/\.+$/, '')}. The journal and backups under .wopt/ were kept; do not delete them. Fix the cause, then run \`wopt recover --root ${root}\`.`,
      { cause, path: root },
    ),

  journalCorrupt: (journal: string, line: number, why: string) =>
    new WoptError(
      'E_JOURNAL_CORRUPT',
      `The journal ${quote(journal)} is damaged at line ${line} (${why}). Recovery stopped without changing anything; the backups beside it were kept. Inspect it with \`wopt status\`, and restore files from the backups by hand if needed.`,
      { path: journal },
    ),

  nothingToUndo: (root: string, txid?: string) =>
    new WoptError(
      'E_NOTHING_TO_UNDO',
      txid === undefined
        ? `No kept transaction to undo in ${quote(root)}. Transactions are kept for undo when written with backup > 0 (the default keeps the last one).`
        : `Transaction ${quote(txid)} is not kept in ${quote(root)}; \`wopt status\` lists the ones that can be undone.`,
      { path: root },
    ),

  noSpace: (root: string, why: string) =>
    new WoptError('E_NO_SPACE', `Not enough space in ${quote(root)}: ${why}. Nothing was written; free some space and run again.`, {
      path: root,
    }),

  usage: (message: string) => new WoptError('E_USAGE', message),

  manifest: (source: string, where: string, why: string) =>
    new WoptError('E_MANIFEST', `Manifest ${quote(source)}, ${where}: ${why}.`, { path: source }),
} as const;

const errnoCodes: Record<string, { code: WoptErrorCode; hint: string }> = {
  ENOSPC: { code: 'E_NO_SPACE', hint: 'no space left on the device (or no free inodes); free some space and run again' },
  EDQUOT: { code: 'E_NO_SPACE', hint: 'disk quota exceeded; free some space and run again' },
  EACCES: { code: 'E_PERMISSION', hint: 'permission denied; check the owner and mode of the file and its directory' },
  EPERM: { code: 'E_PERMISSION', hint: 'operation not permitted (the file may be immutable, chattr +i, or in use)' },
  EROFS: { code: 'E_READ_ONLY', hint: 'the filesystem is read-only; remount it read-write' },
  EMFILE: { code: 'E_TOO_MANY_FILES', hint: 'too many open files; lower --concurrency or raise the limit (ulimit -n)' },
  ENFILE: { code: 'E_TOO_MANY_FILES', hint: 'the system ran out of file handles; lower --concurrency' },
  ENOTDIR: { code: 'E_NOT_A_DIRECTORY', hint: 'a parent of the path is a file, not a directory' },
  EISDIR: { code: 'E_IS_A_DIRECTORY', hint: 'the path is a directory' },
  ENAMETOOLONG: { code: 'E_NAME_TOO_LONG', hint: 'the name is too long for the filesystem' },
  ENOENT: { code: 'E_NOT_FOUND', hint: 'it does not exist' },
  EEXIST: { code: 'E_EXISTS', hint: 'it already exists' },
  EIO: { code: 'E_IO', hint: 'the device reported an I/O error (a failing disk, or a network filesystem that lost its server); the data written is not known to be safe' },
  EBUSY: { code: 'E_PERMISSION', hint: 'it is busy (in use by another process, or a mount point)' },
  EXDEV: { code: 'E_IO', hint: 'source and destination are on different filesystems' },
};

/**
 * Turns an operating-system error into a WoptError naming the operation and the path. The original
 * error is kept as `cause` and its errno as `errno`.
 */
export function fromSystemError(operation: string, path: string, error: unknown): WoptError {
  if (error instanceof WoptError) return error;
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  const known = errno === undefined ? undefined : errnoCodes[errno];
  const detail = known?.hint ?? (error instanceof Error ? error.message : String(error));
  return new WoptError(known?.code ?? 'E_IO', `${operation} ${quote(path)} failed: ${detail}${errno ? ` (${errno})` : ''}.`, {
    cause: error,
    path,
    errno,
  });
}
