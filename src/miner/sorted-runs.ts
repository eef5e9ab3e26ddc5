/**
 * Import lists a sorter keeps in order (gofmt, rustfmt, isort, Laravel Pint, an IDE's organize
 * imports). A member's own imports sit wherever its name sorts: `use App\Assett;` above
 * `use App\Http\Controllers\Controller;`, `use App\Stock;` below it. The alignment would see those
 * lines move, and keep one optional copy of each per place it took, behind flags that mean nothing
 * to a user.
 *
 * Before the alignment, the lines of such a list that name the member are moved to the top of the
 * list, in an order every member shares, and the list is put between two marks; the template writes it as a
 * `{{#sortLines}}` block, which puts a new member's imports where its name sorts. A list is read so
 * when it is sorted in every member that has it, and either its language's tools sort imports
 * (Go, Rust, PHP, Java, Kotlin, C#, Python, Scala) or the members show it: their own lines are
 * neither always first nor always last. JavaScript imports are most often grouped by hand, so there
 * only the members' evidence counts.
 */
import { lineOrder } from '../render/helpers.js';

/** The marks a list is put between: an opening one per order, and a closing one. */
const OPEN = '\u{E003}sort\u{E004}';
const OPEN_IGNORE_CASE = '\u{E003}sort-i\u{E004}';
const CLOSE = '\u{E003}/sort\u{E004}';

/** The first word of an import line, in the languages that have them. */
export const IMPORT_LEAD = /^[ \t]*(#include|@import|@use|@forward|import|use|using|from|export|require|extern crate|mod|pub use)\b/;
/** Extensions of languages whose formatters or IDEs sort imports. */
const SORTED_BY_TOOLS = new Set(['go', 'rs', 'php', 'java', 'kt', 'kts', 'cs', 'py', 'scala']);

/** A list of import lines in one file: lines `start` to `end` (exclusive), and which name the member. */
export interface ImportRun {
  readonly start: number;
  readonly end: number;
  /** Line indexes (in the file) that name the member. */
  readonly named: readonly number[];
  /**
   * The same, in the order every member can write them in: by their text with the name taken out
   * (`use App\Assett;` sorts first in its member, `use App\Stock;` last in its own).
   */
  readonly namedInOrder: readonly number[];
  /** What the lines start with, and the file's extension: lists of one key are decided together. */
  readonly key: string;
  readonly sorted: boolean;
  readonly sortedIgnoringCase: boolean;
}

/** What a name is replaced with to order the lines that name the member alike in every member. */
const NAME_HOLE = '\u{E005}';

const extensionOf = (path: string): string => /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
const withoutCr = (line: string): string => line.replace(/\r$/, '');
const indentOf = (line: string): string => /^[ \t]*/.exec(line)?.[0] ?? '';

const isSorted = (lines: readonly string[], ignoreCase: boolean): boolean => {
  const order = lineOrder(ignoreCase);
  return lines.every((line, i) => i === 0 || order(lines[i - 1] ?? '', line) <= 0);
};

/**
 * The import lists of a file that name its member on some lines and not on two others or more:
 * runs of three lines or more with one indent, each starting with an import word (or inside a Go
 * `import ( … )` block).
 * @param names where the member's name occurs in `content` (character offsets, in order)
 */
export function importRuns(path: string, content: string, names: readonly { start: number; end: number }[]): ImportRun[] {
  const extension = extensionOf(path);
  const lines = content.split('\n');
  const offsets: number[] = [];
  let offset = 0;
  for (const line of lines) {
    offsets.push(offset);
    offset += line.length + 1;
  }
  const leadOf = (index: number, inGoBlock: boolean): string | undefined => {
    const line = withoutCr(lines[index] ?? '');
    if (line.trim() === '') return undefined;
    if (inGoBlock) return line.trim() === ')' ? undefined : 'go-import';
    return IMPORT_LEAD.exec(line)?.[1];
  };
  const runs: ImportRun[] = [];
  let inGoBlock = false;
  let i = 0;
  while (i < lines.length) {
    const line = withoutCr(lines[i] ?? '');
    if (extension === 'go' && /^import \($/.test(line)) {
      inGoBlock = true;
      i++;
      continue;
    }
    if (inGoBlock && line.trim() === ')') inGoBlock = false;
    const lead = leadOf(i, inGoBlock);
    if (lead === undefined) {
      i++;
      continue;
    }
    const indent = indentOf(line);
    let end = i + 1;
    while (end < lines.length && leadOf(end, inGoBlock) === lead && indentOf(withoutCr(lines[end] ?? '')) === indent) end++;
    const named: number[] = [];
    const withoutName = new Map<number, string>();
    for (let k = i; k < end; k++) {
      const lineStart = offsets[k] ?? 0;
      const text = withoutCr(lines[k] ?? '');
      const inLine = names.filter((name) => name.start < lineStart + text.length && name.end > lineStart);
      if (inLine.length === 0) continue;
      named.push(k);
      let abstracted = '';
      let at = lineStart;
      for (const name of inLine) {
        abstracted += content.slice(at, Math.max(at, name.start)) + NAME_HOLE;
        at = Math.max(at, name.end);
      }
      withoutName.set(k, abstracted + content.slice(at, lineStart + text.length));
    }
    if (end - i >= 3 && named.length > 0 && end - i - named.length >= 2) {
      const texts = lines.slice(i, end).map(withoutCr);
      const namedInOrder = [...named].sort((a, b) => lineOrder(false)(withoutName.get(a) ?? '', withoutName.get(b) ?? '') || a - b);
      runs.push({ start: i, end, named, namedInOrder, key: `${extension}:${lead}`, sorted: isSorted(texts, false), sortedIgnoringCase: isSorted(texts, true) });
    }
    i = end;
  }
  return runs;
}

/**
 * Which lists to read as sorted, decided over the whole family (see the module doc): for each key,
 * `'plain'` or `'ignore-case'` when every member's list of that key is sorted so, else nothing.
 */
export function sortedKeys(runsPerMember: readonly (readonly ImportRun[])[]): Map<string, 'plain' | 'ignore-case'> {
  const byKey = new Map<string, ImportRun[]>();
  for (const runs of runsPerMember) {
    for (const run of runs) {
      const sameKey = byKey.get(run.key);
      if (sameKey === undefined) byKey.set(run.key, [run]);
      else sameKey.push(run);
    }
  }
  const chosen = new Map<string, 'plain' | 'ignore-case'>();
  for (const [key, runs] of byKey) {
    const order = runs.every((run) => run.sorted) ? 'plain' : runs.every((run) => run.sortedIgnoringCase) ? 'ignore-case' : undefined;
    if (order === undefined) continue;
    const fromTop = new Set(runs.map((run) => (run.named[0] ?? run.start) - run.start));
    const fromBottom = new Set(runs.map((run) => run.end - 1 - (run.named.at(-1) ?? run.end)));
    const byTools = SORTED_BY_TOOLS.has(key.slice(0, key.indexOf(':')));
    if (byTools || (fromTop.size > 1 && fromBottom.size > 1)) chosen.set(key, order);
  }
  return chosen;
}

/** `content` with each chosen list's named lines moved to its top, and the list between marks. */
export function markSortedRuns(content: string, runs: readonly ImportRun[], chosen: ReadonlyMap<string, 'plain' | 'ignore-case'>): string {
  const marked = runs.filter((run) => chosen.has(run.key));
  if (marked.length === 0) return content;
  const lines = content.split('\n');
  const out: string[] = [];
  let at = 0;
  for (const run of marked) {
    out.push(...lines.slice(at, run.start));
    const cr = (lines[run.start] ?? '').endsWith('\r') ? '\r' : '';
    const named = new Set(run.named);
    out.push(
      `${chosen.get(run.key) === 'plain' ? OPEN : OPEN_IGNORE_CASE}${cr}`,
      ...run.namedInOrder.map((index) => lines[index] ?? ''),
      ...lines.slice(run.start, run.end).filter((_, k) => !named.has(run.start + k)),
      `${CLOSE}${cr}`,
    );
    at = run.end;
  }
  out.push(...lines.slice(at));
  return out.join('\n');
}

/**
 * Template text with each marked list written as a `{{#sortLines}}` block, or undefined when the
 * marks are not where a block can be (a mark inside another's list, a list whose blocks do not
 * close inside it).
 */
export function writeSortBlocks(content: string): string | undefined {
  if (!content.includes('\u{E003}')) return content;
  const lines = content.split('\n');
  const out: string[] = [];
  let open: number | undefined;
  for (const line of lines) {
    const bare = withoutCr(line);
    const cr = line.endsWith('\r') ? '\r' : '';
    if (bare === OPEN || bare === OPEN_IGNORE_CASE) {
      if (open !== undefined) return undefined;
      open = out.length;
      out.push(`${bare === OPEN ? '{{#sortLines}}' : '{{#sortLines ignoreCase=true}}'}${cr}`);
    } else if (bare === CLOSE) {
      if (open === undefined) return undefined;
      const inside = out.slice(open + 1).join('\n');
      if ((inside.match(/\{\{#/g) ?? []).length !== (inside.match(/\{\{\//g) ?? []).length) return undefined;
      open = undefined;
      out.push(`{{/sortLines}}${cr}`);
    } else {
      if (bare.includes('\u{E003}')) return undefined;
      out.push(line);
    }
  }
  return open === undefined ? out.join('\n') : undefined;
}
