/**
 * Which members each branch of a mined template's `{{#if}}` is written for: what a pass over the
 * built pieces needs to rewrite a branch for its own members only (spreadValues, labelAndKeyParams).
 */
import type { MinedParam } from './ir.js';
import type { Piece } from './emit.js';

export type FlagMembers = ReadonlyMap<string, ReadonlySet<number>>;

/** Whether two lists of members hold the same members (each list without repeats). */
export const sameMembers = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((m) => b.includes(m));

/** Each mined flag, by name, with the members it is true for. */
export function flagMembers(params: readonly MinedParam[]): FlagMembers {
  return new Map(params.flatMap((param) => (param.kind === 'flag' ? [[param.name, new Set(param.members)] as const] : [])));
}

/**
 * `piece` with the branches of an `{{#if}}` rewritten by `visit`, which gets each branch and the
 * members of `active` it is written for. Other pieces, and blocks on no mined flag, stay as they are.
 */
export function mapBranches(piece: Piece, active: readonly number[], flags: FlagMembers, visit: (branch: readonly Piece[], members: readonly number[]) => Piece[]): Piece {
  if (piece.t !== 'if') return piece;
  const on = flags.get(piece.flag);
  if (on === undefined) return piece;
  const holds = (m: number) => on.has(m) !== (piece.negate === true);
  return { ...piece, then: visit(piece.then, active.filter(holds)), else: visit(piece.else, active.filter((m) => !holds(m))) };
}
