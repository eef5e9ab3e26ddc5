/**
 * A value written again inside a variant: where a variant's literal text holds, for every member
 * the variant is for, that member's value of a value param (`containerPort: 7000` in the variant
 * of the member whose `port` is 7000), the literal becomes the param. A new member given
 * `--set port=7070` then gets 7070 in every place the members repeat their port, not only in the
 * places every member shares; and the members still render byte for byte, each variant being
 * written only for members whose value it holds.
 */
import type { BuiltFile, MinedParam, ValueParam } from './ir.js';
import { flagMembers, mapBranches } from './branches.js';
import { mergeText, type Piece } from './emit.js';

/**
 * Values that tell a member's value from a coincidence: numbers, routes, addresses and versions of
 * three characters or more (`7000`, `/users`, `redis:6379`, `1.2.0`). Words and identifiers
 * (`delete`, `first_name`) are too often another word that happens to be spelled alike, and `1`
 * or `on` too common.
 */
const DISTINCTIVE = /^(?=.*[\p{N}/:@])(?![\p{L}_$][\p{L}\p{N}_$]*$)[\p{L}\p{N}_./:@+-]{3,80}$/u;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

export function spreadValues(files: readonly BuiltFile[], params: readonly MinedParam[], count: number): BuiltFile[] {
  const values = params.filter(
    (param): param is ValueParam => param.kind === 'value' && param.type !== 'boolean' && param.template === undefined && new Set(param.values.filter((value) => value !== undefined)).size > 1,
  );
  const flags = flagMembers(params);
  if (values.length === 0) return [...files];

  /** The param whose value is the same distinctive text for every member in `active`, if one. */
  const paramFor = (active: readonly number[]): Array<{ param: string; value: string }> => {
    const found: Array<{ param: string; value: string }> = [];
    const seen = new Set<string>();
    for (const param of values) {
      const value = param.values[active[0] ?? -1];
      if (value === undefined || !DISTINCTIVE.test(value) || seen.has(value)) continue;
      if (!active.every((m) => param.values[m] === value)) continue;
      seen.add(value);
      found.push({ param: param.name, value });
    }
    return found;
  };

  const inText = (text: string, active: readonly number[]): Piece[] => {
    let pieces: Piece[] = [{ t: 'text', text }];
    for (const { param, value } of paramFor(active)) {
      pieces = pieces.flatMap((piece) => (piece.t === 'text' ? splitOn(piece.text, value, param) : [piece]));
    }
    return mergeText(pieces);
  };

  const walk = (pieces: readonly Piece[], active: readonly number[], everyone: boolean): Piece[] =>
    mergeText(
      pieces.flatMap((piece): Piece[] => {
        if (piece.t === 'text') return everyone || active.length === 0 ? [piece] : inText(piece.text, active);
        return [mapBranches(piece, active, flags, (branch, members) => walk(branch, members, false))];
      }),
    );

  // A file only some members have is a variant too.
  return files.map((file) => ({ ...file, content: walk(file.content, file.members, file.members.length === count) }));
}

/** `text` with every whole-word `value` in it made the param. */
function splitOn(text: string, value: string, param: string): Piece[] {
  const out: Piece[] = [];
  let from = 0;
  for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
    const before = text[at - 1] ?? '';
    const after = text[at + value.length] ?? '';
    if (WORD_CHAR.test(before) || WORD_CHAR.test(after) || at < from) continue;
    out.push({ t: 'text', text: text.slice(from, at) }, { t: 'value', param });
    from = at + value.length;
  }
  out.push({ t: 'text', text: text.slice(from) });
  return out;
}
