import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFaultPort, parseFaultSpec } from '../../src/fs/fault.js';
import { nodeFs } from '../../src/fs/node.js';
import { cleanUp, hashTree, jsonl, project, read, run } from './helpers.js';

afterEach(cleanUp);

const OLD = { 'a.txt': 'old a\n', 'b.txt': 'old b\n' };
const BATCH = jsonl([
  { path: 'a.txt', content: 'new a\n' },
  { path: 'b.txt', content: 'new b\n' },
  { path: 'dir/c.txt', content: 'new c\n' },
]);

/** A project where a batch died mid-apply and could not even roll back: what a crash leaves. */
async function crashedProject(): Promise<{ dir: string; before: string }> {
  const dir = project({ ...OLD, 'm.jsonl': BATCH });
  const before = hashTree(dir, { exclude: ['.wopt'] });
  // From the second rename on, every rename fails: the apply stops after one file is replaced, and
  // the rollback cannot put the backup back either. Only the lock (created by link, removed by
  // unlink) is released, as it would be by its holder dying.
  const fs = createFaultPort(nodeFs, { rules: [{ at: 2, persist: true, operations: ['rename'], action: { kind: 'errno', errno: 'EIO' } }] });
  const result = await run(['write', 'm.jsonl', '--concurrency', '1'], { cwd: dir, fs });
  expect(result.code).toBe(4);
  expect(result.stderr).toMatch(/^wopt: An unfinished transaction .* could not be recovered: .*\[E_RECOVERY_NEEDED\]\n$/);
  expect(read(dir, 'a.txt')).toBe('new a\n');
  return { dir, before };
}

describe('status and recover after a crash', () => {
  it('status exits 4 and points at recover; recover restores every file; status is clean again', async () => {
    const { dir, before } = await crashedProject();

    const pending = await run(['status'], { cwd: dir });
    expect(pending.code).toBe(4);
    expect(pending.stdout).toMatch(/^pending: 1 unfinished transaction; run `wopt recover` to roll back$/m);
    expect(pending.stdout).toMatch(/^ {4}\d{8}-\d{9}-[0-9a-f]{8} .* 3 files: a\.txt, b\.txt, dir\/c\.txt/m);

    const json = await run(['status', '--json'], { cwd: dir });
    expect(json.code).toBe(4);
    expect(JSON.parse(json.stdout)).toMatchObject({ pending: [{ files: ['a.txt', 'b.txt', 'dir/c.txt'] }], damaged: [] });

    const recovered = await run(['recover'], { cwd: dir });
    expect(recovered.stderr).toBe('');
    expect(recovered.code).toBe(0);
    expect(recovered.stdout).toMatch(/^rolled back transaction \d{8}-\d{9}-[0-9a-f]{8} \(3 files\): it had not committed/);
    expect(hashTree(dir, { exclude: ['.wopt'] })).toBe(before);
    expect(read(dir, 'a.txt')).toBe('old a\n');

    const again = await run(['recover'], { cwd: dir });
    expect(again).toMatchObject({ code: 0, stdout: `nothing to recover in ${dir}\n` });
    const clean = await run(['status'], { cwd: dir });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('pending: none\n');
  });

  it('recover --json prints the recovery report; --root works from elsewhere and hints at it', async () => {
    const { dir } = await crashedProject();
    const elsewhere = project();
    const status = await run(['status', '--root', dir], { cwd: elsewhere });
    expect(status.stdout).toContain(`run \`wopt recover --root ${JSON.stringify(dir)}\``);
    const result = await run(['recover', '--json', '--root', dir], { cwd: elsewhere });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ transactions: [{ outcome: 'rolled-back', files: 3 }], conflicts: [] });
  });

  it('a later write recovers first, and says so on stderr', async () => {
    const { dir } = await crashedProject();
    writeFileSync(join(dir, 'm2.json'), JSON.stringify([{ path: 'z.txt', content: 'z' }]));
    const result = await run(['write', 'm2.json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^wopt: before this batch, rolled back transaction /);
    expect(read(dir, 'a.txt')).toBe('old a\n');
    expect(read(dir, 'z.txt')).toBe('z');
  });

  it('reports a damaged journal: status and recover exit 4, nothing changes', async () => {
    const dir = project(OLD);
    const txdir = join(dir, '.wopt/txn/20261125-120000000-0badc0de');
    mkdirSync(txdir, { recursive: true });
    writeFileSync(join(txdir, 'journal'), 'this is not a journal\nnor is this\n');
    const before = hashTree(dir);
    const status = await run(['status'], { cwd: dir });
    expect(status.code).toBe(4);
    expect(status.stdout).toMatch(/^damaged: 1 journal; recovery stops on them/m);
    const recover = await run(['recover'], { cwd: dir });
    expect(recover.code).toBe(4);
    expect(recover.stderr).toMatch(/\[E_JOURNAL_CORRUPT\]\n$/);
    expect(hashTree(dir, { exclude: ['.wopt/lock'] })).toBe(before);
  });

  it('status --scan reports the temps and backups of a journal that was deleted, and deletes nothing', async () => {
    const { dir } = await crashedProject();
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, '.wopt'), { recursive: true });
    const after = hashTree(dir);
    const clean = await run(['status'], { cwd: dir });
    expect(clean.code).toBe(0);
    const scanned = await run(['status', '--scan'], { cwd: dir });
    expect(scanned.code).toBe(4);
    expect(scanned.stdout).toMatch(/^strays: \d+ files? of transactions whose journal is gone/m);
    expect(scanned.stdout).toMatch(/^ {4}backup {2}\.wopt-\d{8}-\d{9}-[0-9a-f]{8}-0\.bak {2}\(transaction /m);
    expect(hashTree(dir)).toBe(after);
  });

  it('status shows a stale lock left by a dead process without failing', async () => {
    const dir = project();
    mkdirSync(join(dir, '.wopt'));
    // pid 2^22 + 1 is above Linux's pid_max, so no such process can be alive.
    const record = { pid: 4194305, startTime: '1', host: (await nodeFs.self()).host, txid: undefined, since: '2026-01-01T00:00:00.000Z', command: 'wopt write m.json' };
    writeFileSync(join(dir, '.wopt/lock'), JSON.stringify(record));
    const result = await run(['status'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^lock: stale, left by pid 4194305 .* running "wopt write m.json", which is gone/m);
  });
});

describe('exit codes of a failed batch', () => {
  it('exits 3 when the batch failed while being applied and was rolled back', async () => {
    const dir = project({ ...OLD, 'm.jsonl': BATCH });
    const before = hashTree(dir, { exclude: ['.wopt'] });
    const fs = createFaultPort(nodeFs, { rules: parseFaultSpec('errno@2:EIO;op=rename') });
    const result = await run(['write', 'm.jsonl', '--concurrency', '1'], { cwd: dir, fs });
    expect(result.stderr).toMatch(/^wopt: replacing "b\.txt" failed: the device reported an I\/O error.*\(EIO\)\. \[E_IO\]\n$/);
    expect(result.code).toBe(3);
    expect(hashTree(dir, { exclude: ['.wopt'] })).toBe(before);
    expect((await run(['status'], { cwd: dir })).code).toBe(0);
  });

  it('exits 1 when the failure came before anything was written', async () => {
    const dir = project({ ...OLD, 'm.jsonl': BATCH });
    const before = hashTree(dir, { exclude: ['.wopt'] });
    const fs = createFaultPort(nodeFs, { rules: [{ at: 1, operations: ['statfs'], action: { kind: 'errno', errno: 'EACCES' } }] });
    const result = await run(['write', 'm.jsonl'], { cwd: dir, fs });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('[E_PERMISSION]');
    expect(hashTree(dir, { exclude: ['.wopt'] })).toBe(before);
  });

  it('exits 130 when interrupted mid-batch, with every file restored', async () => {
    const dir = project({ ...OLD, 'm.jsonl': BATCH });
    const before = hashTree(dir, { exclude: ['.wopt'] });
    const controller = new AbortController();
    const fs = createFaultPort(nodeFs, { rules: [{ at: 1, operations: ['rename'], action: { kind: 'hook', run: () => controller.abort() } }] });
    const result = await run(['write', 'm.jsonl', '--concurrency', '1'], { cwd: dir, fs, signal: controller.signal });
    expect(result.stderr).toMatch(/\[E_ABORTED\]\n$/);
    expect(result.code).toBe(130);
    expect(hashTree(dir, { exclude: ['.wopt'] })).toBe(before);
    expect((await run(['status'], { cwd: dir })).code).toBe(0);
  });

  it('exits 130 when interrupted while reading the manifest from stdin', async () => {
    const dir = project();
    const controller = new AbortController();
    // A producer that never finishes, as when the generator piping into wopt hangs.
    const stdin = (async function* () {
      yield Buffer.from('{"path":"a.txt","content":"x"}\n');
      controller.abort();
      await new Promise(() => undefined);
    })();
    let stderr = '';
    const { main } = await import('../../src/cli/main.js');
    const code = await main({ argv: ['write', '-'], cwd: dir, env: {}, stdin, stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text) }, signal: controller.signal });
    expect(code).toBe(130);
    expect(stderr).toMatch(/^wopt: Interrupted while reading the manifest; nothing was written\. \[E_ABORTED\]\n$/);
    expect(existsSync(join(dir, 'a.txt'))).toBe(false);
  });
});

describe('wopt undo', () => {
  it('restores the files of the newest kept transaction; --dry-run changes nothing', async () => {
    const dir = project({ ...OLD, 'm.jsonl': BATCH });
    const before = hashTree(dir, { exclude: ['.wopt'] });
    const written = await run(['write', 'm.jsonl', '--json'], { cwd: dir });
    expect(written.code).toBe(0);
    const { txid } = JSON.parse(written.stdout) as { txid: string };

    const kept = await run(['status'], { cwd: dir });
    expect(kept.stdout).toMatch(new RegExp(`^kept for undo: 1 transaction;.*\\n {4}${txid} `, 'm'));

    const afterWrite = hashTree(dir, { exclude: ['.wopt'] });
    const dry = await run(['undo', '--dry-run'], { cwd: dir });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(new RegExp(`^dry run: would undo transaction ${txid}, restoring 3 files \\(created 0, updated 2, deleted 1, unchanged 0\\)`));
    expect(hashTree(dir, { exclude: ['.wopt'] })).toBe(afterWrite);

    const undone = await run(['undo'], { cwd: dir });
    expect(undone.stderr).toBe('');
    expect(undone.code).toBe(0);
    expect(undone.stdout).toMatch(new RegExp(`^undid transaction ${txid}: restored 3 files in \\d+ ms`));
    expect(hashTree(dir, { exclude: ['.wopt'] })).toBe(before);

    const nothing = await run(['undo'], { cwd: dir });
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toMatch(/^wopt: No kept transaction to undo .*\[E_NOTHING_TO_UNDO\]\n$/);
  });

  it('undoes a named transaction with --json, and refuses one whose files changed since', async () => {
    const dir = project({ ...OLD, 'm.jsonl': BATCH });
    const { txid } = JSON.parse((await run(['write', 'm.jsonl', '--json'], { cwd: dir })).stdout) as { txid: string };
    writeFileSync(join(dir, 'a.txt'), 'edited by hand\n');
    const refused = await run(['undo', txid], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^wopt: Cannot undo transaction .*"a.txt".*\[E_CONFLICT\]\n$/);
    expect(read(dir, 'a.txt')).toBe('edited by hand\n');

    writeFileSync(join(dir, 'a.txt'), 'new a\n');
    const result = await run(['undo', txid, '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ undone: txid, counts: { updated: 2, deleted: 1 } });
    expect(read(dir, 'a.txt')).toBe('old a\n');
  });
});
