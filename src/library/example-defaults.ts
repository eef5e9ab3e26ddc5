/**
 * Defaults that follow what is given (see TemplateManifest.examples). A default is what most
 * instances of a template have; but a value given can say which kind of instance is wanted (kubb's
 * query hooks, `method: "get"`, import what its mutation hooks do not), and then a param left out
 * is better set as the instances of that kind set it.
 *
 * What says a kind:
 * - a text or number given that some two instances share (one instance sharing a text is chance);
 * - a flag given that some instance shares (`withMockData: false` beside the one member that
 *   fetches from the API);
 * - the word a name ends with: a name says one instance, but `AssetDocuments` beside
 *   `AttachmentDocuments` is a document, `Category` beside `SubCategory` a category. For a param
 *   without a default (the entity's name), a given value that is no instance's says the kind of
 *   the instances whose values end with its last word (singular or plural). An instance named by
 *   the word alone (`Button` beside a given `IconButton`) is the general thing the others
 *   specialize, often written its own way, and none of the kind (a name ending only as such
 *   instances do says no kind, and leaves a flag given to say it); a last word that names a kind of
 *   deployable (`service`, `api`: see COMPONENT_KINDS) says what most members of a system are,
 *   not which kind of them.
 *
 * The instances matching everything said are the kind, some but not all of them. Each param left
 * out takes the value most of them have, none tied with it (an instance that has no value for a
 * param votes for its default), a text holding an instance's own name written with the name given
 * (see writtenAnew); a text whose default is written from other params (from the name, mostly) is
 * voted for as that default, but by an instance that writes a text of its own there, one holding
 * nothing of its name: beside `import { IResourceTag } from "@app-types/resources"`, the document
 * stores' `import { useToast } from "vue-toastification"` is theirs, and a new document store's
 * import takes it whole, not half of each. A kind of one instance is the member a user would copy by hand:
 * named like the new one, it lends all its values; said by given values alone (a flag it shares),
 * it lends its flags only, its texts naming its own things (its model's import) where its flags
 * are its shape.
 */
import { camelCase, constantCase, kebabCase, pascalCase, snakeCase, words } from '../render/case.js';
import { singularize } from '../render/inflect.js';
import { COMPONENT_KINDS } from '../render/kinds.js';
import type { ParamDefault, TemplateManifest } from './template.js';
import { escapeRegExp } from '../util/text.js';
import { isTemplatedDefault, type RenderDefault } from './validate.js';

/** Instances that must share a text or number given for it to say a kind. */
const MIN_SHARING = 2;

/** Values a note names before it says how many more there are. */
const MAX_SHOWN = 6;

const key = (value: unknown): string => JSON.stringify(value);

/** Defaults taken from the examples of the kind the given values say, and why. */
export interface LikeGiven {
  readonly values: Record<string, ParamDefault>;
  /** What was taken and from which examples, for people (undefined when nothing was). */
  readonly note?: string | undefined;
}

export interface LikeGivenOptions {
  /** Renders a default that is a template with an example's values (see ownInsteadOfDefault); without it, such defaults stand. */
  readonly renderDefault?: RenderDefault;
  /** Params decided otherwise (read back from values given, see paramsReadBack): no kind votes on them. */
  readonly settled?: ReadonlySet<string>;
}

/**
 * The values that replace plain defaults for the params not given: those the instances sharing the
 * given values mostly have (see the module comment); none where nothing given says a kind.
 *
 * @param resolved the params given, read and typed as the template renders them
 * @param given which params were given (the others hold defaults or nothing yet)
 * @example defaultsLikeGiven(manifest, { name: 'Get', method: 'get' }, new Set(['name', 'method'])).values // { withQuery: true }
 */
export function defaultsLikeGiven(
  manifest: TemplateManifest,
  resolved: Readonly<Record<string, unknown>>,
  given: ReadonlySet<string>,
  options: LikeGivenOptions = {},
): LikeGiven {
  const { renderDefault, settled } = options;
  const examples = manifest.examples ?? [];
  const sharing = (name: string) => examples.filter((example) => key(example[name]) === key(resolved[name])).length;
  const saysKind = [...given].filter((name) => sharing(name) >= (typeof resolved[name] === 'boolean' ? 1 : MIN_SHARING));
  // A param without a default names the instances (the entity's name).
  const names = (name: string) => manifest.params[name]?.default === undefined;
  const endsKind = [...given].filter((name) => names(name) && namesKind(manifest, examples, name, resolved[name]));
  if (saysKind.length === 0 && endsKind.length === 0) return { values: {} };
  const kind = examples.filter(
    (example) =>
      saysKind.every((name) => key(example[name]) === key(resolved[name])) &&
      endsKind.every((name) => compoundEndingIn(example[name], lastWordOf(resolved[name], manifest), manifest)),
  );
  if (kind.length === 0 || kind.length === examples.length) return { values: {} };
  // The param that names the examples (the entity's name): a text holding an example's name is
  // that example's own thing, written anew with the name given.
  const named = Object.keys(manifest.params).find(names);
  const chosen: Record<string, ParamDefault> = {};
  for (const [name, spec] of Object.entries(manifest.params)) {
    const templated = isTemplatedDefault(spec.default);
    if (given.has(name) || settled?.has(name) === true || spec.default === undefined || (templated && renderDefault === undefined)) continue;
    if (kind.length === 1 && endsKind.length === 0 && typeof spec.default !== 'boolean') continue;
    const votes = new Map<string, { value: ParamDefault; count: number }>();
    for (const example of kind) {
      const exampleName = named === undefined ? undefined : example[named];
      const value =
        templated && renderDefault !== undefined
          ? (ownInsteadOfDefault(spec.default as string, example, example[name], exampleName, renderDefault) ?? spec.default)
          : writtenAnew(example[name] ?? spec.default, exampleName, named === undefined ? undefined : resolved[named]);
      const vote = votes.get(key(value)) ?? { value, count: 0 };
      votes.set(key(value), { value, count: vote.count + 1 });
    }
    const ranked = [...votes.values()].sort((a, b) => b.count - a.count);
    const [top, second] = ranked;
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
  // A kind of one is a member to copy: the note names it, by the param that names the examples.
  const only = kind.length === 1 && named !== undefined ? kind[0]?.[named] : undefined;
  const which =
    kind.length === 1
      ? `the example with ${said}${only === undefined ? '' : ` (${key(only)})`} has`
      : `most of the ${kind.length} examples with ${said} have`;
  const note = `defaults as ${which} them: ${shown(taken.slice(0, MAX_SHOWN))}${more}`;
  return { values: chosen, note };
}

/** A value's last word in the singular, lower case: what a name says it is (`AssetDocuments`: `document`). */
function lastWordOf(value: unknown, manifest: TemplateManifest): string | undefined {
  if (typeof value !== 'string') return undefined;
  const last = words(value).at(-1);
  return last === undefined ? undefined : singularize(last.toLowerCase(), manifest.plurals);
}

/** Whether `value` is a name of two words or more that ends with `last` (see lastWordOf): one word alone is the general thing. */
function compoundEndingIn(value: unknown, last: string | undefined, manifest: TemplateManifest): boolean {
  return last !== undefined && typeof value === 'string' && words(value).length > 1 && lastWordOf(value, manifest) === last;
}

/** Whether the value given for `name`, no example's own, ends as some examples' values do (see the module comment). */
function namesKind(manifest: TemplateManifest, examples: readonly Readonly<Record<string, ParamDefault>>[], name: string, value: unknown): boolean {
  const last = lastWordOf(value, manifest);
  if (last === undefined || COMPONENT_KINDS.has(last)) return false;
  if (!examples.every((example) => typeof example[name] === 'string' && key(example[name]) !== key(value))) return false;
  // Only compound names make the kind (see compoundEndingIn): a name ending like single-word ones alone says nothing.
  return examples.some((example) => compoundEndingIn(example[name], last, manifest));
}

/** The case forms a text may write an example's name in. */
const NAME_FORMS = [pascalCase, camelCase, constantCase, snakeCase, kebabCase] as const;

/**
 * A text (or each text of a list) with an example's name written as the given one, in the case it
 * is written in (`GetPetByIdPathParams` for `GetOrderById`: `GetOrderByIdPathParams`): a kind's
 * default naming the example's own things names the new instance's. Whole words only
 * (`GetPetByIdentity` stays). Anything else is returned as it is.
 * @example writtenAnew('GetPetByIdPathParams', 'GetPetById', 'get order by id') // 'GetOrderByIdPathParams'
 */
export function writtenAnew(value: ParamDefault, exampleName: unknown, givenName: unknown): ParamDefault {
  if (typeof exampleName !== 'string' || typeof givenName !== 'string' || words(exampleName).length === 0 || words(givenName).length === 0) return value;
  const rename = (text: string): string => {
    let out = text;
    for (const form of NAME_FORMS) {
      const from = form(exampleName);
      const to = form(givenName);
      if (from === to) continue;
      // Not inside a longer word: the next character does not go on with the form's last word.
      const next = /[a-z0-9]$/.test(from) ? '(?![a-z0-9])' : /[A-Z]$/.test(from) ? '(?![A-Z0-9])' : '';
      const before = /^[a-z]/.test(from) ? '(?<![A-Za-z0-9])' : '(?<![A-Z0-9])';
      out = out.replace(new RegExp(`${before}${escapeRegExp(from)}${next}`, 'g'), to);
    }
    return out;
  };
  if (typeof value === 'string') return rename(value);
  if (Array.isArray(value)) return value.map((item) => rename(item));
  return value;
}

/**
 * An example's own text where the template writes a default from other params (its name, mostly):
 * the text, where the default does not write it for the example and it holds no word of the
 * example's name (`useToast` where the default is `IResource{{pascalCase name}}`: the example's
 * own thing, which a new one of its kind has as well); undefined where the example follows the
 * default or writes its name its own way (`land_uses_flux_types` beside `LandUsesFluxType`), and
 * for anything but a text (a flag that follows a param given follows it).
 */
function ownInsteadOfDefault(
  source: string,
  example: Readonly<Record<string, ParamDefault>>,
  own: ParamDefault | undefined,
  exampleName: ParamDefault | undefined,
  renderDefault: RenderDefault,
): string | undefined {
  if (typeof own !== 'string') return undefined;
  const written = renderDefault(source, example);
  if (written === undefined || written === own) return undefined;
  const nameWords = new Set(typeof exampleName === 'string' ? words(exampleName).map(singularWord).filter((word) => word.length >= 3) : []);
  return words(own).some((word) => nameWords.has(singularWord(word))) ? undefined : own;
}

const singularWord = (word: string): string => singularize(word.toLowerCase());
