/**
 * An optional part's default, decided among the members a new member is like. Each part's default
 * is what most members do; but a part only one kind of member has (a blank line at the top of a
 * cobra command's short `init()`, where the commands with flags have a longer one) is voted on by
 * every member, the other kind too, and loses where the members of its own kind mostly have it.
 *
 * A new member gets every other part's default, so it is of the kind those defaults say. Where
 * every member that has the part agrees with the default of a larger part written next to it
 * (within a few lines of the same file: the same body, not a flag elsewhere that happens to split
 * the members alike; the larger one says the kind, a blank line follows the body it sits in), the
 * part's default is what most members of that kind do: a kind of three members at least, two at
 * least on the other side, more of them with the part than without (or the other way round). Plain
 * flags only: a flag that follows another param takes that param's side whatever its members do.
 */
import type { Built, FlagParam, MinedParam } from './ir.js';
import { emit, nestedLists, type Piece } from './emit.js';

/** Where a param is written in the template: each file and line (see occurrencesOf in mine.ts). */
export type Occurrences = (param: string) => ReadonlyArray<{ readonly file: string; readonly line: number }>;

/** Members a kind must have for its majority to decide a default. */
const MIN_KIND = 3;

/** How many template lines apart two parts may start to be next to each other. */
const NEAR_LINES = 4;

/** How much text each flag decides: the length of its blocks' branches, written out. */
function flagSizes(built: Built): Map<string, number> {
  const sizes = new Map<string, number>();
  const walk = (pieces: readonly Piece[]): void => {
    for (const piece of pieces) {
      if (piece.t === 'if') sizes.set(piece.flag, (sizes.get(piece.flag) ?? 0) + emit(piece.then, 'name').length + emit(piece.else, 'name').length);
      nestedLists(piece).forEach(walk);
    }
  };
  for (const file of built.files) walk(file.content);
  return sizes;
}

/**
 * `built` (of `count` members) with such defaults, or undefined when every part's own default stands.
 *
 * @param occurrencesOf where `built`'s template writes each param
 */
export function conditionalDefaults(built: Built, count: number, occurrencesOf: Occurrences): Built | undefined {
  const flags = built.params.filter((param): param is FlagParam => param.kind === 'flag' && param.follows === undefined && param.defaultWhy === undefined);
  if (flags.length < 2) return undefined;
  const lines = new Map(flags.map((flag) => [flag.name, occurrencesOf(flag.name)]));
  const sizes = flagSizes(built);
  // The kind is the larger part's to say: a blank line follows the body it sits in, not the other way.
  const larger = (a: FlagParam, b: FlagParam): boolean => (sizes.get(a.name) ?? 0) > (sizes.get(b.name) ?? 0);
  const near = (a: FlagParam, b: FlagParam): boolean =>
    (lines.get(a.name) ?? []).some((at) => (lines.get(b.name) ?? []).some((other) => at.file === other.file && Math.abs(at.line - other.line) <= NEAR_LINES));
  const has = (flag: FlagParam, m: number): boolean => flag.members.includes(m);
  const all = Array.from({ length: count }, (_, m) => m);
  const changed = new Map<string, { value: boolean; why: string }>();
  for (const part of flags) {
    if (part.members.length === 0) continue;
    const votes = flags
      .filter((other) => other !== part && near(part, other) && larger(other, part) && part.members.every((m) => has(other, m) === other.default))
      .map((other) => {
        const like = all.filter((m) => has(other, m) === other.default);
        const present = like.filter((m) => has(part, m)).length;
        return { other, like: like.length, present, absent: like.length - present };
      })
      .filter((vote) => vote.like >= MIN_KIND && count - vote.like >= 2);
    const value = !part.default;
    const vote = votes[0];
    if (vote === undefined || !votes.every((each) => (value ? each.present > each.absent : each.absent > each.present))) continue;
    changed.set(part.name, {
      value,
      why: `as ${value ? vote.present : vote.absent} of the ${vote.like} members with ${vote.other.name} ${String(vote.other.default)} next to it, as a new member has it, ${value ? 'have' : 'lack'} it`,
    });
  }
  if (changed.size === 0) return undefined;
  const params = built.params.map((param): MinedParam => {
    const change = param.kind === 'flag' ? changed.get(param.name) : undefined;
    return change === undefined || param.kind !== 'flag' ? param : { ...param, default: change.value, defaultWhy: change.why };
  });
  return { ...built, params };
}
