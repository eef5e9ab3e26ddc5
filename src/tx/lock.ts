/**
 * The project lock: `.wopt/lock`, created with O_EXCL, holding its owner's record. A lock whose
 * owner is dead (same host, and the pid is gone or now belongs to a process with another start
 * time) is taken over by renaming it to a unique name: only one waiter can win that rename. A lock
 * from another host, or from a live process, is never broken automatically.
 */
import { randomBytes } from 'node:crypto';
import { errors, isWoptError } from '../errors.js';
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

/**
 * Locks this process holds, by record. A record with this process's identity that is not in here
 * was left by an earlier call whose release failed: it is stale, not ours to wait for.
 */
const heldHere = new Set<string>();
const recordKey = (record: LockRecord): string => `${record.pid}|${record.startTime}|${record.host}|${record.since}`;

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
      heldHere.add(recordKey(record));
      await sweepLockLeftovers(fs, layout).catch(() => undefined); // tidying only: never fatal
      return { record, release: () => releaseLock(fs, layout, record) };
    }

    const holder = await readLockRecord(fs, layout.lock);
    if (holder === undefined) {
      // Unreadable: it vanished just now, or something left it empty. An old unreadable lock is stale.
      const stat = await fs.lstat(layout.lock);
      if (stat !== undefined && Date.now() - stat.mtimeMs > STALE_AFTER_MS) await takeOverStale(fs, layout, self, undefined);
      else if (Date.now() - started > timeoutMs) throw errors.locked('an unknown process (the lock file is unreadable)', layout.lock);
      else await sleep(2);
      continue;
    }
    const abandonedHere = holder.pid === self.pid && holder.startTime === self.startTime && holder.host === self.host && !heldHere.has(recordKey(holder));
    if (abandonedHere || !(await fs.isAlive(holder))) {
      await takeOverStale(fs, layout, self, holder);
      // Another waiter may be mid-takeover: this one keeps to its deadline like any other wait.
      if (Date.now() - started >= timeoutMs && (await fs.lstat(layout.lock)) !== undefined) {
        throw errors.locked(`${describeHolder(holder)} (stale; another process is taking it over)`, layout.lock);
      }
      continue;
    }
    if (Date.now() - started >= timeoutMs) throw errors.locked(describeHolder(holder), layout.lock);
    // Quadratic backoff with jitter, as git does for its index lock.
    await sleep(Math.min(250, 1 + attempt * attempt) * (0.5 + Math.random()));
  }
}

/** An unreadable lock, or a takeover guard, older than this is stale (live holders finish in ms). */
const STALE_AFTER_MS = 5_000;
const LOCK_TEMP = /^lock\.(new|stale|takeover\.stale)\.[0-9a-f]+$/;

async function writeNew(fs: FsPort, path: string, body: Buffer): Promise<void> {
  const handle = await fs.open(path, 'create-exclusive', 0o644);
  try {
    let written = 0;
    while (written < body.length) written += await fs.write(handle, body, written, body.length - written);
  } finally {
    await fs.close(handle);
  }
}

/**
 * Creates the lock with its record already in it: the record goes to a unique temp, which is then
 * hard-linked to `.wopt/lock` (link fails if the lock exists). A holder killed at any point leaves
 * either no lock or a complete one, never an empty lock that no one could judge.
 */
async function tryCreate(fs: FsPort, layout: Layout, body: Buffer): Promise<boolean> {
  const temp = `${layout.lock}.new.${randomBytes(6).toString('hex')}`;
  try {
    await writeNew(fs, temp, body);
    // No fsync: after a power loss no process holds anything, and recovery trusts only the journal.
    await fs.link(temp, layout.lock);
    return true;
  } catch (error) {
    if (isWoptError(error, 'E_EXISTS') || isWoptError(error, 'E_NOT_FOUND')) return false;
    throw error;
  } finally {
    await fs.unlink(temp).catch(() => undefined);
  }
}

/** Temps of lock attempts by processes that died mid-way, swept by the holder. */
async function sweepLockLeftovers(fs: FsPort, layout: Layout): Promise<void> {
  const names = await fs.readdir(layout.dir);
  for (const name of names) {
    if (!LOCK_TEMP.test(name)) continue;
    const path = `${layout.dir}/${name}`;
    const stat = await fs.lstat(path);
    // A waiter's temp of the last moments, between its write and its link, is young: leave those.
    if (stat !== undefined && Date.now() - stat.mtimeMs > STALE_AFTER_MS) await fs.unlink(path).catch(() => undefined);
  }
}

const sameRecord = (a: LockRecord | undefined, b: LockRecord | undefined): boolean =>
  a === undefined || b === undefined ? a === b : a.pid === b.pid && a.startTime === b.startTime && a.host === b.host && a.since === b.since;

/**
 * Moves a dead owner's lock aside. Takeovers are serialized behind `.wopt/lock.takeover` (created
 * with O_EXCL), and the lock is re-read under that guard: a waiter that judged an old record can
 * never move aside the fresh lock another waiter has taken meanwhile (proper-lockfile #121).
 */
async function takeOverStale(fs: FsPort, layout: Layout, self: ProcessIdentity, stale: LockRecord | undefined): Promise<void> {
  const guard = `${layout.lock}.takeover`;
  const guardRecord: LockRecord = { ...self, txid: undefined, since: new Date().toISOString(), command: 'lock takeover' };
  try {
    await writeNew(fs, guard, Buffer.from(JSON.stringify(guardRecord)));
  } catch (error) {
    if (!isWoptError(error, 'E_EXISTS')) throw error;
    // Another waiter is taking over. If it died doing so, its guard is cleared for the next round,
    // the same way as a dead lock: moved aside by exactly one waiter, checked, then removed.
    const holder = await readLockRecord(fs, guard);
    const stat = await fs.lstat(guard);
    const dead = holder !== undefined ? !(await fs.isAlive(holder)) : stat !== undefined && Date.now() - stat.mtimeMs > STALE_AFTER_MS;
    if (dead) await moveAsideIfStill(fs, guard, `${guard}.stale.${randomBytes(6).toString('hex')}`, holder);
    else await sleep(2);
    return;
  }
  try {
    if (!sameRecord(await readLockRecord(fs, layout.lock), stale)) return; // someone else got there first
    const aside = `${layout.lock}.stale.${randomBytes(6).toString('hex')}`;
    try {
      await fs.rename(layout.lock, aside);
    } catch (error) {
      if (isWoptError(error, 'E_NOT_FOUND')) return;
      throw error;
    }
    await fs.unlink(aside).catch(() => undefined);
  } finally {
    // Only our own guard: after a pause, another waiter may have judged it dead and replaced it.
    if (sameRecord(await readLockRecord(fs, guard).catch(() => undefined), guardRecord)) await fs.unlink(guard).catch(() => undefined);
  }
}

/**
 * Moves `path` aside (one winner among racing waiters) and removes it if it still held `expected`;
 * if what was moved is a newer record, it is put back (unless yet another has appeared since).
 */
async function moveAsideIfStill(fs: FsPort, path: string, aside: string, expected: LockRecord | undefined): Promise<void> {
  try {
    await fs.rename(path, aside);
  } catch (error) {
    if (isWoptError(error, 'E_NOT_FOUND')) return;
    throw error;
  }
  if (!sameRecord(await readLockRecord(fs, aside).catch(() => undefined), expected)) {
    await fs.link(aside, path).catch(() => undefined);
  }
  await fs.unlink(aside).catch(() => undefined);
}

async function releaseLock(fs: FsPort, layout: Layout, mine: LockRecord): Promise<void> {
  heldHere.delete(recordKey(mine));
  // Tried twice: a lock left behind makes every other process wait for a holder that is done.
  for (let attempt = 0; ; attempt++) {
    try {
      const current = await readLockRecord(fs, layout.lock);
      if (current === undefined || !sameRecord(current, mine)) return;
      await fs.unlink(layout.lock);
      return;
    } catch (error) {
      if (isWoptError(error, 'E_NOT_FOUND')) return;
      if (attempt >= 1) throw error;
    }
  }
}

/** Whether `.wopt/lock` still holds this lock's record (checked before applying a batch). */
export async function stillHeld(fs: FsPort, layout: Layout, lock: HeldLock): Promise<boolean> {
  return sameRecord(await readLockRecord(fs, layout.lock), lock.record);
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
  // The work is done (a batch has committed): a lock that cannot be removed must not turn that into
  // a failure. A later run in this process takes it back; other processes see a dead holder once
  // this one exits.
  await lock.release().catch(() => undefined);
  return result;
}
