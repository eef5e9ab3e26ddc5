/**
 * The real filesystem. This is the only module in wopt that imports `node:fs`.
 */
import * as fs from 'node:fs';
import { hostname } from 'node:os';
import { fromSystemError } from '../errors.js';
import type { FileHandle, FileStat, FsPort, OpenMode, ProcessIdentity } from './port.js';

interface NodeHandle extends FileHandle {
  readonly fh: fs.promises.FileHandle;
}

const fsp = fs.promises;

function toStat(stats: fs.Stats): FileStat {
  const kind = stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : stats.isSymbolicLink() ? 'symlink' : 'other';
  return {
    kind,
    size: stats.size,
    mode: stats.mode & 0o7777,
    ino: stats.ino,
    dev: stats.dev,
    nlink: stats.nlink,
    uid: stats.uid,
    gid: stats.gid,
    mtimeMs: stats.mtimeMs,
  };
}

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ENOENT';

async function attempt<T>(operation: string, path: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw fromSystemError(operation, path, error);
  }
}

const openFlags: Record<OpenMode, string> = {
  read: 'r',
  'create-exclusive': 'wx',
  append: 'a',
  'create-or-truncate': 'w',
};

const handleOf = (handle: FileHandle): fs.promises.FileHandle => (handle as NodeHandle).fh;


// Synchronous: procfs answers from memory, and a thread-pool round trip would cost more.
function processStartTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses; fields after it follow the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}

let selfIdentity: Promise<ProcessIdentity> | undefined;

export function createNodeFs(): FsPort {
  return {
    // lstat and stat are synchronous on purpose: they read cached metadata in microseconds, while
    // an async call costs a thread-pool round trip and ~30 µs of main-thread work; a plan of a
    // thousand files does a thousand of them.
    lstat: async (path) => {
      try {
        return toStat(fs.lstatSync(path));
      } catch (error) {
        if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
        throw fromSystemError('lstat', path, error);
      }
    },
    stat: async (path) => {
      try {
        return toStat(fs.statSync(path));
      } catch (error) {
        if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
        throw fromSystemError('stat', path, error);
      }
    },
    realpath: (path) => attempt('realpath', path, () => fsp.realpath(path)),
    readlink: (path) => attempt('readlink', path, () => fsp.readlink(path)),
    readFile: (path) => attempt('read', path, () => fsp.readFile(path)),
    // Synchronous on purpose: one open/read/close of a small cached file takes microseconds, far
    // less than the four thread-pool round trips of fs.promises.readFile.
    readSmallFile: (path, size) =>
      attempt('read', path, async () => {
        const fd = fs.openSync(path, 'r');
        try {
          // One read of the size a stat just gave (plus one byte, to notice growth): no fstat. A read
          // that returns the whole expected size but less than asked has met the end of the file, so
          // no second read is needed to see it; a shorter one (truncated meanwhile, or a file system
          // that returns short reads) reads on until a read returns nothing.
          const buffer = Buffer.allocUnsafe(size + 1);
          let length = 0;
          for (let n; length < buffer.length && (n = fs.readSync(fd, buffer, length, buffer.length - length, length)) > 0; ) {
            length += n;
            if (length === size) break;
          }
          return length <= size ? buffer.subarray(0, length) : fs.readFileSync(fd);
        } finally {
          fs.closeSync(fd);
        }
      }),
    readHead: (path, length) =>
      attempt('read', path, async () => {
        const fh = await fsp.open(path, 'r');
        try {
          const buffer = Buffer.alloc(length);
          const { bytesRead } = await fh.read(buffer, 0, length, 0);
          return buffer.subarray(0, bytesRead);
        } finally {
          await fh.close();
        }
      }),
    readStream: (path) => ({
      async *[Symbol.asyncIterator]() {
        let fh: fs.promises.FileHandle;
        try {
          fh = await fsp.open(path, 'r');
        } catch (error) {
          throw fromSystemError('read', path, error);
        }
        try {
          const chunk = 1 << 20;
          for (;;) {
            const buffer = Buffer.allocUnsafe(chunk);
            const { bytesRead } = await fh.read(buffer, 0, chunk, null);
            if (bytesRead === 0) return;
            yield buffer.subarray(0, bytesRead);
          }
        } catch (error) {
          throw fromSystemError('read', path, error);
        } finally {
          await fh.close();
        }
      },
    }),
    readdir: (path) => attempt('readdir', path, () => fsp.readdir(path)),

    open: (path, mode, fileMode) =>
      attempt('open', path, async () => ({ path, fh: await fsp.open(path, openFlags[mode], fileMode) }) as NodeHandle),
    write: (handle, data, offset, length) =>
      attempt('write', handle.path, async () => (await handleOf(handle).write(data, offset, length)).bytesWritten),
    fsync: (handle) => attempt('fsync', handle.path, () => handleOf(handle).sync()),
    fdatasync: (handle) => attempt('fdatasync', handle.path, () => handleOf(handle).datasync()),
    fchmod: (handle, mode) => attempt('chmod', handle.path, () => handleOf(handle).chmod(mode)),
    fchown: (handle, uid, gid) => attempt('chown', handle.path, () => handleOf(handle).chown(uid, gid)),
    fstat: (handle) => attempt('fstat', handle.path, async () => toStat(await handleOf(handle).stat())),
    close: (handle) => attempt('close', handle.path, () => handleOf(handle).close()),

    // Creating and removing directory entries is synchronous too: microseconds in the kernel,
    // against a thread-pool round trip and ~25 µs of main-thread work per async call.
    // Creating files runs on the thread pool, many at once: ext4 does much of a create's work per
    // directory, and parallel creates overlap it (synchronous creates measured ~2x slower for
    // 1,000 files). The metadata steps around it (stat, chmod, chown) are synchronous.
    createFile: (path, data, options) =>
      attempt('write', path, async () => {
        const mode = options.mode ?? 0o666;
        const setModeAndOwner = (stat: FileStat, fd: number): void => {
          if (options.mode !== undefined && stat.mode !== options.mode) fs.fchmodSync(fd, options.mode);
          if (options.owner !== undefined && (stat.uid !== options.owner.uid || stat.gid !== options.owner.gid)) {
            fs.fchownSync(fd, options.owner.uid, options.owner.gid);
          }
        };
        if (options.sync) {
          // Mode and owner are set before the fsync, so they are as durable as the data.
          const fh = await fsp.open(path, 'wx', mode);
          try {
            await fh.writeFile(data);
            const stat = toStat(fs.fstatSync(fh.fd));
            setModeAndOwner(stat, fh.fd);
            await fh.sync();
            return stat;
          } finally {
            await fh.close();
          }
        }
        await fsp.writeFile(path, data, { flag: 'wx', mode });
        const stat = toStat(fs.lstatSync(path));
        if ((options.mode !== undefined && stat.mode !== options.mode) || options.owner !== undefined) {
          const fd = fs.openSync(path, 'r');
          try {
            setModeAndOwner(stat, fd);
          } finally {
            fs.closeSync(fd);
          }
        }
        return stat;
      }),
    mkdir: (path) => attempt('mkdir', path, async () => void fs.mkdirSync(path)),
    rmdir: (path) => attempt('rmdir', path, async () => fs.rmdirSync(path)),
    // Not rename: replacing a file by rename can make ext4 start writing the new file's data back
    // (auto_da_alloc) and wait on it, so renames in parallel on the pool are 2-3x faster (a
    // rollback of 10,000 files measured 0.6 s async against 1.4-1.9 s synchronous).
    rename: (from, to) => attempt('rename', from, () => fsp.rename(from, to)),
    link: (existing, newPath) => attempt('link', newPath, async () => fs.linkSync(existing, newPath)),
    unlink: (path) => attempt('unlink', path, async () => fs.unlinkSync(path)),
    copyFile: (from, to) => attempt('copy', from, () => fsp.copyFile(from, to, fs.constants.COPYFILE_EXCL)),
    fsyncDir: (path) =>
      attempt('fsync directory', path, async () => {
        const fh = await fsp.open(path, 'r');
        try {
          await fh.sync();
        } catch (error) {
          // Some platforms (Windows) and filesystems cannot fsync a directory; their entries are as
          // durable as they can be made, so this is not a failure of the transaction.
          const code = (error as NodeJS.ErrnoException).code;
          if (code !== 'EPERM' && code !== 'EISDIR' && code !== 'EINVAL') throw error;
        } finally {
          await fh.close();
        }
      }),
    statfs: async (path) => {
      try {
        const info = await fsp.statfs(path);
        return { freeBytes: info.bavail * info.bsize, freeInodes: info.ffree };
      } catch {
        return undefined;
      }
    },

    self: () =>
      (selfIdentity ??= Promise.resolve({
        pid: process.pid,
        startTime: processStartTime(process.pid) ?? 'unknown',
        host: hostname(),
      })),
    isAlive: async (owner) => {
      if (owner.host !== hostname()) return true; // Not ours to judge: a lock from another host is never broken automatically.
      try {
        process.kill(owner.pid, 0);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
      }
      const startTime = processStartTime(owner.pid);
      return startTime === undefined || owner.startTime === 'unknown' || startTime === owner.startTime;
    },
  };
}

/** The process-wide real filesystem port. */
export const nodeFs: FsPort = createNodeFs();
