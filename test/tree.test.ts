import { describe, expect, it } from 'vitest';
import { createTestTree } from '../src/testing/index.js';

describe('Tree', () => {
  it('records changes as data and dumps them', async () => {
    const tree = createTestTree({ 'src/a.ts': 'a', 'src/b.ts': 'b', 'src/c.ts': 'c' });
    tree.write('src/a.ts', 'a'); // no-op
    tree.write('src/new.ts', 'first');
    tree.write('src/new.ts', 'second'); // coalesced
    tree.write('src/b.ts', 'B');
    tree.delete('src/c.ts');
    tree.delete('src/missing.ts'); // nothing to delete
    expect(await tree.changes()).toEqual([
      { kind: 'create', path: 'src/new.ts', content: Buffer.from('second') },
      { kind: 'update', path: 'src/b.ts', content: Buffer.from('B') },
      { kind: 'delete', path: 'src/c.ts' },
    ]);
    expect(await tree.dump()).toMatchInlineSnapshot(`
      {
        "src/b.ts": "B",
        "src/c.ts": null,
        "src/new.ts": "second",
      }
    `);
  });

  it('reads through its staged state', async () => {
    const tree = createTestTree({ 'a.txt': 'base' });
    expect(await tree.readText('a.txt')).toBe('base');
    tree.write('a.txt', 'staged');
    expect(await tree.readText('a.txt')).toBe('staged');
    tree.delete('a.txt');
    expect(await tree.exists('a.txt')).toBe(false);
    tree.write('a.txt', 'again');
    expect(await tree.readText('./a.txt')).toBe('again');
  });

  it('keeps a rename of an untouched file as a rename, and a staged one as delete + write', async () => {
    const tree = createTestTree({ 'a.txt': 'A', 'b.txt': 'B' });
    await tree.rename('a.txt', 'moved/a.txt');
    tree.write('b.txt', 'B2');
    await tree.rename('b.txt', 'moved/b.txt');
    expect(await tree.changes()).toEqual([
      { kind: 'rename', from: 'a.txt', path: 'moved/a.txt' },
      { kind: 'delete', path: 'b.txt' },
      { kind: 'create', path: 'moved/b.txt', content: Buffer.from('B2') },
    ]);
    expect(await tree.readText('moved/a.txt')).toBe('A');
    await expect(tree.rename('nope.txt', 'x.txt')).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
  });

  it('validates paths and content', () => {
    const tree = createTestTree();
    expect(() => tree.write('../x', 'x')).toThrow(/climbs out/);
    expect(() => tree.write('x', 42 as never)).toThrow(/string or bytes/);
  });
});
