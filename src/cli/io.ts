/**
 * What the CLI needs from the outside world, passed in so that `main()` runs the same in tests (fake
 * buffers, real temp directories) as under the bin shim (the real process).
 */
import type { FsPort } from '../fs/port.js';

/** A stream the CLI writes text to. `isTTY` decides whether colour is the default. */
export interface Output {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface CliIo {
  /** Arguments after the program name (`process.argv.slice(2)`). */
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Read only for `wopt write -`. */
  readonly stdin: NodeJS.ReadableStream | AsyncIterable<Uint8Array | string>;
  readonly stdout: Output;
  readonly stderr: Output;
  /** Fired on SIGINT/SIGTERM: a batch not yet committed rolls back and the exit code is 130. */
  readonly signal?: AbortSignal;
  /** The filesystem every library call goes through (the bin injects a fault port for WOPT_FAULT). */
  readonly fs?: FsPort;
}

/** Everything a command runs with, resolved once by `main`. */
export interface CommandContext {
  readonly io: CliIo;
  readonly fs: FsPort;
  /** Whether stdout gets ANSI colour. */
  readonly color: boolean;
}
