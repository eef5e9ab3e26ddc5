/**
 * Where a value whole ends on a line aligned token by token (see inline-line.ts): a quoted string
 * whose content varies, a literal members quote differently, a prose word joined by `-` or `.`, a
 * bracketed list of varying items. Each is one param a user passes, rather than one per part.
 * And the seams of such a line: stable tokens that would cut a bracket or a quote from its partner.
 */
import { LIST_BRACKETS } from './line-shapes.js';
import type { Token } from './tokenize.js';
import { tokensText } from './token-text.js';

/** One line per member aligned to the center's line: what the finders below read. */
export interface AlignedLine {
  readonly ids: readonly number[];
  readonly centerTokens: readonly Token[];
  /** Whether every member matches each center token (and it cuts no bracket; see balanceSeams). */
  readonly stableAt: readonly boolean[];
  /** Each member's tokens strictly between center positions `a` and `b` (-1 and length: the ends). */
  readonly between: (id: number, a: number, b: number) => readonly Token[];
  /** Whether the members write the tokens between center positions `a` and `b` differently. */
  readonly differs: (a: number, b: number) => boolean;
}

/** Brackets of all kinds, whose commas are not a list's own (`({ a, b })` is one item). */
const CLOSER_OF = new Map([
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
]);
const OPENING = new Set(CLOSER_OF.keys());
const CLOSING = new Set(CLOSER_OF.values());

/** A token that joins the parts of a prose word (`aarch64-apple-darwin`, `1.0.5`). */
const isJoiner = (text: string): boolean => /^[-._/:@]$/u.test(text);
/** What ends a prose word (see wordEnd): whitespace, brackets, quotes, `,`, `*`… */
const isWordBoundary = (text: string): boolean => !isJoiner(text) && !/^[\p{L}\p{N}_$]+$/u.test(text);

/**
 * Whether a run closes every bracket and string it opens, and opens every one it closes: brackets
 * in code, and the quotes that delimit strings (another kind of quote inside a string, or one
 * between two words of it, is its text).
 */
function balanced(run: readonly Token[]): boolean {
  const open: string[] = [];
  let quote: string | undefined;
  for (const [k, token] of run.entries()) {
    if (token.kind === 'string' && (token.text === "'" || token.text === '"' || token.text === '`')) {
      // A quote between two parts of a string's text is its text (`user's`), not its end.
      if (run[k - 1]?.kind === 'string' && run[k + 1]?.kind === 'string') continue;
      if (quote === undefined) quote = token.text;
      else if (quote === token.text) quote = undefined;
      continue;
    }
    if (token.kind !== 'code') continue;
    for (const char of token.text) {
      const closer = CLOSER_OF.get(char);
      if (closer !== undefined) open.push(closer);
      else if (CLOSING.has(char) && open.pop() !== char) return false;
    }
  }
  return open.length === 0 && quote === undefined;
}

/**
 * Unmarks the stable tokens of a line that would cut a bracket or a quote from its partner in some
 * member's varying text: with `formatPrice(product` on one side of a stable `.` and `price)` on
 * the other, each side takes its default from a different member and the line a new member gets
 * does not parse (`{order.price)}`, `queryByText(user.99')`). The runs between the seams left
 * close what they open.
 */
export function balanceSeams(stableAt: boolean[], ids: readonly number[], between: (id: number, a: number, b: number) => readonly Token[]): void {
  let previous = -1;
  for (let i = 0; i < stableAt.length; i++) {
    if (stableAt[i] !== true) continue;
    if (ids.every((id) => balanced(between(id, previous, i)))) previous = i;
    else stableAt[i] = false;
  }
}

/** The quotes a string literal opens and closes with. */
const QUOTES = new Set(['"', "'", '`']);
/** The quote of a run that is one string literal, opening to closing quote; else undefined. */
function quoteOf(run: readonly Token[]): string | undefined {
  const text = tokensText(run);
  const quote = text[0] ?? '';
  if (!QUOTES.has(quote) || text.length < 2 || !text.endsWith(quote) || text.slice(1, -1).includes(quote)) return undefined;
  if (run[0]?.kind !== 'string' || run.at(-1)?.kind !== 'string') return undefined;
  // Code inside only as a template literal's substitutions.
  return quote === '`' || run.every((token) => token.kind === 'string') ? quote : undefined;
}

/**
 * The quoted string opening at stable position `a`, when its content varies: the position of its
 * closing quote. A varying string is one value whole (a label, a route, a message: what a user
 * would pass), whose default is written from its parts.
 */
export function stringEnd(line: AlignedLine, a: number): number | undefined {
  const { ids, centerTokens, stableAt, between, differs } = line;
  const quote = centerTokens[a]?.text ?? '';
  if (!QUOTES.has(quote) || stableAt[a] !== true) return undefined;
  // An opening quote: an even number of that quote before it on the line.
  if (centerTokens.slice(0, a).filter((token) => token.text === quote).length % 2 !== 0) return undefined;
  let b = a + 1;
  while (b < centerTokens.length && centerTokens[b]?.text !== quote) b++;
  if (b >= centerTokens.length || stableAt[b] !== true) return undefined;
  const inside = ids.map((id) => between(id, a, b));
  if (inside.some((tokens) => tokens.some((token) => token.text === quote || token.text.includes('\n') || token.text === '\\'))) return undefined;
  // Long ones too (an icon's path data, 300 characters); a text of pages is no value to pass.
  if (inside.some((tokens) => tokensText(tokens).length > 2000) || !differs(a, b)) return undefined;
  return b;
}

/**
 * The stable position after a string literal that starts right after stable position `a` and
 * that members quote differently (`'/pet/findByStatus'` beside `` `/pet/${petId}` ``), when each
 * member has one literal there and they differ: a value whole, quotes included.
 */
export function literalEnd(line: AlignedLine, a: number): number | undefined {
  const { ids, centerTokens, stableAt, between } = line;
  const quote = centerTokens[a + 1]?.text ?? '';
  if (stableAt[a] !== true || !QUOTES.has(quote) || centerTokens[a + 1]?.kind !== 'string') return undefined;
  let b = a + 2;
  while (b < centerTokens.length && centerTokens[b]?.text !== quote) b++;
  b++;
  if (b > centerTokens.length || (b < centerTokens.length && stableAt[b] !== true)) return undefined;
  const inside = ids.map((id) => between(id, a, b));
  const quotes = inside.map(quoteOf);
  if (quotes.some((found) => found === undefined) || new Set(quotes).size < 2 || new Set(inside.map(tokensText)).size < 2) return undefined;
  return b;
}

/**
 * The prose word starting after stable position `a` (-1: the line's start), when two places or
 * more in it vary: the stable position that ends it (the line's length: its end). A word joined
 * by `-`, `.`, `_`, `/`, `:` or `@` (`aarch64-linux-android`, `1.0.5`, `eu-west-1`) is one value
 * whole, as a quoted string is: one param a user passes, rather than one per part.
 */
export function wordEnd(line: AlignedLine, a: number): number | undefined {
  const { ids, centerTokens, stableAt, between, differs } = line;
  if (a >= 0 && (stableAt[a] !== true || !isWordBoundary(centerTokens[a]?.text ?? ''))) return undefined;
  let b = a + 1;
  while (b < centerTokens.length && !(stableAt[b] === true && isWordBoundary(centerTokens[b]?.text ?? ''))) b++;
  // A sentence's full stop or a trailing `/` ends the word rather than joining it.
  while (b - 1 > a && stableAt[b - 1] === true && isJoiner(centerTokens[b - 1]?.text ?? '')) b--;
  if (b === a + 1) return undefined;
  const inside = ids.map((id) => between(id, a, b));
  if (inside.some((tokens) => tokens.length === 0 || tokens.some((token) => token.kind === 'code' || isWordBoundary(token.text)))) return undefined;
  let varying = 0;
  let previous = a;
  for (let p = a + 1; p <= b; p++) {
    if (p < b && stableAt[p] !== true) continue;
    if (differs(previous, p)) varying++;
    previous = p;
  }
  return varying >= 2 ? b : undefined;
}

/**
 * The bracketed list opening at stable position `a` (`permit(:name)` beside
 * `permit(:title, :description, :category_id)`), when the members list different numbers of
 * items, none of them none, and no word inside is every member's: the position of its closing
 * bracket. Such a list is one value whole (the fields a scaffolder was given), not a param per
 * item the center happens to share with a few others.
 */
export function listEnd(line: AlignedLine, a: number): number | undefined {
  const { ids, centerTokens, stableAt, between, differs } = line;
  const open = centerTokens[a]?.text ?? '';
  const close = LIST_BRACKETS.get(open);
  if (close === undefined || stableAt[a] !== true) return undefined;
  let depth = 0;
  let b = a;
  for (; b < centerTokens.length; b++) {
    const text = centerTokens[b]?.text;
    if (text === open) depth++;
    else if (text === close && --depth === 0) break;
  }
  if (b >= centerTokens.length || stableAt[b] !== true) return undefined;
  for (let k = a + 1; k < b; k++) if (stableAt[k] === true && /[\p{L}\p{N}]/u.test(centerTokens[k]?.text ?? '')) return undefined;
  const inside = ids.map((id) => between(id, a, b));
  if (inside.some((tokens) => tokens.some((token) => token.text.includes('\n')) || tokensText(tokens).length > 2000)) return undefined;
  const itemCount = (tokens: readonly Token[]): number => {
    let nested = 0;
    let items = tokens.some((token) => token.text.trim() !== '') ? 1 : 0;
    for (const token of tokens) {
      if (OPENING.has(token.text)) nested++;
      else if (CLOSING.has(token.text)) nested--;
      else if (token.text === ',' && nested === 0) items++;
    }
    return items;
  };
  // A list some members leave empty (`Nodes()` beside `Pods(namespace)`) is an optional part.
  const counts = inside.map(itemCount);
  return !counts.includes(0) && new Set(counts).size > 1 && differs(a, b) ? b : undefined;
}
