/**
 * The CLI's entry point: `main(io) → exit code`. A thin adapter over the library: it parses flags,
 * runs one command, and turns failures into one line and an exit code. Nothing here touches
 * `process`; the bin shim (`bin.ts`) supplies the real world through `io`.
 */
import { WoptError } from '../errors.js';
import { commonOptions, parseCommandArgs, usageError } from './args.js';
import type { Command } from './command.js';
import { ExitCode, reportError } from './exit.js';
import { wantsColor } from './format.js';
import type { CliIo } from './io.js';

export type { CliIo, Output } from './io.js';
export { ExitCode } from './exit.js';

interface CommandEntry {
  readonly summary: string;
  /** Loaded on use only, so `wopt --help` does not pay for the writer. */
  readonly load: () => Promise<{ readonly command: Command }>;
}

const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  write: { summary: 'write the files of a manifest as one all-or-nothing transaction', load: () => import('./commands/write.js') },
  recover: { summary: 'finish or roll back what a crash left unfinished', load: () => import('./commands/recover.js') },
  undo: { summary: 'restore the files of a kept transaction', load: () => import('./commands/undo.js') },
  status: { summary: 'show the lock, unfinished, kept and damaged transactions', load: () => import('./commands/status.js') },
  gen: { summary: 'generate files from a template, for one set of params or a whole list', load: () => import('./commands/gen.js') },
  update: { summary: 'bring template changes into generated files, keeping your edits', load: () => import('./commands/update.js') },
  templates: { summary: 'list, show, add, remove, export and import templates', load: () => import('./commands/templates.js') },
  mine: { summary: 'mine a template from a family of similar files (and --save it)', load: () => import('./commands/mine.js') },
  drift: { summary: 'show which members of a family drifted from its template', load: () => import('./commands/drift.js') },
};

const MAIN_HELP = `Usage: wopt <command> [options]

Transactional batch file writes: every file of a batch is written, or none is, even across a crash
or power loss.

Commands:
${Object.entries(COMMANDS)
  .map(([name, entry]) => `  ${name.padEnd(9)} ${entry.summary}`)
  .join('\n')}

Run \`wopt <command> --help\` for its options. Every command takes --root DIR (default: the
working directory).

Options:
  -h, --help     show this help
  --version      print the version

Exit codes:
  0    success
  1    error: the input was refused before anything was written, or another failure
  2    usage error (unknown command or option, missing argument)
  3    the batch failed while being applied and was rolled back: every file is as before
  4    recovery pending: an unfinished or damaged transaction; run \`wopt status\`, \`wopt recover\`
  130  interrupted (SIGINT/SIGTERM); a batch that had not committed was rolled back

Environment:
  NO_COLOR, FORCE_COLOR   turn colour off / on (default: colour only on a terminal)
  UV_THREADPOOL_SIZE      Node's I/O threads (the wopt bin sets 16 when unset)
`;

/** Edit distance, for "did you mean" on a mistyped command. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function unknownCommand(name: string): Error {
  const guess = Object.keys(COMMANDS).find((known) => distance(name, known) <= 2);
  return usageError(undefined, `unknown command ${JSON.stringify(name)}${guess === undefined ? '' : ` (did you mean "${guess}"?)`}; commands: ${Object.keys(COMMANDS).join(', ')}`);
}

async function loadCommand(name: string): Promise<Command> {
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (entry === undefined) throw unknownCommand(name);
  return (await entry.load()).command;
}

/**
 * Runs the wopt CLI once and returns its exit code (see `wopt --help`). Never calls
 * `process.exit` and never reads `process`: everything comes from `io`.
 *
 * @example
 * const code = await main({ argv: ['status'], cwd: dir, env: {}, stdin, stdout, stderr });
 */
export async function main(io: CliIo): Promise<number> {
  const [name, ...rest] = io.argv;
  try {
    if (name === undefined) {
      io.stderr.write(MAIN_HELP);
      return ExitCode.usage;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      if (rest[0] !== undefined && !rest[0].startsWith('-')) io.stdout.write((await loadCommand(rest[0])).help);
      else io.stdout.write(MAIN_HELP);
      return ExitCode.ok;
    }
    const fs = io.fs ?? (await import('../fs/node.js')).nodeFs;
    if (name === '--version') {
      io.stdout.write(`${await (await import('./version.js')).readVersion(fs)}\n`);
      return ExitCode.ok;
    }
    if (name.startsWith('-')) {
      throw usageError(undefined, `unknown option ${name} before the command; options go after it: wopt <command> [options]`);
    }
    const command = await loadCommand(name);
    const args = parseCommandArgs(name, rest, { ...commonOptions, ...command.options }, command.maxPositionals);
    if (args.values.help === true) {
      io.stdout.write(command.help);
      return ExitCode.ok;
    }
    return await command.run({ io, fs, color: wantsColor(io.stdout, io.env) }, args);
  } catch (error) {
    return reportError(normalizeAbort(error, io.signal), io.stderr);
  }
}

/**
 * Code that honours an AbortSignal may rethrow the signal's raw reason (a DOMException) rather than
 * wopt's E_ABORTED; either way it was the user's interrupt, not a bug, so it gets exit code 130.
 */
function normalizeAbort(error: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted !== true) return error;
  if (error !== signal.reason && !(error instanceof Error && error.name === 'AbortError')) return error;
  if (error instanceof WoptError) return error;
  return new WoptError('E_ABORTED', 'Interrupted before the batch committed; every file of it was restored.', { cause: error });
}
