/**
 * Temp projects for the tests: a fresh directory (real path) under the OS temp dir, written from a
 * table of files and removed after each test.
 */
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

/** path → content, or [content, mode]. */
export type FileTable = Readonly<Record<string, string | Uint8Array | readonly [string | Uint8Array, number]>>;

const made: string[] = [];

afterEach(removeTempDirs);

/** Removes every temp dir made so far (afterEach does it too). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A fresh temp dir named `wopt-<area>-…`, holding `files`. */
export function tempProject(area: string, files: FileTable = {}): string {
  const dir = fs.realpathSync(fs.mkdtempSync(join(tmpdir(), `wopt-${area}-`)));
  made.push(dir);
  writeFiles(dir, files);
  return dir;
}

/** Writes files below `dir`, making folders as needed; a mode is applied after writing. */
export function writeFiles(dir: string, files: FileTable): void {
  for (const [path, spec] of Object.entries(files)) {
    const [content, mode] = typeof spec === 'string' || spec instanceof Uint8Array ? [spec, undefined] : (spec as readonly [string | Uint8Array, number]);
    const full = join(dir, path);
    fs.mkdirSync(dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
    if (mode !== undefined) fs.chmodSync(full, mode);
  }
}
