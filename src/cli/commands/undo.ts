/**
 * `wopt undo [txid]`: restores the files of a kept transaction, as a new transaction.
 */
import { status } from '../../tx/status.js';
import { undo } from '../../tx/undo.js';
import type { Durability } from '../../tx/journal.js';
import { booleanFlag, choiceFlag, integerFlag, jsonOption } from '../args.js';
import type { Command } from '../command.js';
import { rootOf } from '../command.js';
import { changedCount, createStyle, formatCounts, formatDuration, plural, toJson } from '../format.js';

const help = `Usage: wopt undo [txid] [options]

Restores every file of a committed transaction to what it was before it (bytes, mode, existence),
as one new transaction. Without a txid, undoes the newest kept transaction; \`wopt status\` lists
the kept ones (--backup N on \`wopt write\` keeps the last N; the default keeps 1). Refuses, naming
them, when any of its files changed since.

Options:
  --root DIR           project root (default: the working directory)
  --dry-run            print what would be restored; change nothing
  --durability LEVEL   full (default), process or none, as for \`wopt write\`
  --concurrency N      files restored at once (default 64)
  --lock-timeout MS    how long to wait for another wopt process (default 10000)
  --json               print the report as JSON
  -h, --help           show this help
`;

const DURABILITIES: readonly Durability[] = ['full', 'process', 'none'];

export const command: Command = {
  help,
  maxPositionals: 1,
  options: {
    ...jsonOption,
    'dry-run': { type: 'boolean' },
    durability: { type: 'string' },
    concurrency: { type: 'string' },
    'lock-timeout': { type: 'string' },
  },
  async run(ctx, { values, positionals }) {
    const root = rootOf(ctx, values);
    const dryRun = booleanFlag(values, 'dry-run');
    const options = {
      dryRun,
      durability: choiceFlag('undo', values, 'durability', DURABILITIES),
      concurrency: integerFlag('undo', values, 'concurrency', 1),
      lockTimeoutMs: integerFlag('undo', values, 'lock-timeout', 0),
    };
    // The report names the undo's own transaction; which one it undid is only shown to people, so
    // reading it beforehand (outside the lock) is good enough.
    const target = positionals[0] ?? (await status(root, { fs: ctx.fs })).kept.at(-1)?.txid;
    const report = await undo(root, positionals[0], { ...options, fs: ctx.fs, signal: ctx.io.signal, command: 'wopt undo' });
    const { stdout } = ctx.io;
    if (booleanFlag(values, 'json')) {
      stdout.write(toJson({ undone: target, ...report }));
      return 0;
    }
    const style = createStyle(ctx.color);
    const counts = formatCounts(report.counts);
    if (dryRun) {
      stdout.write(`${style.bold(`dry run: would undo transaction ${target ?? '?'}, restoring ${plural(changedCount(report), 'file')} (${counts}); nothing was changed`)}\n`);
      for (const file of report.files) stdout.write(`  ${file.status.padEnd(9)}  ${file.path}\n`);
      return 0;
    }
    stdout.write(`undid transaction ${target ?? '?'}: restored ${plural(changedCount(report), 'file')} in ${formatDuration(report.durationMs)} (${counts})${report.txid === undefined ? '' : ` · txid ${report.txid}`}\n`);
    for (const warning of report.warnings) ctx.io.stderr.write(`wopt: warning: ${warning}\n`);
    return 0;
  },
};
