/**
 * Temps and backups left in the project by a transaction whose journal is gone (someone deleted
 * `.wopt/` after a crash) or by `durability: 'none'` batches cut short. A backup holds a file's
 * previous content, so these are reported, never deleted.
 */
import { posix } from 'node:path';
import { isWoptError } from '../errors.js';
import type { FsPort } from '../fs/port.js';
import type { Layout } from './layout.js';
import { STRAY_NAME } from './layout.js';
import { listTransactionIds } from './retention.js';

export interface Stray {
  /** Root-relative path of the temp or backup. */
  readonly path: string;
  readonly txid: string;
  /** `backup`: the previous content of a file in that folder; `temp`: new content never applied. */
  readonly kind: 'temp' | 'backup';
  /** Whether `.wopt/txn/` still has that transaction's journal (then `wopt recover` handles it). */
  readonly journaled: boolean;
}

/** Folders a scan never enters: they hold no project files wopt writes, and can be huge. */
const SKIPPED = new Set(['.wopt', '.git', 'node_modules']);

export async function findStrays(fs: FsPort, layout: Layout): Promise<Stray[]> {
  const journaled = new Set(await listTransactionIds(fs, layout));
  const found: Stray[] = [];
  const walk = async (dir: string): Promise<void> => {
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch (error) {
      if (isWoptError(error, 'E_NOT_FOUND') || isWoptError(error, 'E_PERMISSION')) return;
      throw error;
    }
    for (const name of names.sort()) {
      const path = posix.join(dir, name);
      const match = STRAY_NAME.exec(name);
      if (match) {
        const txid = match[1] as string;
        found.push({ path: posix.relative(layout.root, path), txid, kind: match[3] === 'bak' ? 'backup' : 'temp', journaled: journaled.has(txid) });
        continue;
      }
      if (SKIPPED.has(name)) continue;
      if ((await fs.lstat(path))?.kind === 'directory') await walk(path);
    }
  };
  await walk(layout.root);
  return found;
}
