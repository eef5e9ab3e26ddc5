/**
 * `wopt status`: the project's wopt state, read without taking the lock or changing anything.
 */
import { describeHolder } from '../../tx/lock.js';
import type { ProjectStatus, TransactionSummary } from '../../tx/status.js';
import { status } from '../../tx/status.js';
import { booleanFlag, jsonOption } from '../args.js';
import type { Command } from '../command.js';
import { rootHint } from '../command.js';
import { rootOf } from '../command.js';
import { ExitCode } from '../exit.js';
import type { Style } from '../format.js';
import { createStyle, plural, toJson } from '../format.js';

const help = `Usage: wopt status [options]

Shows who holds the project lock (and whether that process is still alive), unfinished
transactions (run \`wopt recover\`), transactions kept for \`wopt undo\`, and damaged journals.
Changes nothing.

With --scan it also walks the project (skipping .git and node_modules) for temps and backups
(.wopt-<txid>-<n>.tmp/.bak) left by a transaction whose journal is gone, e.g. after .wopt/ was
deleted following a crash. A backup holds a file's previous content: wopt reports them and never
deletes them; look at each and restore or remove it by hand.

Exit code: 0 when nothing is pending, damaged or stray; 4 when something is.

Options:
  --root DIR     project root (default: the working directory)
  --scan         also look for temps and backups of lost transactions
  --json         print the status as JSON
  -h, --help     show this help
`;

const MAX_LISTED_FILES = 5;

function describeTransaction(tx: TransactionSummary): string {
  const shown = tx.files.slice(0, MAX_LISTED_FILES).join(', ');
  const more = tx.files.length > MAX_LISTED_FILES ? `, … ${tx.files.length - MAX_LISTED_FILES} more` : '';
  return `    ${tx.txid}  ${tx.time}  ${plural(tx.files.length, 'file')}${tx.files.length > 0 ? `: ${shown}${more}` : ''}  (durability ${tx.durability})`;
}

function render(state: ProjectStatus, recoverCommand: string, style: Style): string {
  const lines = [`root: ${state.root}`];
  if (state.lock === undefined) lines.push('lock: free');
  else if (state.lock.alive) lines.push(`lock: held by ${describeHolder(state.lock)} (running)`);
  else lines.push(style.yellow(`lock: stale, left by ${describeHolder(state.lock)}, which is gone; the next wopt command takes it over`));

  if (state.pending.length === 0) lines.push('pending: none');
  else {
    lines.push(style.red(`pending: ${plural(state.pending.length, 'unfinished transaction')}; run \`${recoverCommand}\` to roll back`));
    lines.push(...state.pending.map(describeTransaction));
  }
  if (state.kept.length === 0) lines.push('kept for undo: none');
  else {
    lines.push(`kept for undo: ${plural(state.kept.length, 'transaction')}; \`wopt undo\` restores the newest, \`wopt undo <txid>\` a given one`);
    lines.push(...state.kept.map(describeTransaction));
  }
  if (state.damaged.length > 0) {
    lines.push(style.red(`damaged: ${plural(state.damaged.length, 'journal')}; recovery stops on them without changing anything`));
    lines.push(...state.damaged.map((tx) => `    ${tx.txid}: ${tx.error}`));
  }
  const lost = (state.strays ?? []).filter((stray) => !stray.journaled);
  if (state.strays !== undefined) {
    if (lost.length === 0) lines.push('strays: none');
    else {
      lines.push(style.red(`strays: ${plural(lost.length, 'file')} of transactions whose journal is gone (backups hold previous contents; restore or remove them by hand)`));
      lines.push(...lost.map((stray) => `    ${stray.kind === 'backup' ? 'backup' : 'temp  '}  ${stray.path}  (transaction ${stray.txid})`));
    }
  }
  return `${lines.join('\n')}\n`;
}

export const command: Command = {
  help,
  maxPositionals: 0,
  options: { ...jsonOption, scan: { type: 'boolean' } },
  async run(ctx, { values }) {
    const root = rootOf(ctx, values);
    const state = await status(root, { fs: ctx.fs, scan: booleanFlag(values, 'scan') });
    ctx.io.stdout.write(booleanFlag(values, 'json') ? toJson(state) : render(state, `wopt recover${rootHint(ctx, root)}`, createStyle(ctx.color)));
    const lost = (state.strays ?? []).some((stray) => !stray.journaled);
    return state.pending.length > 0 || state.damaged.length > 0 || lost ? ExitCode.recoveryPending : ExitCode.ok;
  },
};
