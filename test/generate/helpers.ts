/**
 * Temp projects and tree comparisons for the generation tests.
 */
import * as fs from 'node:fs';
import { join, relative } from 'node:path';
import { tempProject as makeTempProject, writeFiles } from '../helpers/temp.js';

export const fixtures = join(import.meta.dirname, 'fixtures');

/** A fresh temp dir (real path), removed after the test; `files` written into it. */
export const tempProject = (files: Readonly<Record<string, string>> = {}): string => makeTempProject('generate', files);

export { writeFiles };

/** Copies a folder's files into `dir`. */
export function copyInto(from: string, dir: string): void {
  fs.cpSync(from, dir, { recursive: true });
}

/** Every file below `dir`, path → content, sorted; skips `.wopt/` and any folder named in `skip`. */
export function readTree(dir: string, skip: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string): void => {
    if (!fs.existsSync(current)) return;
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      const rel = relative(dir, full).split('\\').join('/');
      if (entry.isDirectory()) {
        if (entry.name !== '.wopt' && !skip.includes(rel)) walk(full);
      } else out[rel] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export const read = (dir: string, path: string): string => fs.readFileSync(join(dir, path), 'utf8');
export const exists = (dir: string, path: string): boolean => fs.existsSync(join(dir, path));

/** Lines of a JSONL file as objects. */
export const jsonLines = (text: string): unknown[] =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
