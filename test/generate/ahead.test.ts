import { describe, expect, it } from 'vitest';
import { mapAhead } from '../../src/generate/ahead.js';
import { paramsFromFile, coerceParam } from '../../src/generate/index.js';
import { nodeFs } from '../../src/fs/node.js';
import { tempProject, writeFiles } from './helpers.js';

describe('mapAhead', () => {
  it('keeps input order, runs at most `limit` at once and reads the source no further ahead', async () => {
    let running = 0;
    let maxRunning = 0;
    let pulled = 0;
    const seen: number[] = [];
    function* source() {
      for (let i = 0; i < 20; i++) {
        pulled += 1;
        yield i;
      }
    }
    const out: number[] = [];
    for await (const value of mapAhead(source(), 4, async (item) => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((resolve) => setTimeout(resolve, (20 - item) % 5));
      running -= 1;
      return item * 10;
    })) {
      out.push(value);
      seen.push(pulled - out.length);
    }
    expect(out).toEqual(Array.from({ length: 20 }, (_, i) => i * 10));
    expect(maxRunning).toBe(4);
    expect(Math.max(...seen)).toBeLessThanOrEqual(3);
  });

  it('throws the first failure in input order', async () => {
    const run = async () => {
      for await (const _ of mapAhead([1, 2, 3], 3, async (item) => {
        if (item >= 2) throw new Error(`bad ${item}`);
        return item;
      }));
    };
    await expect(run()).rejects.toThrow('bad 2');
  });
});

describe('params input', () => {
  it('reads JSON Lines lazily and names items by line', async () => {
    const root = tempProject();
    writeFiles(root, { 'p.jsonl': '{"name":"a"}\n\n{"name":"b"}\nnot json\n' });
    const { items, label } = paramsFromFile(nodeFs, `${root}/p.jsonl`, 'p.jsonl');
    const got: unknown[] = [];
    await expect(
      (async () => {
        for await (const item of items) got.push(item);
      })(),
    ).rejects.toThrow(/Params file "p.jsonl" line 4: not valid JSON/);
    expect(got).toEqual([{ name: 'a' }, { name: 'b' }]);
    expect(label(1)).toBe('p.jsonl line 3');
  });

  it('types --set strings by the manifest', () => {
    expect(coerceParam('n', { type: 'number' }, '3')).toBe(3);
    expect(coerceParam('b', { type: 'boolean' }, 'yes')).toBe(true);
    expect(coerceParam('l', { type: 'string[]' }, 'a, b')).toEqual(['a', 'b']);
    expect(() => coerceParam('n', { type: 'number' }, 'x')).toThrow(/"n" is a number/);
  });
});
