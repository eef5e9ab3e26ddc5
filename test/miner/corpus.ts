/** Loads the miner corpus (test/fixtures/families) for the miner tests. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Example, FamilyInput } from '../../src/miner/index.js';

export const familiesDir = join(import.meta.dirname, '..', 'fixtures', 'families');
export const notAFamilyDir = join(import.meta.dirname, '..', 'fixtures', 'not-a-family');

interface FamilyJson {
  id: string;
  unit?: 'file' | 'folder';
  notAFamily?: boolean;
  members: Array<{ name: string; files: string[] }>;
}

export function loadFamily(dir: string): FamilyInput & { files: Example[] } {
  const json = JSON.parse(readFileSync(join(dir, 'family.json'), 'utf8')) as FamilyJson;
  const members = json.members.map((member) => ({
    name: member.name,
    files: member.files.map((path) => ({ path, content: readFileSync(join(dir, path), 'utf8') })),
  }));
  return { id: json.id ?? dir, unit: json.unit, members, files: members.flatMap((member) => member.files) };
}

export function loadFamilies(): Array<FamilyInput & { files: Example[] }> {
  return readdirSync(familiesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => loadFamily(join(familiesDir, name)));
}
