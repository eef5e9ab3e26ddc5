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
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { MINER_VERSION } from '../../src/miner/index.js';

const repository = join(import.meta.dirname, '..', '..');
const pinned = join('test', 'fixtures', 'miner-sources.json');
/** What a mined template is made by: the miner, and the case and word helpers it spells names with. */
const SOURCES = [join('src', 'miner'), join('src', 'render')];

function filesBelow(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? filesBelow(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

function sourcesDigest(): string {
  const hash = createHash('sha256');
  const files = SOURCES.flatMap((folder) => filesBelow(join(repository, folder)))
    .map((path) => relative(repository, path).split('\\').join('/'))
    .sort();
  for (const path of files) hash.update(`\0${path}\0${readFileSync(join(repository, path), 'utf8').replace(/\r\n/g, '\n')}`);
  return hash.digest('hex');
}

describe('the mined-template cache version', () => {
  test('the miner sources are the ones last checked under this MINER_VERSION', () => {
    const recorded = JSON.parse(readFileSync(join(repository, pinned), 'utf8')) as { minerVersion: string; sourcesDigest: string };
    const digest = sourcesDigest();
    const fix = `If mined templates can differ now, bump MINER_VERSION in src/miner/from-glob.ts (cached templates are mined again); then write { "minerVersion": "<the version>", "sourcesDigest": "${digest}" } to ${pinned}.`;
    expect(recorded.minerVersion, `MINER_VERSION is ${MINER_VERSION} but ${pinned} records ${recorded.minerVersion}. ${fix}`).toBe(MINER_VERSION);
    expect(recorded.sourcesDigest, `src/miner or src/render changed since MINER_VERSION ${MINER_VERSION} was recorded. ${fix}`).toBe(digest);
  });
});
