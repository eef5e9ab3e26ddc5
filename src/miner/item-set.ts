/** A region that lists items each member picks from one stock, in one sorted order (see itemSet). */
import type { BuildScope } from './build-scope.js';
import type { Piece } from './emit.js';
import { ALIKE } from './line-shapes.js';
import { IMPORT_LEAD } from './sorted-runs.js';
import type { Line } from './tokenize.js';
import { hasName, openingWord } from './token-text.js';
import { byString } from '../util/text.js';
import { countBy } from '../util/collect.js';

/**
 * A region that lists items each member picks from one stock (the fields of generated event
 * structs: `channel`, `event_ts`, `user` in some, `domain`, `url` in another, in one sorted
 * order): a line per item, present where its members have it, under the flag of those members
 * (`{{#if hasChannel}}`), shared by every place that lists the same items (the struct's
 * properties and its coding keys). Aligned as slots instead, one member's `channel` would be
 * another's `domain`, and a new member could only get the center's fields renamed. Needs lines
 * alike in shape (a list, not code), none twice in a member, one order all members keep, and two
 * items at least that some members have and others not, each had by two members or more.
 */
export function itemSet(scope: BuildScope, ids: readonly number[], region: ReadonlyMap<number, readonly Line[]>, where: string): Piece[] | undefined {
  const { registry, share, likeness } = scope;
  const lists = ids.map((id) => region.get(id) ?? []);
  const all = lists.flat();
  // A list, where some member has two items at least: one line per member is a slot of one value.
  if (all.length < 3 || ids.length < 3 || !lists.some((lines) => lines.length >= 2)) return undefined;
  // An item is its text: the same text in several members is one item, even where one of them
  // reads its name into it (`case ship` in ShipArrived and in CargoLoaded).
  const itemKey = (line: Line) => line.text;
  const keysOf = lists.map((lines) => lines.map(itemKey));
  if (keysOf.some((keys) => new Set(keys).size !== keys.length)) return undefined;
  // Alike, or opening with the same word at the same indent (`case channel` beside
  // `case eventTs = "event_ts"`): items of one list, not lines of code.
  const first = all[0];
  if (first === undefined || !all.every((line) => likeness(first, line) >= ALIKE || (openingWord(line) !== undefined && openingWord(line) === openingWord(first)))) return undefined;
  // Imports name what a member's code uses, which the code's own alignment decides (a response
  // model imported in one place each member fills): not a stock of items.
  if (all.some((line) => IMPORT_LEAD.test(line.text))) return undefined;
  // An item only its member lists, spelling its name (`val quirks` in LichQuirks), is that
  // member's own, written from its name: a list of such is no stock of items.
  const listedBy = countBy(all, itemKey);
  if (all.some((line) => hasName(line.tokens) && listedBy.get(itemKey(line)) === 1)) return undefined;
  // Sorted in every member (a generator's or a formatter's order, not a hand-made sequence).
  const sortedText = (line: Line) => line.text.trim().toLowerCase();
  if (!lists.every((lines) => lines.every((line, l) => l === 0 || sortedText(lines[l - 1] as Line) <= sortedText(line)))) return undefined;
  // One order for all: the items sorted (each member's are), which every member must keep (two
  // items sorting alike could be written either way round). Linear in the lines: lists of
  // thousands of items (icon sets, translations) come here too.
  const textOf = new Map(all.map((line) => [itemKey(line), sortedText(line)]));
  const order = [...textOf.keys()].sort((a, b) => byString(textOf.get(a) ?? '', textOf.get(b) ?? '') || byString(a, b));
  const rank = new Map(order.map((key, k) => [key, k]));
  if (!keysOf.every((keys) => keys.every((key, k) => k === 0 || (rank.get(keys[k - 1] ?? '') ?? 0) < (rank.get(key) ?? 0)))) return undefined;
  const holding = new Map<string, number[]>();
  keysOf.forEach((keys, k) =>
    keys.forEach((key) => {
      const members = holding.get(key) ?? [];
      members.push(ids[k] ?? k);
      holding.set(key, members);
    }),
  );
  const holders = (key: string) => holding.get(key) ?? [];
  const varying = order.filter((key) => holders(key).length >= 2 && holders(key).length < ids.length);
  if (varying.length < 2) return undefined;
  const wordsOf = (line: Line) => new Set(itemKey(line).split(/[^\p{L}\p{N}_$]+/u).filter((word) => word !== ''));
  const shared = new Set([...wordsOf(first)].filter((word) => all.every((line) => wordsOf(line).has(word))));
  const pieces: Piece[] = [];
  for (const key of order) {
    const having = holders(key);
    // The same text in every member listing it: kept as written (a name read into it is chance).
    const line: Piece[] = [{ t: 'text', text: key }];
    if (having.length === ids.length) {
      pieces.push(...line);
      continue;
    }
    // Named after its own words, not those every item has (`case channel`: `hasChannel`).
    const text = key.split(/([^\p{L}\p{N}_$]+)/u).filter((word) => !shared.has(word)).join('');
    const flag = registry.flag(having, having.length * 2 > ids.length, 'has', text, `${where}: an item of a list, listed by ${share(having, ids.length)}`, { evenSplit: having.length * 2 === ids.length });
    const last = pieces.at(-1);
    // Items the same members have are one block (`latest` and `ts`).
    if (last?.t === 'if' && last.flag === flag) pieces[pieces.length - 1] = { ...last, then: [...last.then, ...line] };
    else pieces.push({ t: 'if', flag, then: line, else: [], lines: true });
  }
  return pieces;
}
