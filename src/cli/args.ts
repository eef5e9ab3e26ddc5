/**
 * Flag parsing on `node:util` parseArgs, with every mistake turned into a one-line usage error
 * (exit 2) that names the flag and points at the command's `--help`.
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { errors } from '../errors.js';
import type { WoptError } from '../errors.js';

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;
export type FlagValues = Readonly<Record<string, string | boolean | undefined>>;

export interface ParsedArgs {
  readonly values: FlagValues;
  readonly positionals: readonly string[];
}

/** Flags every command takes. */
export const commonOptions = {
  root: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpecs;

export const jsonOption = { json: { type: 'boolean' } } as const satisfies OptionSpecs;

/** A usage error for `wopt <command>`, naming where to read more. */
export function usageError(command: string | undefined, message: string): WoptError {
  const help = command === undefined ? '`wopt --help`' : `\`wopt ${command} --help\``;
  // A message that ends a sentence (a param's own error, quoted) ends before the pointer to help.
  return errors.usage(`${message.replace(/\.$/u, '')}; see ${help}`);
}

/**
 * Parses a command's arguments. `--help` wins over everything else so that a user stuck on a
 * wrong flag can still ask for help on the same line.
 *
 * @throws WoptError E_USAGE for an unknown flag, a flag without its value, or a positional too many.
 */
export function parseCommandArgs(command: string, argv: readonly string[], options: OptionSpecs, maxPositionals: number): ParsedArgs {
  if (argv.includes('--help') || argv.includes('-h')) return { values: { help: true }, positionals: [] };
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(command, describeParseError(error));
  }
  if (parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals[maxPositionals] ?? '';
    throw usageError(command, `unexpected argument ${JSON.stringify(extra)} for \`wopt ${command}\``);
  }
  return { values: parsed.values as FlagValues, positionals: parsed.positionals };
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const flag = /'(-[^' ]*)/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${flag}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      // Either a string flag with no value (`--root` last, or followed by another flag), or a value
      // given to a boolean flag (`--json=yes`).
      return message.includes('does not take an argument') ? `option ${flag} does not take a value` : `option ${flag} needs a value`;
    default:
      return message;
  }
}

/** A string flag's value, if given. */
export const stringFlag = (values: FlagValues, name: string): string | undefined => {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
};

export const booleanFlag = (values: FlagValues, name: string): boolean => values[name] === true;

/**
 * A whole-number flag. Parsed strictly (`--backup 1.5`, `--backup 2x`, `--backup ''` are refused)
 * because a silently truncated `--concurrency` or `--lock-timeout` is worse than an error.
 */
export function integerFlag(command: string, values: FlagValues, name: string, min: number): number | undefined {
  const raw = stringFlag(values, name);
  if (raw === undefined) return undefined;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min) {
    throw usageError(command, `option --${name} takes a whole number of at least ${min}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** A flag limited to a few words. */
export function choiceFlag<T extends string>(command: string, values: FlagValues, name: string, choices: readonly T[]): T | undefined {
  const raw = stringFlag(values, name);
  if (raw === undefined) return undefined;
  if (!(choices as readonly string[]).includes(raw)) {
    throw usageError(command, `option --${name} takes ${choices.join(', ')}; got ${JSON.stringify(raw)}`);
  }
  return raw as T;
}
