import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atomicWrite, writeTransaction } from '../../src/index.js';
import { createFaultPort } from '../../src/fs/fault.js';
import { nodeFs } from '../../src/fs/node.js';
import { makeProject, read, snapshot, strays } from './project.js';

describe('writeTransaction', () => {
  it('reads its own staged writes and commits everything at the end', async () => {
    const root = makeProject({ 'package.json': '{"version":"1.0.0"}\n', 'old.md': 'x' });
    const report = await writeTransaction(root, async (tx) => {
      const pkg = JSON.parse((await tx.readText('package.json')) ?? '{}') as { version: string };
      pkg.version = '2.0.0';
      tx.write('package.json', `${JSON.stringify(pkg)}\n`);
      expect(await tx.readText('package.json')).toBe('{"version":"2.0.0"}\n');
      expect(read(root, 'package.json')).toBe('{"version":"1.0.0"}\n');
      tx.write('CHANGELOG.md', '# 2.0.0\n');
      tx.delete('old.md');
      expect(await tx.exists('old.md')).toBe(false);
      await tx.rename('CHANGELOG.md', 'docs/CHANGELOG.md');
      expect(await tx.readText('docs/CHANGELOG.md')).toBe('# 2.0.0\n');
    });
    expect(report.counts).toMatchObject({ created: 1, updated: 1, deleted: 1 });
    expect(read(root, 'package.json')).toBe('{"version":"2.0.0"}\n');
    expect(read(root, 'docs/CHANGELOG.md')).toBe('# 2.0.0\n');
    expect(fs.existsSync(join(root, 'old.md'))).toBe(false);
  });

  it('renames an untouched file on disk without copying it', async () => {
    const root = makeProject({ 'a.bin': 'payload' });
    const inode = fs.statSync(join(root, 'a.bin')).ino;
    await writeTransaction(root, (tx) => tx.rename('a.bin', 'b.bin'));
    expect(fs.statSync(join(root, 'b.bin')).ino).toBe(inode);
  });

  it('writes nothing when the callback throws', async () => {
    const root = makeProject({ 'a.txt': 'old' });
    const before = snapshot(root);
    await expect(
      writeTransaction(root, (tx) => {
        tx.write('a.txt', 'new');
        tx.write('b.txt', 'new');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(snapshot(root)).toEqual(before);
    expect(strays(root)).toEqual([]);
  });

  it('refuses changes after commit and bad paths inside', async () => {
    const root = makeProject();
    let saved: { write(path: string, content: string): void } | undefined;
    await writeTransaction(root, (tx) => {
      saved = tx;
    });
    expect(() => saved?.write('late.txt', 'x')).toThrow(/already committed/);
    await expect(writeTransaction(root, (tx) => tx.write('../escape.txt', 'x'))).rejects.toMatchObject({ code: 'E_PATH_OUTSIDE_ROOT' });
  });
});

describe('atomicWrite', () => {
  it('creates, replaces and skips identical content, keeping mode', async () => {
    const root = makeProject({ 'run.sh': { mode: 0o750, content: 'old' } });
    expect(await atomicWrite(join(root, 'new.txt'), 'hello')).toMatchObject({ status: 'created', bytes: 5, fsyncs: 2 });
    expect(await atomicWrite(join(root, 'run.sh'), 'new')).toMatchObject({ status: 'updated' });
    expect(fs.statSync(join(root, 'run.sh')).mode & 0o777).toBe(0o750);
    expect(await atomicWrite(join(root, 'run.sh'), 'new')).toMatchObject({ status: 'unchanged', fsyncs: 0 });
    expect(strays(root)).toEqual([]);
  });

  it('leaves the old file and no temp when the write fails', async () => {
    const root = makeProject({ 'a.txt': 'old' });
    const port = createFaultPort(nodeFs, { rules: [{ at: 1, operations: ['fsync'], action: { kind: 'errno', errno: 'ENOSPC' } }] });
    await expect(atomicWrite(join(root, 'a.txt'), 'new content', { fs: port })).rejects.toMatchObject({ code: 'E_NO_SPACE' });
    expect(read(root, 'a.txt')).toBe('old');
    expect(strays(root)).toEqual([]);
  });

  it('writes through a symlink and refuses a directory', async () => {
    const root = makeProject({ 'real.txt': 'old', 'link.txt': { link: 'real.txt' }, dir: { link: '.' } });
    await atomicWrite(join(root, 'link.txt'), 'new');
    expect(fs.lstatSync(join(root, 'link.txt')).isSymbolicLink()).toBe(true);
    expect(read(root, 'real.txt')).toBe('new');
    fs.mkdirSync(join(root, 'folder'));
    await expect(atomicWrite(join(root, 'folder'), 'x')).rejects.toMatchObject({ code: 'E_IS_A_DIRECTORY' });
  });
});
