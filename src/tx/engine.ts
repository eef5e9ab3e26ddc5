/**
 * Runs a transaction (design.md §2): journal, stage, barrier A, apply, barrier B, commit, clean
 * up. Entries arrive in steps (a whole plan at once, or chunks of a lazy source), each journaled
 * before it is staged. Any failure before the commit point rolls every file back; a failure of the
 * rollback itself leaves the journal for `wopt recover` and says so.
 */
import { posix } from 'node:path';
import { errors, fromSystemError, isWoptError, WoptError } from '../errors.js';
import type { FsPort } from '../fs/port.js';
import { forEachLimited } from '../util/pool.js';
import type { Durability, EntryRecord, JournalRecord, Staged } from './journal.js';
import { JournalWriter } from './journal.js';
import type { Layout } from './layout.js';
import { backupPathFor, journalPath, keptBackupPath, tempPathFor, transactionDir } from './layout.js';
import { withoutContent, type PlannedEntry, type PlanStep } from './plan.js';
import { markCleaned, pruneKept, removeTransactionDir } from './retention.js';
import { finishCommitted, hashFile, mkdirs, rollBack, syncTouchedDirs } from './rollback.js';
import { stageFile } from './stage-file.js';

export interface ExecuteOptions {
  readonly txid: string;
  readonly durability: Durability;
  /** Keep this many committed transactions' backups for undo (0: none). */
  readonly keep: number;
  readonly concurrency: number;
  readonly signal: AbortSignal | undefined;
  /** Checked just before the first rename: the project lock must still be ours. */
  readonly stillLocked?: () => Promise<boolean>;
}

export interface ExecuteResult {
  readonly fsyncs: number;
  readonly bytesWritten: number;
  /** Entries found identical to the file on disk only once staged (streamed content). */
  readonly unchanged: ReadonlySet<number>;
  readonly warnings: readonly string[];
}

const LINK_FALLBACK_ERRNOS = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK']);
const isLinkRefusal = (error: unknown): boolean => error instanceof WoptError && error.errno !== undefined && LINK_FALLBACK_ERRNOS.has(error.errno);

/** A system error about a temp or backup is reported as being about the user's file. */
function aboutEntry(stage: string, entry: PlannedEntry, error: unknown): unknown {
  if (!(error instanceof WoptError) || error.errno === undefined || error.path === entry.path) return error;
  const named = fromSystemError(stage, entry.path, error.cause ?? error);
  return named;
}

export class Transaction {
  fsyncs = 0;
  bytesWritten = 0;
  readonly staged = new Map<number, Staged>();
  readonly unchanged = new Set<number>();
  readonly createdDirs: string[] = [];
  /** Entries whose rename or unlink was attempted, and whether it is known to have happened. */
  private readonly applied = new Map<number, 'done' | 'unknown'>();
  private readonly entries = new Map<number, PlannedEntry>();
  private readonly records = new Map<number, EntryRecord>();
  private journal: JournalWriter | undefined;
  private begun = false;
  private readonly full: boolean;
  /** Set when the commit record may be on disk but could not be voided: recovery must decide. */
  private commitUnknown = false;

  constructor(
    private readonly fs: FsPort,
    private readonly layout: Layout,
    private readonly options: ExecuteOptions,
  ) {
    this.full = options.durability === 'full';
  }

  get size(): number {
    return this.entries.size;
  }

  private recordOf(entry: PlannedEntry): EntryRecord {
    return {
      type: 'ENTRY',
      i: entry.i,
      path: entry.path,
      target: entry.target,
      op: entry.op,
      pre: entry.pre && { ino: entry.pre.ino, dev: entry.pre.dev, size: entry.pre.size, mode: entry.pre.mode, mtimeMs: entry.pre.mtimeMs },
      temp: entry.op === 'write' ? tempPathFor(entry.target, this.options.txid, entry.i) : null,
      backup: entry.pre ? backupPathFor(entry.target, this.options.txid, entry.i) : null,
      ...(entry.linkFrom === undefined ? {} : { linkFrom: entry.linkFrom }),
    };
  }

  private async syncDir(dir: string): Promise<void> {
    if (!this.full) return;
    this.fsyncs += 1;
    await this.fs.fsyncDir(dir);
  }

  private async syncDirs(dirs: Iterable<string>): Promise<void> {
    if (!this.full) return;
    await forEachLimited([...new Set(dirs)], this.options.concurrency, (dir) => this.syncDir(dir));
  }

  private checkAborted(): void {
    if (this.options.signal?.aborted) throw errors.aborted(this.options.signal.reason);
  }

  /** Step 3, for each step's entries: journaled (and durable) before anything of theirs is written. */
  private async journalStep(records: readonly EntryRecord[], createDirs: readonly string[], withdrawn: readonly number[]): Promise<void> {
    if (this.options.durability === 'none') return;
    const dirsRecord: JournalRecord[] = createDirs.length > 0 ? [{ type: 'DIRS', created: createDirs }] : [];
    for (const i of withdrawn) dirsRecord.push({ type: 'WITHDRAWN', i });
    if (this.begun) {
      await this.journal?.append([...records, ...dirsRecord], 'fdatasync');
      return;
    }
    this.begun = true;
    const txnRootExisted = (await this.fs.lstat(this.layout.txnDir)) !== undefined;
    if (!txnRootExisted) {
      // First transaction here: `.wopt/txn` (and maybe `.wopt`) must be findable after a power cut.
      await mkdirs(this.fs, this.layout.txnDir);
      await this.syncDir(this.layout.dir);
      await this.syncDir(this.layout.root);
    }
    const dir = transactionDir(this.layout, this.options.txid);
    await this.fs.mkdir(dir);
    this.journal = await JournalWriter.create(this.fs, journalPath(this.layout, this.options.txid), this.options.durability);
    const begin: JournalRecord = {
      type: 'BEGIN',
      txid: this.options.txid,
      root: this.layout.root,
      time: new Date().toISOString(),
      durability: this.options.durability,
      keep: this.options.keep > 0,
    };
    await this.journal.append([begin, ...records, ...dirsRecord], 'fsync');
    await this.syncDir(dir);
    await this.syncDir(this.layout.txnDir);
  }

  /** Adds a step of planned entries: journaled, directories made, staged and backed up. */
  async addStep(step: PlanStep): Promise<void> {
    this.checkAborted();
    // Entries a later change replaced: what they staged is found through their old records.
    const replaced = step.entries.flatMap((entry) => {
      const old = this.records.get(entry.i);
      return old === undefined ? [] : [old];
    });
    const records = step.entries.map((entry) => this.recordOf(entry));
    await this.journalStep(records, step.createDirs, step.withdrawn);
    for (const record of records) this.records.set(record.i, record);
    for (const entry of step.entries) {
      this.entries.set(entry.i, entry);
      this.unchanged.delete(entry.i);
    }
    for (const i of step.withdrawn) {
      this.entries.delete(i);
      this.unchanged.add(i);
      await this.discardStaged(i, true);
      this.records.delete(i);
    }
    for (const old of replaced) await this.discardReplaced(old, this.records.get(old.i) as EntryRecord);
    await this.createDirs(step.createDirs);
    await forEachLimited(step.entries, this.options.concurrency, (entry) => this.stageEntry(entry), this.options.signal);
    // Staged: the content lives in the temp file now. Holding it would make memory grow with the batch.
    for (const entry of step.entries) {
      if (this.entries.get(entry.i) === entry) this.entries.set(entry.i, withoutContent(entry));
    }
  }

  /** Drops everything staged for an entry a later change withdrew. */
  private async discardStaged(i: number, withBackup: boolean): Promise<void> {
    const record = this.records.get(i);
    this.staged.delete(i);
    if (record?.temp) await this.fs.unlink(record.temp).catch(() => undefined);
    if (withBackup && record?.backup) await this.fs.unlink(record.backup).catch(() => undefined);
  }

  /**
   * Drops what the old record of a replaced entry staged: its temp (a write replaced by a delete
   * has no temp of its own to reuse the name), and its backup unless the new record keeps the same
   * one (both are links to the same original).
   */
  private async discardReplaced(old: EntryRecord, current: EntryRecord): Promise<void> {
    this.staged.delete(old.i);
    if (old.temp !== null) await this.fs.unlink(old.temp).catch(() => undefined);
    if (old.backup !== null && old.backup !== current.backup) await this.fs.unlink(old.backup).catch(() => undefined);
  }

  private async createDirs(dirs: readonly string[]): Promise<void> {
    for (const dir of dirs) {
      this.checkAborted();
      try {
        await this.fs.mkdir(dir);
        this.createdDirs.push(dir);
      } catch (error) {
        if (!isWoptError(error, 'E_EXISTS')) throw error;
        if ((await this.fs.stat(dir))?.kind !== 'directory') {
          const relative = posix.relative(this.layout.root, dir);
          throw errors.notADirectory(relative, relative);
        }
      }
    }
  }

  /** Step 4: the temp written and synced, the pre-image backed up and re-checked. */
  private async stageEntry(entry: PlannedEntry): Promise<void> {
    const record = this.records.get(entry.i) as EntryRecord;
    try {
      if (record.temp !== null) await this.stageContent(entry, record.temp);
    } catch (error) {
      throw aboutEntry('writing', entry, error);
    }
    try {
      if (record.backup !== null) await this.backUp(entry, record.backup);
    } catch (error) {
      throw aboutEntry('backing up', entry, error);
    }
  }

  private async stageContent(entry: PlannedEntry, temp: string): Promise<void> {
    if (entry.linkFrom !== undefined) {
      await this.stageByLink(entry, entry.linkFrom, temp);
      return;
    }
    const owner = entry.pre !== null && (entry.pre.uid !== 0 || entry.pre.gid !== 0) ? entry.pre : undefined;
    const staged = await stageFile(this.fs, temp, entry.content ?? '', {
      mode: entry.mode,
      owner,
      expectedSize: entry.size,
      sync: this.full,
      signal: this.options.signal,
      label: entry.path,
    });
    if (staged.synced) this.fsyncs += 1;
    this.bytesWritten += staged.size;
    this.staged.set(entry.i, { i: entry.i, ino: staged.ino, size: staged.size, sha256: staged.sha256, mtimeMs: staged.mtimeMs });
    if (entry.size === undefined && entry.pre !== null && entry.pre.size === staged.size && (entry.mode ?? entry.pre.mode) === entry.pre.mode) {
      // Streamed content is compared once staged: an identical result is dropped like any no-op write.
      if ((await hashFile(this.fs, entry.target)) === staged.sha256) this.unchanged.add(entry.i);
    }
  }

  /** A rename's destination takes the source's inode: no data is copied unless the filesystem refuses links. */
  private async stageByLink(entry: PlannedEntry, source: string, temp: string): Promise<void> {
    try {
      await this.fs.link(source, temp);
    } catch (error) {
      if (!isLinkRefusal(error)) throw error;
      await this.fs.copyFile(source, temp);
      await this.syncFile(temp);
    }
    const stat = await this.fs.lstat(temp);
    if (stat === undefined) throw errors.notFound(entry.path, 'staged copy');
    this.staged.set(entry.i, { i: entry.i, ino: stat.ino, size: stat.size, sha256: '', mtimeMs: stat.mtimeMs });
  }

  private async syncFile(path: string): Promise<void> {
    if (!this.full) return;
    const handle = await this.fs.open(path, 'read');
    try {
      this.fsyncs += 1;
      await this.fs.fsync(handle);
    } finally {
      await this.fs.close(handle);
    }
  }

  private async backUp(entry: PlannedEntry, backup: string): Promise<void> {
    const pre = entry.pre;
    if (pre === null) return;
    try {
      await this.fs.link(entry.target, backup);
    } catch (error) {
      if (isWoptError(error, 'E_EXISTS') && (await this.fs.lstat(backup))?.ino === pre.ino) {
        // Staged before, for an earlier change to this path: the backup already holds the original.
      } else if (isLinkRefusal(error)) {
        await this.copyBackup(entry, backup);
      } else {
        throw error;
      }
    }
    const now = await this.fs.lstat(entry.target);
    if (now === undefined || now.ino !== pre.ino || now.size !== pre.size || now.mtimeMs !== pre.mtimeMs) {
      throw errors.conflict([entry.path], 'Changed by another program while the batch was being prepared', 'Nothing was applied; the other program\'s version was kept. Run the batch again.');
    }
  }

  private async copyBackup(entry: PlannedEntry, backup: string): Promise<void> {
    await this.fs.copyFile(entry.target, backup);
    await this.syncFile(backup);
    const [copied, original] = await Promise.all([hashFile(this.fs, backup), hashFile(this.fs, entry.target)]);
    if (copied !== original) throw errors.conflict([entry.path], 'The backup copy differs from the file', 'The file may be changing; run again.');
    const record = this.records.get(entry.i) as EntryRecord;
    this.records.set(entry.i, { ...record, pre: record.pre && { ...record.pre, sha256: original } });
  }

  /** Step 5: backups durable, then the staged inodes recorded. */
  async barrierA(): Promise<void> {
    this.checkAborted();
    const records = [...this.records.values()].filter((record) => this.entries.has(record.i));
    await this.syncDirs(records.filter((record) => record.backup !== null).map((record) => posix.dirname(record.backup as string)));
    const copied = records.filter((record) => record.pre?.sha256 !== undefined);
    await this.journal?.append([...copied, { type: 'PREPARED', staged: [...this.staged.values()] }], 'fdatasync');
  }

  /** Step 6: renames and unlinks. Each target's directory is re-resolved first (TOCTOU). */
  async apply(): Promise<void> {
    this.checkAborted();
    if (this.options.stillLocked && !(await this.options.stillLocked())) {
      throw new WoptError('E_LOCKED', 'The project lock was taken over by another process while this batch was being prepared; nothing was applied. Run the batch again.');
    }
    const entries = [...this.entries.values()];
    const created = new Set(this.createdDirs);
    const dirs = new Set(entries.map((entry) => posix.dirname(entry.target)));
    await forEachLimited([...dirs], this.options.concurrency, async (dir) => {
      if (created.has(dir)) return;
      const real = await this.fs.realpath(dir).catch(() => undefined);
      if (real !== dir) {
        const entry = entries.find((candidate) => posix.dirname(candidate.target) === dir);
        throw errors.pathChanged(entry?.path ?? dir);
      }
    });
    await forEachLimited(
      entries,
      this.options.concurrency,
      async (entry) => {
        const record = this.records.get(entry.i) as EntryRecord;
        if (this.unchanged.has(entry.i)) return;
        try {
          // Marked before the call: if it throws, the rollback looks at the disk to see what happened.
          this.applied.set(entry.i, 'unknown');
          if (record.op === 'delete') await this.fs.unlink(entry.target);
          else await this.fs.rename(record.temp as string, entry.target);
          this.applied.set(entry.i, 'done');
        } catch (error) {
          throw aboutEntry(record.op === 'delete' ? 'deleting' : 'replacing', entry, error);
        }
      },
      this.options.signal,
    );
  }

  /** Steps 7 and 8: directories durable, then the commit record. After this, the batch has happened. */
  async commit(): Promise<void> {
    this.checkAborted();
    const dirs = [...this.entries.values()].map((entry) => posix.dirname(entry.target));
    for (const dir of this.createdDirs) dirs.push(posix.dirname(dir));
    await this.syncDirs(dirs);
    const journal = this.journal;
    if (journal !== undefined) {
      try {
        await journal.append([{ type: 'COMMIT' }], 'fdatasync');
      } catch (error) {
        if (journal.lastAppendWritten || journal.hasTornLine) {
          // COMMIT is in the file (whole, or part of it) but not known durable: void it before
          // rolling back, so recovery can never complete a batch whose caller was told it failed.
          try {
            await journal.append([{ type: 'VOID' }], 'fdatasync');
          } catch {
            this.commitUnknown = true;
            throw errors.recoveryNeeded(
              this.layout.root,
              `the commit record was written but could not be made durable (${(error as Error).message}); nothing was rolled back, and recovery will complete or undo the whole batch from the journal`,
              error,
            );
          }
        }
        throw error;
      }
    }
    // The commit point has passed: nothing after it may turn the batch into a failure.
    await this.closeJournal().catch(() => undefined);
  }

  private async closeJournal(): Promise<void> {
    if (this.journal === undefined) return;
    const journal = this.journal;
    this.journal = undefined;
    this.fsyncs += journal.fsyncs;
    await journal.close();
  }

  async cleanUpCommitted(): Promise<string[]> {
    const warnings: string[] = [];
    try {
      const keep = this.options.keep > 0 && this.options.durability !== 'none';
      const records = [...this.records.values()];
      await finishCommitted(
        this.fs,
        records,
        keep ? (entry) => keptBackupPath(this.layout, this.options.txid, entry.i) : undefined,
        this.options.concurrency,
        (entry) => this.unchanged.has(entry.i),
      );
      if (this.options.durability !== 'none' && this.begun) {
        if (keep) await markCleaned(this.fs, this.layout, this.options.txid);
        else await removeTransactionDir(this.fs, this.layout, this.options.txid);
        await pruneKept(this.fs, this.layout, this.options.keep);
      }
    } catch (error) {
      warnings.push(`The batch committed, but cleaning up after it failed (${(error as Error).message}); the next wopt run finishes it.`);
    }
    return warnings;
  }

  async rollBack(): Promise<void> {
    if (this.commitUnknown) throw new Error('the commit record could not be voided');
    const result = await rollBack(
      this.fs,
      this.layout,
      { txid: this.options.txid, entries: [...this.records.values()], staged: this.staged, createdDirs: this.createdDirs, applied: this.applied },
      this.options.concurrency,
    );
    if (this.full) await syncTouchedDirs(this.fs, result.touchedDirs, this.options.concurrency, () => (this.fsyncs += 1));
    await this.journal?.append([{ type: 'ROLLEDBACK' }], 'fdatasync');
    await this.closeJournal();
    if (this.options.durability !== 'none' && this.begun) await removeTransactionDir(this.fs, this.layout, this.options.txid);
  }

  /** Ends a transaction that has nothing left to apply (every change turned out a no-op). */
  async discard(): Promise<void> {
    if (this.begun || this.staged.size > 0) await this.guard(() => this.rollBack());
  }

  /** Closes the journal after a failed rollback, keeping it for `wopt recover`. */
  async abandon(): Promise<void> {
    await this.closeJournal().catch(() => undefined);
  }

  /** Runs the rest of the protocol once every step is staged; rolls back on failure. */
  async finish(): Promise<ExecuteResult> {
    await this.guard(async () => {
      await this.barrierA();
      await this.apply();
      await this.commit();
    });
    const warnings = await this.cleanUpCommitted();
    return { fsyncs: this.fsyncs, bytesWritten: this.bytesWritten, unchanged: this.unchanged, warnings };
  }

  /** Runs `work`; on failure rolls everything back and rethrows (marked `rolledBack`). */
  async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (failure) {
      if (this.commitUnknown) {
        await this.abandon();
        throw failure;
      }
      try {
        await this.rollBack();
      } catch (rollbackFailure) {
        await this.abandon();
        throw errors.recoveryNeeded(
          this.layout.root,
          `the batch failed (${(failure as Error).message}) and rolling it back failed too (${(rollbackFailure as Error).message})`,
          failure,
        );
      }
      if (failure instanceof WoptError) failure.rolledBack = true;
      throw failure;
    }
  }
}
