/**
 * The undo journal: JSON Lines, each line `<checksum> <json>`, where the checksum is the first 16
 * hex digits of the SHA-256 of the JSON. A torn last line (a crash mid-append) is ignored; a bad
 * line anywhere else means the journal was damaged, and recovery stops without touching anything.
 */
import { createHash } from 'node:crypto';
import { errors } from '../errors.js';
import type { FileHandle, FsPort } from '../fs/port.js';

export type Durability = 'full' | 'process' | 'none';

/** What stood at a path before the transaction. */
export interface PreImage {
  readonly ino: number;
  readonly dev: number;
  readonly size: number;
  readonly mode: number;
  readonly mtimeMs: number;
  /** Present when the content was hashed (copy-fallback backups, equal-size comparisons). */
  readonly sha256?: string;
}

/** What the transaction staged at a path (known once the temp is written). */
export interface Staged {
  readonly i: number;
  readonly ino: number;
  readonly size: number;
  readonly sha256: string;
  readonly mtimeMs: number;
}

export interface EntryRecord {
  readonly type: 'ENTRY';
  readonly i: number;
  /** Root-relative path as reported to the user. */
  readonly path: string;
  /** Absolute, symlink-resolved path the rename lands on. */
  readonly target: string;
  /** `write`: new content is staged into a temp; `delete`: the target is removed. */
  readonly op: 'write' | 'delete';
  readonly pre: PreImage | null;
  readonly temp: string | null;
  readonly backup: string | null;
  /** For the destination of a rename: the absolute path whose inode is linked in as the new content. */
  readonly linkFrom?: string;
}

export type JournalRecord =
  | { readonly type: 'BEGIN'; readonly txid: string; readonly root: string; readonly time: string; readonly durability: Durability; readonly keep: boolean }
  | EntryRecord
  | { readonly type: 'DIRS'; readonly created: readonly string[] }
  | { readonly type: 'PREPARED'; readonly staged: readonly Staged[] }
  | { readonly type: 'COMMIT' }
  | { readonly type: 'ROLLEDBACK' }
  /** After a committed transaction's backups were moved aside for undo (no sync needed: recovery redoes it). */
  | { readonly type: 'CLEANED' }
  /** An entry a later change of a streamed batch made a no-op: it is not part of the transaction. */
  | { readonly type: 'WITHDRAWN'; readonly i: number }
  /** Cancels a COMMIT whose sync failed: the transaction is rolled back, not completed. */
  | { readonly type: 'VOID' }
  /** Marks the line before it as an append that failed part-way (not damage): it is skipped. */
  | { readonly type: 'TORN' };

export interface JournalState {
  readonly txid: string;
  readonly root: string;
  readonly time: string;
  readonly durability: Durability;
  readonly keep: boolean;
  readonly entries: readonly EntryRecord[];
  readonly createdDirs: readonly string[];
  /** Staged inodes by entry index, once PREPARED is durable. */
  readonly staged: ReadonlyMap<number, Staged> | undefined;
  readonly outcome: 'pending' | 'committed' | 'rolled-back';
  /** A committed transaction whose clean-up finished. */
  readonly cleaned: boolean;
}

const checksum = (json: string): string => createHash('sha256').update(json).digest('hex').slice(0, 16);

export function encodeRecord(record: JournalRecord): string {
  const json = JSON.stringify(record);
  return `${checksum(json)} ${json}\n`;
}

/**
 * Parses a journal. Returns `undefined` for a journal whose BEGIN never became durable (nothing was
 * staged before it was, so there is nothing to undo).
 *
 * @throws WoptError E_JOURNAL_CORRUPT when a line other than the last is damaged.
 */
export function parseJournal(text: string, source: string): JournalState | undefined {
  const lines = text.split('\n');
  // Every record ends with a newline: a last line without one is an append that never completed,
  // however complete its bytes look (a COMMIT missing only its newline did not happen).
  lines.pop();
  const records: JournalRecord[] = [];
  for (const [index, line] of lines.entries()) {
    // A TORN record voids the line before it: an append that failed part-way, whatever it holds.
    if (decodeLine(lines[index + 1] ?? '')?.type === 'TORN') continue;
    const record = decodeLine(line);
    if (record === undefined) {
      if (index === lines.length - 1) break; // a damaged last record: its append never completed
      throw errors.journalCorrupt(source, index + 1, 'checksum mismatch');
    }
    if (record.type !== 'TORN') records.push(record);
  }
  const [begin, ...rest] = records;
  if (begin === undefined) return undefined;
  if (begin.type !== 'BEGIN') throw errors.journalCorrupt(source, 1, 'the first record is not BEGIN');

  const entries = new Map<number, EntryRecord>();
  const createdDirs: string[] = [];
  let staged: Map<number, Staged> | undefined;
  let outcome: JournalState['outcome'] = 'pending';
  let cleaned = false;
  rest.forEach((record, offset) => {
    switch (record.type) {
      case 'ENTRY':
        entries.set(record.i, record); // a later ENTRY for the same index adds the hash of a copied backup
        break;
      case 'DIRS':
        createdDirs.push(...record.created);
        break;
      case 'PREPARED':
        staged = new Map(record.staged.map((item) => [item.i, item]));
        break;
      case 'COMMIT':
        outcome = 'committed';
        break;
      case 'ROLLEDBACK':
        outcome = 'rolled-back';
        break;
      case 'CLEANED':
        cleaned = true;
        break;
      case 'WITHDRAWN':
        entries.delete(record.i);
        break;
      case 'VOID':
        if (outcome === 'committed') outcome = 'pending';
        break;
      default:
        throw errors.journalCorrupt(source, offset + 2, `unexpected ${record.type} record`);
    }
  });
  return {
    txid: begin.txid,
    root: begin.root,
    time: begin.time,
    durability: begin.durability,
    keep: begin.keep,
    entries: [...entries.values()],
    createdDirs,
    staged,
    outcome,
    cleaned,
  };
}

function decodeLine(line: string): JournalRecord | undefined {
  const space = line.indexOf(' ');
  if (space !== 16) return undefined;
  const json = line.slice(17);
  if (checksum(json) !== line.slice(0, 16)) return undefined;
  try {
    return JSON.parse(json) as JournalRecord;
  } catch {
    return undefined;
  }
}

/** Appends records to an open journal, syncing as the durability level asks. */
export class JournalWriter {
  fsyncs = 0;
  /** Whether the last append's bytes all reached the file (its sync may still have failed). */
  lastAppendWritten = false;
  /** An append failed part-way: the next one first ends that line and marks it. */
  private torn = false;

  /** Whether the file ends in part of a record (an append failed after writing some of it). */
  get hasTornLine(): boolean {
    return this.torn;
  }
  private constructor(
    private readonly fs: FsPort,
    private readonly handle: FileHandle,
    private readonly durability: Durability,
  ) {}

  static async create(fs: FsPort, path: string, durability: Durability): Promise<JournalWriter> {
    return new JournalWriter(fs, await fs.open(path, 'create-exclusive', 0o600), durability);
  }

  /** Opens an existing journal to append to it (recovery, undo bookkeeping). */
  static async reopen(fs: FsPort, path: string, durability: Durability): Promise<JournalWriter> {
    return new JournalWriter(fs, await fs.open(path, 'append'), durability);
  }

  /** Appends and, under `full`, makes the records durable (fsync the first time, fdatasync after). */
  async append(records: readonly JournalRecord[], sync: 'fsync' | 'fdatasync'): Promise<void> {
    const text = (this.torn ? `\n${encodeRecord({ type: 'TORN' })}` : '') + records.map(encodeRecord).join('');
    const bytes = Buffer.from(text);
    this.lastAppendWritten = false;
    let written = 0;
    try {
      while (written < bytes.length) written += await this.fs.write(this.handle, bytes, written, bytes.length - written);
    } catch (error) {
      this.torn = this.torn || written > 0;
      throw error;
    }
    this.torn = false;
    this.lastAppendWritten = true;
    if (this.durability !== 'full') return;
    this.fsyncs += 1;
    await (sync === 'fsync' ? this.fs.fsync(this.handle) : this.fs.fdatasync(this.handle));
  }

  async close(): Promise<void> {
    await this.fs.close(this.handle);
  }
}
