import type { Piece } from './emit.js';
import { nestedLists } from './emit.js';
import type { BuiltFile, Follow, MinedParam, ValueParam } from './ir.js';
import { sameMembers } from './branches.js';
import { isSpaces } from '../util/text.js';

/**
 * Flags that vary with another param, member for member, follow it: a flag true exactly where
 * another flag is false (a variant, and the lines the other members have instead), or exactly
 * where a value param has one value shared by two members or more (`maxRetries: 1` and the
 * trailing comma after it), or by one member where the param's words repeat (`method: get` beside
 * `post`, `post`, `put`: the one query member's lines go with `get`). Whoever passes the leading
 * param gets the flag's side that went with it; with nothing passed, every default stays what it
 * was (a link that would change one is not made). Of two opposite flags the one for lines some
 * members have (`has…`) leads, else the first; of several leads, the one with the most values (a
 * method rather than a flag or a two-valued detail it decides: what a user passes). A leader is a
 * plain param (it follows nothing, and a value written from the name cannot lead). A text of two
 * values that split the members as a flag does follows that flag, a flag that follows another
 * param included, so the words go with the parts (`{{#if withUseQuery}}queryFn{{else}}mutationFn
 * {{/if}}`, the flag `{{eq method "get"}}`); no default reads itself back, through any chain.
 */
export function linkFlags(params: readonly MinedParam[], count: number, files: readonly BuiltFile[] = []): MinedParam[] {
  // Spaces are layout, which follows content: the gap gofmt leaves after `Use:` is wider because
  // an `Example:` line is there, not the other way round, and nobody passes a gap.
  const isSpacing = (param: ValueParam) => param.values.every((value) => value !== undefined && isSpaces(value));
  const all = Array.from({ length: count }, (_, m) => m);
  const follows = new Map<string, Follow>();
  params.forEach((param, index) => {
    if (param.kind !== 'flag') return;
    const others = all.filter((m) => !param.members.includes(m));
    const candidates: Array<{ follow: Follow; values: number }> = [];
    params.forEach((lead, leadIndex) => {
      if (lead === param || follows.has(lead.name)) return;
      if (lead.kind === 'flag') {
        if (!sameMembers(lead.members, others) || lead.default !== !param.default) return;
        // The presence flag leads; between two alike, the first.
        const leads = lead.presence !== param.presence ? lead.presence : leadIndex < index;
        if (leads) candidates.push({ follow: { param: lead.name, negate: true }, values: 2 });
      } else if (lead.kind === 'value' && lead.template === undefined && lead.values.every((value) => value !== undefined) && !isSpacing(lead)) {
        const distinct = new Set(lead.values);
        // One member's value leads its flags when the param is a category of three words or more
        // whose words repeat (`method: get` beside `post`, `post`, `put`): never a free text each
        // member has its own of, a number, or one of two words (`index`, `indexer`).
        const categorical = distinct.size >= 3 && distinct.size < lead.values.length && lead.type === 'string';
        for (const value of distinct) {
          if (value === undefined || !/^[\p{L}\p{N}_ .:/@+-]{0,60}$/u.test(value)) continue;
          const having = all.filter((m) => lead.values[m] === value);
          if (having.length < (categorical ? 1 : 2) || having.length === count || !sameMembers(having, param.members) || (lead.default === value) !== param.default) continue;
          candidates.push({ follow: { param: lead.name, equals: lead.type === 'number' ? Number(value) : value }, values: distinct.size });
        }
      }
    });
    const best = candidates.sort((a, b) => b.values - a.values)[0];
    if (best !== undefined && !params.some((other) => follows.get(other.name)?.param === param.name)) follows.set(param.name, best.follow);
  });
  // The flags each text's default reads, as they are given below.
  const readsFlags = new Map<string, readonly string[]>();
  /** Whether the default of `name` reads `target`, itself or through the defaults it reads. */
  const reaches = (name: string, target: string, seen = new Set<string>()): boolean => {
    if (name === target) return true;
    if (seen.has(name)) return false;
    seen.add(name);
    const followed = follows.get(name)?.param;
    return [...(readsFlags.get(name) ?? []), ...(followed === undefined ? [] : [followed])].some((other) => reaches(other, target, seen));
  };
  return params.map((param): MinedParam => {
    if (param.kind === 'flag') return follows.has(param.name) ? { ...param, follows: follows.get(param.name) } : param;
    if (param.kind !== 'value' || param.type !== 'string' || param.template !== undefined) return param;
    // A text with two values, one where a flag is true, the other where it is false (`indexer`
    // in the namespaced members' comments, `index` in the others'): its default follows the flag.
    const distinct = [...new Set(param.values)];
    if (distinct.length !== 2 || distinct.some((value) => value === undefined)) return param;
    for (const lead of params) {
      // A flag that follows another param leads too (kubb's `queryFn` where `{{eq method "get"}}`
      // is true), so one `--set method=get` gives the query hook's parts and its words; never one
      // whose default would read this text back.
      if (lead.kind !== 'flag' || reaches(lead.name, param.name)) continue;
      const [a = '', b = ''] = distinct as string[];
      const values: readonly (string | undefined)[] = param.values;
      const on: number[] = all.filter((m) => values[m] === a);
      const off: number[] = all.filter((m) => values[m] === b);
      const [then, otherwise]: Array<string | undefined> = sameMembers(on, lead.members) ? [a, b] : sameMembers(off, lead.members) ? [b, a] : [];
      if (then === undefined || otherwise === undefined) continue;
      // The flag's lines are there only where the blocks around them are open too (`Args:` lines
      // inside the part only commands with a `Run` have): so is the text that goes with them.
      const guards = guardsOf(files, lead.name);
      if (guards.some((guard) => reaches(guard.flag, param.name))) continue;
      const defaultOf = (flag: string) => params.find((known) => known.name === flag)?.default === true;
      const open = lead.default && guards.every((guard) => defaultOf(guard.flag) === guard.open);
      // A default the members were split on evenly is a coin flip: the flag's side is not.
      const followed = open ? then : otherwise;
      if (followed !== param.default && on.length !== off.length) continue;
      const otherwisePiece: Piece = { t: 'text', text: otherwise };
      const template = guards.reduceRight<Piece[]>(
        (inner, guard) => [{ t: 'if', flag: guard.flag, then: guard.open ? inner : [otherwisePiece], else: guard.open ? [otherwisePiece] : inner, lines: false }],
        [{ t: 'if', flag: lead.name, then: [{ t: 'text', text: then }], else: [otherwisePiece], lines: false }],
      );
      readsFlags.set(param.name, [lead.name, ...guards.map((guard) => guard.flag)]);
      return { ...param, template, default: followed };
    }
    return param;
  });
}

/** A block a flag's part sits in: the flag, and whether its part is where the flag is true. */
interface Guard {
  readonly flag: string;
  readonly open: boolean;
}

/**
 * The blocks around a flag's part, outermost first (`hasArgs` inside `{{#if hasRun}}`: hasRun
 * true); none where the flag is not nested, or sits in different blocks in different places.
 */
function guardsOf(files: readonly BuiltFile[], flag: string): Guard[] {
  const found: Guard[][] = [];
  const walk = (pieces: readonly Piece[], around: Guard[]): void => {
    for (const piece of pieces) {
      if (piece.t === 'if' && piece.flag === flag) found.push(around);
      if (piece.t === 'if') {
        walk(piece.then, [...around, { flag: piece.flag, open: piece.negate !== true }]);
        walk(piece.else, [...around, { flag: piece.flag, open: piece.negate === true }]);
      } else nestedLists(piece).forEach((list) => walk(list, around));
    }
  };
  for (const file of files) walk(file.content, []);
  const [first] = found;
  const same = (a: readonly Guard[], b: readonly Guard[]) => a.length === b.length && a.every((guard, k) => guard.flag === b[k]?.flag && guard.open === b[k]?.open);
  return first !== undefined && found.every((guards) => same(guards, first)) ? first : [];
}
