/**
 * Line breaks that follow the width. A formatter puts a constructor's parameters on one line when
 * they fit and one per line when they do not (prettier-java's
 * `public UserTempService(UserTempRepository userTempRepository, …) {` beside
 * `public AccuteProgramVariableService(` and its parameters below), so members whose names differ
 * in length differ in their line breaks. The alignment sees a flag (`{{#if withService}}`) that a
 * new member gets by its default, the most common form, whatever its name's length.
 *
 * Where the two forms of a block are the same text but for whitespace, and the members that write
 * the one-line form are exactly those whose one-line form is narrower than every other member's,
 * the flag becomes a width: `{{#fits 140}}…{{else}}…{{/fits}}` writes the one-line form when its
 * widest line fits in 140 columns, and the wrapped form otherwise. The width is the formatters'
 * usual print width (80, 100, 120, 140, 160) nearest the middle of the gap that separates the
 * members, else the widest one-line member's.
 */
import { widestLine } from '../render/helpers.js';
import type { Renderer } from '../render/index.js';
import type { Built, BuiltFile, MinedParam } from './ir.js';
import { emit, nestedLists, type Piece } from './emit.js';
import type { MemberParams } from './types.js';

const PRINT_WIDTHS = [80, 100, 120, 140, 160];

const newlines = (text: string): number => text.split('\n').length - 1;

/**
 * `built` with every flag whose blocks only break lines as the width decides turned into width
 * blocks (the flag dropped where nothing else reads it), or undefined when there is none.
 * `params` are the members' params (see memberParams), in member order.
 */
export function widthBlocks(built: Built, params: readonly MemberParams[], entityParam: string, renderer: Renderer): Built | undefined {
  const flags = new Map(built.params.flatMap((param) => (param.kind === 'flag' && param.follows === undefined ? [[param.name, param] as const] : [])));
  if (flags.size === 0) return undefined;
  const widthOf = (pieces: readonly Piece[], member: number): number | undefined => {
    const given = params[member]?.params;
    if (given === undefined) return undefined;
    try {
      return widestLine(renderer.renderSync(emit(pieces, entityParam), given, { name: 'width block' }));
    } catch {
      return undefined;
    }
  };

  const converted = new Set<string>();
  const rewrite = (pieces: readonly Piece[], members: readonly number[]): Piece[] =>
    pieces.map((piece) => {
      if (piece.t !== 'if') return piece;
      const flag = flags.get(piece.flag);
      if (flag === undefined) return piece;
      const holds = (m: number) => flag.members.includes(m) !== (piece.negate === true);
      const fits = piece.lines && piece.else.length > 0 ? widthBlock(piece.then, piece.else, members, holds, widthOf, entityParam) : undefined;
      if (fits !== undefined) {
        converted.add(flag.name);
        return fits;
      }
      // A block inside an optional part: among the members that part is written for.
      return { ...piece, then: rewrite(piece.then, members.filter(holds)), else: rewrite(piece.else, members.filter((m) => !holds(m))) };
    });
  const files: BuiltFile[] = built.files.map((file) => ({ ...file, content: rewrite(file.content, file.members) }));
  if (converted.size === 0) return undefined;
  const stillRead = new Set<string>();
  for (const file of files) for (const pieces of [file.path, file.content]) flagsRead(pieces, stillRead);
  for (const param of built.params) {
    if (param.kind === 'flag' && param.follows !== undefined) stillRead.add(param.follows.param);
    if (param.kind === 'value' && param.template !== undefined) flagsRead(param.template, stillRead);
  }
  const kept: MinedParam[] = built.params.filter((param) => !(param.kind === 'flag' && converted.has(param.name) && !stillRead.has(param.name)));
  return { ...built, files, params: kept };
}

/** The width block for an `{{#if}}` whose branches are `a` (for members where `holds`) and `b`, if it is one. */
function widthBlock(
  a: readonly Piece[],
  b: readonly Piece[],
  members: readonly number[],
  holds: (member: number) => boolean,
  widthOf: (pieces: readonly Piece[], member: number) => number | undefined,
  entityParam: string,
): Piece | undefined {
  const textA = emit(a, entityParam);
  const textB = emit(b, entityParam);
  if (textA.replace(/\s+/g, '') !== textB.replace(/\s+/g, '') || newlines(textA) === newlines(textB)) return undefined;
  const [narrow, wide, narrowHolds] = newlines(textA) < newlines(textB) ? [a, b, true] : [b, a, false];
  const fitting: number[] = [];
  const overflowing: number[] = [];
  for (const member of members) {
    const width = widthOf(narrow, member);
    if (width === undefined) return undefined;
    (holds(member) === narrowHolds ? fitting : overflowing).push(width);
  }
  if (fitting.length === 0 || overflowing.length === 0) return undefined;
  const widest = Math.max(...fitting);
  const narrowest = Math.min(...overflowing);
  if (widest >= narrowest) return undefined;
  // The gap between the members bounds the width, and no more: the usual width nearest its middle
  // (the larger of two as near), so a new member's name may run a little past either side.
  const middle = (widest + narrowest) / 2;
  const usual = PRINT_WIDTHS.filter((candidate) => candidate >= widest && candidate < narrowest);
  const width = usual.reduce<number | undefined>((best, candidate) => (best === undefined || Math.abs(candidate - middle) <= Math.abs(best - middle) ? candidate : best), undefined) ?? widest;
  return { t: 'fits', width, narrow, wide, lines: true };
}

/** The flags `{{#if}}` blocks in `pieces` read, added to `into`. */
function flagsRead(pieces: readonly Piece[], into: Set<string>): void {
  for (const piece of pieces) {
    if (piece.t === 'if') into.add(piece.flag);
    for (const nested of nestedLists(piece)) flagsRead(nested, into);
  }
}
