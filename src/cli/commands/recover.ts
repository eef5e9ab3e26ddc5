/**
 * `wopt recover`: finishes whatever a crash left, then says what it did.
 */
import { recover } from '../../tx/status.js';
import { booleanFlag, integerFlag, jsonOption } from '../args.js';
import type { Command } from '../command.js';
import { rootOf } from '../command.js';
import { recoveryLines, toJson } from '../format.js';

const help = `Usage: wopt recover [options]

Finishes every transaction a crash or kill left under .wopt/: one that had not committed is rolled
back (every file gets back its old bytes, mode and existence); one that had committed has its
clean-up completed. Files in the way that wopt cannot prove are its own are moved to
.wopt/conflicts/<txid>/, never deleted. Running it again does nothing. Every other wopt command
recovers first too; run this one after a crash to see what happened.

Options:
  --root DIR           project root (default: the working directory)
  --lock-timeout MS    how long to wait for another wopt process (default 10000)
  --json               print the recovery report as JSON
  -h, --help           show this help
`;

export const command: Command = {
  help,
  maxPositionals: 0,
  options: { ...jsonOption, 'lock-timeout': { type: 'string' } },
  async run(ctx, { values }) {
    const root = rootOf(ctx, values);
    const lockTimeoutMs = integerFlag('recover', values, 'lock-timeout', 0);
    const report = await recover(root, {
      fs: ctx.fs,
      signal: ctx.io.signal,
      command: 'wopt recover',
      ...(lockTimeoutMs === undefined ? {} : { lockTimeoutMs }),
    });
    if (booleanFlag(values, 'json')) {
      ctx.io.stdout.write(toJson(report));
      return 0;
    }
    const lines = recoveryLines(report);
    ctx.io.stdout.write(lines.length === 0 ? `nothing to recover in ${root}\n` : lines.map((line) => `${line}\n`).join(''));
    return 0;
  },
};
