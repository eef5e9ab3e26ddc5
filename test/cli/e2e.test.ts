/**
 * End-to-end: the installed binary (`dist/cli/wopt.cjs`, which loads the esbuild bundle in
 * `dist/bin/bin.js`), run as a child process with pipes (no TTY). dist/ is rebuilt first when any source
 * file is newer than the bundle (`npm test` builds it in pretest).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import type { SpawnSyncReturns } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { ANSI, cleanUp, hashTree, jsonl, project, read } from './helpers.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const LAUNCHER = join(REPO, 'dist/cli/wopt.cjs');
const BUNDLE = join(REPO, 'dist/bin/bin.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

beforeAll(() => {
  if (!existsSync(LAUNCHER) || !existsSync(BUNDLE) || statSync(BUNDLE).mtimeMs < newestSource(join(REPO, 'src'))) {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO, stdio: 'inherit' });
  }
}, 120_000);
afterAll(cleanUp);

/** The environment of a user's shell without colour settings, so output is what a pipe gets. */
const baseEnv = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  delete env.WOPT_FAULT;
  delete env.UV_THREADPOOL_SIZE;
  return env;
};

function wopt(args: readonly string[], options: { cwd: string; input?: string; env?: NodeJS.ProcessEnv }): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [LAUNCHER, ...args], { cwd: options.cwd, input: options.input ?? '', env: { ...baseEnv(), ...options.env }, encoding: 'utf8' });
}

describe('the wopt binary', () => {
  it('prints help without colour on a pipe', () => {
    const result = wopt(['--help'], { cwd: project() });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: wopt <command>/);
    expect(result.stdout).toContain('Exit codes:');
    expect(result.stdout).not.toMatch(ANSI);
    expect(result.stderr).toBe('');
  });

  it('writes a batch read from stdin', () => {
    const dir = project({ 'a.txt': 'old\n' });
    const input = jsonl([
      { path: 'a.txt', content: 'new\n' },
      { path: 'src/b.ts', content: 'export {};\n' },
    ]);
    const result = wopt(['write', '-'], { cwd: dir, input });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^committed 2 files in \d+ ms \(created 1, updated 1, unchanged 0\) · \d+ fsyncs · txid \S+\n$/);
    expect(read(dir, 'a.txt')).toBe('new\n');
    expect(read(dir, 'src/b.ts')).toBe('export {};\n');
  });

  it('is restored by `wopt recover` in a fresh process after being killed mid-batch', () => {
    const dir = project({ 'a.txt': 'old a\n', 'b.txt': 'old b\n', 'c.txt': 'old c\n' });
    const before = hashTree(dir, { exclude: ['.wopt'] });
    const input = jsonl([
      { path: 'a.txt', content: 'new a\n' },
      { path: 'b.txt', content: 'new b\n' },
      { path: 'c.txt', delete: true },
      { path: 'new/dir/d.txt', content: 'new d\n' },
    ]);
    // SIGKILL at the second rename of the apply step: a.txt is already replaced, the rest is not.
    const crashed = wopt(['write', '-', '--concurrency', '1'], { cwd: dir, input, env: { WOPT_FAULT: 'crash@2;op=rename' } });
    expect(crashed.signal).toBe('SIGKILL');
    expect(read(dir, 'a.txt')).toBe('new a\n');
    expect(read(dir, 'b.txt')).toBe('old b\n');

    const pending = wopt(['status', '--root', dir], { cwd: REPO });
    expect(pending.status).toBe(4);
    expect(pending.stdout).toMatch(/^lock: stale, left by pid \d+ .*which is gone/m);
    expect(pending.stdout).toMatch(/^pending: 1 unfinished transaction; run `wopt recover --root ".*"` to roll back$/m);

    const recovered = wopt(['recover', '--root', dir], { cwd: REPO });
    expect(recovered.stderr).toBe('');
    expect(recovered.status).toBe(0);
    expect(recovered.stdout).toMatch(/^rolled back transaction \S+ \(4 files\)/);
    expect(hashTree(dir, { exclude: ['.wopt'] })).toBe(before);

    const clean = wopt(['status', '--root', dir], { cwd: REPO });
    expect(clean.status).toBe(0);
    expect(clean.stdout).toContain('lock: free\npending: none\n');
  });

  it('rolls back and exits 130 on SIGINT', async () => {
    const dir = project();
    const child = spawn(process.execPath, [LAUNCHER, 'write', '-'], { cwd: dir, env: baseEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // A megabyte of manifest whitespace can only drain through a 64 KiB pipe once wopt is reading
    // stdin, so when the write completes its signal handlers are surely installed. The pipe stays
    // open: wopt is waiting for the rest of the manifest when the signal comes.
    await new Promise<void>((resolve, reject) => child.stdin.write(' '.repeat(1 << 20), (error) => (error ? reject(error) : resolve())));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/wopt: Interrupted while reading the manifest; nothing was written\. \[E_ABORTED\]\n$/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a bad WOPT_FAULT with a usage error', () => {
    const result = wopt(['status'], { cwd: project(), env: { WOPT_FAULT: 'explode@1' } });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^wopt: Bad fault spec "explode@1".*\[E_USAGE\]\n$/);
  });
});

describe('the bundled CLI loads what it keeps outside the bundle, on use', () => {
  // The bundle holds wopt and Handlebars' runtime; the Handlebars compiler, prettier, ts-morph and
  // the built-in templates are found from dist/bin/ at run time. Each is exercised once here.
  it('generates from a built-in template with an empty template cache (compiler), formatted by prettier', () => {
    const dir = project({ 'wopt.config.json': JSON.stringify({ prettier: true }), '.prettierrc': JSON.stringify({ semi: false, singleQuote: true }) });
    const cache = project();
    const result = wopt(['gen', 'react-component', '--name', 'user card', '--yes'], { cwd: dir, env: { WOPT_CACHE_DIR: cache, WOPT_HOME: project() } });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const component = read(dir, 'src/components/UserCard/UserCard.tsx');
    expect(component).toContain('UserCard');
    expect(component).not.toMatch(/;\n/); // prettier ran with the project's config (no semicolons)
    expect(readdirSync(cache).some((name) => name.endsWith('.json'))).toBe(true);
  });

  it('mines a family of TypeScript files (ts-morph) and generates a new member from it', () => {
    const member = (name: string, path: string): string => `export class ${name}Service {\n  readonly path = '/api/${path}';\n  list(): string {\n    return '${name}';\n  }\n}\n`;
    const dir = project({
      'src/user.service.ts': member('User', 'users'),
      'src/order.service.ts': member('Order', 'orders'),
      'src/invoice.service.ts': member('Invoice', 'invoices'),
    });
    const result = wopt(['gen', 'service', '--from', 'src/*.service.ts', '--name', 'Product', '--yes'], { cwd: dir, env: { WOPT_HOME: project() } });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(read(dir, 'src/product.service.ts')).toBe(member('Product', 'products'));
  });
});

describe('the CommonJS launcher (dist/cli/wopt.cjs)', () => {
  /** Threads of a wopt process that is waiting on stdin (so its threadpool has started). */
  async function threadsWhileWaiting(env: NodeJS.ProcessEnv): Promise<number> {
    const child = spawn(process.execPath, [LAUNCHER, 'write', '-'], { cwd: project(), env: { ...baseEnv(), ...env }, stdio: ['pipe', 'ignore', 'ignore'] });
    await new Promise<void>((resolve, reject) => child.stdin.write(' '.repeat(1 << 20), (error) => (error ? reject(error) : resolve())));
    const threads = readdirSync(`/proc/${child.pid}/task`).length;
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.stdin.end('[]');
    await exited;
    return threads;
  }

  it('runs the CLI', () => {
    const result = spawnSync(process.execPath, [LAUNCHER, '--version'], { env: baseEnv(), encoding: 'utf8' });
    const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    expect(result.stdout).toBe(`${version}\n`);
  });

  it('gives libuv 16 threads when UV_THREADPOOL_SIZE is unset, and respects it when set', async () => {
    const defaulted = await threadsWhileWaiting({});
    const four = await threadsWhileWaiting({ UV_THREADPOOL_SIZE: '4' });
    expect(defaulted - four).toBe(12);
  });
});
