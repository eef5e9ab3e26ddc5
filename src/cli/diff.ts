/**
 * Unified diffs for `--dry-run`: what each created, updated or deleted file would become.
 */
import { structuredPatch } from 'diff';
import type { Style } from './format.js';
import { plural } from './format.js';
import { decodeText } from '../util/text.js';

/**
 * One side of a diff: the bytes; `null` when the file does not exist on that side; or only the size
 * of a file too large to be worth reading for a diff.
 */
export type DiffSide = Uint8Array | null | { readonly size: number };

/** Beyond this, a diff is more noise than help (and jsdiff's cost grows with the square of the edits). */
export const DIFF_LIMIT_BYTES = 1 << 20;

/**
 * Renders a git-style unified diff of one file (3 lines of context), coloured when `style` is.
 * Binary content is summarised as `binary, N bytes`; content over {@link DIFF_LIMIT_BYTES} by its size.
 */
export function renderDiff(path: string, before: DiffSide, after: DiffSide, style: Style): string {
  const oldName = before === null ? '/dev/null' : `a/${path}`;
  const newName = after === null ? '/dev/null' : `b/${path}`;
  const header = `${style.bold(`--- ${oldName}`)}\n${style.bold(`+++ ${newName}`)}\n`;
  const size = (side: DiffSide): string => (side === null ? 'absent' : plural(side instanceof Uint8Array ? side.length : side.size, 'byte'));

  if (!(before === null || before instanceof Uint8Array) || !(after === null || after instanceof Uint8Array) || tooLarge(before) || tooLarge(after)) {
    return `${header}${style.dim(`(too large to diff: ${size(before)} → ${size(after)})`)}\n`;
  }
  const oldText = before === null ? '' : decodeText(before);
  const newText = after === null ? '' : decodeText(after);
  if (oldText === undefined || newText === undefined) {
    const describe = (side: DiffSide, text: string | undefined): string =>
      side === null ? 'absent' : `${text === undefined ? 'binary' : 'text'}, ${size(side)}`;
    return `${header}${style.dim(`(${describe(before, oldText)} → ${describe(after, newText)})`)}\n`;
  }
  if (oldText === newText) return `${header}${style.dim('(content unchanged)')}\n`;

  const patch = structuredPatch(oldName, newName, oldText, newText, undefined, undefined, { context: 3 });
  let out = header;
  for (const hunk of patch.hunks) {
    out += `${style.cyan(`@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`)}\n`;
    for (const line of hunk.lines) {
      if (line.startsWith('+')) out += `${style.green(line)}\n`;
      else if (line.startsWith('-')) out += `${style.red(line)}\n`;
      else if (line.startsWith('\\')) out += `${style.dim(line)}\n`;
      else out += `${line}\n`;
    }
  }
  return out;
}

const tooLarge = (side: Uint8Array | null): boolean => (side?.length ?? 0) > DIFF_LIMIT_BYTES;

/** `start,count` as in GNU diff: a one-line range drops the count; an empty range names the line before it. */
function range(start: number, lines: number): string {
  if (lines === 1) return `${start}`;
  return lines === 0 ? `${start - 1},0` : `${start},${lines}`;
}
