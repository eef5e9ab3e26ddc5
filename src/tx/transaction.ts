/**
 * `writeTransaction`: read, decide and write under one lock, committed as one batch.
 */
import { posix } from 'node:path';
import { isWoptError } from '../errors.js';
import type { FsPort } from '../fs/port.js';
import { sampleRss } from '../metrics/rss.js';
import { Tree } from '../tree/tree.js';
import type { TreeSource } from '../tree/tree.js';
import type { BatchReport } from './batch-write.js';
import { commitChanges } from './batch-write.js';
import { normalizeChanges } from './changes.js';
import { withLock } from './lock.js';
import type { WriteOptions } from './options.js';
import { resolveWriteOptions } from './options.js';
import { openProject } from './project.js';
import { recoverUnderLock } from './recover.js';

/** What the callback of {@link writeTransaction} works with. */
export interface TransactionContext {
  /** Reads a file as the transaction sees it (its own staged writes first); undefined when absent. */
  read(path: string): Promise<Buffer | undefined>;
  readText(path: string): Promise<string | undefined>;
  exists(path: string): Promise<boolean>;
  write(path: string, content: string | Uint8Array): void;
  delete(path: string): void;
  rename(from: string, to: string): Promise<void>;
}

function diskSource(fs: FsPort, root: string): TreeSource {
  return {
    read: async (path) => {
      const absolute = posix.join(root, path);
      const stat = await fs.stat(absolute);
      if (stat === undefined || stat.kind !== 'file') return undefined;
      try {
        return await fs.readFile(absolute);
      } catch (error) {
        if (isWoptError(error, 'E_NOT_FOUND')) return undefined;
        throw error;
      }
    },
  };
}

/**
 * Runs `work` under the project lock with a transaction context, then commits everything it staged
 * as one batch. A throw inside `work` discards every staged change (nothing was written).
 *
 * @example
 * await writeTransaction(root, async (tx) => {
 *   const pkg = JSON.parse((await tx.readText('package.json')) ?? '{}');
 *   pkg.version = '2.0.0';
 *   tx.write('package.json', JSON.stringify(pkg, null, 2) + '\n');
 *   tx.write('CHANGELOG.md', '# 2.0.0\n');
 * });
 *
 * @throws whatever `work` throws (nothing written), or the errors of {@link batchWrite}.
 */
export async function writeTransaction(
  root: string,
  work: (tx: TransactionContext) => Promise<void> | void,
  options: Omit<WriteOptions, 'root'> = {},
): Promise<BatchReport> {
  const started = performance.now();
  const resolved = resolveWriteOptions({ ...options, root });
  const sampler = sampleRss();
  try {
    const layout = await openProject(resolved.fs, resolved.root);
    const run = async (): Promise<BatchReport> => {
      const tree = new Tree(diskSource(resolved.fs, layout.root));
      await work({
        read: (path) => tree.read(path),
        readText: (path) => tree.readText(path),
        exists: (path) => tree.exists(path),
        write: (path, content) => tree.write(path, content),
        delete: (path) => tree.delete(path),
        rename: (from, to) => tree.rename(from, to),
      });
      tree.seal();
      const changes = normalizeChanges(await tree.toBatch(), resolved.root);
      return commitChanges(resolved, layout, changes, undefined, started, sampler);
    };
    if (resolved.dryRun) return await run();
    return await withLock(resolved.fs, layout, undefined, { timeoutMs: resolved.lockTimeoutMs, command: resolved.command, signal: resolved.signal }, async () => {
      const recovered = await recoverUnderLock(resolved.fs, layout, resolved.concurrency);
      const report = await run();
      return recovered.transactions.length > 0 ? { ...report, recovered } : report;
    });
  } finally {
    sampler.stop();
  }
}
