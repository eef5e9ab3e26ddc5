/**
 * One value written in several places is one param. The alignment makes a param per place, and
 * joins places whose values are the same for every member; a place some members lack (a chart's
 * host in its README and in its values file, one member having no README) gets a param of its own,
 * and `--set hosts=…` would reach only one of them. Where a param's values are another's wherever
 * it has one, on two members or more and not the same on all of them, its places take the other;
 * both literals, or both written alike from the name and the other params.
 */
import { words } from '../render/case.js';
import type { Built, BuiltFile, MinedParam, ValueParam } from './ir.js';
import { emit, mapNested, mentionsName, mergeText, nestedLists, valueParamsIn, type Piece } from './emit.js';
import { spell, type CaseHelper } from './variants.js';
import { countBy } from '../util/collect.js';
import { valueTemplates } from './param-values.js';

const convert = (helper: CaseHelper, value: string): string => spell(value, { helper, plural: false });

/** `built` with each such param's places written with the param it repeats, or undefined when there is none. */
export function sameValueParams(built: Built): Built | undefined {
  const values = built.params.filter((param): param is ValueParam => param.kind === 'value');
  const defined = (param: ValueParam) => param.values.flatMap((value, m) => (value === undefined ? [] : [m]));
  // Params with the fewest members first: a param repeats one that has a value wherever it has one.
  const byReach = [...values].sort((a, b) => defined(a).length - defined(b).length);
  const renamed = new Map<string, string>();
  const resolve = (name: string): string => {
    let last = name;
    while (renamed.has(last)) last = renamed.get(last) ?? last;
    return last;
  };
  const rename = (pieces: readonly Piece[]): Piece[] => pieces.map((piece) => renamePiece(piece, resolve, rename));
  // Both literals, or both written alike from the name and the other params (as renamed so far):
  // values the same for one-word names may be written differently for others (`{{snakeCase name}}`
  // and `{{kebabCase name}}` agree on `cart`).
  const sameDefault = (a: ValueParam, b: ValueParam): boolean =>
    a.template === undefined || b.template === undefined ? a.template === b.template : emit(rename(a.template), 'name') === emit(rename(b.template), 'name');
  // Until no more: a template may read a param renamed since it was compared.
  for (let changed = true; changed; ) {
    changed = false;
    for (const param of byReach) {
      const own = defined(param);
      if (renamed.has(param.name) || own.length < 2 || new Set(own.map((m) => param.values[m])).size < 2) continue;
      const repeated = byReach.find(
        (other) =>
          other !== param &&
          !renamed.has(other.name) &&
          defined(other).length >= own.length &&
          own.every((m) => other.values[m] === param.values[m]) &&
          sameDefault(other, param),
      );
      if (repeated === undefined) continue;
      renamed.set(param.name, repeated.name);
      changed = true;
    }
  }
  if (renamed.size === 0) return undefined;
  const files: BuiltFile[] = built.files.map((file) => ({ ...file, path: rename(file.path), content: rename(file.content) }));
  const params: MinedParam[] = built.params.flatMap((param): MinedParam[] => {
    if (renamed.has(param.name)) return [];
    if (param.kind === 'value' && param.template !== undefined) return [{ ...param, template: rename(param.template) }];
    if (param.kind === 'flag' && param.follows !== undefined) return [{ ...param, follows: { ...param.follows, param: resolve(param.follows.param) } }];
    return [param];
  });
  return { ...built, files, params };
}

function renamePiece(piece: Piece, resolve: (name: string) => string, rename: (pieces: readonly Piece[]) => Piece[]): Piece {
  return piece.t === 'value' ? { ...piece, param: resolve(piece.param) } : mapNested(piece, rename);
}

/** Case forms one value is written again in (`ApiResponseVoid` imported from `api-response-void`). */
const CASED: readonly CaseHelper[] = ['kebabCase', 'snakeCase', 'camelCase', 'pascalCase', 'constantCase'];

/**
 * A value written again in another case: where a param's values are, on every member that has it,
 * another param's values in one case form (a model `ApiResponseDeviceResponse` and its module
 * `'../../models/api-response-device-response'`), its default is written from that param
 * (`{{kebabCase apiResponse}}`), so a model given with `--set` brings its module. Values of several
 * words only (one word says nothing of a case), and two different values at least; a param written
 * from another is not itself a source, so no default waits on itself.
 */
export function casedValueParams(built: Built): Built | undefined {
  // Not written from the name: such a default already follows the name.
  const values = built.params.filter((param): param is ValueParam => param.kind === 'value' && param.type === 'string' && !mentionsName(param.template ?? []));
  const written = new Map<string, readonly Piece[]>();
  const sources = new Set<string>();
  const templates = valueTemplates(built);
  /** Whether the default of `name` reads `target`, itself or through the defaults it reads (as written so far). */
  const reads = (name: string, target: string, seen = new Set<string>()): boolean => {
    if (seen.has(name)) return false;
    seen.add(name);
    const pieces = written.get(name) ?? templates.get(name) ?? [];
    return valueParamsIn(pieces).some((other) => other === target || reads(other, target, seen));
  };
  for (const param of values) {
    const having = param.values.flatMap((value, m) => (value === undefined ? [] : [m]));
    if (sources.has(param.name) || having.length < 2 || new Set(having.map((m) => param.values[m])).size < 2) continue;
    for (const source of values) {
      // A source whose default reads this param would wait on itself (`{{camelCase append7}}` where
      // append7 is `    {{append6}}: `).
      if (source === param || written.has(source.name) || reads(source.name, param.name)) continue;
      const from = (m: number) => source.values[m];
      if (!having.every((m) => words(from(m) ?? '').length > 1)) continue;
      // The same text around it on every member (`../../models/` before the module).
      const around = (helper: CaseHelper): [string, string] | undefined => {
        const first = having[0] ?? 0;
        const own = param.values[first] ?? '';
        const cased = convert(helper, from(first) ?? '');
        for (let at = own.indexOf(cased); at >= 0 && cased !== ''; at = own.indexOf(cased, at + 1)) {
          const before = own.slice(0, at);
          const after = own.slice(at + cased.length);
          if (having.every((m) => param.values[m] !== from(m) && param.values[m] === before + convert(helper, from(m) ?? '') + after)) return [before, after];
        }
        return undefined;
      };
      const found = CASED.flatMap((helper) => {
        const text = around(helper);
        return text === undefined ? [] : [{ helper, before: text[0], after: text[1] }];
      })[0];
      if (found === undefined) continue;
      written.set(param.name, mergeText([{ t: 'text', text: found.before }, { t: 'value', param: source.name, helper: found.helper }, { t: 'text', text: found.after }]));
      sources.add(source.name);
      break;
    }
  }
  if (written.size === 0) return undefined;
  const params = built.params.map((param) => (param.kind === 'value' && written.has(param.name) ? { ...param, template: written.get(param.name) } : param));
  // A param only the old defaults used (`response` of `../../models/api-response-{{response}}`) goes.
  const used = new Set<string>();
  const collect = (pieces: readonly Piece[] | undefined): void => {
    for (const piece of pieces ?? []) {
      if (piece.t === 'value' || piece.t === 'each') used.add(piece.param);
      if (piece.t === 'if') used.add(piece.flag);
      nestedLists(piece).forEach(collect);
    }
  };
  for (const file of built.files) {
    collect(file.path);
    collect(file.content);
  }
  for (const param of params) {
    if (param.kind === 'value') collect(param.template);
    if (param.kind === 'flag' && param.follows !== undefined) used.add(param.follows.param);
  }
  const orphans = new Set(
    built.params.flatMap((param) => (param.kind === 'value' && written.has(param.name) ? (param.template ?? []) : [])).flatMap((piece) => (piece.t === 'value' && !used.has(piece.param) ? [piece.param] : [])),
  );
  return { ...built, params: params.filter((param) => !orphans.has(param.name)) };
}

/**
 * A value that mostly repeats another: where a string param's values equal another param's on more
 * members than its own default gives their value (cobra's `Long:` repeating `Short:` in five
 * commands of eight, the others writing longer texts each), its default is that param
 * (`{{short}}`), so a new member writes the pair as its kind mostly does, and a short text given
 * with `--set` gives the long one too. A default written from the name counts the members it
 * writes right (one member's text with its name written anew may fit that member alone); a
 * literal, as many as its most common value. Needs two members alike at least and more than half
 * of those having it. The text written first is the one repeated (a long description repeats the
 * short one above it, not the other way round): a param follows one before it, the one it repeats
 * most (ties: one written from the name, then the first). A param followed follows nothing, so no
 * default waits on itself.
 *
 * @param agreeing the members whose value a param's default gives (rendered for each member)
 */
export function followedValueParams(built: Built, agreeing: (param: ValueParam) => number): Built | undefined {
  const strings = built.params.filter((param): param is ValueParam => param.kind === 'value' && param.type === 'string');
  const followed = new Map<string, string>();
  const sources = new Set<string>();
  for (const param of strings) {
    if (sources.has(param.name)) continue;
    const having = param.values.flatMap((value, m) => (value === undefined ? [] : [m]));
    const counts = countBy(having, (m) => param.values[m] ?? '');
    // Rendered only when a repeat is in question: most params repeat nothing.
    let ownBest: number | undefined;
    const ownDefaultWrites = () => (ownBest ??= param.template === undefined ? Math.max(0, ...counts.values()) : agreeing(param));
    let best: { source: ValueParam; alike: number } | undefined;
    for (const source of strings.slice(0, strings.indexOf(param))) {
      if (followed.has(source.name) || valueParamsIn(source.template ?? []).includes(param.name)) continue;
      if (having.some((m) => source.values[m] === undefined)) continue;
      const alike = having.filter((m) => source.values[m] === param.values[m]).length;
      if (alike < 2 || alike * 2 <= having.length || alike <= ownDefaultWrites()) continue;
      const better = best === undefined || alike > best.alike || (alike === best.alike && best.source.template === undefined && source.template !== undefined);
      if (better) best = { source, alike };
    }
    if (best === undefined) continue;
    followed.set(param.name, best.source.name);
    sources.add(best.source.name);
  }
  if (followed.size === 0) return undefined;
  const params = built.params.map((param): MinedParam => {
    const source = followed.get(param.name);
    return param.kind === 'value' && source !== undefined ? { ...param, template: [{ t: 'value', param: source }] } : param;
  });
  return { ...built, params };
}

/** Where `part` stands in `pieces` as whole pieces (its ends not text, which could be cut anywhere), else -1. */
function indexOfPieces(pieces: readonly Piece[], part: readonly Piece[]): number {
  const key = (piece: Piece | undefined) => JSON.stringify(piece);
  for (let at = 0; at + part.length <= pieces.length; at++) {
    if (part.every((piece, k) => key(piece) === key(pieces[at + k]))) return at;
  }
  return -1;
}

/**
 * A value whose default holds another's: where a param's default, written from the name, holds
 * another param's whole default (a workflow's path `{{kebabCase (pluralize (lastWord
 * name))}}/{{kebabCase name}}/**` holding its folder's `{{kebabCase (pluralize (lastWord name))}}`),
 * and writing that param there (`{{directory}}/{{kebabCase name}}/**`) gives more members their
 * value (the one folder that is not the name's plural, `frontend/`, now right too), it is written
 * so: a folder given with `--set` moves the path with it. The part must start and end with the
 * name or a param, not text. A param written from another is not itself a source, so no default
 * waits on itself.
 *
 * @param agreeing the members whose value a param's default gives (rendered for each member)
 */
export function composedValueParams(built: Built, agreeing: (param: ValueParam) => number): Built | undefined {
  const strings = built.params.filter((param): param is ValueParam => param.kind === 'value' && param.type === 'string');
  const written = new Map<string, Piece[]>();
  const sources = new Set<string>();
  for (const param of strings) {
    const own = param.template;
    if (own === undefined || sources.has(param.name) || !mentionsName(own)) continue;
    let best: { pieces: Piece[]; source: string; agree: number } | undefined;
    // Rendered once, and only where a part is found: most defaults hold no other's.
    let ownAgree: number | undefined;
    for (const source of strings) {
      const part = source.template;
      if (source === param || part === undefined || part.length === 0 || written.has(source.name) || valueParamsIn(part).includes(param.name)) continue;
      if (part[0]?.t === 'text' || part[part.length - 1]?.t === 'text') continue;
      const at = indexOfPieces(own, part);
      if (at < 0) continue;
      const pieces = mergeText([...own.slice(0, at), { t: 'value', param: source.name }, ...own.slice(at + part.length)]);
      const agree = agreeing({ ...param, template: pieces });
      if (agree > (best?.agree ?? (ownAgree ??= agreeing(param)))) best = { pieces, source: source.name, agree };
    }
    if (best === undefined) continue;
    written.set(param.name, best.pieces);
    sources.add(best.source);
  }
  if (written.size === 0) return undefined;
  return { ...built, params: built.params.map((param) => (param.kind === 'value' && written.has(param.name) ? { ...param, template: written.get(param.name) } : param)) };
}
