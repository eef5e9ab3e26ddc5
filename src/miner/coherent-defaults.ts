/**
 * Flag defaults taken together. Each optional part's default is decided on its own (present in
 * most members, or cheaper to delete than to write), which is right when the parts are independent.
 * They often are not: go-swagger writes a body model, its validation import and its context
 * checks together, for the operations that take a body. Where the members split on such parts, the
 * defaults one by one can mix halves of two kinds of member into a file like neither.
 *
 * So each member's flags, as a whole, are a candidate set of defaults beside the part-by-part one:
 * rendered for every other member (its name and values, the candidate's flags), the candidate
 * whose renders share clearly more lines with those members wins: more by 2 lines in 100, and
 * better for more of them than it is worse. No member votes for itself: a member's flags are
 * scored against the others only, the part-by-part defaults against the same members, each as the
 * others alone would have set them (a default that follows the majority follows the majority of
 * the others).
 */
import type { Template } from '../library/template.js';
import type { Renderer } from '../render/index.js';
import type { Built, FlagParam, MinedMember, MinedParam } from './ir.js';
import { generateMember } from './generate.js';
import { compareFiles } from './score.js';
import type { MemberParams, ParamValue } from './types.js';

type Defaults = ReadonlyMap<string, boolean>;

/**
 * How much better (in lines shared, per line) a member's flags must predict the others to replace
 * the part-by-part defaults. Among a handful of candidates, a lead of a line in a hundred is
 * chance: on a real family (NgRx action specs) such leads picked sets that cost it nearly half of
 * the lines it got right.
 */
const CLEAR_LEAD = 0.02;

/** Flag sets tried at most (each renders every member once), those most members share first. */
const MAX_CANDIDATES = 8;

/**
 * `built` with the flag defaults of the member whose flags predict the other members best, or
 * undefined when the part-by-part defaults do as well.
 *
 * @param templateOf writes a Built as the template it renders (the miner's toTemplate)
 */
export function coherentDefaults(
  built: Built,
  given: readonly MemberParams[],
  members: readonly MinedMember[],
  templateOf: (built: Built) => Template,
  renderer: Renderer,
): Built | undefined {
  // A linked flag follows its param; the others are the parts a default set decides.
  const flags = built.params.filter((param): param is FlagParam => param.kind === 'flag' && param.follows === undefined);
  if (flags.length === 0 || members.length < 3) return undefined;
  const template = templateOf(built);
  const linked = new Set(built.params.filter((param) => param.kind === 'flag' && param.follows !== undefined).map((param) => param.name));

  /** Lines each member's render with `defaultsFor(m)` shares with it, and lines compared. */
  const scores = (defaultsFor: (m: number) => Defaults): Array<{ same: number; lines: number }> =>
    members.map((member, m) => {
      const params: Record<string, ParamValue | undefined> = { ...given[m]?.params };
      for (const [flag, value] of defaultsFor(m)) params[flag] = value;
      for (const flag of linked) delete params[flag];
      const { same, lines } = compareFiles(generateMember(template, params, { renderer }), member.files);
      return { same, lines };
    });
  /** The share of lines right over every member but `skip`. */
  const rate = (scored: ReadonlyArray<{ same: number; lines: number }>, skip: number): number => {
    const kept = scored.filter((_, m) => m !== skip);
    const lines = kept.reduce((sum, score) => sum + score.lines, 0);
    return lines === 0 ? 1 : kept.reduce((sum, score) => sum + score.same, 0) / lines;
  };

  const count = members.length;
  /** The default `flag` would have without member `m`: a majority's default follows the others' majority. */
  const withoutMember = (flag: FlagParam, m: number): boolean => {
    const present = flag.members.length;
    const followsMajority = flag.default ? present * 2 >= count : present * 2 <= count;
    if (!followsMajority) return flag.default;
    const others = present - Number(flag.members.includes(m));
    return others * 2 === count - 1 ? flag.default : others * 2 > count - 1;
  };
  const current: Defaults = new Map(flags.map((flag) => [flag.name, flag.default]));

  // The members' flag sets other than the defaults, each once, those most members share first.
  const keyOf = (defaults: Defaults) => [...defaults.values()].map(Number).join('');
  const currentKey = keyOf(current);
  const sets = new Map<string, { defaults: Defaults; members: number[] }>();
  members.forEach((_, m) => {
    const own = flagsOf(flags, m);
    const key = keyOf(own);
    if (key === currentKey) return;
    const set = sets.get(key) ?? { defaults: own, members: [] };
    set.members.push(m);
    sets.set(key, set);
  });
  const candidates = [...sets.values()].sort((a, b) => b.members.length - a.members.length || (a.members[0] ?? 0) - (b.members[0] ?? 0)).slice(0, MAX_CANDIDATES);
  if (candidates.length === 0) return undefined;
  const partByPartScores = scores((m) => new Map(flags.map((flag) => [flag.name, withoutMember(flag, m)])));
  const best: { rate: number; against: number; lead: number; defaults: Defaults; members: readonly number[] } = { rate: 0, against: 0, lead: CLEAR_LEAD, defaults: current, members: [] };
  for (const candidate of candidates) {
    const scored = scores(() => candidate.defaults);
    // Scored without each member that has it in turn, against the part-by-part defaults on the
    // same members: another member with the same flags is evidence for them, the member itself is
    // not, and neither is leaving out a member no default predicts well.
    for (const m of candidate.members) {
      const candidateRate = rate(scored, m);
      const against = rate(partByPartScores, m);
      const lead = candidateRate - against;
      const others = members.map((_, k) => k).filter((k) => k !== m);
      const wins = others.filter((k) => (scored[k]?.same ?? 0) > (partByPartScores[k]?.same ?? 0)).length;
      const losses = others.filter((k) => (scored[k]?.same ?? 0) < (partByPartScores[k]?.same ?? 0)).length;
      if (lead > best.lead && wins > losses) Object.assign(best, { rate: candidateRate, against, lead, defaults: candidate.defaults, members: candidate.members });
    }
  }
  if (best.defaults === current) return undefined;
  // The report says why a default is not the part's own.
  const percent = (rate: number) => `${Math.round(rate * 100)}%`;
  const because = `as ${best.members.map((m) => members[m]?.name ?? String(m)).join(', ')} ${best.members.length === 1 ? 'has' : 'have'} it: their flags together predict ${percent(best.rate)} of the other members' lines, each part's own default ${percent(best.against)}`;
  return withFlagDefaults(built, best.defaults, because);
}

/** Member `m`'s own flags, as defaults: true for the parts it has. */
export const flagsOf = (flags: readonly FlagParam[], m: number): Defaults => new Map(flags.map((flag) => [flag.name, flag.members.includes(m)]));

/** `built` with these flag defaults, each one changed saying `because` (the report's why). */
export function withFlagDefaults(built: Built, defaults: Defaults, because: string): Built {
  const params = built.params.map((param): MinedParam => {
    if (param.kind !== 'flag' || !defaults.has(param.name)) return param;
    const value = defaults.get(param.name) ?? param.default;
    return value === param.default ? param : { ...param, default: value, defaultWhy: because };
  });
  return { ...built, params };
}
