/**
 * Defaults that follow what is given (see TemplateManifest.examples). A default is what most
 * instances of a template have; but a value given can say which kind of instance is wanted (kubb's
 * query hooks, `method: "get"`, import what its mutation hooks do not), and then a param left out
 * is better set as the instances of that kind set it.
 *
 * Only values some two instances share say a kind (a name says one instance, which is no kind);
 * only a value at least two of the instances of that kind agree on, and no other value ties with,
 * replaces the default; an instance that has no value for a param votes for its default.
 */
import type { ParamDefault, TemplateManifest } from './template.js';
import { isTemplatedDefault } from './validate.js';

/** Instances a kind must have before its values are taken over the defaults. */
const MIN_KIND = 2;

/** Values a note names before it says how many more there are. */
const MAX_SHOWN = 6;

const key = (value: unknown): string => JSON.stringify(value);

/** Defaults taken from the examples of the kind the given values say, and why. */
export interface LikeGiven {
  readonly values: Record<string, ParamDefault>;
  /** What was taken and from which examples, for people (undefined when nothing was). */
  readonly note?: string | undefined;
}

/**
 * The values that replace plain defaults for the params not given: those the instances sharing the
 * given values mostly have (see the module comment); none where nothing given says a kind.
 *
 * @param resolved the params given, read and typed as the template renders them
 * @param given which params were given (the others hold defaults or nothing yet)
 * @example defaultsLikeGiven(manifest, { name: 'Get', method: 'get' }, new Set(['name', 'method'])).values // { withQuery: true }
 */
export function defaultsLikeGiven(manifest: TemplateManifest, resolved: Readonly<Record<string, unknown>>, given: ReadonlySet<string>): LikeGiven {
  const examples = manifest.examples ?? [];
  const saysKind = [...given].filter((name) => examples.filter((example) => key(example[name]) === key(resolved[name])).length >= MIN_KIND);
  if (saysKind.length === 0) return { values: {} };
  const kind = examples.filter((example) => saysKind.every((name) => key(example[name]) === key(resolved[name])));
  if (kind.length < MIN_KIND || kind.length === examples.length) return { values: {} };
  const chosen: Record<string, ParamDefault> = {};
  for (const [name, spec] of Object.entries(manifest.params)) {
    if (given.has(name) || spec.default === undefined || isTemplatedDefault(spec.default)) continue;
    const votes = new Map<string, { value: ParamDefault; count: number }>();
    for (const example of kind) {
      const value = example[name] ?? spec.default;
      const vote = votes.get(key(value)) ?? { value, count: 0 };
      votes.set(key(value), { value, count: vote.count + 1 });
    }
    const ranked = [...votes.values()].sort((a, b) => b.count - a.count);
    const [top, second] = ranked;
    // A kind has two examples at least, so a value no other ties with has two votes at least.
    if (top === undefined || (second !== undefined && second.count === top.count)) continue;
    if (key(top.value) !== key(spec.default)) chosen[name] = Array.isArray(top.value) ? [...(top.value as string[])] : top.value;
  }
  const taken = Object.entries(chosen);
  if (taken.length === 0) return { values: chosen };
  const shown = (pairs: ReadonlyArray<readonly [string, unknown]>) => pairs.map(([name, value]) => `${name}=${key(value)}`).join(', ');
  const more = taken.length > MAX_SHOWN ? `, and ${taken.length - MAX_SHOWN} more` : '';
  const note = `defaults as most of the ${kind.length} examples with ${shown(saysKind.map((name) => [name, resolved[name]]))} have them: ${shown(taken.slice(0, MAX_SHOWN))}${more}`;
  return { values: chosen, note };
}
