/**
 * Scoring a generated member against the real one, and the rename-copy baseline. Pure; shared by
 * the vitest evaluation and `bench/eval-miner.mjs`.
 *
 * - exact: the same set of paths, every file byte-identical.
 * - line similarity: 1 − line edit distance / max lines, line-weighted across files: each file
 *   weighs its line count (the larger of the two versions); a missing or extra file counts all its
 *   lines as different.
 * - rename-copy baseline: copy another member and replace its name in every case variant by the
 *   new name, in paths and contents (what a user does by hand with sed).
 */
import type { Example } from './types.js';
import { tokenize } from './tokenize.js';
import { closesAs } from './well-formed.js';
import { chooseForm, renameText } from './forms.js';
import { findOccurrences, nameVariants, spell } from './variants.js';

export const splitLines = (content: string): string[] => (content === '' ? [] : content.split('\n'));

/** Levenshtein distance over lines (insert, delete, substitute: cost 1 each). */
export function lineEditDistance(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const substitute = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(substitute, (previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? 0;
}

export interface Comparison {
  readonly exact: boolean;
  /** 0 to 1. */
  readonly similarity: number;
  /** Lines compared (the weight of this member in an aggregate). */
  readonly lines: number;
  /** Lines equal (similarity × lines). */
  readonly same: number;
  readonly missing: readonly string[];
  readonly extra: readonly string[];
}

/** The generated files that do not close what they open as the real ones at their paths do (see closesAs). */
export function unbalancedFiles(generated: readonly Example[], real: readonly Example[]): string[] {
  const want = new Map(real.map((file) => [file.path, file.content]));
  return generated
    .filter((file) => {
      const content = want.get(file.path);
      return content !== undefined && !closesAs(file.path, file.content, content);
    })
    .map((file) => file.path);
}

/** Compares generated files with the real ones. */
export function compareFiles(generated: readonly Example[], real: readonly Example[]): Comparison {
  const got = new Map(generated.map((file) => [file.path, file.content]));
  const want = new Map(real.map((file) => [file.path, file.content]));
  let lines = 0;
  let same = 0;
  let exact = got.size === want.size;
  const missing: string[] = [];
  const extra: string[] = [];
  for (const [path, content] of want) {
    const wantLines = splitLines(content);
    const gotContent = got.get(path);
    if (gotContent === undefined) {
      missing.push(path);
      lines += Math.max(1, wantLines.length);
      exact = false;
      continue;
    }
    if (gotContent !== content) exact = false;
    const gotLines = splitLines(gotContent);
    const longest = Math.max(wantLines.length, gotLines.length);
    lines += Math.max(1, longest);
    same += longest === 0 ? 1 : longest - lineEditDistance(wantLines, gotLines);
  }
  for (const [path, content] of got) {
    if (want.has(path)) continue;
    extra.push(path);
    lines += Math.max(1, splitLines(content).length);
    exact = false;
  }
  return { exact, similarity: lines === 0 ? 1 : same / lines, lines, same, missing, extra };
}

/**
 * Replaces every case variant of `from` in a file's content by the same form of `to`, each form
 * chosen from its context the way the miner chooses it (code or prose, the characters around it,
 * the file's other spellings): a careful user's rename, not a blind one.
 */
export function renameContent(path: string, content: string, from: string, to: string): string {
  let out = '';
  const variants = nameVariants(from);
  for (const token of tokenize(path, content, findOccurrences(content, variants), findOccurrences(path, variants))) {
    for (const part of token.parts) {
      out += typeof part === 'string' ? part : spell(to, chooseForm(part.forms, part.before, part.after, part.prose, false, part));
    }
  }
  return out;
}

export interface RenameOptions {
  /**
   * Choose each form from its context the way the miner does (`renameContent`): a careful user.
   * Default false: the contents are renamed as prose (`renameText`), a user with sed, which is the
   * baseline the issue defines.
   */
  readonly byContext?: boolean | undefined;
}

/** Copies a member under a new name: every case variant of `from` replaced by `to`, paths included. */
export function renameCopy(files: readonly Example[], from: string, to: string, options: RenameOptions = {}): Example[] {
  return files.map((file) => ({
    path: renameText(file.path, from, to),
    content: options.byContext === true ? renameContent(file.path, file.content, from, to) : renameText(file.content, from, to, true),
  }));
}

export interface BaselineMember {
  readonly name: string;
  readonly files: readonly Example[];
}

/**
 * The rename-copy baseline for a held-out member: the other member with the most files in common
 * with it once renamed (ties: the one most similar to the rest of the others, a choice a user could
 * make without seeing the new member), copied and renamed.
 */
export function renameCopyBaseline(
  others: readonly BaselineMember[],
  target: { readonly name: string; readonly paths: readonly string[] },
  options: RenameOptions = {},
): { source: string; files: Example[] } {
  const wanted = new Set(target.paths);
  const candidates = others.map((member) => {
    const files = renameCopy(member.files, member.name, target.name, options);
    const common = files.filter((file) => wanted.has(file.path)).length;
    let typicality = 0;
    for (const other of others) {
      if (other === member) continue;
      typicality += compareFiles(renameCopy(member.files, member.name, other.name, options), other.files).same;
    }
    return { source: member.name, files, common, typicality };
  });
  candidates.sort((a, b) => b.common - a.common || b.typicality - a.typicality || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  const best = candidates[0];
  return best === undefined ? { source: '', files: [] } : { source: best.source, files: best.files };
}

/** The best rename-copy in hindsight: the other member whose renamed copy is most similar to the real one. */
export function renameCopyOracle(others: readonly BaselineMember[], target: { readonly name: string; readonly files: readonly Example[] }): { source: string; files: Example[] } {
  let best: { source: string; files: Example[]; similarity: number } | undefined;
  for (const member of others) {
    const files = renameCopy(member.files, member.name, target.name);
    const similarity = compareFiles(files, target.files).similarity;
    if (best === undefined || similarity > best.similarity) best = { source: member.name, files, similarity };
  }
  return best === undefined ? { source: '', files: [] } : { source: best.source, files: best.files };
}
