/**
 * Questions on a terminal, through an injected {@link Prompter} so that tests drive them and the
 * CLI never prompts off a TTY or in CI. The default asks with @inquirer/prompts, on the io's stdin
 * and stderr (stdout stays clean for output and --json).
 */
import type { CliIo } from './io.js';

export interface Prompter {
  /** Asks for a line of text; `validate` returns an error message or true. */
  input(question: {
    readonly message: string;
    readonly default?: string | undefined;
    readonly validate?: ((value: string) => true | string) | undefined;
  }): Promise<string>;
  /** Asks yes or no. */
  confirm(question: { readonly message: string; readonly default?: boolean | undefined }): Promise<boolean>;
}

/** A `CliIo` that may carry its own prompter (tests); the bin's io does not, so the default is used. */
export type PromptIo = CliIo & { readonly prompt?: Prompter | undefined };

/** Prompting is allowed only when both stdin and stderr are terminals and not in CI. */
export function canPrompt(io: CliIo): boolean {
  const env = io.env;
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false';
  return (io.stdin as { isTTY?: boolean }).isTTY === true && io.stderr.isTTY === true && !ci;
}

/** The prompter for this io: its own, or one over @inquirer/prompts (loaded only when asked). */
export function prompterFor(io: CliIo): Prompter {
  const own = (io as PromptIo).prompt;
  if (own !== undefined) return own;
  const context = {
    input: io.stdin as NodeJS.ReadableStream,
    output: io.stderr as unknown as NodeJS.WritableStream,
    signal: io.signal,
  };
  return {
    async input(question) {
      const { input } = await import('@inquirer/prompts');
      return input(
        {
          message: question.message,
          ...(question.default === undefined ? {} : { default: question.default }),
          ...(question.validate === undefined ? {} : { validate: question.validate }),
        },
        context,
      );
    },
    async confirm(question) {
      const { confirm } = await import('@inquirer/prompts');
      return confirm(
        {
          message: question.message,
          ...(question.default === undefined ? {} : { default: question.default }),
        },
        context,
      );
    },
  };
}
