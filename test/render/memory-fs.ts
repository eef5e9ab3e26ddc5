/**
 * A small in-memory FsPort for renderer tests: enough for the disk cache (stat, readFile, mkdir,
 * open/write/close, rename, unlink), counting every operation.
 */
import { posix } from 'node:path';
import { WoptError } from '../../src/errors.js';
import type { FileHandle, FileStat, FsPort } from '../../src/fs/port.js';
import { createFileStepByStep } from '../../src/fs/create-file.js';

export interface MemoryFs extends FsPort {
  readonly files: Map<string, Buffer>;
  readonly dirs: Map<string, number>;
  readonly ops: Record<string, number>;
}

const stat = (kind: FileStat['kind'], size: number, mode: number): FileStat => ({
  kind,
  size,
  mode,
  ino: 1,
  dev: 1,
  nlink: 1,
  uid: 0,
  gid: 0,
  mtimeMs: 0,
});

export function createMemoryFs(): MemoryFs {
  const files = new Map<string, Buffer>();
  const dirs = new Map<string, number>([['/', 0o755]]);
  const ops: Record<string, number> = {};
  const count = (op: string) => {
    ops[op] = (ops[op] ?? 0) + 1;
  };
  const notFound = (path: string) => new WoptError('E_NOT_FOUND', `missing ${path}`, { path });
  const unsupported = (op: string) => () => {
    throw new Error(`memory fs: ${op} is not supported`);
  };
  const open = new Map<string, Buffer[]>();

  const port: MemoryFs = {
    files,
    dirs,
    ops,
    async stat(path) {
      count('stat');
      if (dirs.has(path)) return stat('directory', 0, dirs.get(path) ?? 0o755);
      const file = files.get(path);
      return file === undefined ? undefined : stat('file', file.length, 0o644);
    },
    async lstat(path) {
      return port.stat(path);
    },
    async readFile(path) {
      count('readFile');
      const file = files.get(path);
      if (file === undefined) throw notFound(path);
      return Buffer.from(file);
    },
    async readSmallFile(path: string) {
      return port.readFile(path);
    },
    createFile: (path, data, options) => createFileStepByStep(port, path, data, options),
    async mkdir(path) {
      count('mkdir');
      if (dirs.has(path) || files.has(path)) throw new WoptError('E_EXISTS', `exists ${path}`, { path });
      if (!dirs.has(posix.dirname(path))) throw notFound(posix.dirname(path));
      dirs.set(path, 0o755);
    },
    async open(path, mode) {
      count('open');
      if (mode !== 'create-exclusive') throw new Error('memory fs: only create-exclusive');
      if (files.has(path) || open.has(path)) throw new WoptError('E_EXISTS', `exists ${path}`, { path });
      if (!dirs.has(posix.dirname(path))) throw notFound(posix.dirname(path));
      open.set(path, []);
      return { path } satisfies FileHandle;
    },
    async write(handle, data, offset, length) {
      count('write');
      open.get(handle.path)?.push(Buffer.from(data.subarray(offset, offset + length)));
      return length;
    },
    async close(handle) {
      count('close');
      files.set(handle.path, Buffer.concat(open.get(handle.path) ?? []));
      open.delete(handle.path);
    },
    async rename(from, to) {
      count('rename');
      const file = files.get(from);
      if (file === undefined) throw notFound(from);
      files.delete(from);
      files.set(to, file);
    },
    async unlink(path) {
      count('unlink');
      if (!files.delete(path)) throw notFound(path);
    },
    realpath: unsupported('realpath'),
    readlink: unsupported('readlink'),
    readHead: unsupported('readHead'),
    readStream: unsupported('readStream'),
    readdir: async (path) => [...files.keys(), ...dirs.keys()].filter((p) => posix.dirname(p) === path && p !== path).map((p) => posix.basename(p)),
    fsync: unsupported('fsync'),
    fdatasync: unsupported('fdatasync'),
    fchmod: unsupported('fchmod'),
    fchown: unsupported('fchown'),
    fstat: unsupported('fstat'),
    rmdir: unsupported('rmdir'),
    link: unsupported('link'),
    copyFile: unsupported('copyFile'),
    fsyncDir: unsupported('fsyncDir'),
    statfs: async () => undefined,
    self: async () => ({ pid: 1, startTime: '1', host: 'memory' }),
    isAlive: async () => true,
  };
  return port;
}
