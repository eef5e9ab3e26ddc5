/**
 * Real kernel faults (reliability.md H5) inside a private mount namespace, so no mount leaks out.
 *
 * A holder process (`unshare -m`, then the mount commands, then `sleep`) keeps the namespace alive;
 * children join it with `nsenter`, and the test reads the mounted tree through
 * `/proc/<holder>/root/...`, so the ordinary snapshot and invariant helpers work on it unchanged.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { posix } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { JobRun, RunOptions } from './process.js';
import { BATCH_CHILD, lastJson, runCommand } from './process.js';

export interface Capability {
  readonly ok: boolean;
  readonly reason: string;
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** Whether `unshare -m` plus a tmpfs mount works here (root, util-linux, no seccomp in the way). */
export function canMountInNamespace(): Capability {
  if (!isRoot()) return { ok: false, reason: 'not running as root' };
  const dir = mkdtempSync(posix.join(tmpdir(), 'wopt-cap-'));
  try {
    const probe = spawnSync('unshare', ['-m', 'sh', '-c', `mount -t tmpfs -o size=64k none ${dir} && mount -o remount,ro ${dir} && nsenter --version >/dev/null`], {
      encoding: 'utf8',
    });
    if (probe.error) return { ok: false, reason: `unshare is not available: ${probe.error.message}` };
    if (probe.status !== 0) return { ok: false, reason: `unshare -m / mount tmpfs / nsenter failed: ${probe.stderr.trim()}` };
    return { ok: true, reason: '' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether `chattr +i` works on a file in `dir` (root on ext4 or another filesystem with attributes). */
export function canChattr(dir = tmpdir()): Capability {
  if (!isRoot()) return { ok: false, reason: 'not running as root (chattr +i needs CAP_LINUX_IMMUTABLE)' };
  const file = posix.join(mkdtempSync(posix.join(dir, 'wopt-cap-')), 'probe');
  writeFileSync(file, 'x');
  try {
    const set = spawnSync('chattr', ['+i', file], { encoding: 'utf8' });
    if (set.error || set.status !== 0) return { ok: false, reason: `chattr +i failed: ${set.error?.message ?? set.stderr.trim()}` };
    const write = spawnSync('sh', ['-c', `echo y > ${file}`], { encoding: 'utf8' });
    spawnSync('chattr', ['-i', file]);
    if (write.status === 0) return { ok: false, reason: 'chattr +i did not make the file immutable' };
    return { ok: true, reason: '' };
  } finally {
    spawnSync('chattr', ['-i', file]);
    rmSync(posix.dirname(file), { recursive: true, force: true });
  }
}

export class MountNamespace {
  private constructor(
    private readonly holder: ChildProcess,
    readonly pid: number,
  ) {}

  /** Starts a namespace and runs `setup` (shell commands, e.g. mounts) in it. */
  static async create(setup: string): Promise<MountNamespace> {
    const holder = spawn('unshare', ['-m', 'sh', '-c', `set -e; ${setup}; echo READY; exec sleep 600`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    holder.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    await new Promise<void>((resolve, reject) => {
      holder.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        if (chunk.includes('READY')) resolve();
      });
      holder.on('exit', (code) => reject(new Error(`namespace setup failed (${code}): ${err}`)));
      holder.on('error', reject);
    });
    return new MountNamespace(holder, holder.pid as number);
  }

  /** How the test process reaches `path` as the namespace sees it. */
  view(path: string): string {
    return `/proc/${this.pid}/root${path}`;
  }

  /** Runs a command inside the namespace. */
  run(command: string, args: readonly string[], options: RunOptions = {}): ReturnType<typeof runCommand> {
    return runCommand('nsenter', ['-t', String(this.pid), '-m', '--', command, ...args], options);
  }

  sh(script: string): ReturnType<typeof runCommand> {
    return this.run('sh', ['-c', script]);
  }

  /** Runs a `batch-child.mjs` job inside the namespace. */
  async job(job: Record<string, unknown>, options: RunOptions = {}): Promise<JobRun> {
    const file = posix.join(tmpdir(), `wopt-nsjob-${process.pid}-${Math.random().toString(16).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(job));
    const result = await this.run(process.execPath, [BATCH_CHILD, file], options);
    rmSync(file, { force: true });
    return { ...result, outcome: lastJson(result.stdout) };
  }

  close(): void {
    this.holder.kill('SIGKILL');
  }
}
