/**
 * The invariant checker of the crash, fault and kernel tests (reliability.md H3), and the tree
 * snapshots it works on.
 *
 * A snapshot maps every root-relative path under a directory (`.wopt/` excluded) to what is there:
 * a file (sha256 of its bytes, mode), a symlink (its text) or a directory (mode). A path missing from
 * the map does not exist. Given the snapshot taken before a batch and the state the batch intends,
 * `checkInvariants` says whether the tree on disk is one of the two, whole, and clean.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { posix } from 'node:path';

export type Node =
  | { readonly kind: 'file'; readonly sha256: string; readonly mode: number; readonly size: number }
  | { readonly kind: 'symlink'; readonly target: string }
  | { readonly kind: 'dir'; readonly mode: number };

export type Snapshot = ReadonlyMap<string, Node>;

/** wopt's temp and backup names beside targets (layout.ts `STRAY_NAME`, kept loose on purpose). */
export const STRAY = /^\.wopt-.*\.(tmp|bak)$/;

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Snapshots `root` (not following symlinks), leaving out `.wopt/` at the top. */
export function snapshotTree(root: string): Snapshot {
  const result = new Map<string, Node>();
  const walk = (relative: string): void => {
    const absolute = relative === '' ? root : posix.join(root, relative);
    for (const name of readdirSync(absolute).sort()) {
      if (relative === '' && name === '.wopt') continue;
      const path = relative === '' ? name : `${relative}/${name}`;
      const full = posix.join(root, path);
      const stat = lstatSync(full);
      if (stat.isSymbolicLink()) {
        result.set(path, { kind: 'symlink', target: readlinkSync(full) });
      } else if (stat.isDirectory()) {
        result.set(path, { kind: 'dir', mode: stat.mode & 0o7777 });
        walk(path);
      } else {
        const bytes = readFileSync(full);
        result.set(path, { kind: 'file', sha256: sha256(bytes), mode: stat.mode & 0o7777, size: bytes.length });
      }
    }
  };
  walk('');
  return result;
}

export const sameNode = (a: Node | undefined, b: Node | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

/** A batch change, as the public API takes it (content given as text or bytes). */
export type PlainChange =
  | { readonly path: string; readonly content: string | Uint8Array; readonly mode?: number }
  | { readonly path: string; readonly delete: true }
  | { readonly from: string; readonly to: string };

/**
 * The state a batch intends, computed independently of wopt from the before-snapshot: writes get
 * their bytes (and the existing mode, or `0o666 & ~umask` for new files), deletes vanish, a rename
 * moves the node, and missing parent directories appear with `0o777 & ~umask`.
 */
export function intendedState(before: Snapshot, changes: readonly PlainChange[], umask = currentUmask()): Snapshot {
  const after = new Map(before);
  const addParents = (path: string): void => {
    const parts = path.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (!after.has(dir)) after.set(dir, { kind: 'dir', mode: 0o777 & ~umask });
    }
  };
  for (const change of changes) {
    if ('from' in change) {
      const node = after.get(change.from);
      if (node === undefined) throw new Error(`intendedState: rename source ${change.from} does not exist`);
      after.delete(change.from);
      addParents(change.to);
      after.set(change.to, node);
    } else if ('delete' in change) {
      after.delete(change.path);
    } else {
      const bytes = typeof change.content === 'string' ? Buffer.from(change.content) : change.content;
      const existing = after.get(change.path);
      const mode = change.mode ?? (existing?.kind === 'file' ? existing.mode : 0o666 & ~umask);
      addParents(change.path);
      after.set(change.path, { kind: 'file', sha256: sha256(bytes), mode, size: bytes.length });
    }
  }
  return after;
}

export function currentUmask(): number {
  // process.umask() with no argument is deprecated but it is the only way to read it without changing it.
  const mask = process.umask(0o022);
  process.umask(mask);
  return mask;
}

export interface InvariantReport {
  /** `old` or `new` when every changed path is in one state; `mixed` otherwise; `none` when the batch changes nothing. */
  readonly state: 'old' | 'new' | 'mixed' | 'none';
  readonly violations: readonly string[];
}

export interface CheckOptions {
  /** Require this state (e.g. `new` after the child printed success). */
  readonly expect?: 'old' | 'new';
  /** Allow `.wopt/conflicts/` to hold something (default: it must be empty). */
  readonly allowConflicts?: boolean;
  /**
   * Allow `.wopt/lock.*` leftovers (a lock temp or a moved-aside stale lock). A killed process may
   * leave them, and the next acquirer sweeps them once old; a process that failed without dying may not.
   */
  readonly allowLockDebris?: boolean;
}

/** Walks the whole tree, `.wopt/` included, for wopt temp and backup names. */
export function findStrays(root: string): string[] {
  const strays: string[] = [];
  const walk = (dir: string, relative: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (STRAY.test(entry.name)) strays.push(path);
      if (entry.isDirectory()) walk(posix.join(dir, entry.name), path);
    }
  };
  walk(root, '');
  return strays;
}

/** Record types in a journal (`<16 hex> <json>` lines); a torn or bad line is reported as `?`. */
export function journalRecordTypes(journal: string): string[] {
  return readFileSync(journal, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      try {
        return (JSON.parse(line.slice(17)) as { type: string }).type;
      } catch {
        return '?';
      }
    });
}

/** Transactions under `.wopt/txn/` that are not committed ones (pending, rolled back or unreadable). */
export function unfinishedTransactions(root: string): string[] {
  const txnDir = posix.join(root, '.wopt', 'txn');
  if (!existsSync(txnDir)) return [];
  const problems: string[] = [];
  for (const txid of readdirSync(txnDir)) {
    const journal = posix.join(txnDir, txid, 'journal');
    if (!existsSync(journal)) {
      problems.push(`${txid} (no journal)`);
      continue;
    }
    const types = journalRecordTypes(journal);
    if (!types.includes('COMMIT')) problems.push(`${txid} (records: ${types.join(',')})`);
  }
  return problems;
}

/**
 * Checks H3 on `root`: every path the batch changes is entirely old or entirely new, all of them in
 * the same state, every other path untouched, no temps or backups anywhere, the lock free, and no
 * transaction left pending under `.wopt/txn/`.
 */
export function checkInvariants(root: string, before: Snapshot, intended: Snapshot, options: CheckOptions = {}): InvariantReport {
  const actual = snapshotTree(root);
  const violations: string[] = [];
  const paths = new Set([...before.keys(), ...intended.keys(), ...actual.keys()]);
  let olds = 0;
  let news = 0;
  const states: string[] = [];
  for (const path of [...paths].sort()) {
    const was = before.get(path);
    const will = intended.get(path);
    const now = actual.get(path);
    if (STRAY.test(posix.basename(path))) continue; // reported below
    if (sameNode(was, will)) {
      if (!sameNode(now, was)) violations.push(`${path}: not part of the batch but changed (${describe(was)} -> ${describe(now)})`);
      continue;
    }
    const isOld = sameNode(now, was);
    const isNew = sameNode(now, will);
    if (isOld) olds += 1;
    if (isNew) news += 1;
    states.push(`${path}=${isOld ? 'old' : isNew ? 'new' : 'OTHER'}`);
    if (!isOld && !isNew) violations.push(`${path}: neither old nor new (old ${describe(was)}, new ${describe(will)}, found ${describe(now)})`);
  }
  const changed = states.length;
  const state = changed === 0 ? 'none' : olds === changed ? 'old' : news === changed ? 'new' : 'mixed';
  if (state === 'mixed') violations.push(`batch not uniform: ${states.join(' ')}`);
  if (options.expect !== undefined && state !== options.expect && state !== 'none') violations.push(`expected all ${options.expect}, found ${state}`);

  for (const stray of findStrays(root)) violations.push(`stray wopt file: ${stray}`);
  const wopt = posix.join(root, '.wopt');
  if (existsSync(posix.join(wopt, 'lock'))) violations.push(`lock left: .wopt/lock = ${readFileSync(posix.join(wopt, 'lock'), 'utf8')}`);
  if (existsSync(wopt)) {
    for (const name of readdirSync(wopt)) if (name.startsWith('lock.') && !options.allowLockDebris) violations.push(`lock debris: .wopt/${name}`);
  }
  for (const txn of unfinishedTransactions(root)) violations.push(`unfinished transaction left: ${txn}`);
  const conflicts = posix.join(wopt, 'conflicts');
  if (!options.allowConflicts && existsSync(conflicts) && readdirSync(conflicts).length > 0) {
    violations.push(`files moved to .wopt/conflicts: ${readdirSync(conflicts, { recursive: true }).join(', ')}`);
  }
  return { state, violations };
}

function describe(node: Node | undefined): string {
  if (node === undefined) return 'absent';
  if (node.kind === 'file') return `file ${node.sha256.slice(0, 8)} ${node.size}B mode ${node.mode.toString(8)}`;
  if (node.kind === 'symlink') return `symlink -> ${node.target}`;
  return `dir mode ${node.mode.toString(8)}`;
}

/** Everything under `.wopt/` (names, sizes of files), to show a second recovery changed nothing. */
export function snapshotState(root: string): string[] {
  const dir = posix.join(root, '.wopt');
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[])
    .sort()
    .map((name) => {
      const stat = lstatSync(posix.join(dir, name));
      return stat.isDirectory() ? `${name}/` : `${name} ${stat.size}`;
    });
}

/** One line per distinct failure (the k's or seeds it happened at), so a report stays readable. */
export function summarize(violations: readonly string[]): string[] {
  const byKind = new Map<string, string[]>();
  for (const violation of violations) {
    const [label = '', ...rest] = violation.split(': ');
    const kind = rest.join(': ').replaceAll(/\/tmp\/wopt-[^"/ ]+/g, '<root>').replaceAll(/\d{8}-\d{9}-[0-9a-f]{8}/g, '<txid>');
    byKind.set(kind, [...(byKind.get(kind) ?? []), label]);
  }
  return [...byKind].map(([kind, labels]) => `[${labels.join(', ')}] ${kind}`);
}
