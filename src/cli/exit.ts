/**
 * Exit codes, and how a failure becomes one line on stderr (or a stack, when it is a bug).
 */
import { isWoptError } from '../errors.js';
import type { Output } from './io.js';

/** The exit codes `wopt` documents in `--help`; scripts branch on them, so they never change. */
export const ExitCode = {
  ok: 0,
  /** Input refused before anything was written, or another failure. */
  error: 1,
  usage: 2,
  /** The batch failed while being applied, and every file was restored. */
  rolledBack: 3,
  /** An unfinished or damaged transaction needs `wopt recover` (or a look with `wopt status`). */
  recoveryPending: 4,
  /** Interrupted by SIGINT/SIGTERM; the batch, if one was running, was rolled back. */
  interrupted: 130,
} as const;

/** Picks the exit code of a failure; the most specific fact wins (an interrupt that rolled back is 130). */
export function exitCodeFor(error: unknown): number {
  if (!isWoptError(error)) return ExitCode.error;
  switch (error.code) {
    case 'E_ABORTED':
      return ExitCode.interrupted;
    case 'E_RECOVERY_NEEDED':
    case 'E_JOURNAL_CORRUPT':
      return ExitCode.recoveryPending;
    case 'E_USAGE':
      return ExitCode.usage;
    default:
      return error.rolledBack ? ExitCode.rolledBack : ExitCode.error;
  }
}

/**
 * Reports a failure on stderr and returns its exit code. An expected `WoptError` is one line,
 * `wopt: <message> [<code>]`, because its message already says what, where and how to fix it;
 * anything else is a bug in wopt, so the stack is what the bug report needs.
 */
export function reportError(error: unknown, stderr: Output): number {
  if (isWoptError(error)) {
    const oneLine = error.message.replace(/\s*\n\s*/g, ' ');
    stderr.write(`wopt: ${oneLine} [${error.code}]\n`);
    return exitCodeFor(error);
  }
  const stack = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  stderr.write(`wopt: internal error (a bug in wopt; please report it with this output):\n${stack}\n`);
  return ExitCode.error;
}
