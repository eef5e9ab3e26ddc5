/**
 * A list's brackets that any of its items opens. Where every member importing `time` imports
 * `encoding/json` too, alignment nests the one inside the block of the other:
 *
 *     {{#if hasEncoding}}
 *     import (
 *     	"encoding/json"
 *     {{#if hasTime}}
 *     	"time"
 *     {{/if}}
 *     )
 *     {{/if}}
 *
 * and a new model given `hasTime` without `hasEncoding` gets no import at all. Where a block of
 * whole lines opens a bracket on its first line and closes it on its last, with only items of one
 * indentation between (some in blocks of their own), the brackets are written for any of the items
 * and each item under its own flag: `{{#if (or hasEncoding hasTime)}}`, then `"encoding/json"`
 * inside `{{#if hasEncoding}}`. Every member renders as before: an item's block opens only where
 * the outer one does.
 */
import { mapPieces, mergeText, type Piece } from './emit.js';

type Line = { readonly t: 'line'; readonly pieces: readonly Piece[] } | { readonly t: 'block'; readonly piece: Extract<Piece, { t: 'if' }> };

const CLOSERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/** A flag's plain name: blocks on anything else (`(or …)`, already lifted) are left alone. */
const PLAIN_FLAG = /^[\p{L}_$][\w$]*$/u;

/** The pieces as lines, each ending with its line break; undefined where a piece is neither inline nor a block of whole lines at a line's start. */
function linesOf(pieces: readonly Piece[]): Line[] | undefined {
  const lines: Line[] = [];
  let current: Piece[] = [];
  for (const piece of pieces) {
    if (piece.t === 'if' && piece.lines) {
      if (current.length > 0) return undefined;
      lines.push({ t: 'block', piece });
      continue;
    }
    if (piece.t === 'if' || piece.t === 'each' || piece.t === 'fits') return undefined;
    if (piece.t !== 'text') {
      current.push(piece);
      continue;
    }
    const parts = piece.text.split('\n');
    parts.forEach((part, index) => {
      if (part !== '') current.push({ t: 'text', text: part });
      if (index < parts.length - 1) {
        lines.push({ t: 'line', pieces: [...current, { t: 'text', text: '\n' }] });
        current = [];
      }
    });
  }
  return current.length > 0 ? undefined : lines;
}

/** A line of text alone, else undefined (a line writing a param or the name is no bracket's). */
function plainText(line: Line | undefined): string | undefined {
  if (line?.t !== 'line' || !line.pieces.every((piece) => piece.t === 'text')) return undefined;
  return line.pieces.map((piece) => (piece.t === 'text' ? piece.text : '')).join('');
}

/** A line's text before its first param or name, for its indentation. */
const leadingText = (pieces: readonly Piece[]): string => (pieces[0]?.t === 'text' ? pieces[0].text : '');
const indentOf = (text: string): string => /^[ \t]*/.exec(text)?.[0] ?? '';

/** Whether `block` holds only items: one flag of its own, inline lines indented as `indent`. */
function itemBlock(block: Extract<Piece, { t: 'if' }>, indent: string): boolean {
  if (block.negate === true || block.else.length > 0 || !PLAIN_FLAG.test(block.flag)) return false;
  const lines = linesOf(block.then);
  return lines !== undefined && lines.length > 0 && lines.every((line) => line.t === 'line' && indentOf(leadingText(line.pieces)) === indent);
}

/** The block rewritten with its brackets opened by any item (see the module comment), or undefined. */
function lifted(piece: Extract<Piece, { t: 'if' }>): Piece | undefined {
  if (!piece.lines || piece.negate === true || piece.else.length > 0 || !PLAIN_FLAG.test(piece.flag)) return undefined;
  const lines = linesOf(piece.then);
  if (lines === undefined) return undefined;
  const open = plainText(lines[0])?.trimEnd();
  const closer = open === undefined ? undefined : CLOSERS[open.at(-1) ?? ''];
  if (open === undefined || closer === undefined) return undefined;
  // The close: the last line that is not blank, the bracket's alone at the opening line's indentation.
  let end = lines.length;
  while (end > 1 && plainText(lines[end - 1])?.trim() === '') end--;
  const close = plainText(lines[end - 1]);
  if (end < 3 || close === undefined || !close.trim().startsWith(closer) || indentOf(close) !== indentOf(open)) return undefined;
  const items = lines.slice(1, end - 1);
  const first = items[0];
  const firstLine = first?.t === 'block' ? linesOf(first.piece.then)?.[0] : first;
  const indent = indentOf(firstLine?.t === 'line' ? leadingText(firstLine.pieces) : '');
  if (indent.length <= indentOf(open).length) return undefined;
  const flags: string[] = [];
  let bare = 0;
  for (const item of items) {
    if (item.t === 'block') {
      if (!itemBlock(item.piece, indent)) return undefined;
      if (!flags.includes(item.piece.flag)) flags.push(item.piece.flag);
    } else if (indentOf(leadingText(item.pieces)) === indent && plainText(item)?.trim() !== '') bare++;
    else return undefined;
  }
  // Without items of both kinds, the block's flag already says whether any item is there.
  if (bare === 0 || flags.length === 0 || flags.includes(piece.flag)) return undefined;
  const then: Piece[] = [...(lines[0]?.t === 'line' ? lines[0].pieces : [])];
  let run: Piece[] = [];
  const endRun = () => {
    if (run.length > 0) then.push({ t: 'if', flag: piece.flag, then: mergeText(run), else: [], lines: true });
    run = [];
  };
  for (const item of items) {
    if (item.t === 'line') run.push(...item.pieces);
    else {
      endRun();
      then.push(item.piece);
    }
  }
  endRun();
  for (const line of lines.slice(end - 1)) if (line.t === 'line') then.push(...line.pieces);
  return { ...piece, flag: `(or ${[piece.flag, ...flags].join(' ')})`, then: mergeText(then) };
}

/** `pieces` with every list's brackets written for any of its items (see the module comment). */
export const withListWrappers = (pieces: readonly Piece[]): Piece[] => mapPieces(pieces, (piece) => (piece.t === 'if' ? (lifted(piece) ?? piece) : piece));
