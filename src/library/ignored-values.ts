/**
 * A value given that the output cannot show: routes mined where every member checking roles uses
 * auth keep the role check inside the auth middleware's block (`{{#if hasApp2}}`), and given
 * `hasApp: true` (the check) with `hasApp2: false` write neither, and nothing said so. The values
 * may be meant so (the template cannot tell which one the user means more), so this is a warning
 * naming the value and the values that leave it out, never a change.
 */
import { placesOf, type Guard, type Place } from '../render/guards.js';
import { isTruthy } from '../render/helpers.js';
import type { Template, TemplateFile } from './template.js';
import { defaultReads, isTemplatedDefault } from './validate.js';

/** A value that asks for text in the output (a flag given false or an empty text asks for none). */
const asksForText = (value: unknown): boolean => (typeof value === 'number' ? Number.isFinite(value) : isTruthy(value));

const describe = (guard: Guard, params: Readonly<Record<string, unknown>>): string => `${guard.param} ${JSON.stringify(params[guard.param])}`;

/** The value to give a param whose block is left out: `hasEncoding true`, `a value for label`. */
function toGive(guard: Guard, params: Readonly<Record<string, unknown>>): string {
  if (typeof params[guard.param] === 'boolean') return `${guard.param} ${String(guard.truthy)}`;
  return guard.truthy ? `a value for ${guard.param}` : `${guard.param} empty`;
}

// Read once per template and file: a batch renders one template many times.
const parsed = new WeakMap<TemplateFile, ReadonlyMap<string, Place[]>>();
const readsOf = new WeakMap<Template, { readonly inPaths: ReadonlySet<string>; readonly byDefault: ReadonlyMap<string, ReadonlySet<string>> }>();

/** The params a template's paths read, and those each templated default reads. */
function templateReads(template: Template) {
  let reads = readsOf.get(template);
  if (reads === undefined) {
    const byDefault = new Map<string, ReadonlySet<string>>();
    for (const [name, spec] of Object.entries(template.manifest.params)) if (isTemplatedDefault(spec.default)) byDefault.set(name, defaultReads(spec.default));
    reads = { inPaths: new Set(template.files.flatMap((file) => [...defaultReads(file.path)])), byDefault };
    readsOf.set(template, reads);
  }
  return reads;
}

/**
 * The places `file` reads `name`, with their conditions. A file without blocks reads every param
 * wherever its values are, which its mustaches tell without loading the parser.
 */
function placesIn(file: TemplateFile, name: string): Place[] {
  if (!/\{\{~?\s*[#>]/.test(file.content)) return defaultReads(file.content).has(name) ? [[]] : [];
  let places = parsed.get(file);
  if (places === undefined) parsed.set(file, (places = placesOf(file.content)));
  return places.get(name) ?? [];
}

/**
 * Warnings for the values given that every place reading them leaves out, one per value: the
 * conditions that leave them out and the values to give instead. A value also read in a path,
 * by a default of a param not given (whose value it may change), or in a place no condition on a
 * param's own value leaves out (under `{{#if (eq …)}}` or `{{#each}}` alone) is left alone.
 *
 * @param given the names of the params given
 * @param params every param as the template renders with it
 * @example ignoredValueWarnings(template, ['hasTime', 'hasEncoding'], { hasTime: true, hasEncoding: false })
 * // ['hasTime true changes nothing: the template reads hasTime only inside blocks that hasEncoding false leaves out. …']
 */
export function ignoredValueWarnings(template: Template, given: Iterable<string>, params: Readonly<Record<string, unknown>>): string[] {
  const givenNames = new Set(given);
  const { inPaths, byDefault } = templateReads(template);
  const warnings: string[] = [];
  for (const name of givenNames) {
    const value = params[name];
    if (!asksForText(value) || inPaths.has(name)) continue;
    if ([...byDefault].some(([other, reads]) => !givenNames.has(other) && reads.has(name))) continue;
    const places = template.files.flatMap((file) => placesIn(file, name));
    if (places.length === 0) continue;
    // What leaves each place out: the failing known conditions of each (all of them to give, for a
    // place nested in several); a place none fails may render, whatever its other conditions.
    const failingAt = places.map((place) => place.filter((guard) => isTruthy(params[guard.param]) !== guard.truthy));
    if (failingAt.some((failing) => failing.length === 0)) continue;
    const why = new Map(failingAt.flat().map((guard) => [guard.param, guard]));
    const ways = [...new Set(failingAt.map((failing) => failing.map((guard) => toGive(guard, params)).join(' and ')))];
    warnings.push(
      `${name} ${JSON.stringify(value)} changes nothing: the template reads ${name} only inside blocks that ${[...why.values()].map((guard) => describe(guard, params)).join(' and ')} ${why.size === 1 ? 'leaves' : 'leave'} out. To have it written, give ${ways.join(', or ')} as well; else leave ${name} out.`,
    );
  }
  return warnings;
}
