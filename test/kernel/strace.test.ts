/**
 * Protocol conformance from the syscalls themselves (reliability.md H6): one 20-file batch runs
 * under `strace -f`, and the order of what reached the kernel is checked: every temp file and the
 * journal fsynced, and every backup directory fsynced, before the first rename onto a target; each
 * target directory fsynced after the last such rename; the COMMIT record written (and synced) after
 * all of that, and no target touched after it.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { posix } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture20, makeTempDir, removeDir } from '../helpers/fixtures.js';
import { checkInvariants } from '../helpers/invariants.js';
import { BATCH_CHILD, runCommand } from '../helpers/process.js';

const strace = spawnSync('strace', ['-f', '-qq', '-e', 'trace=fsync', 'true']);
const capable = strace.error === undefined && strace.status === 0;
if (!capable) console.warn(`strace protocol test skipped: strace -f does not work here (${strace.error?.message ?? strace.stderr.toString().trim()})`);

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

interface Call {
  readonly name: string;
  readonly args: string;
  readonly result: string;
  /** Line of the call's entry and of its completion (they differ when another thread interleaved). */
  readonly start: number;
  readonly end: number;
  /** For calls on a file descriptor: the path it was opened with. */
  readonly fdPath?: string;
}

/** Parses `strace -f` output, joining `<unfinished ...>` / `<... resumed>` halves, tracking fd -> path. */
function parseStrace(text: string): Call[] {
  const pending = new Map<string, { head: string; start: number }>();
  const fds = new Map<number, string>();
  const calls: Call[] = [];
  text.split('\n').forEach((raw, line) => {
    const match = /^(\d+)\s+(.*)$/.exec(raw);
    if (!match) return;
    const [, pid = '', body = ''] = match;
    let full: string;
    let start = line;
    if (body.endsWith('<unfinished ...>')) {
      pending.set(pid, { head: body.slice(0, -'<unfinished ...>'.length).trimEnd(), start: line });
      return;
    }
    const resumed = /^<\.\.\. \w+ resumed>(.*)$/.exec(body);
    if (resumed) {
      const head = pending.get(pid);
      if (head === undefined) return;
      pending.delete(pid);
      full = head.head + (resumed[1] ?? '');
      start = head.start;
    } else {
      full = body;
    }
    const call = /^(\w+)\((.*)\)\s+=\s+(.*)$/.exec(full);
    if (!call) return;
    const [, name = '', args = '', result = ''] = call;
    const fd = /^(\d+)/.exec(args)?.[1];
    const fdPath = fd === undefined ? undefined : fds.get(Number(fd));
    if (name === 'openat' && /^\d+$/.test(result.trim())) fds.set(Number(result.trim()), /"([^"]*)"/.exec(args)?.[1] ?? '?');
    if (name === 'close') fds.delete(Number(fd));
    calls.push({ name, args, result, start, end: line, fdPath });
  });
  return calls;
}

const quoted = (args: string): string[] => [...args.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? '');

describe('syscall order of one batch under strace', () => {
  it.skipIf(!capable)('temps, backups dirs and journal synced before the first rename; dirs synced after the last; COMMIT last', async () => {
    const root = makeTempDir('strace');
    dirs.push(root);
    const fixture = fixture20(root);
    const job = posix.join(tmpdir(), `wopt-strace-job-${process.pid}.json`);
    const out = posix.join(tmpdir(), `wopt-strace-${process.pid}.out`);
    dirs.push(job, out);
    writeFileSync(job, JSON.stringify({ action: 'batch', root, changes: fixture.changes, options: { durability: 'full' } }));
    const traceSet = 'openat,close,write,pwrite64,fsync,fdatasync,rename,renameat,renameat2,link,linkat,unlink,unlinkat,mkdir,mkdirat';
    const run = await runCommand('strace', ['-f', '-qq', '-s', '160', '-e', `trace=${traceSet}`, '-o', out, process.execPath, BATCH_CHILD, job]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(checkInvariants(root, fixture.before, fixture.intended, { expect: 'new' }).violations).toEqual([]);

    const calls = parseStrace(readFileSync(out, 'utf8')).filter((call) => call.args.includes(root) || (call.fdPath ?? '').startsWith(root));
    const syncs = calls.filter((call) => (call.name === 'fsync' || call.name === 'fdatasync') && call.result.trim() === '0');
    const syncedBefore = (path: string, line: number): boolean => syncs.some((call) => call.fdPath === path && call.end < line);
    const syncedAfter = (path: string, line: number): boolean => syncs.some((call) => call.fdPath === path && call.start > line);

    const isTemp = (path: string): boolean => /\/\.wopt-[^/]+\.tmp$/.test(path);
    const targetRenames = calls.filter((call) => call.name.startsWith('rename') && isTemp(quoted(call.args)[0] ?? ''));
    expect(targetRenames.length).toBe(16); // 15 writes and the rename's destination; deletes are unlinks
    const firstRename = Math.min(...targetRenames.map((call) => call.start));
    const lastRename = Math.max(...targetRenames.map((call) => call.end));

    const problems: string[] = [];
    const temps = calls.filter((call) => call.name === 'openat' && isTemp(quoted(call.args)[0] ?? '')).map((call) => quoted(call.args)[0] as string);
    expect(temps.length).toBe(15); // the rename's destination is a hard link, not a written temp
    for (const temp of temps) if (!syncedBefore(temp, firstRename)) problems.push(`temp ${posix.relative(root, temp)} not fsynced before the first rename`);

    const journalOpen = calls.find((call) => call.name === 'openat' && /\/\.wopt\/txn\/[^/]+\/journal"/.test(call.args));
    const journal = quoted(journalOpen?.args ?? '')[0] ?? '';
    expect(journal).not.toBe('');
    if (!syncedBefore(journal, firstRename)) problems.push('journal not synced before the first rename');

    const backups = calls.filter((call) => call.name.startsWith('link') && /\.wopt-[^/]+\.bak"/.test(call.args)).map((call) => quoted(call.args)[1] as string);
    expect(backups.length).toBe(12); // 7 updates, 4 deletes, the rename's source
    for (const dir of new Set(backups.map((path) => posix.dirname(path)))) {
      if (!syncedBefore(dir, firstRename)) problems.push(`backup directory ${posix.relative(root, dir) || '.'} not fsynced before the first rename`);
    }

    const targetDirs = new Set(fixture.changes.flatMap((change) => ('from' in change ? [change.from, change.to] : [change.path])).map((path) => posix.dirname(posix.join(root, path))));
    for (const dir of targetDirs) if (!syncedAfter(dir, lastRename)) problems.push(`target directory ${posix.relative(root, dir)} not fsynced after the last rename`);
    const lastTargetChange = Math.max(lastRename, ...calls.filter((call) => call.name.startsWith('unlink') && fixture.changes.some((change) => 'delete' in change && call.args.includes(`${root}/${change.path}"`))).map((call) => call.end));

    const commit = calls.find((call) => (call.name === 'write' || call.name === 'pwrite64') && call.fdPath === journal && call.args.includes('\\"type\\":\\"COMMIT\\"'));
    expect(commit, 'no COMMIT write on the journal').toBeDefined();
    const commitLine = commit?.start ?? 0;
    if (commitLine < lastTargetChange) problems.push('COMMIT written before the last rename or unlink of a target');
    for (const dir of targetDirs) {
      if (!syncs.some((call) => call.fdPath === dir && call.start > lastRename && call.end < commitLine)) problems.push(`target directory ${posix.relative(root, dir)} synced only after COMMIT`);
    }
    if (!syncedAfter(journal, commitLine)) problems.push('COMMIT record never synced');
    const lateTargetOps = calls.filter(
      (call) => call.start > commitLine && (call.name.startsWith('rename') || call.name.startsWith('unlink')) && targetDirs.has(posix.dirname(quoted(call.args).at(-1) ?? '')) && !/\.wopt-/.test(quoted(call.args).at(-1) ?? ''),
    );
    for (const call of lateTargetOps) problems.push(`target changed after COMMIT: ${call.name}(${call.args})`);
    expect(problems).toEqual([]);
    console.info(`strace: ${temps.length} temps, ${backups.length} backups, ${targetRenames.length} target renames, ${syncs.length} syncs on the project; order as the protocol says`);
  });
});
