/**
 * Where wopt keeps its state inside a project, and how its temporary names are formed.
 *
 * ```
 * <root>/.wopt/lock                     the project lock (owner record, JSON)
 * <root>/.wopt/txn/<txid>/journal       a transaction's undo journal
 * <root>/.wopt/txn/<txid>/<i>.bak       backups kept for `wopt undo` after commit
 * <root>/.wopt/conflicts/<txid>/...     files recovery could not prove were its own
 * <dir>/.wopt-<txid>-<i>.tmp            staged content beside its target
 * <dir>/.wopt-<txid>-<i>.bak            the pre-image, hard-linked beside its target
 * ```
 */
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { WOPT_DIR } from './paths.js';

export interface Layout {
  readonly root: string;
  readonly dir: string;
  readonly lock: string;
  readonly txnDir: string;
  readonly conflictsDir: string;
}

export function layoutOf(root: string): Layout {
  const dir = posix.join(root, WOPT_DIR);
  return {
    root,
    dir,
    lock: posix.join(dir, 'lock'),
    txnDir: posix.join(dir, 'txn'),
    conflictsDir: posix.join(dir, 'conflicts'),
  };
}

export const transactionDir = (layout: Layout, txid: string): string => posix.join(layout.txnDir, txid);
export const journalPath = (layout: Layout, txid: string): string => posix.join(layout.txnDir, txid, 'journal');
export const keptBackupPath = (layout: Layout, txid: string, index: number): string =>
  posix.join(layout.txnDir, txid, `${index}.bak`);

export const tempPathFor = (target: string, txid: string, index: number): string =>
  posix.join(posix.dirname(target), `.wopt-${txid}-${index}.tmp`);
export const backupPathFor = (target: string, txid: string, index: number): string =>
  posix.join(posix.dirname(target), `.wopt-${txid}-${index}.bak`);

/** Matches the temp and backup names of any transaction (for `wopt status` and orphan reports). */
export const STRAY_NAME = /^\.wopt-(\d{8}-\d{9}-[0-9a-f]{8})-(\d+)\.(tmp|bak)$/;

/**
 * A transaction id: UTC time to the millisecond, then 32 random bits. Ids sort by time, and the
 * random part keeps temp names distinct across processes and PID namespaces.
 */
export function newTxid(now = new Date()): string {
  const iso = now.toISOString(); // 2026-11-25T13:21:12.345Z
  const date = iso.slice(0, 10).replaceAll('-', '');
  const time = iso.slice(11, 23).replaceAll(':', '').replace('.', '');
  return `${date}-${time}-${randomBytes(4).toString('hex')}`;
}

export const TXID_PATTERN = /^\d{8}-\d{9}-[0-9a-f]{8}$/;
