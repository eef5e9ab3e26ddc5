/**
 * What to name a value on a line aligned token by token (see inline-line.ts) after: the keyword or
 * word before it, and failing that its place in the line (context-hints.ts).
 */
import { declaredHint, placeHint } from './context-hints.js';
import { hintWord } from './registry.js';
import type { Token } from './tokenize.js';
import { literalText } from './token-text.js';

/** Tokens read back for a value's hint before the whole line is (see hintBefore). */
const HINT_WINDOW = 24;
/** A Markdown file's path (see placeHint), as the alignment's `where` names it. */
const MARKDOWN_PATH = /\.(?:md|mdx|markdown)(?:\s|$)/iu;

/**
 * The center line's text before `end`, back to its last two characters that are not spaces:
 * what `[:=]\s*$` and `,\s*$` read of it, without joining a whole line of path data per slot.
 */
export function textBefore(centerTokens: readonly Token[], end: number): string {
  let text = '';
  for (let k = end - 1; k >= 0 && text.replace(/\s/gu, '').length < 2; k--) text = literalText(centerTokens.slice(k, k + 1)) + text;
  return text;
}

/** What to name the value at center position `position` after: its keyword, or the word before it. */
function hintBefore(centerTokens: readonly Token[], position: number): string {
  const wordsBefore = (from: number): string[] =>
    literalText(centerTokens.slice(from, position))
      .split(/[^A-Za-z0-9_$]+/)
      .filter((word) => word !== '');
  // The nearest word is in the last few tokens, mostly: read those first (a line of an icon's
  // path data has thousands), their first word aside, which may be the end of a longer one.
  const from = Math.max(0, position - HINT_WINDOW);
  const before = literalText(centerTokens.slice(from, position));
  const declared = declaredHint(before);
  if (declared !== '') return declared;
  if (from > 0) {
    const near = hintWord(wordsBefore(from).slice(1).reverse().join(' '));
    if (near !== '') return near;
  }
  return hintWord(wordsBefore(0).reverse().join(' '));
}

/**
 * What to name the value at center positions [position, end) after: `hint`, the word before it
 * (see hintBefore), and failing that `place`, what it is by its place in the line (see placeHint).
 */
export function hintsAt(centerTokens: readonly Token[], position: number, end: number, where: string): { hint: string; place: string } {
  const hint = hintBefore(centerTokens, position);
  if (hint !== '') return { hint, place: '' };
  const from = Math.max(0, position - HINT_WINDOW);
  const before = literalText(centerTokens.slice(from, position));
  return { hint, place: placeHint(before, literalText(centerTokens.slice(end, end + HINT_WINDOW)), from === 0, MARKDOWN_PATH.test(where)) };
}
