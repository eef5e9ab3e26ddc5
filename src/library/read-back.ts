/**
 * Params read back from values given for defaults written from them. A default written from
 * another param (`"data": "Data{{pascalCase plural}}"`) says how the template spells that param in
 * one place; a value given for it (`--set data=DataComic`) spells the param too. Where the param
 * itself is not given, it takes the value read back, and the template's other defaults written
 * from it follow: beside `DataComic`, the file `{{snakeCase plural}}_response.dart` is
 * `comic_response.dart`, not `comics_response.dart`.
 *
 * Read back only where the reading is certain: a default of one mustache with text on either
 * side, the param alone in it (`"{{route}}Page"`), or under a case helper for a param read in a
 * case of its own (ParamSpec.case: `Comic` read in PascalCase); and only a value that renders the
 * given one again; not where an example of the template spells the param otherwise in such a
 * value (`supplier_path` beside `Suppliers`: a Rails route helper of a singular resource). Values
 * given that read one param two ways read it back neither way, nor the params read through it.
 *
 * Flags are read back too where a value given spells them: beside `"{{name}}{{#if hasPingCap}}
 * (PingCAP){{/if}}"`, `--set nameLabel=CP2K` for `--name CP2K` says `hasPingCap` is false, and every
 * other place the flag decides follows (see flagsReadBackFrom).
 */
import { caseConversions, type CaseName } from '../render/case.js';
import type { ParamSpec, TemplateManifest } from './template.js';
import { defaultReads, isTemplatedDefault, type RenderDefault } from './validate.js';

/** A default of one mustache: text, `{{param}}` or `{{helper param}}`, text. */
const ONE_MUSTACHE = /^([^{}]*)\{\{\s*(?:([A-Za-z]+)\s+)?([A-Za-z_$][\w$]*)\s*\}\}([^{}]*)$/u;

const isCaseName = (helper: string): helper is CaseName => Object.hasOwn(caseConversions, helper);

/** Params read back, and a note for each, for people. */
export interface ReadBack {
  readonly values: Record<string, string | boolean>;
  readonly notes: string[];
}

/** Flags a value is tried with at most: each doubles the renders. */
const MAX_FLAGS = 3;

/**
 * The params not given that values given for their defaults spell (see the module comment), and
 * the params those spell in turn (`data` spells `fileName`, whose default writes `plural`).
 *
 * @param read the params given, read as the template renders them
 * @param readValue reads a value for a param as if it were given (its case, affixes and checks);
 *   a value it throws for is not read back
 * @example paramsReadBack(manifest, { name: 'Comic', data: 'DataComic' }, read).values // { plural: 'Comic' }
 */
export function paramsReadBack(
  manifest: TemplateManifest,
  read: Readonly<Record<string, unknown>>,
  readValue: (name: string, spec: ParamSpec, value: string) => unknown,
  renderDefault?: RenderDefault,
): ReadBack {
  const found = new Map<string, { value: string | boolean; from: string[] }>();
  const conflicting = new Set<string>();
  /** Keeps what `given` spells for `param`; false where values given spell it two ways. */
  const spells = (param: string, value: string | boolean, given: string): boolean => {
    if (conflicting.has(param)) return false;
    const earlier = found.get(param);
    if (earlier === undefined) found.set(param, { value, from: [given] });
    else if (earlier.value === value) earlier.from.push(given);
    else {
      found.delete(param);
      conflicting.add(param);
      return false;
    }
    return true;
  };
  // The params each param was read back through: one spelled two ways takes them along.
  const through = new Map<string, Set<string>>();
  for (const [given, value] of Object.entries(read)) {
    let spelled = readBackFrom(manifest, read, given, value, readValue);
    const path: string[] = [];
    while (spelled !== undefined && spelled.param !== given && !path.includes(spelled.param) && spells(spelled.param, spelled.value, given)) {
      const vias = through.get(spelled.param) ?? new Set<string>();
      path.forEach((via) => vias.add(via));
      through.set(spelled.param, vias);
      path.push(spelled.param);
      spelled = readBackFrom(manifest, read, spelled.param, spelled.value, readValue);
    }
    if (renderDefault === undefined) continue;
    for (const [flag, on] of flagsReadBackFrom(manifest, read, given, value, renderDefault)) spells(flag, on, given);
  }
  for (const [param, vias] of through) if ([...vias].some((via) => conflicting.has(via))) found.delete(param);
  const bySources = new Map<string, { params: string[]; from: string[] }>();
  const values: Record<string, string | boolean> = {};
  for (const [param, { value, from }] of found) {
    values[param] = value;
    const key = from.join('\n');
    const entry = bySources.get(key) ?? { params: [], from };
    entry.params.push(`${param}=${JSON.stringify(value)}`);
    bySources.set(key, entry);
  }
  const notes = [...bySources.values()].map(
    ({ params, from }) => `${params.join(', ')}, as ${from.map((name) => `${name}=${JSON.stringify(read[name])}`).join(' and ')} spell${from.length === 1 ? 's' : ''} ${params.length === 1 ? 'it' : 'them'}`,
  );
  return { values, notes };
}

/** The case a param's values are written in where its default is another param in that case, whole (`{{snakeCase plural}}`). */
function caseWrittenIn(spec: ParamSpec): CaseName | undefined {
  const [, before, helper, , after] = typeof spec.default === 'string' ? (ONE_MUSTACHE.exec(spec.default) ?? []) : [];
  return before === '' && after === '' && helper !== undefined && isCaseName(helper) ? helper : undefined;
}

/**
 * The param a value spells through the default of `given`, and the param's value, if it is
 * certain: the param is read in a case of its own (ParamSpec.case) or written in one by its own
 * default, where the default spells it under a case helper.
 */
function readBackFrom(
  manifest: TemplateManifest,
  read: Readonly<Record<string, unknown>>,
  given: string,
  value: unknown,
  readValue: (name: string, spec: ParamSpec, value: string) => unknown,
): { param: string; value: string } | undefined {
  const source = manifest.params[given]?.default;
  if (typeof value !== 'string' || !isTemplatedDefault(source)) return undefined;
  const [, before = '', helper, param = '', after = ''] = ONE_MUSTACHE.exec(source) ?? [];
  const spec = manifest.params[param];
  if (spec === undefined || Object.hasOwn(read, param) || (spec.type ?? 'string') !== 'string') return undefined;
  const ownCase = spec.case === undefined ? caseWrittenIn(spec) : undefined;
  if (helper !== undefined && (!isCaseName(helper) || (spec.case === undefined && ownCase === undefined))) return undefined;
  const coreOf = (text: string): string | undefined =>
    text.length > before.length + after.length && text.startsWith(before) && text.endsWith(after) ? text.slice(before.length, text.length - after.length) : undefined;
  const spell = (text: string): string => (helper === undefined ? text : caseConversions[helper as CaseName](text));
  // An example whose value has the default's shape but spells its own param otherwise
  // (`supplier_path` beside `Suppliers`) shows the two may part: the given value is no reading.
  const parted = (manifest.examples ?? []).some((example) => {
    const [own, spelledOwn] = [example[given], example[param]];
    if (typeof own !== 'string' || typeof spelledOwn !== 'string') return false;
    const exampleCore = coreOf(own);
    return exampleCore !== undefined && exampleCore !== spell(spelledOwn);
  });
  const core = coreOf(value);
  if (parted || core === undefined) return undefined;
  let spelled: unknown;
  try {
    spelled = readValue(param, spec, helper !== undefined && ownCase !== undefined ? caseConversions[ownCase](core) : core);
  } catch {
    return undefined;
  }
  if (typeof spelled !== 'string') return undefined;
  return spell(spelled) === core ? { param, value: spelled } : undefined;
}

/**
 * The flags a value spells through the default of `given`, where they are certain: the default
 * reads no param but those given and at most a few flags not given (`"{{name}}{{#if hasPingCap}}
 * (PingCAP){{/if}}"`), the value is what the default renders with some settings of those flags,
 * and a flag has one value in every setting that renders it (`CP2K` given for that label:
 * `hasPingCap` is false; a flag the value does not tell has both). Not where an example's own
 * value is not what the default renders with its own params: there the default does not say how
 * the value is written.
 */
function flagsReadBackFrom(
  manifest: TemplateManifest,
  read: Readonly<Record<string, unknown>>,
  given: string,
  value: unknown,
  renderDefault: RenderDefault,
): Array<[string, boolean]> {
  const source = manifest.params[given]?.default;
  if (typeof value !== 'string' || !isTemplatedDefault(source)) return [];
  const reads = [...defaultReads(source)].filter((name) => Object.hasOwn(manifest.params, name) && name !== given);
  const flags = reads.filter((name) => !Object.hasOwn(read, name));
  if (flags.length === 0 || flags.length > MAX_FLAGS || flags.some((name) => manifest.params[name]?.type !== 'boolean')) return [];
  // A default that only chooses between texts by flags (`{{#if withRestaurants}}ManyToOne{{else}}
  // OneToMany{{/if}}`) was written from the members those flags are true for: a value given for
  // it says the value, not the member's whole kind.
  if (flags.length === reads.length) return [];
  const faithful = (manifest.examples ?? []).every((example) => {
    const own = example[given];
    if (typeof own !== 'string' || !reads.every((name) => example[name] !== undefined)) return true;
    return renderDefault(source, example) === own;
  });
  if (!faithful) return [];
  const settings = Array.from({ length: 2 ** flags.length }, (_, bits) => new Map(flags.map((flag, k) => [flag, (bits & (1 << k)) !== 0])));
  const matching = settings.filter((setting) => renderDefault(source, { ...read, ...Object.fromEntries(setting) }) === value);
  if (matching.length === 0) return [];
  return flags.flatMap((flag): Array<[string, boolean]> => {
    const values = new Set(matching.map((setting) => setting.get(flag)));
    const [only] = values;
    return values.size === 1 && only !== undefined ? [[flag, only]] : [];
  });
}
