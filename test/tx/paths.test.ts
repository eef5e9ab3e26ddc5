import { describe, expect, it } from 'vitest';
import { isWoptError } from '../../src/errors.js';
import { findCollisions, normalizePath, portabilityWarnings } from '../../src/tx/paths.js';

const root = '/project';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return isWoptError(error) ? error.code : `not a WoptError: ${String(error)}`;
  }
  return undefined;
};

describe('normalizePath', () => {
  it('normalizes relative paths', () => {
    expect(normalizePath('src/a.ts', root)).toBe('src/a.ts');
    expect(normalizePath('src/./b//a.ts', root)).toBe('src/b/a.ts');
    expect(normalizePath('src/x/../a.ts', root)).toBe('src/a.ts');
    expect(normalizePath('/project/src/a.ts', root)).toBe('src/a.ts');
    expect(normalizePath('dir/', root)).toBe('dir');
    expect(normalizePath('[x] é 🎉.ts', root)).toBe('[x] é 🎉.ts');
  });

  it.each([
    ['../x', 'E_PATH_OUTSIDE_ROOT'],
    ['a/../../x', 'E_PATH_OUTSIDE_ROOT'],
    ['a/./../../x', 'E_PATH_OUTSIDE_ROOT'],
    ['..\\x', 'E_PATH_INVALID'],
    ['a/\u0000b', 'E_PATH_INVALID'],
    ['/etc/passwd', 'E_PATH_OUTSIDE_ROOT'],
    ['/project', 'E_PATH_OUTSIDE_ROOT'],
    ['/projectx/a', 'E_PATH_OUTSIDE_ROOT'],
    ['C:\\x', 'E_PATH_INVALID'],
    ['C:/x', 'E_PATH_OUTSIDE_ROOT'],
    ['\\\\?\\C:\\x', 'E_PATH_INVALID'],
    ['file:///etc/x', 'E_PATH_INVALID'],
    ['', 'E_PATH_INVALID'],
    ['.', 'E_PATH_INVALID'],
    ['a/..', 'E_PATH_INVALID'],
    ['.wopt/lock', 'E_PATH_RESERVED'],
    ['x/../.wopt/txn', 'E_PATH_RESERVED'],
    ['bad\uD800name', 'E_PATH_INVALID'],
    [`${'n'.repeat(256)}.ts`, 'E_NAME_TOO_LONG'],
    [`${'dir/'.repeat(1100)}a`, 'E_NAME_TOO_LONG'],
  ])('refuses %j with %s', (raw, code) => {
    expect(codeOf(() => normalizePath(raw, root))).toBe(code);
  });

  it.each([[42], [null], [undefined], [{}], [['a']]])('refuses a path of the wrong type (%j)', (raw) => {
    expect(codeOf(() => normalizePath(raw, root))).toBe('E_INVALID_INPUT');
  });

  it('names the raw input in the message', () => {
    expect(() => normalizePath('a/../../secret', root)).toThrow(/"a\/..\/..\/secret"/);
  });

  it('accepts names that are long but within limits', () => {
    expect(normalizePath(`${'n'.repeat(255)}`, root)).toHaveLength(255);
  });
});

describe('collisions and portability', () => {
  it('finds case and Unicode normalization collisions', () => {
    expect(findCollisions(['src/Foo.ts', 'src/foo.ts'])).toEqual([['src/Foo.ts', 'src/foo.ts']]);
    expect(findCollisions(['caf\u00e9.ts', 'cafe\u0301.ts'])).toHaveLength(1);
    expect(findCollisions(['a.ts', 'b.ts', 'a.ts'])).toEqual([]);
  });

  it('warns about names Windows cannot hold', () => {
    expect(portabilityWarnings('src/aux.ts')).toHaveLength(1);
    expect(portabilityWarnings('src/name.')).toHaveLength(1);
    expect(portabilityWarnings('src/a:b.ts')).toHaveLength(1);
    expect(portabilityWarnings('src/auxiliary.ts')).toEqual([]);
  });
});
