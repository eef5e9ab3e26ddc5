/**
 * A region whose members write it in different ways, one alternative per group of members with
 * the same lines (`{{#if a}}…{{else if b}}…{{else}}…{{/if}}`), the variant a new member gets last;
 * lines some members have and the others lack are an optional block.
 */
import type { BuildScope } from './build-scope.js';
import type { Piece } from './emit.js';
import { lineEditDistance } from './score.js';
import type { Line } from './tokenize.js';
import { literalText } from './token-text.js';
import { countValues } from '../util/collect.js';

/** A line with every run of spaces or tabs after its indentation written as one space. */
const unpadded = (line: string): string => line.replace(/(\S)[ \t]+/gu, '$1 ');

/** Alternatives per group of members with the same lines. */
export function variantBlocks(scope: BuildScope, ids: readonly number[], region: ReadonlyMap<number, readonly Line[]>, centerId: number, where: string): Piece[] {
  const { options, registry, share, lineKey, zipLines, groupsOf } = scope;
  const tokensOf = (id: number) => (region.get(id) ?? []).flatMap((line) => line.tokens);
  const groups = groupsOf(ids, tokensOf).map((members) => ({ members, lines: members.map((id) => region.get(id) ?? []) }));
  const content = (group: { lines: Array<readonly Line[]> }) => zipLines(group.lines, where);
  const isEmpty = (group: { lines: Array<readonly Line[]> }) => (group.lines[0]?.length ?? 0) === 0;
  const groupText = (group: { lines: Array<readonly Line[]> }) => literalText((group.lines[0] ?? []).flatMap((line) => line.tokens));
  const endsWithNewline = groups.every((group) => {
    const last = group.lines[0]?.at(-1);
    return last === undefined || last.text.endsWith('\n');
  });
  if (groups.length === 1) return content(groups[0] ?? { lines: [] });
  const size = (group: { members: number[] }) => group.members.length;
  // The default variant (what a new member gets): the weighted medoid, i.e. the variant with the
  // fewest line edits to every member's variant; the most common one wins unless it is an outlier.
  // Lines compared as written but for the spaces that align their columns: gofmt pads a struct's
  // fields to its longest name, so members with other fields pad the same field differently.
  const keysOfGroup = (group: { lines: Array<readonly Line[]> }) => (group.lines[0] ?? []).map((line) => unpadded(lineKey(line)));
  const cost = new Map(
    groups.map((group) => [
      group,
      groups.reduce((sum, other) => sum + (other === group ? 0 : size(other) * lineEditDistance(keysOfGroup(group), keysOfGroup(other))), 0),
    ]),
  );
  const ranked = [...groups].sort(
    (a, b) =>
      (cost.get(a) ?? 0) - (cost.get(b) ?? 0) ||
      size(b) - size(a) ||
      // On a tie keep the lines: deleting a line is easier than writing one.
      Number(isEmpty(a)) - Number(isEmpty(b)) ||
      // Between variants equally far from the rest, the shorter one guesses fewer lines wrong.
      (options.split === true ? (a.lines[0]?.length ?? 0) - (b.lines[0]?.length ?? 0) : 0) ||
      Number(b.members.includes(centerId)) - Number(a.members.includes(centerId)) ||
      (a.members[0] ?? 0) - (b.members[0] ?? 0),
  );
  const fallback = ranked[0];
  if (fallback === undefined) return [];
  if (groups.length === 2 && groups.some(isEmpty)) {
    const present = groups.find((group) => !isEmpty(group));
    if (present === undefined) return [];
    const absent = groups.find(isEmpty);
    const evenSplit = absent !== undefined && cost.get(present) === cost.get(absent) && size(present) === size(absent);
    const flag = registry.flag(
      present.members,
      present === fallback,
      'has',
      groupText(present),
      `${where}: lines present in ${share(present.members, ids.length)}`,
      { evenSplit },
    );
    return [{ t: 'if', flag, then: content(present), else: [], lines: endsWithNewline }];
  }
  // A variant is named after a word only it has (`withBranchId`, `withErr` beside variants
  // catching `error`), else after one the default variant lacks; not after the first word every
  // variant starts with (`withTry3`).
  const wordsOf = new Map(groups.map((group) => [group, groupText(group).match(/[A-Za-z_$][\w$]*/gu) ?? []]));
  const groupsHaving = countValues([...wordsOf.values()].flatMap((words) => [...new Set(words)]));
  const defaultWords = new Set(wordsOf.get(fallback));
  const variantHint = (group: (typeof groups)[number]): string => {
    const own = wordsOf.get(group) ?? [];
    const onlyHere = own.filter((word) => groupsHaving.get(word) === 1);
    const notDefault = own.filter((word) => !defaultWords.has(word));
    return (onlyHere.length > 0 ? onlyHere : notDefault.length > 0 ? notDefault : own).join(' ') || groupText(group);
  };
  let chain: Piece[] = isEmpty(fallback) ? [] : content(fallback);
  for (const group of ranked.slice(1).reverse()) {
    const flag = registry.flag(group.members, false, 'with', variantHint(group), `${where}: a variant of ${share(group.members, ids.length)}`);
    chain = [{ t: 'if', flag, then: isEmpty(group) ? [] : content(group), else: chain, lines: endsWithNewline }];
  }
  return chain;
}
