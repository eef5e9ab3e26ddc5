/**
 * The shape of a command module. `main` holds a table of loaders and imports a command only when it
 * runs, so `wopt --help` never loads the writer.
 */
import { resolve } from 'node:path';
import type { FlagValues, OptionSpecs, ParsedArgs } from './args.js';
import { stringFlag } from './args.js';
import type { CommandContext } from './io.js';

export interface Command {
  /** The full text of `wopt <command> --help`. */
  readonly help: string;
  /** Its flags; `--root` and `--help` are added by `main`. */
  readonly options: OptionSpecs;
  readonly maxPositionals: number;
  /** Runs the command and returns its exit code; failures are thrown and reported by `main`. */
  run(ctx: CommandContext, args: ParsedArgs): Promise<number>;
}

/** The project root: `--root`, resolved against the working directory, or the working directory. */
export const rootOf = (ctx: CommandContext, values: FlagValues): string => resolve(ctx.io.cwd, stringFlag(values, 'root') ?? '.');

/** `wopt recover --root <dir>` when the root is not the working directory, so hints can be pasted. */
export const rootHint = (ctx: CommandContext, root: string): string => (resolve(ctx.io.cwd) === root ? '' : ` --root ${JSON.stringify(root)}`);
