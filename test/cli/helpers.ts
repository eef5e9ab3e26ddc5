/**
 * Helpers for the CLI tests: run `main()` in-process with buffers for stdio, on real temp dirs.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FsPort } from '../../src/fs/port.js';
import { main } from '../../src/cli/main.js';
import { removeTempDirs, tempProject, writeFiles } from '../helpers/temp.js';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd: string;
  readonly stdin?: string | Uint8Array;
  readonly env?: Record<string, string | undefined>;
  readonly isTTY?: boolean;
  readonly fs?: FsPort;
  readonly signal?: AbortSignal;
}

/** Runs the CLI once, in this process, and captures what it printed. */
export async function run(argv: readonly string[], options: RunOptions): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await main({
    argv,
    cwd: options.cwd,
    env: options.env ?? {},
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    stdout: { write: (text: string) => (stdout += text), isTTY: options.isTTY ?? false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    ...(options.fs === undefined ? {} : { fs: options.fs }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return { code, stdout, stderr };
}

/** A fresh temp directory holding `files`; removed by `cleanUp` (and after each test). */
export const project = (files: Readonly<Record<string, string | Uint8Array>> = {}): string => tempProject('cli', files);

export { writeFiles };

export const cleanUp = removeTempDirs;

export const read = (dir: string, path: string): string => readFileSync(join(dir, path), 'utf8');

/**
 * A hash of everything under `dir`: paths, kinds, modes and bytes (`.wopt/` too unless excluded).
 * Equal hashes before and after a refused command prove it changed nothing on disk.
 */
export function hashTree(dir: string, options: { exclude?: readonly string[] } = {}): string {
  const hash = createHash('sha256');
  const walk = (relative: string): void => {
    for (const name of readdirSync(join(dir, relative)).sort()) {
      const path = relative === '' ? name : `${relative}/${name}`;
      if (options.exclude?.includes(path)) continue;
      const stat = lstatSync(join(dir, path));
      hash.update(`${path}\0${stat.mode}\0`);
      if (stat.isDirectory()) walk(path);
      else if (stat.isSymbolicLink()) hash.update(readlinkSync(join(dir, path)));
      else hash.update(readFileSync(join(dir, path)));
      hash.update('\0');
    }
  };
  walk('');
  return hash.digest('hex');
}

/** Lines of JSON, one entry each. */
export const jsonl = (entries: readonly unknown[]): string => entries.map((entry) => JSON.stringify(entry)).join('\n') + '\n';

// Matches ANSI colour escapes.
// eslint-disable-next-line no-control-regex
export const ANSI = /\u001b\[\d+m/;
