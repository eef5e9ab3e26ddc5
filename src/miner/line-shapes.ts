/**
 * How alike two lines are, for the alignment (see build.ts): a line's shape is its significant
 * token keys, a quoted string one element (a YAML plain value too), and, read with its lists, a
 * list of several items in brackets one element. Lines alike in shape are one line with varying
 * parts, whose tokens are matched (lineMatch) for inlineLine. Shapes and matches are computed once
 * per line (per pair of lines) and kept for the build.
 */
import { alikePairs, lcsPairs } from './lcs.js';
import type { Line, Token } from './tokenize.js';
import { tokensText } from './token-text.js';

/** How alike two lines must be (see likeness) to be one line with varying parts. */
export const ALIKE = 0.6;

/** The brackets of a list a line may hold as one value (see listEnd in inline-line.ts), opening to closing. */
export const LIST_BRACKETS: ReadonlyMap<string, string> = new Map([
  ['(', ')'],
  ['[', ']'],
]);

/**
 * A token's key for matching the tokens of two lines (`key`: its key as the build reads it): a space
 * inside a string is not a space between code tokens (`Short: "backup",` beside
 * `Short:   "backs up db schema",`: the space after the colon is not the one after `backs`), or the
 * string's opening quote goes unmatched and the string is cut in pieces a new member gets with one
 * quote.
 */
export const matchKey = (token: Token, key: string): string => (token.kind === 'string' && token.text.trim() === '' ? `\u0004${key}` : key);

export interface LineShapes {
  /** How alike two lines are: the share of their shapes in common, 0 to 1. */
  readonly likeness: (a: Line, b: Line) => number;
  /** Each member's lines matched to the center's where they are alike, or undefined for regions too large to compare line by line. */
  readonly alikeMatches: (ids: readonly number[], region: ReadonlyMap<number, readonly Line[]>, center: number) => Map<number, Int32Array> | undefined;
  /** Where each of the center line's tokens is in `line` (-1: nowhere), or undefined when the lines are not alike. */
  readonly lineMatch: (centerLine: Line, line: Line, centerKeys: readonly string[]) => Int32Array | undefined;
  /** A token's key for matching (see matchKey). */
  readonly matchKeyOf: (token: Token) => string;
}

/**
 * The shapes of one build's lines. `keyOf`: a token's key as the build reads it (strict or not);
 * `yamlLines`: the lines of YAML files, whose plain values are one element of their shape.
 */
export function lineShapes(keyOf: (token: Token) => string, yamlLines: WeakSet<Line>): LineShapes {
  const shapes = new Map<Line, string[]>();
  const shapeOfLine = (line: Line): string[] => {
    let shape = shapes.get(line);
    if (shape === undefined) {
      shape = yamlLines.has(line) ? yamlShapeOf(line.tokens) : shapeOf(line.tokens);
      shapes.set(line, shape);
    }
    return shape;
  };
  const listShapes = new Map<Line, string[]>();
  /** A line's shape with each list of several items one element (see shapeOf): its shape when it has none. */
  const listShapeOfLine = (line: Line): string[] => {
    let shape = listShapes.get(line);
    if (shape === undefined) {
      const plain = shapeOfLine(line);
      const lists = yamlLines.has(line) || !line.tokens.some((token) => token.text === ',') ? plain : shapeOf(line.tokens, true);
      shape = lists.length === plain.length ? plain : lists;
      listShapes.set(line, shape);
    }
    return shape;
  };
  const shareOf = (a: readonly string[], b: readonly string[]): number => {
    const most = Math.max(a.length, b.length);
    return most === 0 ? 0 : lcsPairs(a, b).length / most;
  };
  /** How alike two lines are: the share of their shapes (see shapeOf) in common, 0 to 1. */
  const likeness = (a: Line, b: Line): number => shareOf(shapeOfLine(a), shapeOfLine(b));
  /**
   * Whether two lines are one line with varying parts: alike (see likeness), or alike with their
   * lists as one element each (lines listing different items). Token by token first: a list read
   * as one element hides the items two lines share (`(set, get) => ({` beside `(set) => ({`).
   */
  const oneLine = (a: Line, b: Line): boolean => {
    if (likeness(a, b) >= ALIKE) return true;
    const listsA = listShapeOfLine(a);
    const listsB = listShapeOfLine(b);
    return (listsA !== shapeOfLine(a) || listsB !== shapeOfLine(b)) && shareOf(listsA, listsB) >= ALIKE;
  };

  /**
   * Each member's lines matched to the center's where they are alike (likeness of 0.6 or more), in
   * order, the most alike overall; undefined for regions too large to compare line by line.
   */
  const alikeMatches = (ids: readonly number[], region: ReadonlyMap<number, readonly Line[]>, center: number): Map<number, Int32Array> | undefined => {
    const centerLines = region.get(center) ?? [];
    const matches = new Map<number, Int32Array>();
    for (const id of ids) {
      if (id === center) continue;
      const lines = region.get(id) ?? [];
      if (centerLines.length * lines.length > 10_000) return undefined;
      matches.set(id, alikePairs(centerLines, lines, likeness, ALIKE));
    }
    return matches;
  };

  /**
   * A line's significant token keys, each quoted string (on one line) one element; with `lists`,
   * each list of several items in brackets with none inside (`permit(:title, :description)`) one
   * element too: lines listing different items are one line with a varying list (see listEnd in
   * inlineLine).
   */
  const shapeOf = (tokens: readonly Token[], lists = false): string[] => {
    const shape: string[] = [];
    for (let t = 0; t < tokens.length; t++) {
      const text = tokens[t]?.text ?? '';
      if (text.trim() === '') continue;
      const closeBracket = lists ? LIST_BRACKETS.get(text) : undefined;
      if (closeBracket !== undefined) {
        let close = t + 1;
        while (close < tokens.length && tokens[close]?.text !== closeBracket && !LIST_BRACKETS.has(tokens[close]?.text ?? '') && !(tokens[close]?.text ?? '').includes('\n')) close++;
        if (tokens[close]?.text === closeBracket && tokens.slice(t + 1, close).some((token) => token.text === ',')) {
          shape.push(`${text}…${closeBracket}`);
          t = close;
          continue;
        }
      }
      if (text === '"' || text === "'" || text === '`') {
        let close = t + 1;
        while (close < tokens.length && tokens[close]?.text !== text && tokens[close]?.text !== '\n') close++;
        if (close < tokens.length && tokens[close]?.text === text) {
          shape.push(`${text}…${text}`);
          t = close;
          continue;
        }
      }
      shape.push(keyOf(tokens[t] as Token));
    }
    return shape;
  };

  /**
   * A YAML line's shape: a `key: value` line whose value is a plain scalar (`name: API Gateway`,
   * `image: bookstore-webapp`) is its key and one element for the value, as a quoted string is one
   * element: two such lines with the same key are one line with a varying value, however its words
   * differ.
   */
  const yamlShapeOf = (tokens: readonly Token[]): string[] => {
    const colon = tokens.findIndex((token) => token.text === ':');
    const value = tokens.slice(colon + 1);
    const valueText = tokensText(value).trim();
    const keyText = tokensText(tokens.slice(0, colon)).trim();
    if (colon < 0 || !/^(?:- )?[\w.-]+$/u.test(keyText) || !/^\s/u.test(value[0]?.text ?? '') || valueText === '' || /^["'[{|>&*#!%@`]/u.test(valueText) || valueText.includes(' #')) {
      return shapeOf(tokens);
    }
    return [...shapeOf(tokens.slice(0, colon + 1)), `${keyText}: …`];
  };

  const matchKeyOf = (token: Token): string => matchKey(token, keyOf(token));

  // Token matches between two lines, kept: inlineCore tries the same pairs in several sets.
  const lineMatches = new WeakMap<Line, WeakMap<Line, Int32Array | null>>();
  /**
   * Where each of the center line's tokens is in `line` (-1: nowhere), or undefined when the lines
   * are not alike: most of their significant tokens match, a quoted string counting as one (two
   * `"description": "…",` lines are one line with a varying value, however long the values).
   */
  const lineMatch = (centerLine: Line, line: Line, centerKeys: readonly string[]): Int32Array | undefined => {
    const known = lineMatches.get(centerLine)?.get(line);
    if (known !== undefined) return known ?? undefined;
    let match: Int32Array | null = null;
    if (oneLine(centerLine, line)) {
      match = new Int32Array(centerKeys.length).fill(-1);
      for (const [i, j] of lcsPairs(centerKeys, line.tokens.map(matchKeyOf))) match[i] = j;
    }
    const forCenter = lineMatches.get(centerLine) ?? new WeakMap<Line, Int32Array | null>();
    forCenter.set(line, match);
    lineMatches.set(centerLine, forCenter);
    return match ?? undefined;
  };

  return { likeness, alikeMatches, lineMatch, matchKeyOf };
}
