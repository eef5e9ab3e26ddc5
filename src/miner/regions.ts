/**
 * Regions: what lies between the lines every member of a role shares (see build.ts), each member's
 * lines there, aligned on their own. regionPieces tries, in turn: the same lines in every member,
 * the lines inlined token by token (inline-line.ts), repeated items (repeat-region.ts), the
 * region split further (an optional block around what some share, a list of items, the variants
 * cut at the lines they share or at lines alike in all), most members inlined and the others a
 * variant, and last one alternative per group of members (variant-blocks.ts).
 */
import type { BuildScope } from './build-scope.js';
import type { Piece } from './emit.js';
import { inlineLine } from './inline-line.js';
import { itemSet } from './item-set.js';
import { lcsPairs } from './lcs.js';
import { repeatRegion } from './repeat-region.js';
import { lineEditDistance } from './score.js';
import type { Line, Token } from './tokenize.js';
import { literalText, openingWord, tokensText } from './token-text.js';
import { variantBlocks } from './variant-blocks.js';

/** The most tokens a region's lines may have for inlineCore to try its members. */
const INLINE_CORE_TOKENS = 400;

/** Line weight in alignments: a line with a word or a number outweighs blank lines and lone braces. */
export const lineWeight = (key: string): number => (/[\p{L}\p{N}]/u.test(key) ? 2 : 1);

/**
 * For each member, a measure summed over every other member (their lines compared): computed once
 * per pair of distinct line sequences, weighted by how many members write each, since members of a
 * large family mostly write a region alike (165 members: a few sequences, not 27,000 pairs).
 */
function sumsOverOthers(ids: readonly number[], keysOf: (id: number) => readonly string[], measure: (a: readonly string[], b: readonly string[]) => number): Map<number, number> {
  const bySequence = new Map<string, { keys: readonly string[]; count: number }>();
  const sequenceOf = new Map<number, string>();
  for (const id of ids) {
    const keys = keysOf(id);
    const sequence = JSON.stringify(keys);
    sequenceOf.set(id, sequence);
    const entry = bySequence.get(sequence);
    if (entry === undefined) bySequence.set(sequence, { keys, count: 1 });
    else entry.count++;
  }
  const totalOf = new Map<string, number>();
  for (const [sequence, { keys, count }] of bySequence) {
    let total = 0;
    for (const [other, entry] of bySequence) total += other === sequence ? (count - 1) * measure(keys, keys) : entry.count * measure(keys, entry.keys);
    totalOf.set(sequence, total);
  }
  return new Map(ids.map((id) => [id, totalOf.get(sequenceOf.get(id) ?? '') ?? 0]));
}

/**
 * The pieces of a region (`region`: each member's lines there; `centerId`: the member the others
 * are aligned against), the first of the readings above that holds. `depth`: how many times the
 * region was split to get here; past 6 it is read as variants.
 */
function regionPieces(scope: BuildScope, ids: readonly number[], region: ReadonlyMap<number, readonly Line[]>, centerId: number, where: string, depth = 0): Piece[] {
  const { options, lineKey, zipLines, compatible } = scope;
  const lists = ids.map((id) => region.get(id) ?? []);
  if (lists.every((lines) => lines.length === 0)) return [];
  // The same text in every member, the name read into it in some (`package account` where
  // DeleteAccount ends in Account): a coincidence, since names differ. Kept as written.
  const texts = lists.map((lines) => tokensText(lines.flatMap((line) => line.tokens)));
  if (new Set(texts).size === 1 && ids.length >= 2) return [{ t: 'text', text: texts[0] ?? '' }];
  const keys = lists.map((lines) => lines.map(lineKey).join('\n'));
  if (keys.every((key) => key === keys[0]) && lists[0]?.every((_, l) => lists.every((lines) => lines[l] !== undefined))) {
    const sameForms = (lists[0] ?? []).every((line, l) =>
      line.tokens.every((_, t) => compatible(lists.map((lines) => lines[l]?.tokens[t]).filter((x): x is Token => x !== undefined))),
    );
    if (sameForms) return zipLines(lists, where);
  }
  const lineCount = lists[0]?.length ?? 0;
  if (options.inline && lineCount > 0 && lists.every((lines) => lines.length === lineCount)) {
    const pieces = inlineLines(scope, ids, region, centerId, where);
    if (pieces !== undefined) return pieces;
  }
  if (options.repeats) {
    const repeated = repeatRegion(scope, ids, region, where);
    if (repeated !== undefined) return repeated;
  }
  if (options.split === true && depth < 6) {
    const split = splitRegion(scope, ids, region, centerId, where, depth);
    if (split !== undefined) return split;
  }
  if (options.inline && depth < 6) {
    const core = inlineCore(scope, ids, region, centerId, where, depth);
    if (core !== undefined) return core;
  }
  return variantBlocks(scope, ids, region, centerId, where);
}

/** The members' lines inlined line by line (see inlineLine); undefined when one cannot be or a member lacks it. */
function inlineLines(scope: BuildScope, members: readonly number[], region: ReadonlyMap<number, readonly Line[]>, centerId: number, where: string): Piece[] | undefined {
  const pieces: Piece[] = [];
  const lineCount = region.get(centerId)?.length ?? 0;
  for (let l = 0; l < lineCount; l++) {
    const lines = new Map<number, Line>();
    for (const id of members) {
      const line = region.get(id)?.[l];
      if (line === undefined) return undefined;
      lines.set(id, line);
    }
    const inline = inlineLine(scope, members, lines, centerId, where);
    if (inline === undefined) return undefined;
    pieces.push(...inline);
  }
  return pieces;
}

/**
 * Most members' lines inlined (the same lines, values varying), the others a variant of their
 * own: one member writing a line its own way (`val dropsources: Dropsource?` beside
 * `val quirks: List<NemesisQuirk>?`) should not make every member a variant, each a literal a
 * new member cannot take. Undefined unless the center's lines inline with those of more than half
 * the members, and not with all.
 */
function inlineCore(scope: BuildScope, ids: readonly number[], region: ReadonlyMap<number, readonly Line[]>, centerId: number, where: string, depth: number): Piece[] | undefined {
  const { registry, rank, share } = scope;
  const lineCount = region.get(centerId)?.length ?? 0;
  if (lineCount === 0 || ids.length < 3) return undefined;
  // Lines of thousands of tokens (an icon's path data) are data, not a line a member writes its
  // own way: not worth a trial per member.
  if ((region.get(centerId) ?? []).reduce((sum, line) => sum + line.tokens.length, 0) > INLINE_CORE_TOKENS) return undefined;
  const inlines = (members: readonly number[]): boolean => {
    const mark = registry.mark();
    const conflicts = registry.conflicts.length;
    const ok = inlineLines(scope, members, region, centerId, where) !== undefined;
    registry.rollback(mark);
    registry.conflicts.splice(conflicts);
    return ok;
  };
  // Members inlining with the center alone first: a set cannot hold a member its pair refuses.
  // Given up as soon as fewer than half the members could be in it.
  const others = [...ids].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0)).filter((id) => id !== centerId);
  const candidates: number[] = [];
  for (const [k, id] of others.entries()) {
    if ((1 + candidates.length + others.length - k) * 2 <= ids.length) return undefined;
    if (region.get(id)?.length === lineCount && inlines([centerId, id])) candidates.push(id);
  }
  if ((candidates.length + 1) * 2 <= ids.length) return undefined;
  // All of them at once, mostly; one by one (a trial per member) only when that fails.
  let core = [centerId, ...candidates];
  if (!inlines(core)) {
    core = [centerId];
    for (const [k, id] of candidates.entries()) {
      if ((core.length + candidates.length - k) * 2 <= ids.length) return undefined;
      if (inlines([...core, id])) core.push(id);
    }
  }
  if (core.length === ids.length || core.length * 2 <= ids.length) return undefined;
  const corePieces = inlineLines(scope, core, region, centerId, where);
  if (corePieces === undefined) return undefined;
  const rest = ids.filter((id) => !core.includes(id));
  const restRegion = new Map(rest.map((id) => [id, region.get(id) ?? []]));
  const restPieces = regionPieces(scope, rest, restRegion, regionCenter(scope, rest, restRegion), where, depth + 1);
  const endsWithNewline = ids.every((id) => {
    const last = region.get(id)?.at(-1);
    return last === undefined || last.text.endsWith('\n');
  });
  const text = literalText((region.get(rest[0] ?? 0) ?? []).flatMap((line) => line.tokens));
  const flag = registry.flag(rest, false, 'with', text, `${where}: a variant of ${share(rest, ids.length)}`);
  return [{ t: 'if', flag, then: restPieces, else: corePieces, lines: endsWithNewline }];
}

/** The member of `ids` whose region lines are most like the others' (ties: the most typical). */
function regionCenter(scope: BuildScope, ids: readonly number[], region: ReadonlyMap<number, readonly Line[]>): number {
  const { rank, lineKey } = scope;
  let best = ids[0] ?? 0;
  let bestScore = -1;
  const totals = sumsOverOthers(ids, (id) => (region.get(id) ?? []).map(lineKey), (a, b) => lcsPairs(a, b).length);
  for (const a of [...ids].sort((x, y) => (rank.get(x) ?? 0) - (rank.get(y) ?? 0))) {
    const total = totals.get(a) ?? 0;
    if (total > bestScore) {
      bestScore = total;
      best = a;
    }
  }
  return best;
}

/**
 * A region cut at the anchors (center lines every member matches): the lines between two
 * anchors, each span aligned on its own (regionPieces), then the anchor's lines. Where anchors
 * are items of a list around them (`public var eventTs`, which every event carries, among the
 * fields each picks), the list is read whole (see itemSet), not cut at them.
 */
export function cutRegion(
  scope: BuildScope,
  ids: readonly number[],
  region: ReadonlyMap<number, readonly Line[]>,
  centerLines: readonly Line[],
  center: number,
  where: string,
  depth: number,
  anchors: readonly boolean[],
  matchOf: (id: number, i: number) => number,
  anchorPieces: (i: number) => Piece[],
): Piece[] {
  const cuts = centerLines.flatMap((_, i) => (anchors[i] === true ? [i] : []));
  // Member `id`'s lines from the one after cut `from - 1` to the one before cut `to`.
  const span = (from: number, to: number): Map<number, readonly Line[]> =>
    new Map(
      ids.map((id) => {
        const lines = region.get(id) ?? [];
        const start = from === 0 ? 0 : matchOf(id, cuts[from - 1] ?? 0) + 1;
        const end = to < cuts.length ? matchOf(id, cuts[to] ?? 0) : lines.length;
        return [id, lines.slice(start, end)];
      }),
    );
  const itemLike = (k: number) => {
    const i = cuts[k] ?? 0;
    const own = openingWord(centerLines[i]);
    return own !== undefined && (openingWord(centerLines[i - 1]) === own || openingWord(centerLines[i + 1]) === own);
  };
  const pieces: Piece[] = [];
  for (let k = 0; k <= cuts.length; ) {
    let last = k;
    while (last < cuts.length && itemLike(last)) last++;
    let merged: { to: number; pieces: Piece[] } | undefined;
    for (let to = last; to > k && merged === undefined; to--) {
      const items = itemSet(scope, ids, span(k, to), where);
      if (items !== undefined) merged = { to, pieces: items };
    }
    const to = merged?.to ?? k;
    pieces.push(...(merged?.pieces ?? regionPieces(scope, ids, span(k, k), center, where, depth + 1)));
    if (to < cuts.length) pieces.push(...anchorPieces(cuts[to] ?? 0));
    k = to + 1;
  }
  return pieces;
}

/**
 * A variant region split further (see BuildOptions.split); undefined when it cannot be, and the
 * region becomes one alternative per group of members.
 */
function splitRegion(scope: BuildScope, ids: readonly number[], region: ReadonlyMap<number, readonly Line[]>, centerId: number, where: string, depth: number): Piece[] | undefined {
  const { registry, share, lineKey, zipLines, compatible, alikeMatches } = scope;
  const present = ids.filter((id) => (region.get(id)?.length ?? 0) > 0);
  if (present.length === 0) return [];
  const items = itemSet(scope, ids, region, where);
  if (items !== undefined) return items;
  if (present.length < ids.length) {
    // Some members have lines here, others none: an optional block around what the first share.
    if (present.length < 2) return undefined;
    if (!present.every((id) => region.get(id)?.at(-1)?.text.endsWith('\n') === true)) return undefined;
    const sub = new Map(present.map((id) => [id, region.get(id) ?? []]));
    const subCenter = present.includes(centerId) ? centerId : regionCenter(scope, present, sub);
    const inner = regionPieces(scope, present, sub, subCenter, where, depth + 1);
    // Present by default when that predicts more lines than it adds in vain: the lines the members
    // that have them share with the most typical variant, against the lines the others would get
    // for nothing (weighted 0.7: an extra line is cheaper to delete than a missing one to write).
    const keys = new Map(present.map((id) => [id, (sub.get(id) ?? []).map(lineKey)]));
    const costs = sumsOverOthers(present, (id) => keys.get(id) ?? [], lineEditDistance);
    let medoid = present[0] ?? 0;
    let medoidCost = Infinity;
    for (const a of present) {
      const cost = costs.get(a) ?? 0;
      if (cost < medoidCost) {
        medoidCost = cost;
        medoid = a;
      }
    }
    const medoidKeys = keys.get(medoid) ?? [];
    let predicted = 0;
    for (const id of present) {
      const other = keys.get(id) ?? [];
      predicted += Math.max(medoidKeys.length, other.length) - lineEditDistance(medoidKeys, other);
    }
    const isDefault = predicted >= 0.7 * (ids.length - present.length) * medoidKeys.length;
    const text = literalText((sub.get(subCenter) ?? []).flatMap((line) => line.tokens));
    const flag = registry.flag(present, isDefault, 'has', text, `${where}: lines present in ${share(present, ids.length)}`);
    return [{ t: 'if', flag, then: inner, else: [], lines: true }];
  }
  // Every member has lines: align the variants against each other.
  const center = regionCenter(scope, ids, region);
  const centerLines = region.get(center) ?? [];
  const centerKeys = centerLines.map(lineKey);
  const matches = new Map<number, Int32Array>();
  for (const id of ids) {
    if (id === center) continue;
    const match = new Int32Array(centerLines.length).fill(-1);
    for (const [i, j] of lcsPairs(centerKeys, (region.get(id) ?? []).map(lineKey), lineWeight)) match[i] = j;
    matches.set(id, match);
  }
  const at = (id: number, i: number) => (id === center ? i : (matches.get(id)?.[i] ?? -1));
  const anchor = (i: number) => {
    if (!ids.every((id) => at(id, i) >= 0)) return false;
    const lines = ids.map((id) => region.get(id)?.[at(id, i)]).filter((line): line is Line => line !== undefined);
    return (lines[0]?.tokens ?? []).every((_, t) => compatible(lines.map((line) => line.tokens[t]).filter((x): x is Token => x !== undefined)));
  };
  /** The region cut at the anchors: the lines between two anchors, then the anchor's lines. */
  const cutAt = (anchors: readonly boolean[], matchOf: (id: number, i: number) => number, anchorPieces: (i: number) => Piece[]): Piece[] =>
    cutRegion(scope, ids, region, centerLines, center, where, depth, anchors, matchOf, anchorPieces);
  const anchors = centerLines.map((_, i) => anchor(i));
  if (anchors.some((isAnchor) => isAnchor)) {
    return cutAt(anchors, at, (i) => zipLines(ids.map((id) => region.get(id)?.[at(id, i)]).filter((line): line is Line => line !== undefined).map((line) => [line]), where));
  }
  // No line in common: lines alike in every member (`"description": "…",` with other values, an
  // import of another module) anchor the cut instead, each aligned token by token.
  const alike = alikeMatches(ids, region, center);
  if (alike !== undefined) {
    const alikeAt = (id: number, i: number) => (id === center ? i : (alike.get(id)?.[i] ?? -1));
    const linesAt = (i: number) => new Map(ids.map((id) => [id, region.get(id)?.[alikeAt(id, i)]]).filter((entry): entry is [number, Line] => entry[1] !== undefined));
    const fits = centerLines.map((_, i) => {
      if (!ids.every((id) => alikeAt(id, i) >= 0)) return false;
      const mark = registry.mark();
      const inline = inlineLine(scope, ids, linesAt(i), center, where);
      registry.rollback(mark);
      return inline !== undefined;
    });
    if (fits.some((fit) => fit)) return cutAt(fits, alikeAt, (i) => inlineLine(scope, ids, linesAt(i), center, where) ?? []);
  }
  // No line in common: the same number of lines everywhere is compared line by line.
  const count_ = centerLines.length;
  if (count_ > 1 && ids.every((id) => region.get(id)?.length === count_)) {
    const pieces: Piece[] = [];
    for (let l = 0; l < count_; l++) {
      const sub = new Map<number, readonly Line[]>(ids.map((id) => [id, (region.get(id) ?? []).slice(l, l + 1)]));
      pieces.push(...regionPieces(scope, ids, sub, center, where, depth + 1));
    }
    return pieces;
  }
  return undefined;
}
