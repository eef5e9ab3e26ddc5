import { describe, expect, it } from 'vitest';
import { escapeRegExp } from '../../src/util/text.js';

describe('escapeRegExp', () => {
  it('makes a pattern that matches the text as it is, its special characters included', () => {
    const text = 'a.b*c+d?e^f${g}(h)|[i]\\j';
    expect(new RegExp(`^${escapeRegExp(text)}$`).test(text)).toBe(true);
    expect(new RegExp(escapeRegExp('a.b')).test('axb')).toBe(false);
  });
});
