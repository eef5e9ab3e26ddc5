/**
 * The project lock: `.wopt/lock`, created with O_EXCL, holding its owner's record. A lock whose
 * owner is dead (same host, and the pid is gone or now belongs to a process with another start
 * time) is taken over by renaming it to a unique name: only one waiter can win that rename. A lock
 * from another host, or from a live process, is never broken automatically.
 */
import { randomBytes } from 'node:crypto';
import { errors, isWoptError, WoptError } from '../errors.js';
import type { FsPort, ProcessIdentity } from '../fs/port.js';
import type { Layout } from './layout.js';

export interface LockRecord extends ProcessIdentity {
  readonly txid: string | undefined;
  readonly since: string;
  readonly command: string | undefined;
}

export interface LockOptions {
  /** How long to wait for another holder, in milliseconds (default 10 s). */
  readonly timeoutMs?: number;
  readonly command?: string;
  readonly signal?: AbortSignal;
}

export interface HeldLock {
  readonly record: LockRecord;
  release(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function describeHolder(record: LockRecord): string {
  const command = record.command ? ` running "${record.command}"` : '';
  return `pid ${record.pid} on host ${record.host} since ${record.since}${command}`;
}

export async function readLockRecord(fs: FsPort, path: string): Promise<LockRecord | undefined> {
  try {
    return JSON.parse((await fs.readFile(path)).toString('utf8')) as LockRecord;
  } catch (error) {
    if (isWoptError(error, 'E_NOT_FOUND')) return undefined;
    if (error instanceof SyntaxError) return undefined; // a holder killed between open and write
    throw error;
  }
}

/** Ensures `.wopt/` exists, with a .gitignore so its contents are never committed by accident. */
export async function ensureStateDir(fs: FsPort, layout: Layout): Promise<void> {
  if ((await fs.lstat(layout.dir))?.kind === 'directory') return;
  try {
    await fs.mkdir(layout.dir);
  } catch (error) {
    if (!isWoptError(error, 'E_EXISTS')) throw error;
    return;
  }
  const ignore = await fs.open(`${layout.dir}/.gitignore`, 'create-or-truncate', 0o644);
  const text = Buffer.from('# wopt state: journal, backups, lock. Do not delete after a crash; run `wopt recover`.\n*\n');
  try {
    await fs.write(ignore, text, 0, text.length);
  } finally {
    await fs.close(ignore);
  }
}

export async function acquireLock(fs: FsPort, layout: Layout, txid: string | undefined, options: LockOptions = {}): Promise<HeldLock> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const started = Date.now();
  const self = await fs.self();
  const record: LockRecord = { ...self, txid, since: new Date().toISOString(), command: options.command };
  const body = Buffer.from(JSON.stringify(record));
  await ensureStateDir(fs, layout);

  for (let attempt = 0; ; attempt++) {
    if (options.signal?.aborted) throw errors.aborted(options.signal.reason);
    if (await tryCreate(fs, layout, body)) {
      await sweepLockLeftovers(fs, layout);
      return { record, release: () => releaseLock(fs, layout, record) };
    }

    const holder = await readLockRecord(fs, layout.lock);
    if (holder === undefined) {
      // Unreadable: it vanished just now, or an older wopt left it empty. An old empty lock is stale.
      const stat = await fs.lstat(layout.lock);
      if (stat !== undefined && Date.now() - stat.mtimeMs > EMPTY_LOCK_STALE_MS) await takeOverStale(fs, layout, undefined);
      else if (Date.now() - started > timeoutMs) throw errors.locked('an unknown process (the lock file is unreadable)', layout.lock);
      else await sleep(2);
      continue;
    }
    if (!(await fs.isAlive(holder))) {
      await takeOverStale(fs, layout, holder);
      continue;
    }
    if (Date.now() - started >= timeoutMs) throw errors.locked(describeHolder(holder), layout.lock);
    // Quadratic backoff with jitter, as git does for its index lock.
    await sleep(Math.min(250, 1 + attempt * attempt) * (0.5 + Math.random()));
  }
}

/** An unreadable lock older than this is taken over (a live holder writes its record at once). */
const EMPTY_LOCK_STALE_MS = 5_000;
const LOCK_TEMP = /^lock\.(new|stale)\.[0-9a-f]+$/;

/**
 * Creates the lock with its record already in it: the record goes to a unique temp, which is then
 * hard-linked to `.wopt/lock` (link fails if the lock exists). A holder killed at any point leaves
 * either no lock or a complete one, never an empty lock that no one could judge.
 */
async function tryCreate(fs: FsPort, layout: Layout, body: Buffer): Promise<boolean> {
  const temp = `${layout.lock}.new.${randomBytes(6).toString('hex')}`;
  const handle = await fs.open(temp, 'create-exclusive', 0o644);
  try {
    let written = 0;
    while (written < body.length) written += await fs.write(handle, body, written, body.length - written);
  } finally {
    await fs.close(handle);
  }
  // No fsync: after a power loss no process holds anything, and recovery trusts only the journal.
  try {
    await fs.link(temp, layout.lock);
    return true;
  } catch (error) {
    if (isWoptError(error, 'E_EXISTS') || isWoptError(error, 'E_NOT_FOUND')) return false;
    throw error;
  } finally {
    await fs.unlink(temp).catch(() => undefined);
  }
}

/** Temps of lock attempts by processes that died mid-way. Only the holder sweeps, so none is in use... */
async function sweepLockLeftovers(fs: FsPort, layout: Layout): Promise<void> {
  const names = await fs.readdir(layout.dir);
  for (const name of names) {
    if (!LOCK_TEMP.test(name)) continue;
    const path = `${layout.dir}/${name}`;
    const stat = await fs.lstat(path);
    // ...except a waiter's temp of the last moments, between its write and its link: leave young ones.
    if (stat !== undefined && Date.now() - stat.mtimeMs > EMPTY_LOCK_STALE_MS) await fs.unlink(path).catch(() => undefined);
  }
}

/**
 * Moves a dead owner's lock aside. Exactly one of several waiters wins the rename; the others find
 * the lock gone (or already re-taken) and go round again.
 */
async function takeOverStale(fs: FsPort, layout: Layout, stale: LockRecord | undefined): Promise<void> {
  const aside = `${layout.lock}.stale.${randomBytes(6).toString('hex')}`;
  try {
    await fs.rename(layout.lock, aside);
  } catch (error) {
    if (isWoptError(error, 'E_NOT_FOUND')) return;
    throw error;
  }
  const moved = await readLockRecord(fs, aside);
  const same =
    stale === undefined ? moved === undefined : moved !== undefined && moved.pid === stale.pid && moved.startTime === stale.startTime && moved.since === stale.since;
  if (!same) {
    // We moved a lock a faster waiter had just taken: put it back, unless yet another one exists.
    try {
      await fs.link(aside, layout.lock);
    } catch (error) {
      if (!isWoptError(error, 'E_EXISTS')) throw error;
    }
  }
  await fs.unlink(aside);
}

async function releaseLock(fs: FsPort, layout: Layout, mine: LockRecord): Promise<void> {
  const current = await readLockRecord(fs, layout.lock);
  if (current === undefined || current.pid !== mine.pid || current.since !== mine.since) return;
  try {
    await fs.unlink(layout.lock);
  } catch (error) {
    if (!(error instanceof WoptError && error.code === 'E_NOT_FOUND')) throw error;
  }
}

/** Runs `work` under the project lock, releasing it however `work` ends. */
export async function withLock<T>(fs: FsPort, layout: Layout, txid: string | undefined, options: LockOptions, work: (lock: HeldLock) => Promise<T>): Promise<T> {
  const lock = await acquireLock(fs, layout, txid, options);
  let result: T;
  try {
    result = await work(lock);
  } catch (error) {
    // The work's failure is the news; a lock that cannot be removed (read-only disk) must not hide it.
    await lock.release().catch(() => undefined);
    throw error;
  }
  await lock.release();
  return result;
}
