/**
 * Options shared by every operation that writes, with their defaults in one place.
 */
import { resolve } from 'node:path';
import { errors } from '../errors.js';
import type { FsPort } from '../fs/port.js';
import { nodeFs } from '../fs/node.js';
import type { Durability } from './journal.js';
import type { OnExisting } from './plan.js';

export interface WriteOptions {
  /**
   * The project root: every path is relative to it and nothing outside it is written.
   * @default process.cwd()
   */
  readonly root?: string;
  /**
   * How hard wopt works to keep the batch after a crash:
   * - `full`: fsync data, backups, directories and the journal; survives power loss;
   * - `process`: no fsync; all-or-nothing against a killed process, not against power loss;
   * - `none`: no journal; each file is replaced atomically and an in-process failure still rolls
   *   back, but a crash mid-batch can leave some files new and others old.
   * @default 'full'
   */
  readonly durability?: Durability;
  /**
   * Keep the backups of the last K committed transactions for `undo` (0 keeps none).
   * @default 1
   */
  readonly backup?: number;
  /** Plan and report, write nothing. @default false */
  readonly dryRun?: boolean;
  /**
   * What to do when a written path already exists: replace it, leave it (`skipped`), or refuse the
   * whole batch before writing anything.
   * @default 'overwrite'
   */
  readonly onExisting?: OnExisting;
  /** Refuse a batch that writes one path twice instead of letting the last write win. @default false */
  readonly strict?: boolean;
  /**
   * How many files are staged or renamed at once. Each file is a chain of dependent steps, so
   * this is set well above the thread pool's size to keep it busy. @default 64
   */
  readonly concurrency?: number;
  /** Aborting before the commit point rolls the batch back (`E_ABORTED`). */
  readonly signal?: AbortSignal;
  /**
   * Carry an existing file's conventions over to its new content: CRLF line endings and a UTF-8 BOM
   * (for string content only; bytes are written as given), and its file mode.
   * @default { eol: true, bom: true, mode: true }
   */
  readonly preserve?: { readonly eol?: boolean; readonly bom?: boolean; readonly mode?: boolean };
  /** How long to wait for another wopt process holding the project lock. @default 10000 */
  readonly lockTimeoutMs?: number;
  /** The filesystem port (tests inject a fault port here). @default the real filesystem */
  readonly fs?: FsPort;
  /** Recorded in the lock so a waiting process can say what holds it. */
  readonly command?: string;
  /**
   * Called as the batch progresses: after each group of files is staged, when the commit starts,
   * and when it is done. For progress bars; it must not throw.
   */
  readonly onProgress?: (progress: BatchProgress) => void;
}

export interface BatchProgress {
  readonly phase: 'staging' | 'committing' | 'done';
  /** Files staged so far. */
  readonly staged: number;
}

export interface ResolvedWriteOptions {
  readonly root: string;
  readonly durability: Durability;
  readonly backup: number;
  readonly dryRun: boolean;
  readonly onExisting: OnExisting;
  readonly strict: boolean;
  readonly concurrency: number;
  readonly signal: AbortSignal | undefined;
  readonly preserve: { readonly eol: boolean; readonly bom: boolean; readonly mode: boolean };
  readonly lockTimeoutMs: number;
  readonly fs: FsPort;
  readonly command: string | undefined;
  readonly onProgress: ((progress: BatchProgress) => void) | undefined;
}

const DURABILITIES: readonly Durability[] = ['full', 'process', 'none'];
const ON_EXISTING: readonly OnExisting[] = ['overwrite', 'keep', 'error'];

function positiveInteger(name: string, value: unknown, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw errors.invalidInput(`Option ${name} is ${JSON.stringify(value)}`, `Give a whole number of at least ${min}.`);
  }
  return value;
}

/** @throws WoptError E_INVALID_INPUT naming the option and the values it takes. */
export function resolveWriteOptions(options: WriteOptions = {}): ResolvedWriteOptions {
  if (options === null || typeof options !== 'object') throw errors.invalidInput('Options must be an object', 'Pass e.g. { root: "." }.');
  const durability = options.durability ?? 'full';
  if (!DURABILITIES.includes(durability)) {
    throw errors.invalidInput(`Option durability is ${JSON.stringify(durability)}`, `Use one of ${DURABILITIES.map((d) => `"${d}"`).join(', ')}.`);
  }
  const onExisting = options.onExisting ?? 'overwrite';
  if (!ON_EXISTING.includes(onExisting)) {
    throw errors.invalidInput(`Option onExisting is ${JSON.stringify(onExisting)}`, `Use one of ${ON_EXISTING.map((d) => `"${d}"`).join(', ')}.`);
  }
  if (options.root !== undefined && typeof options.root !== 'string') {
    throw errors.invalidInput(`Option root is ${typeof options.root}`, 'Give the root directory as a string path.');
  }
  return {
    root: resolve(options.root ?? process.cwd()),
    durability,
    backup: positiveInteger('backup', options.backup, 1, 0),
    dryRun: options.dryRun === true,
    onExisting,
    strict: options.strict === true,
    concurrency: positiveInteger('concurrency', options.concurrency, 64, 1),
    signal: options.signal,
    preserve: { eol: options.preserve?.eol ?? true, bom: options.preserve?.bom ?? true, mode: options.preserve?.mode ?? true },
    lockTimeoutMs: positiveInteger('lockTimeoutMs', options.lockTimeoutMs, 10_000, 0),
    fs: options.fs ?? nodeFs,
    command: options.command,
    onProgress: options.onProgress,
  };
}
