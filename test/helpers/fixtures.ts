/**
 * Project fixtures for the crash and fault tests: a tree on disk and a batch over it, with the
 * before-snapshot and the state the batch intends.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { posix } from 'node:path';
import type { PlainChange, Snapshot } from './invariants.js';
import { intendedState, snapshotTree } from './invariants.js';

export interface Fixture {
  readonly root: string;
  readonly changes: readonly PlainChange[];
  readonly before: Snapshot;
  readonly intended: Snapshot;
}

/** A fresh directory under the OS temp dir (ext4 here); remove it with `removeDir`. */
export function makeTempDir(prefix: string, parent = tmpdir()): string {
  return mkdtempSync(posix.join(parent, `wopt-${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

const text = (label: string, lines: number): string =>
  Array.from({ length: lines }, (_, i) => `// ${label} line ${i}: ${'x'.repeat((i * 7) % 40)}\n`).join('');

function writeTree(root: string, files: Readonly<Record<string, string>>, modes: Readonly<Record<string, number>> = {}): void {
  for (const [path, content] of Object.entries(files)) {
    const full = posix.join(root, path);
    mkdirSync(posix.dirname(full), { recursive: true });
    writeFileSync(full, content);
    const mode = modes[path];
    if (mode !== undefined) chmodSync(full, mode);
  }
}

/**
 * The 20-change batch of the crash loop: 4 creates in new nested folders, 4 creates in an existing
 * folder, 7 updates (one of a 0755 script, one to an explicit mode), 4 deletes and one rename into
 * a new folder. Untouched neighbours sit beside the targets. With `newFolders: false` the same batch
 * lands in existing folders only (to tell apart failures that come from directory creation).
 */
export function fixture20(root: string, { newFolders = true }: { newFolders?: boolean } = {}): Fixture {
  const files: Record<string, string> = {
    'README.md': text('readme', 5),
    'src/keep.ts': text('keep', 10),
    'lib/keep.js': text('lib keep', 3),
    'lib/rename-me.ts': text('rename me', 12),
    'bin/run.sh': '#!/bin/sh\necho old\n',
  };
  for (let i = 0; i < 6; i++) files[`src/u${i}.ts`] = text(`old u${i}`, 20 + i * 10);
  for (let i = 0; i < 4; i++) files[`lib/d${i}.js`] = text(`doomed d${i}`, 8 + i);
  writeTree(root, files, { 'bin/run.sh': 0o755 });

  const changes: PlainChange[] = [];
  for (let i = 0; i < 4; i++) changes.push({ path: `${newFolders ? 'gen/deep' : 'lib'}/n${i}.ts`, content: text(`new folder n${i}`, 15 + i) });
  for (let i = 0; i < 4; i++) changes.push({ path: `src/c${i}.ts`, content: text(`created c${i}`, 30 + i) });
  for (let i = 0; i < 6; i++) changes.push({ path: `src/u${i}.ts`, content: text(`new u${i}`, 25 + i * 9) });
  changes.push({ path: 'bin/run.sh', content: '#!/bin/sh\necho new\n' });
  for (let i = 0; i < 4; i++) changes.push({ path: `lib/d${i}.js`, delete: true });
  changes.push({ from: 'lib/rename-me.ts', to: newFolders ? 'moved/renamed.ts' : 'src/renamed.ts' });
  if (changes.length !== 20) throw new Error(`fixture20 has ${changes.length} changes`);
  const before = snapshotTree(root);
  return { root, changes, before, intended: intendedState(before, changes) };
}

/** A batch large enough to be mid-flight when a random kill lands: `n` files in 10 folders. */
export function fixtureLarge(root: string, n = 300): Fixture {
  const files: Record<string, string> = {};
  const updates = Math.floor(n / 3);
  const deletes = Math.floor(n / 10);
  for (let i = 0; i < updates; i++) files[`old/d${i % 10}/u${i}.txt`] = text(`old ${i}`, 4 + (i % 13));
  for (let i = 0; i < deletes; i++) files[`old/del/x${i}.txt`] = text(`del ${i}`, 3);
  files['old/rename.txt'] = text('rename', 9);
  writeTree(root, files);

  const changes: PlainChange[] = [];
  for (let i = 0; i < updates; i++) changes.push({ path: `old/d${i % 10}/u${i}.txt`, content: text(`new ${i}`, 5 + (i % 17)) });
  for (let i = 0; i < deletes; i++) changes.push({ path: `old/del/x${i}.txt`, delete: true });
  changes.push({ from: 'old/rename.txt', to: 'fresh/renamed.txt' });
  for (let i = changes.length; i < n; i++) changes.push({ path: `fresh/f${i % 10}/c${i}.txt`, content: text(`created ${i}`, 2 + (i % 11)) });
  const before = snapshotTree(root);
  return { root, changes, before, intended: intendedState(before, changes) };
}
