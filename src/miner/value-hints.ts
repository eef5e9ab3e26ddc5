/**
 * What to name a value on a line aligned token by token (see inline-line.ts) after: the keyword or
 * word before it, and failing that its place in the line (context-hints.ts).
 */
import { declaredHint, placeHint, typeHint } from './context-hints.js';
import { hintWord } from './registry.js';
import type { Token } from './tokenize.js';
import { literalText } from './token-text.js';
import { isSpaces } from '../util/text.js';

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

/**
 * What to name a value after, read from `before`, the center line's text from token `from` to the
 * value: its keyword, or the word before it.
 */
function hintBefore(centerTokens: readonly Token[], position: number, from: number, before: string): string {
  const declared = declaredHint(before);
  if (declared !== '') return declared;
  // The nearest word is in the last few tokens, mostly: read those first (a line of an icon's
  // path data has thousands), their first word aside, which may be the end of a longer one.
  const wordsIn = (text: string): string[] => text.split(/[^A-Za-z0-9_$]+/).filter((word) => word !== '');
  if (from > 0) {
    const near = hintWord(wordsIn(before).slice(1).reverse().join(' '));
    if (near !== '') return near;
  }
  return hintWord(wordsIn(from > 0 ? literalText(centerTokens.slice(0, position)) : before).reverse().join(' '));
}

/**
 * What to name the value at center positions [position, end) after: `hint`, the word before it
 * (see hintBefore), and failing that `place`, what it is by its place in the line (see placeHint).
 */
export function hintsAt(centerTokens: readonly Token[], position: number, end: number, where: string): { hint: string; place: string } {
  const from = Math.max(0, position - HINT_WINDOW);
  const before = literalText(centerTokens.slice(from, position));
  const hint = hintBefore(centerTokens, position, from, before);
  if (hint !== '') return { hint, place: '' };
  return { hint, place: placeHint(before, literalText(centerTokens.slice(end, end + HINT_WINDOW)), from === 0, MARKDOWN_PATH.test(where)) };
}

/**
 * What to name a value after that neither a word before it nor its place names, by the word after
 * it (`after`: the line's tokens from the value's end): a gap is named after the word it stands
 * before (`{{builderSpacing}}builder`), a declaration's type after the name it types
 * (`{{subtotalType}} Subtotal {`); of another value that word says nothing (`if {{value}} == nil`
 * is no `nil`).
 */
export function hintAfter(values: readonly (string | undefined)[], after: readonly Token[]): string {
  const text = literalText(after);
  return values.every((value) => value === undefined || isSpaces(value)) ? hintWord(text) : typeHint(values, text);
}
