/**
 * Reading the manifest: from a file through the fs port, or from stdin for `-`.
 */
import { dirname, resolve } from 'node:path';
import { errors, WoptError } from '../errors.js';
import type { CommandContext } from './io.js';
import type { Manifest } from './manifest.js';
import { parseManifest } from './manifest.js';

const STDIN_NAME = '<stdin>';

/**
 * Reads a whole stream. An abort (Ctrl-C while a producer is still writing the manifest) ends the
 * wait at once, since a pending read would otherwise never notice it.
 */
export async function readAll(stream: NodeJS.ReadableStream | AsyncIterable<Uint8Array | string>, signal?: AbortSignal): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const aborted = (): WoptError => new WoptError('E_ABORTED', 'Interrupted while reading the manifest; nothing was written.', { cause: signal?.reason });
  if (signal?.aborted) throw aborted();
  const iterator = (stream as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]();
  let onAbort: (() => void) | undefined;
  const abortPromise = new Promise<never>((_, reject) => {
    onAbort = () => {
      reject(aborted());
      // Let go of the stream, or its open pipe (process.stdin) would keep the process alive after
      // main() has returned. iterator.return() would only queue behind the pending read.
      const destroy = (stream as { destroy?: unknown }).destroy;
      if (typeof destroy === 'function') destroy.call(stream);
      else void iterator.return?.().catch(() => undefined);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), abortPromise]);
      if (next.done === true) break;
      chunks.push(typeof next.value === 'string' ? Buffer.from(next.value) : Buffer.from(next.value));
    }
  } finally {
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
    abortPromise.catch(() => undefined);
  }
  return Buffer.concat(chunks);
}

/**
 * Loads and parses the manifest named on the command line (`-` for stdin). `contentFile` paths are
 * resolved against the manifest's directory, or the working directory for stdin.
 *
 * @throws WoptError E_MANIFEST for malformed content; E_NOT_FOUND and other read errors from the port.
 */
export async function loadManifest(ctx: CommandContext, argument: string): Promise<Manifest> {
  const { io } = ctx;
  let bytes: Buffer;
  let source: string;
  let baseDir: string;
  if (argument === '-') {
    if ((io.stdin as { isTTY?: boolean }).isTTY === true) {
      throw errors.usage('`wopt write -` reads the manifest from stdin, but stdin is a terminal; pipe a manifest in (e.g. `cat batch.jsonl | wopt write -`) or name a file; see `wopt write --help`');
    }
    bytes = await readAll(io.stdin, io.signal);
    source = STDIN_NAME;
    baseDir = resolve(io.cwd);
  } else {
    const path = resolve(io.cwd, argument);
    bytes = await ctx.fs.readFile(path);
    source = argument;
    baseDir = dirname(path);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new WoptError('E_MANIFEST', `Manifest ${JSON.stringify(source)} is not valid UTF-8 text; save it as UTF-8 (binary content goes in "content" with "encoding": "base64").`, {
      cause: error,
      path: source,
    });
  }
  return parseManifest(text, source, baseDir);
}
