/**
 * Executes a plan as one transaction (design.md §2): journal, stage, barrier A, apply, barrier B,
 * commit, clean up. Any failure before the commit point rolls every file back; a failure of the
 * rollback itself leaves the journal for `wopt recover` and says so.
 */
import { posix } from 'node:path';
import { errors, isWoptError, WoptError } from '../errors.js';
import type { FsPort } from '../fs/port.js';
import { forEachLimited } from '../util/pool.js';
import type { Durability, EntryRecord, JournalRecord, Staged } from './journal.js';
import { JournalWriter } from './journal.js';
import type { Layout } from './layout.js';
import { backupPathFor, journalPath, keptBackupPath, tempPathFor, transactionDir } from './layout.js';
import type { Plan, PlannedEntry } from './plan.js';
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

class Transaction {
  fsyncs = 0;
  bytesWritten = 0;
  readonly staged = new Map<number, Staged>();
  readonly unchanged = new Set<number>();
  readonly createdDirs: string[] = [];
  readonly records: EntryRecord[];
  private journal: JournalWriter | undefined;
  private readonly full: boolean;

  constructor(
    private readonly fs: FsPort,
    private readonly layout: Layout,
    private readonly plan: Plan,
    private readonly options: ExecuteOptions,
  ) {
    this.full = options.durability === 'full';
    this.records = plan.entries.map((entry) => ({
      type: 'ENTRY',
      i: entry.i,
      path: entry.path,
      target: entry.target,
      op: entry.op,
      pre: entry.pre && { ino: entry.pre.ino, dev: entry.pre.dev, size: entry.pre.size, mode: entry.pre.mode, mtimeMs: entry.pre.mtimeMs },
      temp: entry.op === 'write' ? tempPathFor(entry.target, options.txid, entry.i) : null,
      backup: entry.pre ? backupPathFor(entry.target, options.txid, entry.i) : null,
      ...(entry.linkFrom === undefined ? {} : { linkFrom: entry.linkFrom }),
    }));
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

  /** Step 3: the journal, durable before anything in the project changes. */
  async openJournal(): Promise<void> {
    if (this.options.durability === 'none') return;
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
      root: this.plan.root,
      time: new Date().toISOString(),
      durability: this.options.durability,
      keep: this.options.keep > 0,
    };
    await this.journal.append([begin, ...this.records, { type: 'DIRS', created: this.plan.createDirs }], 'fsync');
    await this.syncDir(dir);
    await this.syncDir(this.layout.txnDir);
  }

  async createDirs(): Promise<void> {
    for (const dir of this.plan.createDirs) {
      this.checkAborted();
      try {
        await this.fs.mkdir(dir);
        this.createdDirs.push(dir);
      } catch (error) {
        if (!isWoptError(error, 'E_EXISTS')) throw error;
        if ((await this.fs.stat(dir))?.kind !== 'directory') throw errors.notADirectory(posix.relative(this.plan.root, dir), posix.relative(this.plan.root, dir));
      }
    }
  }

  /** Step 4: temps written and synced, pre-images backed up and re-checked. */
  async stage(): Promise<void> {
    await forEachLimited(
      this.plan.entries,
      this.options.concurrency,
      async (entry) => {
        const record = this.records[entry.i] as EntryRecord;
        if (record.temp !== null) await this.stageContent(entry, record.temp);
        if (record.backup !== null) await this.backUp(entry, record.backup);
      },
      this.options.signal,
    );
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
      const handle = await this.fs.open(temp, 'read');
      try {
        if (this.full) {
          this.fsyncs += 1;
          await this.fs.fsync(handle);
        }
      } finally {
        await this.fs.close(handle);
      }
    }
    const stat = await this.fs.lstat(temp);
    if (stat === undefined) throw errors.notFound(entry.path, 'staged copy');
    this.staged.set(entry.i, { i: entry.i, ino: stat.ino, size: stat.size, sha256: '', mtimeMs: stat.mtimeMs });
  }

  private async backUp(entry: PlannedEntry, backup: string): Promise<void> {
    const pre = entry.pre;
    if (pre === null) return;
    try {
      await this.fs.link(entry.target, backup);
    } catch (error) {
      if (!isLinkRefusal(error)) throw error;
      await this.copyBackup(entry, backup);
    }
    const now = await this.fs.lstat(entry.target);
    if (now === undefined || now.ino !== pre.ino || now.size !== pre.size || now.mtimeMs !== pre.mtimeMs) {
      throw errors.conflict([entry.path], 'Changed by another program while the batch was being prepared', 'Nothing was applied; its new content was kept. Run the batch again.');
    }
  }

  private async copyBackup(entry: PlannedEntry, backup: string): Promise<void> {
    const pre = entry.pre;
    if (pre === null) return;
    await this.fs.copyFile(entry.target, backup);
    const handle = await this.fs.open(backup, 'read');
    try {
      if (this.full) {
        this.fsyncs += 1;
        await this.fs.fsync(handle);
      }
    } finally {
      await this.fs.close(handle);
    }
    const [copied, original] = await Promise.all([hashFile(this.fs, backup), hashFile(this.fs, entry.target)]);
    if (copied !== original) throw errors.conflict([entry.path], 'The backup copy differs from the file', 'The file may be changing; run again.');
    const record = this.records[entry.i] as EntryRecord;
    this.records[entry.i] = { ...record, pre: record.pre && { ...record.pre, sha256: original } };
  }

  /** Step 5: backups durable, then the staged inodes recorded. */
  async barrierA(): Promise<void> {
    this.checkAborted();
    await this.syncDirs(this.records.filter((record) => record.backup !== null).map((record) => posix.dirname(record.backup as string)));
    const copied = this.records.filter((record) => record.pre?.sha256 !== undefined);
    await this.journal?.append([...copied, { type: 'PREPARED', staged: [...this.staged.values()] }], 'fdatasync');
  }

  /** Step 6: renames and unlinks. Each target's directory is re-resolved first (TOCTOU). */
  async apply(): Promise<void> {
    this.checkAborted();
    const created = new Set(this.createdDirs);
    const dirs = new Set(this.plan.entries.map((entry) => posix.dirname(entry.target)));
    await forEachLimited([...dirs], this.options.concurrency, async (dir) => {
      if (created.has(dir)) return;
      const real = await this.fs.realpath(dir).catch(() => undefined);
      if (real !== dir) {
        const entry = this.plan.entries.find((candidate) => posix.dirname(candidate.target) === dir);
        throw errors.pathChanged(entry?.path ?? dir);
      }
    });
    await forEachLimited(
      this.plan.entries,
      this.options.concurrency,
      async (entry) => {
        const record = this.records[entry.i] as EntryRecord;
        if (this.unchanged.has(entry.i)) return;
        if (record.op === 'delete') await this.fs.unlink(entry.target);
        else await this.fs.rename(record.temp as string, entry.target);
      },
      this.options.signal,
    );
  }

  /** Steps 7 and 8: directories durable, then the commit record. After this, the batch has happened. */
  async commit(): Promise<void> {
    this.checkAborted();
    const dirs = this.plan.entries.map((entry) => posix.dirname(entry.target));
    for (const dir of this.createdDirs) dirs.push(posix.dirname(dir));
    await this.syncDirs(dirs);
    await this.journal?.append([{ type: 'COMMIT' }], 'fdatasync');
    await this.closeJournal();
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
      await finishCommitted(this.fs, this.records, keep ? (entry) => keptBackupPath(this.layout, this.options.txid, entry.i) : undefined, this.options.concurrency, (entry) =>
        this.unchanged.has(entry.i),
      );
      if (this.options.durability !== 'none') {
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
    const result = await rollBack(
      this.fs,
      this.layout,
      { txid: this.options.txid, entries: this.records, staged: this.staged, createdDirs: this.createdDirs },
      this.options.concurrency,
    );
    if (this.full) await syncTouchedDirs(this.fs, result.touchedDirs, this.options.concurrency, () => (this.fsyncs += 1));
    await this.journal?.append([{ type: 'ROLLEDBACK' }], 'fdatasync');
    await this.closeJournal();
    if (this.options.durability !== 'none') await removeTransactionDir(this.fs, this.layout, this.options.txid);
  }

  /** Closes the journal after a failed rollback, keeping it for `wopt recover`. */
  async abandon(): Promise<void> {
    await this.closeJournal().catch(() => undefined);
  }
}

/** Runs the plan as one transaction. Throws after rolling back when anything fails before commit. */
export async function executePlan(fs: FsPort, layout: Layout, plan: Plan, options: ExecuteOptions): Promise<ExecuteResult> {
  const tx = new Transaction(fs, layout, plan, options);
  try {
    await tx.openJournal();
    await tx.createDirs();
    await tx.stage();
    await tx.barrierA();
    await tx.apply();
    await tx.commit();
  } catch (failure) {
    try {
      await tx.rollBack();
    } catch (rollbackFailure) {
      await tx.abandon();
      throw errors.recoveryNeeded(
        layout.root,
        `the batch failed (${(failure as Error).message}) and rolling it back failed too (${(rollbackFailure as Error).message})`,
        failure,
      );
    }
    if (failure instanceof WoptError) failure.rolledBack = true;
    throw failure;
  }
  const warnings = await tx.cleanUpCommitted();
  return { fsyncs: tx.fsyncs, bytesWritten: tx.bytesWritten, unchanged: tx.unchanged, warnings };
}
