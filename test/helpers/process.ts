/**
 * Running node child processes from the tests: exit code, signal and output, with an optional
 * SIGKILL after a delay, and the batch/recover jobs of `batch-child.mjs`.
 */
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { posix } from 'node:path';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const BATCH_CHILD = fileURLToPath(new URL('./batch-child.mjs', import.meta.url));
export const CLI_BIN = posix.join(REPO, 'dist', 'cli', 'bin.js');

export interface ChildResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly pid: number;
  readonly durationMs: number;
}

export interface RunOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Send SIGKILL this many milliseconds after spawning. */
  readonly killAfterMs?: number;
  /** Send SIGKILL `ms` milliseconds after `marker` first shows up on stdout. */
  readonly killAfterMarker?: { readonly marker: string; readonly ms: number };
  /** Give up (SIGKILL, then reject) after this long. */
  readonly timeoutMs?: number;
  readonly cwd?: string;
  /** Called with each stdout chunk as it arrives. */
  readonly onStdout?: (chunk: string) => void;
}

/** Runs a command (no shell) and resolves with how it ended. */
export function runCommand(command: string, args: readonly string[], options: RunOptions = {}): Promise<ChildResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, ...options.env };
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
    const child = spawn(command, args, { cwd: options.cwd ?? REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timers: NodeJS.Timeout[] = [];
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const seen = options.killAfterMarker !== undefined && stdout.includes(options.killAfterMarker.marker);
      stdout += chunk;
      options.onStdout?.(chunk);
      const marker = options.killAfterMarker;
      if (marker !== undefined && !seen && stdout.includes(marker.marker)) {
        timers.push(setTimeout(() => child.kill('SIGKILL'), marker.ms));
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    if (options.killAfterMs !== undefined) timers.push(setTimeout(() => child.kill('SIGKILL'), options.killAfterMs));
    let timedOut = false;
    timers.push(
      setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, options.timeoutMs ?? 60_000),
    );
    child.on('error', reject);
    child.on('close', (code, signal) => {
      for (const timer of timers) clearTimeout(timer);
      if (timedOut) reject(new Error(`${command} ${args.join(' ')} timed out; stderr: ${stderr}`));
      else resolve({ code, signal, stdout, stderr, pid: child.pid ?? -1, durationMs: performance.now() - started });
    });
  });
}

export const runNode = (script: string, args: readonly string[], options: RunOptions = {}): Promise<ChildResult> =>
  runCommand(process.execPath, [script, ...args], options);

/** The JSON line `batch-child.mjs` prints (undefined if it was killed before printing). */
export interface JobOutcome {
  readonly ok: boolean;
  readonly code?: string;
  readonly errno?: string;
  readonly path?: string;
  readonly rolledBack?: boolean;
  readonly message?: string;
  readonly txid?: string;
  readonly counts?: Record<string, number>;
  readonly report?: { transactions: { txid: string; outcome: string; files: number }[]; conflicts: string[] };
  readonly ops?: number;
  readonly fired?: number;
  readonly trace?: { operation: string; path: string }[];
  readonly renameAttempts?: number;
  readonly renamed?: number;
}

export function lastJson(stdout: string): JobOutcome | undefined {
  const line = stdout.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
  return line === undefined ? undefined : (JSON.parse(line) as JobOutcome);
}

export interface JobRun extends ChildResult {
  readonly outcome: JobOutcome | undefined;
}

let jobCounter = 0;

/** Writes a job for `batch-child.mjs` to a file outside the project and runs it. */
export async function runJob(job: Record<string, unknown>, options: RunOptions = {}): Promise<JobRun> {
  jobCounter += 1;
  const file = posix.join(tmpdir(), `wopt-job-${process.pid}-${jobCounter}-${randomBytes(4).toString('hex')}.json`);
  writeFileSync(file, JSON.stringify(job));
  try {
    const result = await runNode(BATCH_CHILD, [file], options);
    return { ...result, outcome: lastJson(result.stdout) };
  } finally {
    rmSync(file, { force: true });
  }
}

/** Recovers `root` in a fresh process, the way a user would: `wopt recover --root <dir>`, with WOPT_FAULT set to `fault` if given. */
export async function recoverInChild(root: string, fault?: string, options: RunOptions = {}): Promise<JobRun> {
  const env = { ...options.env, WOPT_FAULT: fault };
  const result = await runNode(CLI_BIN, ['recover', '--root', root], { ...options, env });
  return { ...result, outcome: result.signal === null ? { ok: result.code === 0 } : undefined };
}

/** Runs `task` over `items`, at most `limit` at a time, in order of start. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A small seeded PRNG (mulberry32), so random delays and choices repeat from run to run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Whether this is a soak run (`npm run test:soak`), which raises the counts. */
export const SOAK = process.env.WOPT_SOAK === '1';
