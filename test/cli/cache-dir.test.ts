import { describe, expect, it } from 'vitest';
import { templateCacheDir } from '../../src/cli/cache-dir.js';

describe('templateCacheDir', () => {
  it('prefers WOPT_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache, and has none without a home', () => {
    expect(templateCacheDir({ WOPT_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/c');
    expect(templateCacheDir({ XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/x/wopt/templates');
    expect(templateCacheDir({ HOME: '/h' })).toBe('/h/.cache/wopt/templates');
    expect(templateCacheDir({})).toBeUndefined();
  });
});
