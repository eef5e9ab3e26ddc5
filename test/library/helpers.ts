/**
 * Real temp dirs and small builders for the library tests.
 */
import * as fs from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import { WoptError } from '../../src/errors.js';
import { tempProject, writeFiles } from '../helpers/temp.js';

/** A fresh temp dir, removed after the test. */
export const tempDir = (area = 'library'): string => tempProject(area);

export { writeFiles };

/** Every file below `dir` (skipping .wopt/), path → content. */
export function readFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string): void => {
    if (!fs.existsSync(current)) return;
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.wopt') walk(full);
      } else out[relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A template folder's files, from a manifest and its files/ contents. */
export function templateFiles(manifest: Record<string, unknown>, files: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = { 'template.json': `${JSON.stringify(manifest, null, 2)}\n` };
  for (const [path, content] of Object.entries(files)) out[`files/${path}`] = content;
  return out;
}

/** A raw tar entry, written as given (for archives the writer would never make). */
export interface RawEntry {
  readonly name: string;
  /** Type flag: '0' file, '5' directory, '1' hard link, '2' symlink, '3' char device, ... */
  readonly type?: string;
  readonly content?: string;
  readonly linkname?: string;
  readonly mode?: number;
}

/** Builds a ustar archive byte by byte, with no safety checks at all. */
export function rawTar(entries: readonly RawEntry[]): Buffer {
  const blocks: Buffer[] = [];
  const octal = (value: number, length: number): string => `${value.toString(8).padStart(length - 1, '0')}\0`;
  for (const entry of entries) {
    const content = Buffer.from(entry.content ?? '');
    const header = Buffer.alloc(512);
    header.write(entry.name, 0, 100);
    header.write(octal(entry.mode ?? 0o644, 8), 100);
    header.write(octal(0, 8), 108);
    header.write(octal(0, 8), 116);
    header.write(octal(content.length, 12), 124);
    header.write(octal(0, 12), 136);
    header.write(entry.type ?? '0', 156);
    header.write(entry.linkname ?? '', 157, 100);
    header.write('ustar\u000000', 257);
    header.fill(0x20, 148, 156);
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, content, Buffer.alloc((512 - (content.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/** The WoptError a call rejects with; fails the test when it resolves or throws something else. */
export async function rejection(run: () => Promise<unknown>): Promise<WoptError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(WoptError);
    return error as WoptError;
  }
  throw new Error('expected a WoptError');
}
