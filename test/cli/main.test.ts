import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ANSI, cleanUp, project, run } from './helpers.js';

afterEach(cleanUp);

describe('wopt --help, --version and usage errors', () => {
  it('prints the commands and every exit code', async () => {
    const result = await run(['--help'], { cwd: project() });
    expect(result.code).toBe(0);
    for (const name of ['write', 'recover', 'undo', 'status']) expect(result.stdout).toContain(`  ${name} `);
    for (const code of ['0 ', '1 ', '2 ', '3 ', '4 ', '130 ']) expect(result.stdout).toMatch(new RegExp(`^  ${code}`, 'm'));
    expect(result.stderr).toBe('');
  });

  it('prints a command\'s help with --help, -h and `help <command>`', async () => {
    const cwd = project();
    for (const argv of [['write', '--help'], ['write', '-h'], ['help', 'write'], ['write', '--bogus', '--help']]) {
      const result = await run(argv, { cwd });
      expect(result.code, argv.join(' ')).toBe(0);
      expect(result.stdout).toMatch(/^Usage: wopt write </);
      expect(result.stdout).toContain('--on-existing');
    }
    for (const name of ['recover', 'undo', 'status']) {
      expect((await run([name, '--help'], { cwd })).stdout).toMatch(new RegExp(`^Usage: wopt ${name}`));
    }
  });

  it('prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const result = await run(['--version'], { cwd: project() });
    expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('exits 2 with one line naming the mistake', async () => {
    const cwd = project({ 'm.json': '[]' });
    const cases: [string[], RegExp][] = [
      [[], /^Usage: wopt/],
      [['wirte'], /^wopt: unknown command "wirte" \(did you mean "write"\?\).*\[E_USAGE\]\n$/],
      [['--root', '.'], /^wopt: unknown option --root before the command.*\[E_USAGE\]\n$/],
      [['write'], /^wopt: missing the manifest argument.*\[E_USAGE\]\n$/],
      [['write', 'm.json', '--bogus'], /^wopt: unknown option --bogus; see `wopt write --help` \[E_USAGE\]\n$/],
      [['write', 'm.json', '--root'], /^wopt: option --root needs a value.*\[E_USAGE\]\n$/],
      [['write', 'm.json', '--json=yes'], /^wopt: option --json does not take a value.*\[E_USAGE\]\n$/],
      [['write', 'm.json', 'extra.json'], /^wopt: unexpected argument "extra.json".*\[E_USAGE\]\n$/],
      [['write', 'm.json', '--backup', '1.5'], /^wopt: option --backup takes a whole number of at least 0, got "1.5".*\[E_USAGE\]\n$/],
      [['write', 'm.json', '--concurrency', '0'], /^wopt: option --concurrency takes a whole number of at least 1, got "0"/],
      [['write', 'm.json', '--durability', 'fast'], /^wopt: option --durability takes full, process, none; got "fast"/],
      [['write', 'm.json', '--on-existing', 'replace'], /^wopt: option --on-existing takes overwrite, keep, error; got "replace"/],
      [['status', 'now'], /^wopt: unexpected argument "now" for `wopt status`/],
      [['undo', 'a', 'b'], /^wopt: unexpected argument "b" for `wopt undo`/],
    ];
    for (const [argv, pattern] of cases) {
      const result = await run(argv, { cwd });
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr, argv.join(' ')).toMatch(pattern);
      expect(result.stdout).toBe('');
    }
  });

  it('never colours output that is not a terminal, and follows NO_COLOR and FORCE_COLOR', async () => {
    const cwd = project({ 'a.txt': 'old\n', 'm.json': JSON.stringify([{ path: 'a.txt', content: 'new\n' }]) });
    const dry = ['write', 'm.json', '--dry-run'];
    expect((await run(dry, { cwd, isTTY: false })).stdout).not.toMatch(ANSI);
    expect((await run(dry, { cwd, isTTY: true })).stdout).toMatch(ANSI);
    expect((await run(dry, { cwd, isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(ANSI);
    expect((await run(dry, { cwd, isTTY: false, env: { FORCE_COLOR: '1' } })).stdout).toMatch(ANSI);
    expect((await run(dry, { cwd, isTTY: true, env: { FORCE_COLOR: '0' } })).stdout).not.toMatch(ANSI);
  });
});
