/**
 * Defaults that follow what is given (see TemplateManifest.examples). A default is what most
 * instances of a template have; but a value given can say which kind of instance is wanted (kubb's
 * query hooks, `method: "get"`, import what its mutation hooks do not), and then a param left out
 * is better set as the instances of that kind set it.
 *
 * Only values some two instances share say a kind; only a value at least two of the instances of
 * that kind agree on, and no other value ties with, replaces the default; an instance that has no
 * value for a param votes for its default.
 *
 * A name says one instance, but the word it ends with can say a kind: `AssetDocuments` beside
 * `AttachmentDocuments` is a document, `Category` beside `SubCategory` a category. For a param
 * without a default (the entity's name), a given value that is no instance's, whose last word
 * (singular or plural) ends some instances' values but not all, says that kind, and one instance
 * of it is enough: its values are those of the member a user would copy by hand. An instance named
 * by the word alone (`Button` beside a given `IconButton`) is the general thing the others
 * specialize, often written its own way, and is none of the kind. A last word that
 * names a kind of deployable (`service`, `api`: see COMPONENT_KINDS) says what most members of a
 * system are, not which kind of them.
 */
import { words } from '../render/case.js';
import { singularize } from '../render/inflect.js';
import { COMPONENT_KINDS } from './affixes.js';
import type { ParamDefault, TemplateManifest } from './template.js';
import { isTemplatedDefault } from './validate.js';

/** Instances a kind said by values must have before its values are taken over the defaults. */
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
  const endsKind = [...given].filter((name) => manifest.params[name]?.default === undefined && namesKind(manifest, examples, name, resolved[name]));
  if (saysKind.length === 0 && endsKind.length === 0) return { values: {} };
  const lastWord = (value: unknown) => lastWordOf(value, manifest);
  const kind = examples.filter(
    (example) =>
      saysKind.every((name) => key(example[name]) === key(resolved[name])) &&
      endsKind.every((name) => lastWord(example[name]) === lastWord(resolved[name]) && words(String(example[name])).length > 1),
  );
  if (kind.length < (endsKind.length > 0 ? 1 : MIN_KIND) || kind.length === examples.length) return { values: {} };
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
    // A kind said by values has two examples at least, so a value no other ties with has two votes
    // at least; one said by a name's last word may have one.
    if (top === undefined || (second !== undefined && second.count === top.count)) continue;
    if (key(top.value) !== key(spec.default)) chosen[name] = Array.isArray(top.value) ? [...(top.value as string[])] : top.value;
  }
  const taken = Object.entries(chosen);
  if (taken.length === 0) return { values: chosen };
  const shown = (pairs: ReadonlyArray<readonly [string, unknown]>) => pairs.map(([name, value]) => `${name}=${key(value)}`).join(', ');
  const more = taken.length > MAX_SHOWN ? `, and ${taken.length - MAX_SHOWN} more` : '';
  const said = [
    ...saysKind.map((name) => `${name}=${key(resolved[name])}`),
    ...endsKind.map((name) => `a ${name} ending in ${key(words(String(resolved[name])).at(-1))}`),
  ].join(', ');
  // A kind of one is said by a name's last word: the note names the example it follows.
  const [only] = kind;
  const which = kind.length === 1 ? `the example with ${said} (${key(only?.[endsKind[0] ?? ''])}) has` : `most of the ${kind.length} examples with ${said} have`;
  const note = `defaults as ${which} them: ${shown(taken.slice(0, MAX_SHOWN))}${more}`;
  return { values: chosen, note };
}

/** A value's last word in the singular, lower case: what a name says it is (`AssetDocuments`: `document`). */
function lastWordOf(value: unknown, manifest: TemplateManifest): string | undefined {
  if (typeof value !== 'string') return undefined;
  const last = words(value).at(-1);
  return last === undefined ? undefined : singularize(last.toLowerCase(), manifest.plurals);
}

/** Whether the value given for `name` ends with a word some examples' values end with (see the module comment). */
function namesKind(manifest: TemplateManifest, examples: readonly Readonly<Record<string, ParamDefault>>[], name: string, value: unknown): boolean {
  const last = lastWordOf(value, manifest);
  if (last === undefined || COMPONENT_KINDS.has(last)) return false;
  if (!examples.every((example) => typeof example[name] === 'string' && key(example[name]) !== key(value))) return false;
  return examples.some((example) => lastWordOf(example[name], manifest) === last);
}
