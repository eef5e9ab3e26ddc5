/**
 * Temp projects for the writer's tests: build a tree from an object, snapshot it (content, mode,
 * links) and list anything wopt may have left behind.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export type Spec = Record<string, string | Buffer | { link: string } | { mode: number; content: string }>;

export function makeProject(spec: Spec = {}): string {
  const root = fs.mkdtempSync(join(tmpdir(), 'wopt-test-'));
  made.push(root);
  writeSpec(root, spec);
  return root;
}

export function writeSpec(root: string, spec: Spec): void {
  for (const [path, value] of Object.entries(spec)) {
    const absolute = join(root, path);
    fs.mkdirSync(join(absolute, '..'), { recursive: true });
    if (typeof value === 'object' && 'link' in value) fs.symlinkSync(value.link, absolute);
    else if (typeof value === 'object' && 'mode' in value) {
      fs.writeFileSync(absolute, value.content);
      fs.chmodSync(absolute, value.mode);
    } else fs.writeFileSync(absolute, value);
  }
}

export interface Entry {
  readonly kind: 'file' | 'dir' | 'link';
  readonly sha?: string;
  readonly mode?: number;
  readonly link?: string;
}

/** Every entry below root except `.wopt/`, with content hashes and modes. */
export function snapshot(root: string): Record<string, Entry> {
  const out: Record<string, Entry> = {};
  const walk = (dir: string, prefix: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      if (prefix === '' && name === '.wopt') continue;
      const absolute = join(dir, name);
      const relative = prefix + name;
      const stat = fs.lstatSync(absolute);
      if (stat.isSymbolicLink()) out[relative] = { kind: 'link', link: fs.readlinkSync(absolute) };
      else if (stat.isDirectory()) {
        out[relative] = { kind: 'dir' };
        walk(absolute, `${relative}/`);
      } else out[relative] = { kind: 'file', sha: createHash('sha256').update(fs.readFileSync(absolute)).digest('hex').slice(0, 16), mode: stat.mode & 0o7777 };
    }
  };
  walk(root, '');
  return out;
}

/** Temps, backups and lock files wopt must never leave behind after a finished run or recovery. */
export function strays(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const name of fs.readdirSync(dir)) {
      const absolute = join(dir, name);
      const relative = prefix + name;
      if (/^\.wopt-.*\.(tmp|bak)$/.test(name)) found.push(relative);
      if (fs.lstatSync(absolute).isDirectory() && relative !== '.wopt') walk(absolute, `${relative}/`);
    }
  };
  walk(root, '');
  if (fs.existsSync(join(root, '.wopt/lock'))) found.push('.wopt/lock');
  const txn = join(root, '.wopt/txn');
  if (fs.existsSync(txn)) {
    for (const id of fs.readdirSync(txn)) {
      const journal = join(txn, id, 'journal');
      if (!fs.existsSync(journal) || !fs.readFileSync(journal, 'utf8').includes('"type":"COMMIT"')) found.push(`.wopt/txn/${id}`);
    }
  }
  return found;
}

export const read = (root: string, path: string): string => fs.readFileSync(join(root, path), 'utf8');
export const exists = (root: string, path: string): boolean => fs.existsSync(join(root, path));
