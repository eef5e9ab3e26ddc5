import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { MemoryCache, templateKey } from '../../src/render/cache.js';
import { createRenderer } from '../../src/render/index.js';
import { createMemoryFs } from './memory-fs.js';

const SOURCE = 'export const {{camelCase name}} = "{{name}}";\n';
const CACHE = '/home/u/.cache/wopt/templates';

describe('memory cache', () => {
  test('a second compile of the same source does no work', async () => {
    const renderer = createRenderer();
    const a = await renderer.compile(SOURCE, { name: 'a.hbs' });
    expect(renderer.stats.compiles).toBe(1);
    const b = await renderer.compile(SOURCE, { name: 'b.hbs' });
    renderer.compileSync(SOURCE);
    expect(await renderer.render(SOURCE, { name: 'x' })).toBe('export const x = "x";\n');
    expect(renderer.stats.compiles).toBe(1);
    expect(renderer.stats.memoryHits).toBe(3);
    expect(a.key).toBe(b.key);
    expect(b.templateName).toBe('b.hbs');
  });

  test('concurrent compiles of one source compile once', async () => {
    const renderer = createRenderer();
    await Promise.all([renderer.compile(SOURCE), renderer.compile(SOURCE), renderer.compile(SOURCE)]);
    expect(renderer.stats.compiles).toBe(1);
  });

  test('a different source compiles; cache: false compiles every time', () => {
    const renderer = createRenderer();
    renderer.compileSync(SOURCE);
    renderer.compileSync(`${SOURCE} `);
    expect(renderer.stats.compiles).toBe(2);
    const uncached = createRenderer({ cache: false });
    uncached.compileSync(SOURCE);
    uncached.compileSync(SOURCE);
    expect(uncached.stats.compiles).toBe(2);
  });

  test('renderers do not share their memory caches', () => {
    const a = createRenderer();
    const b = createRenderer();
    a.compileSync(SOURCE);
    b.compileSync(SOURCE);
    expect([a.stats.compiles, b.stats.compiles]).toEqual([1, 1]);
  });

  test('the memory cache is bounded, least recently used first out', () => {
    const cache = new MemoryCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([1, undefined, 3, 2]);
  });

  test('the key depends on the source and the settings', () => {
    expect(templateKey('a', { x: 1 })).toBe(templateKey('a', { x: 1 }));
    expect(templateKey('a', { x: 1 })).not.toBe(templateKey('b', { x: 1 }));
    expect(templateKey('a', { x: 1 })).not.toBe(templateKey('a', { x: 2 }));
  });
});

describe('disk cache (through the port)', () => {
  test('a second renderer reuses what the first one stored', async () => {
    const fs = createMemoryFs();
    const first = createRenderer({ fs, cache: { dir: CACHE } });
    expect(await first.render(SOURCE, { name: 'UserCard' })).toBe('export const userCard = "UserCard";\n');
    expect(first.stats).toMatchObject({ compiles: 1, diskWrites: 1, diskHits: 0, diskErrors: 0 });
    const entries = [...fs.files.keys()].filter((path) => path.startsWith(`${CACHE}/`));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatch(/\/[0-9a-f]{64}\.json$/);

    const second = createRenderer({ fs, cache: { dir: CACHE } });
    expect(await second.render(SOURCE, { name: 'OrderLine' })).toBe('export const orderLine = "OrderLine";\n');
    expect(second.stats).toMatchObject({ compiles: 0, diskHits: 1, diskWrites: 0 });
    // Strictness survives the trip through the disk: the cached spec still refuses a missing param.
    await expect(second.render(SOURCE, {}, { name: 'cached.hbs' })).rejects.toMatchObject({ code: 'E_TEMPLATE_PARAM' });
    expect(second.stats.compiles).toBe(0);
  });

  test('the sync API skips the disk but shares the memory cache', async () => {
    const fs = createMemoryFs();
    const renderer = createRenderer({ fs, cache: { dir: CACHE } });
    renderer.renderSync(SOURCE, { name: 'a' });
    await renderer.render(SOURCE, { name: 'a' });
    expect(renderer.stats).toMatchObject({ compiles: 1, memoryHits: 1, diskWrites: 0 });
    expect(fs.ops.open ?? 0).toBe(0);
  });

  test.each([
    ['truncated JSON', (text: string) => text.slice(0, text.length / 2)],
    ['garbage', () => '\u0000\u0001not json'],
    ['a flipped byte in the spec', (text: string) => text.replace('camelCase', 'camelCasf')],
    ['a spec that is not code, with a matching hash', (text: string) => forgeSpec(text, 'this is not javascript {')],
    ['a spec that evaluates to something else, with a matching hash', (text: string) => forgeSpec(text, '42')],
    ['an entry for another key', (text: string) => text.replace(/"key":"[0-9a-f]+"/, `"key":"${'0'.repeat(64)}"`)],
  ])('a corrupted entry (%s) is ignored and recompiled', async (_what, corrupt) => {
    const fs = createMemoryFs();
    await createRenderer({ fs, cache: { dir: CACHE } }).render(SOURCE, { name: 'a' });
    const [entry] = [...fs.files.keys()].filter((path) => path.startsWith(`${CACHE}/`));
    if (entry === undefined) throw new Error('no cache entry written');
    fs.files.set(entry, Buffer.from(corrupt(fs.files.get(entry)?.toString('utf8') ?? '')));

    const renderer = createRenderer({ fs, cache: { dir: CACHE } });
    expect(await renderer.render(SOURCE, { name: 'UserCard' })).toBe('export const userCard = "UserCard";\n');
    expect(renderer.stats).toMatchObject({ compiles: 1, diskHits: 0, diskErrors: 1, diskWrites: 1 });
    // The rewritten entry is good again.
    const third = createRenderer({ fs, cache: { dir: CACHE } });
    await third.render(SOURCE, { name: 'x' });
    expect(third.stats).toMatchObject({ compiles: 0, diskHits: 1 });
  });

  test('a cache directory writable by everyone is not used', async () => {
    const fs = createMemoryFs();
    fs.dirs.set('/tmp', 0o777);
    fs.dirs.set('/tmp/cache', 0o777);
    const renderer = createRenderer({ fs, cache: { dir: '/tmp/cache' } });
    expect(await renderer.render(SOURCE, { name: 'a' })).toBe('export const a = "a";\n');
    expect(renderer.stats).toMatchObject({ compiles: 1, diskWrites: 0, diskErrors: 1 });
    expect([...fs.files.keys()].filter((path) => path.startsWith('/tmp/cache/'))).toEqual([]);
  });

  test('a cache that cannot be written is not fatal', async () => {
    const fs = createMemoryFs();
    fs.files.set('/blocked', Buffer.from('a file where the cache dir should be'));
    const renderer = createRenderer({ fs, cache: { dir: '/blocked/templates' } });
    expect(await renderer.render(SOURCE, { name: 'a' })).toBe('export const a = "a";\n');
    expect(renderer.stats).toMatchObject({ compiles: 1, diskWrites: 0, diskErrors: 1 });
  });
});

// Replaces the spec and recomputes its hash, so only the evaluation can catch it.
function forgeSpec(text: string, spec: string): string {
  const entry = JSON.parse(text) as Record<string, unknown>;
  return JSON.stringify({ ...entry, spec, specSha256: sha256(spec) });
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
