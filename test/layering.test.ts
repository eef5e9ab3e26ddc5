/**
 * design.md: nothing above src/fs/ touches the disk, and nothing below the Tree knows about
 * templates. A module that breaks the layering fails here, naming the file.
 */
import * as fs from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '..', 'src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const importsOf = (file: string): string[] =>
  [...fs.readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (match) => match[1] ?? match[2] ?? '',
  );

describe('layering', () => {
  const files = sources(src).map((file) => ({ file: relative(src, file), imports: importsOf(file) }));

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('only src/fs/ imports node:fs', () => {
    const offenders = files.filter(({ file, imports }) => !file.startsWith('fs/') && imports.some((name) => /^(node:)?fs(\/promises)?$/.test(name)));
    expect(offenders.map(({ file }) => file)).toEqual([]);
  });

  it('the writer and the tree know nothing of templates or the CLI', () => {
    const lower = files.filter(({ file }) => /^(tx|tree|fs)\//.test(file));
    const offenders = lower.filter(({ imports }) => imports.some((name) => /\/(render|library|miner|generators|cli|mcp)\//.test(name)));
    expect(offenders.map(({ file }) => file)).toEqual([]);
  });
});
