/**
 * A port that wraps another, counts every operation, and fails, shortens a write, crashes or runs a
 * hook at the k-th matching operation. This is how wopt's crash and fault tests reach every step of
 * the protocol without monkeypatching (ESM bindings cannot be patched from outside).
 *
 * The CLI honours `WOPT_FAULT` (see {@link parseFaultSpec}) so a test can crash the real binary at
 * operation k; production runs never set it.
 */
import { WoptError } from '../errors.js';
import type { FileHandle, FsOperation, FsPort, ProcessIdentity } from './port.js';
import { fsyncOperations } from './port.js';
import { createFileStepByStep } from './create-file.js';

export type FaultAction =
  /** Throw a system error with this errno (ENOSPC, EIO, EACCES, ...). */
  | { readonly kind: 'errno'; readonly errno: string }
  /** Make a `write` return fewer bytes than asked (half), without an error. */
  | { readonly kind: 'short-write' }
  /** Kill the process on the spot, as a power cut or `kill -9` would. */
  | { readonly kind: 'crash' }
  /**
   * Die in-process: this operation and every later one fail, so nothing after this point reaches
   * the disk, as if the process had been killed here. Faster than a real kill for exhaustive loops.
   */
  | { readonly kind: 'freeze' }
  /** Run code (e.g. edit a file behind wopt's back) just before the operation. */
  | { readonly kind: 'hook'; readonly run: (operation: FsOperation, path: string) => void | Promise<void> };

export interface FaultRule {
  /** 1-based index among the operations this rule matches: fire at the k-th one. */
  readonly at: number;
  /** Keep firing on every matching operation from the k-th on ("forever"), not just once. */
  readonly persist?: boolean;
  /** Only count these operations (default: all). */
  readonly operations?: readonly FsOperation[];
  /** Only count operations whose path matches. */
  readonly path?: RegExp;
  readonly action: FaultAction;
}

export interface FaultCounters {
  /** All operations, in order. */
  readonly total: number;
  readonly byOperation: Readonly<Partial<Record<FsOperation, number>>>;
  /** fsync + fdatasync + fsyncDir. */
  readonly fsyncs: number;
  /** Whether any rule fired. */
  readonly fired: number;
}

export interface FaultPort extends FsPort {
  readonly counters: FaultCounters;
  /** Every operation with its path, when recording was asked for. */
  readonly trace: readonly { operation: FsOperation; path: string }[];
  reset(): void;
}

export interface FaultPortOptions {
  readonly rules?: readonly FaultRule[];
  readonly record?: boolean;
  /** How a crash is carried out; the default sends SIGKILL to this process. */
  readonly crash?: () => never;
  /**
   * Who this port says the process is (for lock records). A test that freezes a batch passes a
   * made-up identity, so the lock it leaves behind belongs to a process that is no longer alive.
   */
  readonly identity?: ProcessIdentity;
}

const defaultCrash = (): never => {
  process.kill(process.pid, 'SIGKILL');
  // SIGKILL is delivered before this line runs; the throw only satisfies the type checker.
  throw new Error('unreachable');
};

function systemError(errno: string, operation: FsOperation, path: string): WoptError {
  const cause = Object.assign(new Error(`${errno}: injected fault, ${operation} '${path}'`), { code: errno });
  return new WoptError(errnoToCode(errno), `${operation} ${JSON.stringify(path)} failed: injected ${errno}.`, {
    cause,
    path,
    errno,
  });
}

function errnoToCode(errno: string): WoptError['code'] {
  switch (errno) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'E_NO_SPACE';
    case 'EACCES':
    case 'EPERM':
      return 'E_PERMISSION';
    case 'EROFS':
      return 'E_READ_ONLY';
    case 'EMFILE':
      return 'E_TOO_MANY_FILES';
    default:
      return 'E_IO';
  }
}

export function createFaultPort(inner: FsPort, options: FaultPortOptions = {}): FaultPort {
  const rules = options.rules ?? [];
  const crash = options.crash ?? defaultCrash;
  let total = 0;
  let fsyncs = 0;
  let fired = 0;
  let byOperation: Partial<Record<FsOperation, number>> = {};
  let ruleHits = rules.map(() => 0);
  let frozen = false;
  const trace: { operation: FsOperation; path: string }[] = [];

  /** Counts the operation and returns the action to take, if a rule fires. */
  function observe(operation: FsOperation, path: string): FaultAction | undefined {
    total += 1;
    byOperation[operation] = (byOperation[operation] ?? 0) + 1;
    if (fsyncOperations.has(operation)) fsyncs += 1;
    if (options.record) trace.push({ operation, path });
    let action: FaultAction | undefined;
    rules.forEach((rule, index) => {
      if (rule.operations && !rule.operations.includes(operation)) return;
      if (rule.path && !rule.path.test(path)) return;
      const hit = (ruleHits[index] = (ruleHits[index] ?? 0) + 1);
      if (hit === rule.at || (rule.persist === true && hit > rule.at)) action ??= rule.action;
    });
    if (action) fired += 1;
    if (action?.kind === 'freeze') frozen = true;
    if (frozen) return { kind: 'errno', errno: 'EIO' };
    return action;
  }

  async function guard<T>(operation: FsOperation, path: string, run: () => Promise<T>): Promise<T> {
    const action = observe(operation, path);
    if (action?.kind === 'crash') crash();
    if (action?.kind === 'errno') throw systemError(action.errno, operation, path);
    if (action?.kind === 'hook') await action.run(operation, path);
    return run();
  }

  const port: FaultPort = {
    get counters() {
      return { total, byOperation: { ...byOperation }, fsyncs, fired };
    },
    trace,
    reset() {
      total = 0;
      fsyncs = 0;
      fired = 0;
      frozen = false;
      byOperation = {};
      ruleHits = rules.map(() => 0);
      trace.length = 0;
    },
    lstat: (p) => guard('lstat', p, () => inner.lstat(p)),
    stat: (p) => guard('stat', p, () => inner.stat(p)),
    realpath: (p) => guard('realpath', p, () => inner.realpath(p)),
    readlink: (p) => guard('readlink', p, () => inner.readlink(p)),
    readFile: (p) => guard('readFile', p, () => inner.readFile(p)),
    readSmallFile: (p, size) => guard('readFile', p, () => inner.readSmallFile(p, size)),
    readHead: (p, n) => guard('readHead', p, () => inner.readHead(p, n)),
    readStream: (p) => ({
      async *[Symbol.asyncIterator]() {
        yield* await guard('readStream', p, async () => inner.readStream(p));
      },
    }),
    readdir: (p) => guard('readdir', p, () => inner.readdir(p)),
    open: (p, mode, fileMode) => guard('open', p, () => inner.open(p, mode, fileMode)),
    write: async (h: FileHandle, data, offset, length) => {
      const action = observe('write', h.path);
      if (action?.kind === 'crash') crash();
      if (action?.kind === 'errno') throw systemError(action.errno, 'write', h.path);
      if (action?.kind === 'hook') await action.run('write', h.path);
      const shortened = action?.kind === 'short-write' ? Math.max(1, Math.floor(length / 2)) : length;
      return inner.write(h, data, offset, shortened);
    },
    fsync: (h) => guard('fsync', h.path, () => inner.fsync(h)),
    fdatasync: (h) => guard('fdatasync', h.path, () => inner.fdatasync(h)),
    fchmod: (h, mode) => guard('fchmod', h.path, () => inner.fchmod(h, mode)),
    fchown: (h, uid, gid) => guard('fchown', h.path, () => inner.fchown(h, uid, gid)),
    fstat: (h) => guard('fstat', h.path, () => inner.fstat(h)),
    close: async (h) => {
      // A failed close still releases the descriptor (as close(2) does), so faults never leak fds.
      try {
        await guard('close', h.path, async () => undefined);
      } finally {
        await inner.close(h);
      }
    },
    // Step by step through this port, so each step counts and can fail on its own.
    createFile: (p, data, createOptions) => createFileStepByStep(port, p, data, createOptions),
    mkdir: (p) => guard('mkdir', p, () => inner.mkdir(p)),
    rmdir: (p) => guard('rmdir', p, () => inner.rmdir(p)),
    rename: (from, to) => guard('rename', to, () => inner.rename(from, to)),
    link: (existing, newPath) => guard('link', newPath, () => inner.link(existing, newPath)),
    unlink: (p) => guard('unlink', p, () => inner.unlink(p)),
    copyFile: (from, to) => guard('copyFile', to, () => inner.copyFile(from, to)),
    fsyncDir: (p) => guard('fsyncDir', p, () => inner.fsyncDir(p)),
    statfs: (p) => guard('statfs', p, () => inner.statfs(p)),
    self: async () => options.identity ?? inner.self(),
    isAlive: (owner) => inner.isAlive(owner),
  };
  return port;
}

const operationNames: readonly FsOperation[] = [
  'lstat', 'stat', 'realpath', 'readlink', 'readFile', 'readHead', 'readStream', 'readdir', 'open', 'write',
  'fsync', 'fdatasync', 'fchmod', 'fchown', 'fstat', 'close', 'mkdir', 'rmdir', 'rename', 'link', 'unlink',
  'copyFile', 'fsyncDir', 'statfs',
];

/**
 * Parses a fault specification, as the CLI reads it from `WOPT_FAULT`:
 *
 * - `crash@12`: SIGKILL at the 12th operation; `freeze@12`: fail it and every later one;
 * - `errno@12:EIO`: throw EIO at the 12th operation, once; `errno@12+:ENOSPC`: from the 12th on;
 * - `short@3`: the 3rd write returns half its length;
 * - `;op=rename,fsync` and `;path=<regex>` narrow which operations count.
 *
 * Several rules are separated by `|`.
 *
 * @throws WoptError E_USAGE when the text is not of that form.
 */
export function parseFaultSpec(text: string): FaultRule[] {
  return text.split('|').map((part) => {
    const [head = '', ...filters] = part.trim().split(';');
    const match = /^(crash|freeze|errno|short)@(\d+)(\+?)(?::([A-Z]+))?$/.exec(head);
    if (!match) {
      throw new WoptError('E_USAGE', `Bad fault spec ${JSON.stringify(part)}: expected e.g. crash@12, errno@12+:EIO or short@3.`);
    }
    const [, kind, at, plus, errno] = match;
    const action: FaultAction =
      kind === 'crash' || kind === 'freeze' ? { kind } : kind === 'short' ? { kind: 'short-write' } : { kind: 'errno', errno: errno ?? 'EIO' };
    let operations: FsOperation[] | undefined;
    let path: RegExp | undefined;
    for (const filter of filters) {
      const [key, value = ''] = filter.split('=');
      if (key === 'op') {
        operations = value.split(',').map((name) => {
          if (!operationNames.includes(name as FsOperation)) {
            throw new WoptError('E_USAGE', `Bad fault spec: unknown operation ${JSON.stringify(name)}; one of ${operationNames.join(', ')}.`);
          }
          return name as FsOperation;
        });
      } else if (key === 'path') {
        path = new RegExp(value);
      } else {
        throw new WoptError('E_USAGE', `Bad fault spec: unknown filter ${JSON.stringify(filter)}; use op=... or path=....`);
      }
    }
    return { at: Number(at), persist: plus === '+', operations, path, action };
  });
}
