import { describe, expect, it } from 'vitest';
import { countBy, countValues, groupBy } from '../../src/util/collect.js';

describe('countBy and groupBy', () => {
  it('count and group by key, keys in the order first met, values in their order', () => {
    const words = ['pear', 'fig', 'plum', 'kiwi', 'date'];
    expect([...countBy(words, (word) => word.length)]).toEqual([
      [4, 4],
      [3, 1],
    ]);
    expect([...groupBy(words, (word) => word[0])]).toEqual([
      ['p', ['pear', 'plum']],
      ['f', ['fig']],
      ['k', ['kiwi']],
      ['d', ['date']],
    ]);
    expect(countBy([], (value: string) => value).size).toBe(0);
    expect([...countValues(['b', 'a', 'b'])]).toEqual([
      ['b', 2],
      ['a', 1],
    ]);
  });
});
