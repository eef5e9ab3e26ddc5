/**
 * Mined templates are cached under MINER_VERSION (src/miner/from-glob.ts): a cached template is
 * used again while the version is the same. A change to the miner that forgets the bump serves
 * templates the new miner would not mine, silently (it happened: three commits of item lists went
 * out under the version before them). So the miner's sources are pinned here with the version they
 * were last checked under: any change to them fails this test until someone decides whether mined
 * templates can differ (bump the version) and records the new digest.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { MINER_VERSION } from '../../src/miner/index.js';

const repository = join(import.meta.dirname, '..', '..');
const pinned = join('test', 'fixtures', 'miner-sources.json');
/**
 * What a mined template is made by: the miner and the case and word helpers it spells names with,
 * and every module of the project they import at run time, followed to the end (the affixes a given
 * name is read with, the text helpers its sorts use); not the disk port (src/fs), which is how
 * files are read, not what a template is mined from.
 */
const ROOTS = [join('src', 'miner'), join('src', 'render')];
/** An import or re-export of a project module that is not for types only: the path without `.js`. */
const RUNTIME_IMPORT = /^(?:import|export)\s+(?!type\s)[^;]*?\bfrom\s+'(\.{1,2}\/[^']+)\.js'/gmu;
const DISK_PORT = join('src', 'fs');

function filesBelow(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? filesBelow(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The sources below ROOTS and the project's modules they import at run time, transitively, as repository paths. */
function minerSources(): string[] {
  const seen = new Set<string>();
  const pending = ROOTS.flatMap((folder) => filesBelow(join(repository, folder)));
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    if (seen.has(path) || relative(repository, path).startsWith(DISK_PORT)) continue;
    seen.add(path);
    for (const match of readFileSync(path, 'utf8').matchAll(RUNTIME_IMPORT)) pending.push(join(dirname(path), `${match[1] ?? ''}.ts`));
  }
  return [...seen].map((path) => relative(repository, path).split('\\').join('/')).sort();
}

function sourcesDigest(): string {
  const hash = createHash('sha256');
  for (const path of minerSources()) hash.update(`\0${path}\0${readFileSync(join(repository, path), 'utf8').replace(/\r\n/g, '\n')}`);
  return hash.digest('hex');
}

describe('the mined-template cache version', () => {
  test('the miner sources are the ones last checked under this MINER_VERSION', () => {
    const recorded = JSON.parse(readFileSync(join(repository, pinned), 'utf8')) as { minerVersion: string; sourcesDigest: string };
    const digest = sourcesDigest();
    const fix = `If mined templates can differ now, bump MINER_VERSION in src/miner/from-glob.ts (cached templates are mined again); then write { "minerVersion": "<the version>", "sourcesDigest": "${digest}" } to ${pinned}.`;
    expect(recorded.minerVersion, `MINER_VERSION is ${MINER_VERSION} but ${pinned} records ${recorded.minerVersion}. ${fix}`).toBe(MINER_VERSION);
    expect(recorded.sourcesDigest, `the miner's sources (src/miner, src/render and what they import) changed since MINER_VERSION ${MINER_VERSION} was recorded. ${fix}`).toBe(digest);
  });

  test('the pinned sources follow the miner into the modules it imports at run time', () => {
    const sources = minerSources();
    expect(sources).toContain('src/miner/build.ts');
    expect(sources).toContain('src/library/affixes.ts');
    expect(sources).toContain('src/util/text.ts');
    expect(sources.filter((path) => path.startsWith('src/fs/'))).toEqual([]);
  });
});
