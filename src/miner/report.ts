/** The report's params (see MineReport): where each occurs, each member's value, the default, and why. */
import type { Template } from '../library/template.js';
import { renderedDefault } from '../library/render.js';
import { isTemplatedDefault } from '../library/validate.js';
import { pluralize } from '../render/inflect.js';
import type { Renderer } from '../render/index.js';
import type { Built, FlagParam, MinedMember } from './ir.js';
import { hasPlace, typedDefault, writtenFrom } from './param-values.js';
import type { MemberParams, ParamReport, ParamValue } from './types.js';
import { countBy } from '../util/collect.js';

/** Where a template writes a param: each file (line 0: its path) and line. */
export function occurrencesOf(template: Template, param: string): Array<{ file: string; line: number }> {
  const pattern = new RegExp(`\\{\\{[^{}]*(?<![\\w$.])${param.replace(/\$/g, '\\$')}(?![\\w$])[^{}]*\\}\\}`);
  const out: Array<{ file: string; line: number }> = [];
  for (const file of template.files) {
    if (pattern.test(file.path)) out.push({ file: file.path, line: 0 });
    file.content.split('\n').forEach((text, index) => {
      if (pattern.test(text)) out.push({ file: file.path, line: index + 1 });
    });
  }
  return out;
}

/** The report of each param: where it occurs, its values, its default and how confident the miner is, and why. */
export function paramReports(
  template: Template,
  built: Built | undefined,
  members: readonly MinedMember[],
  params: readonly MemberParams[],
  entityParam: string,
  nameOccurrences: readonly number[],
  nameWhy: string,
  renderer: Renderer,
  inTemplatePaths: (why: string) => string,
): ParamReport[] {
  const confirmed = nameOccurrences.filter((count) => count >= 2).length;
  const reports: ParamReport[] = [
    {
      name: entityParam,
      type: 'string',
      kind: 'entity',
      occurrences: occurrencesOf(template, entityParam),
      values: members.map((member) => member.name),
      confidence: members.length === 0 ? 0 : confirmed / members.length,
      why: `${nameWhy}${
        template.manifest.params[entityParam]?.number === 'singular' ? '; the file names write it in the plural, the contents in the singular too: a plural given is read as its singular' : ''
      }; confirmed in the contents of ${confirmed} of ${members.length} members (confidence = that share)`,
    },
  ];
  for (const param of built?.params ?? []) {
    const values = params.map((member) => member.params[param.name] ?? typedDefault(param));
    const spec = template.manifest.params[param.name];
    const fallback = spec?.default ?? typedDefault(param);
    // A default written from the name is each member's own: compare it rendered for that member,
    // and where it writes the name in the number given, with the name in either number (the
    // member's `products.py` is the default for `--name Products`).
    const defaultsFor = (m: number): unknown[] => {
      if (!isTemplatedDefault(fallback) || spec === undefined) return [fallback];
      const own = params[m]?.params ?? {};
      const name = own[entityParam];
      const givens = spec.numberAsGiven === true && typeof name === 'string' ? [own, { ...own, [entityParam]: pluralize(name, template.manifest.plurals) }] : [own];
      return givens.map((given) => renderedDefault(template.manifest.name, param.name, spec, renderer.renderSync(fallback, given, { name: `params.${param.name}.default` })));
    };
    // Members without the param's place hold the default by construction: they count for nothing.
    const placed = members.map((_, m) => m).filter((m) => hasPlace(param, m));
    const agreeing = placed.filter((m) => defaultsFor(m).some((value) => JSON.stringify(values[m]) === JSON.stringify(value))).length;
    const counts = countBy(placed, (m) => JSON.stringify(values[m]));
    const distinct = counts.size;
    const across = placed.length === members.length ? 'across members' : `across the ${placed.length} of ${members.length} members that have a place for it`;
    // A flag's default is what most members do, unless a tie or a better prediction of lines chose
    // it: then the report counts the members that have it rather than calling them most.
    const flagDefaultWhy = (flag: FlagParam): string => {
      const withDefault = values.filter((value) => value === flag.default).length;
      return withDefault * 2 > values.length ? 'what most members do' : `what ${withDefault} of ${values.length} members do`;
    };
    const why =
      param.kind === 'flag'
        ? `${inTemplatePaths(param.why)}; default ${String(param.default)} (${param.defaultWhy ?? flagDefaultWhy(param)})${param.follows === undefined ? '' : `, or what ${param.follows.param} says when given`}`
        : param.kind === 'items'
          ? `lines repeated a varying number of times (${distinct} distinct lists); default: the most common list`
          : `takes ${distinct} value${distinct === 1 ? '' : 's'} ${across}; default: ${isTemplatedDefault(fallback) ? `written from ${writtenFrom(param.template ?? [], built?.params ?? [])}${spec?.numberAsGiven === true ? ' in the number given' : ''} (${String(fallback)})` : distinct === placed.length && placed.length > 1 ? "the most typical member's (no two members share one)" : valueDefaultWhy(counts, fallback)}`;
    reports.push({
      name: param.name,
      type: param.kind === 'flag' ? 'boolean' : param.kind === 'items' ? 'string[]' : param.type,
      kind: param.kind,
      occurrences: occurrencesOf(template, param.name),
      values,
      default: fallback as ParamValue,
      confidence: placed.length === 0 ? 0 : agreeing / placed.length,
      why: `${why} (confidence = share of ${placed.length === members.length ? 'members' : 'those members'} with the default)`,
    });
  }
  return reports;
}

/**
 * Why a value's default is the one it is: the most common value, or the most typical member's among
 * values as common as it, or (where it is neither: a value of a line that varies elsewhere too, or
 * a default taken with other params' to keep a new member's parts together) how many members have
 * it. `counts`: how many members have each value, keyed by its JSON.
 */
function valueDefaultWhy(counts: ReadonlyMap<string, number>, fallback: unknown): string {
  const own = counts.get(JSON.stringify(fallback)) ?? 0;
  const most = Math.max(0, ...counts.values());
  if (own < most) return `the value ${own} of ${[...counts.values()].reduce((sum, count) => sum + count, 0)} members have, with the rest of their line or parts`;
  const tied = [...counts.values()].filter((count) => count === own).length;
  return tied > 1 ? `the most typical member's (${tied} values are each in ${own} members)` : 'the most common';
}
