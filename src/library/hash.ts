/**
 * Versions by content: a template's identity is the sha256 of a canonical serialization of its
 * manifest and files, so the same template has the same hash wherever and however it was saved.
 */
import { createHash } from 'node:crypto';
import { sortKeys } from '../util/sort-keys.js';
import type { Template } from './template.js';


const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * The canonical text a template's hash is taken over: `{"files":[…],"format":1,"manifest":{…}}`
 * with every object's keys sorted, files sorted by path (each with content and mode, `null` when
 * unset), `$schema` and the README left out (they do not change what the template generates).
 *
 * @example canonicalTemplate({ manifest: { name: 'a', params: {} }, files: [] })
 */
export function canonicalTemplate(template: Template): string {
  const { $schema: _schema, ...manifest } = template.manifest;
  const files = [...template.files].sort(byPath).map((file) => ({ path: file.path, content: file.content, mode: file.mode ?? null }));
  return JSON.stringify(sortKeys({ format: 1, manifest, files }));
}

/**
 * The sha256 (hex) of {@link canonicalTemplate}. Same content, same hash; file order, key order,
 * `$schema` and README do not matter.
 *
 * @example templateHash(template).slice(0, 12) // the folder name of a saved version
 */
export function templateHash(template: Template): string {
  return createHash('sha256').update(canonicalTemplate(template)).digest('hex');
}

/** How many hex digits of the hash name a saved version's folder. */
export const HASH_DIR_LENGTH = 12;
/** The shortest hash prefix `name@<prefix>` accepts. */
export const MIN_HASH_PREFIX = 7;
