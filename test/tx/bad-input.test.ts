/**
 * reliability.md rows 15–23, 26, 35–37: every bad input is refused before any write, with an error
 * that names it, and nothing on disk changes.
 */
import * as fs from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/index.js';
import { batchWrite, recover } from '../../src/index.js';
import { createFaultPort } from '../../src/fs/fault.js';
import { nodeFs } from '../../src/fs/node.js';
import { makeProject, snapshot, strays } from './project.js';

async function expectRefused(root: string, changes: unknown, code: string, message?: RegExp): Promise<void> {
  const before = snapshot(root);
  const attempt = batchWrite(changes as Change[], { root });
  await expect(attempt).rejects.toMatchObject({ code });
  if (message) await expect(attempt).rejects.toThrow(message);
  expect(snapshot(root)).toEqual(before);
  expect(strays(root)).toEqual([]);
}

describe('bad input is refused before any write', () => {
  it('row 15: a symlink whose target is outside the root', async () => {
    const outside = fs.mkdtempSync(join(tmpdir(), 'wopt-outside-'));
    fs.writeFileSync(join(outside, 'outside.txt'), 'precious');
    const root = makeProject({ 'ok.txt': 'ok', 'src/gen.ts': { link: join(outside, 'outside.txt') } });
    await expectRefused(root, [{ path: 'ok.txt', content: 'changed' }, { path: 'src/gen.ts', content: 'evil' }], 'E_PATH_OUTSIDE_ROOT', /src\/gen\.ts.*symlink/);
    expect(fs.readFileSync(join(outside, 'outside.txt'), 'utf8')).toBe('precious');
    fs.rmSync(outside, { recursive: true });
  });

  it('row 17: a symlinked parent directory escaping the root', async () => {
    const outside = fs.mkdtempSync(join(tmpdir(), 'wopt-outside-'));
    const root = makeProject({ out: { link: outside } });
    await expectRefused(root, [{ path: 'out/x.ts', content: 'x' }], 'E_PATH_OUTSIDE_ROOT');
    expect(fs.readdirSync(outside)).toEqual([]);
    fs.rmSync(outside, { recursive: true });
  });

  it('row 17: a parent swapped for an escaping symlink between plan and apply aborts; nothing goes through the link', async () => {
    const outside = fs.mkdtempSync(join(tmpdir(), 'wopt-outside-'));
    const root = makeProject({ 'out/x.ts': 'old', 'keep.txt': 'old' });
    const before = snapshot(root);
    const port = createFaultPort(nodeFs, {
      rules: [
        {
          at: 1,
          operations: ['fdatasync'], // the PREPARED record: staging is done, renames are next
          action: {
            kind: 'hook',
            run: () => {
              fs.renameSync(join(root, 'out'), join(root, 'out-moved'));
              fs.symlinkSync(outside, join(root, 'out'));
            },
          },
        },
      ],
    });
    const attempt = batchWrite([{ path: 'keep.txt', content: 'new' }, { path: 'out/x.ts', content: 'new' }], { root, fs: port });
    // Rolling back through the swapped directory could write outside the root, so wopt leaves it and says so.
    await expect(attempt).rejects.toMatchObject({ code: 'E_RECOVERY_NEEDED', cause: { code: 'E_PATH_CHANGED' } });
    await expect(attempt).rejects.toThrow(/directory of "out\/x.ts" changed/);
    expect(fs.readdirSync(outside)).toEqual([]);
    expect(fs.readFileSync(join(root, 'keep.txt'), 'utf8')).toBe('old');
    await expect(recover(root)).rejects.toMatchObject({ code: 'E_RECOVERY_NEEDED' });
    fs.rmSync(join(root, 'out'));
    fs.renameSync(join(root, 'out-moved'), join(root, 'out'));
    await recover(root);
    expect(snapshot(root)).toEqual(before);
    expect(strays(root)).toEqual([]);
    fs.rmSync(outside, { recursive: true });
  });

  it.each([
    ['../x', 'E_PATH_OUTSIDE_ROOT'],
    ['a/../../x', 'E_PATH_OUTSIDE_ROOT'],
    ['a/./../../x', 'E_PATH_OUTSIDE_ROOT'],
    ['..\\x', 'E_PATH_INVALID'],
    ['a/\u0000b', 'E_PATH_INVALID'],
    ['/etc/passwd', 'E_PATH_OUTSIDE_ROOT'],
    ['C:\\x', 'E_PATH_INVALID'],
    ['\\\\?\\C:\\x', 'E_PATH_INVALID'],
    ['file:///etc/x', 'E_PATH_INVALID'],
    ['.wopt/journal', 'E_PATH_RESERVED'],
  ])('rows 18–19: %j', async (path, code) => {
    const root = makeProject({ 'a.txt': 'old' });
    await expectRefused(root, [{ path: 'a.txt', content: 'new' }, { path, content: 'x' }], code);
  });

  it('rows 18–19: an absolute path inside the root is accepted', async () => {
    const root = makeProject();
    await batchWrite([{ path: join(fs.realpathSync(root), 'in.txt'), content: 'x' }], { root });
    expect(fs.readFileSync(join(root, 'in.txt'), 'utf8')).toBe('x');
  });

  it('row 20: over-long names and paths', async () => {
    const root = makeProject({ 'a.txt': 'old' });
    await expectRefused(root, [{ path: 'a.txt', content: 'new' }, { path: `${'x'.repeat(256)}`, content: 'x' }], 'E_NAME_TOO_LONG');
    await expectRefused(root, [{ path: 'a.txt', content: 'new' }, { path: `${'d/'.repeat(2100)}x`, content: 'x' }], 'E_NAME_TOO_LONG');
  });

  it('row 20: Windows-reserved names are written with a warning', async () => {
    const root = makeProject();
    const report = await batchWrite([{ path: 'aux.ts', content: 'x' }], { root });
    expect(report.warnings.join()).toMatch(/reserved name on Windows/);
  });

  it('row 21: case and Unicode collisions within the batch and with an existing file', async () => {
    const root = makeProject({ 'src/Existing.ts': 'x' });
    await expectRefused(root, [{ path: 'src/Foo.ts', content: '1' }, { path: 'src/foo.ts', content: '2' }], 'E_PATH_COLLISION', /"src\/Foo.ts" and "src\/foo.ts"/);
    await expectRefused(root, [{ path: 'caf\u00e9.ts', content: '1' }, { path: 'cafe\u0301.ts', content: '2' }], 'E_PATH_COLLISION');
    await expectRefused(root, [{ path: 'src/existing.ts', content: '2' }], 'E_PATH_COLLISION', /src\/Existing.ts/);
  });

  it('row 23: aliases of one file (symlink alias and hard links) are refused', async () => {
    const root = makeProject({ 'real.txt': 'old', 'alias.txt': { link: 'real.txt' } });
    await expectRefused(root, [{ path: 'real.txt', content: '1' }, { path: 'alias.txt', content: '2' }], 'E_PATH_COLLISION');
    fs.linkSync(join(root, 'real.txt'), join(root, 'hard.txt'));
    await expectRefused(root, [{ path: 'real.txt', content: '1' }, { path: 'hard.txt', content: '2' }], 'E_PATH_COLLISION', /hard links/);
  });

  it('row 22: the same file named twice through ./ segments coalesces to one write', async () => {
    const root = makeProject();
    const report = await batchWrite([{ path: 'a/b.txt', content: '1' }, { path: 'a/./b.txt', content: '2' }, { path: 'a//b.txt', content: '3' }], { root });
    expect(report.counts).toMatchObject({ created: 1, skipped: 2 });
    expect(fs.readFileSync(join(root, 'a/b.txt'), 'utf8')).toBe('3');
  });

  it.each([
    [null, 'E_INVALID_INPUT'],
    ['a.txt', 'E_INVALID_INPUT'],
    [[null], 'E_INVALID_INPUT'],
    [[{ path: 'a.txt' }], 'E_INVALID_INPUT'],
    [[{ path: 'a.txt', content: 42 }], 'E_INVALID_INPUT'],
    [[{ path: 'a.txt', content: null }], 'E_INVALID_INPUT'],
    [[{ path: 'a.txt', contents: 'x' }], 'E_INVALID_INPUT'],
    [[{ path: 'a.txt', delete: 'yes' }], 'E_INVALID_INPUT'],
    [[{ path: 'a.txt', content: 'x', delete: true }], 'E_INVALID_INPUT'],
    [[{ path: 42, content: 'x' }], 'E_INVALID_INPUT'],
    [[{ from: 'a.txt' }], 'E_INVALID_INPUT'],
    [[{ path: 'a.txt', content: 'x', mode: '0644' }], 'E_INVALID_INPUT'],
    [[{ from: 'missing.txt', to: 'b.txt' }], 'E_NOT_FOUND'],
  ])('wrong types: %j', async (changes, code) => {
    const root = makeProject({ 'a.txt': 'old' });
    await expectRefused(root, changes, code);
  });

  it('suggests the right key for a typo', async () => {
    const root = makeProject();
    await expect(batchWrite([{ path: 'a.txt', contents: 'x' } as never], { root })).rejects.toThrow(/did you mean "content"/);
  });

  it('row 26: a string with a lone surrogate is refused; binary bytes are written exactly', async () => {
    const root = makeProject({ 'a.txt': 'old' });
    await expectRefused(root, [{ path: 'a.txt', content: 'new' }, { path: 'b.txt', content: 'bad \uD800 text' }], 'E_CONTENT_INVALID', /lone surrogate/);
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x00, 0x80]);
    await batchWrite([{ path: 'bin', content: bytes }], { root });
    expect(fs.readFileSync(join(root, 'bin'))).toEqual(bytes);
  });

  it('row 36: a parent that is a file, and a target that is a directory', async () => {
    const root = makeProject({ src: 'i am a file', 'dir/inner.txt': 'x' });
    await expectRefused(root, [{ path: 'src/a.ts', content: 'x' }], 'E_NOT_A_DIRECTORY', /"src" is a file/);
    await expectRefused(root, [{ path: 'dir', content: 'x' }], 'E_IS_A_DIRECTORY');
    await expectRefused(root, [{ path: 'src/deeper/a.ts', content: 'x' }], 'E_NOT_A_DIRECTORY');
  });

  it('row 37: empty content and unusual names round-trip', async () => {
    const root = makeProject();
    const names = ['with space.ts', '[x].ts', 'emoji 🎉.ts', 'new\nline.ts', 'quote"s.ts', "it's.ts"];
    await batchWrite(names.map((path) => ({ path, content: '' })), { root });
    expect(fs.readdirSync(root).filter((n) => n !== '.wopt').sort()).toEqual([...names].sort());
    await batchWrite(names.map((path) => ({ path, content: path })), { root });
    for (const name of names) expect(fs.readFileSync(join(root, name), 'utf8')).toBe(name);
  });
});

describe('row 35: a tampered journal', () => {
  /** Leaves a pending transaction behind by making every operation after the k-th fail (a frozen process). */
  async function crashMidBatch(root: string): Promise<string> {
    const port = createFaultPort(nodeFs, {
      rules: [{ at: 1, operations: ['rename'], action: { kind: 'freeze' } }],
      identity: { pid: process.pid, startTime: 'a process that died', host: hostname() },
    });
    await expect(batchWrite([{ path: 'a.txt', content: 'new a' }, { path: 'b.txt', content: 'new b' }], { root, fs: port })).rejects.toMatchObject({ code: 'E_RECOVERY_NEEDED' });
    const [txid] = fs.readdirSync(join(root, '.wopt/txn'));
    return join(root, '.wopt/txn', txid as string, 'journal');
  }

  it('ignores a torn last record', async () => {
    const root = makeProject({ 'a.txt': 'old a', 'b.txt': 'old b' });
    const before = snapshot(root);
    const journal = await crashMidBatch(root);
    fs.appendFileSync(journal, '0123456789abcdef {"type":"COMM');
    await recover(root);
    expect(snapshot(root)).toEqual(before);
    expect(strays(root)).toEqual([]);
  });

  it('a COMMIT record missing only its newline did not happen: recovery rolls back', async () => {
    const root = makeProject({ 'a.txt': 'old a', 'b.txt': 'old b' });
    const before = snapshot(root);
    const journal = await crashMidBatch(root);
    // A whole COMMIT record but for its newline, as an append cut short would leave it.
    const { encodeRecord } = await import('../../src/tx/journal.js');
    fs.appendFileSync(journal, encodeRecord({ type: 'COMMIT' }).trimEnd());
    await recover(root);
    expect(snapshot(root)).toEqual(before);
    expect(strays(root)).toEqual([]);
  });

  it('a record voided by a TORN marker is skipped, even when it reads as valid', async () => {
    const { encodeRecord, parseJournal } = await import('../../src/tx/journal.js');
    const begin = encodeRecord({ type: 'BEGIN', txid: 't', root: '/r', time: 'now', durability: 'full', keep: false });
    const text = `${begin}${encodeRecord({ type: 'COMMIT' }).trimEnd()}\n${encodeRecord({ type: 'TORN' })}${encodeRecord({ type: 'ROLLEDBACK' })}`;
    expect(parseJournal(text, 'j')?.outcome).toBe('rolled-back');
    const crashedBeforeRollback = `${begin}${encodeRecord({ type: 'COMMIT' }).trimEnd()}\n${encodeRecord({ type: 'TORN' })}`;
    expect(parseJournal(crashedBeforeRollback, 'j')?.outcome).toBe('pending');
  });

  it('with .wopt/ deleted after a crash, status --scan finds the orphaned temps and backups and deletes nothing', async () => {
    const root = makeProject({ 'a.txt': 'old a', 'b.txt': 'old b' });
    await crashMidBatch(root);
    fs.rmSync(join(root, '.wopt'), { recursive: true });
    const before = snapshot(root);
    const { status } = await import('../../src/index.js');
    const found = await status(root, { scan: true });
    expect(found.strays?.map((stray) => [stray.kind, stray.journaled]).sort()).toEqual([
      ['backup', false],
      ['backup', false],
      ['temp', false],
      ['temp', false],
    ]);
    const backup = found.strays?.find((stray) => stray.kind === 'backup');
    expect(['old a', 'old b']).toContain(fs.readFileSync(join(root, backup?.path ?? ''), 'utf8'));
    expect(snapshot(root)).toEqual(before);
  });

  it('stops on a damaged middle record, touching nothing and keeping the backups', async () => {
    const root = makeProject({ 'a.txt': 'old a', 'b.txt': 'old b' });
    const journal = await crashMidBatch(root);
    const lines = fs.readFileSync(journal, 'utf8').split('\n');
    lines[1] = (lines[1] ?? '').replace('"ENTRY"', '"ENTRX"');
    fs.writeFileSync(journal, lines.join('\n'));
    const before = snapshot(root);
    // Everything wopt keeps for recovery; the dead holder's lock is not data and may be taken over.
    const kept = (): string[] => (fs.readdirSync(join(root, '.wopt'), { recursive: true }) as string[]).filter((name) => !name.startsWith('lock')).sort();
    const keptBefore = kept();
    expect(keptBefore.some((name) => name.endsWith('.bak') || name.endsWith('journal'))).toBe(true);
    await expect(recover(root)).rejects.toMatchObject({ code: 'E_JOURNAL_CORRUPT' });
    await expect(recover(root)).rejects.toThrow(/line 2/);
    expect(snapshot(root)).toEqual(before);
    expect(kept()).toEqual(keptBefore);
    await expect(batchWrite([{ path: 'c.txt', content: 'c' }], { root })).rejects.toMatchObject({ code: 'E_JOURNAL_CORRUPT' });
  });
});
