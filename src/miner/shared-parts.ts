/**
 * One part several values share. A scaffolder given one string writes it in several places with
 * different text around it: a Laravel policy's permissions `'customers.view'`, `'customers.edit'`
 * and `'customers.' . $action`, a Rails controller's notices `"Sale detail was successfully
 * created."` and `… updated.`. The alignment makes a param of each place, each written from the
 * name by default, so a member whose part is not its name (the `warehouse` permissions of the
 * Inventory policy) needs one `--set` per place, and a place whose text holds another param too
 * cannot be given at all.
 *
 * Where string params are each written from the name once, in one form, with literal text or other
 * params around it, and every member writes the same text where the name goes in all of them, that
 * text is one param: each place is written from it (`'{{can}}.view'`, `'{{can}}.{{action}}'`), and
 * its default is the name in that form, so a new member given nothing gets what it got before.
 */
import type { Built, BuiltFile, MinedParam, ValueParam } from './ir.js';
import { mapNested, mergeText, nestedLists, valueParamsIn, type Piece } from './emit.js';
import { formKey, type NameForm } from './variants.js';

/** A param whose default writes the name once, split around it. */
interface Split {
  readonly param: ValueParam;
  readonly before: readonly Piece[];
  readonly form: NameForm;
  readonly after: readonly Piece[];
  /** Each member's text where the name goes (undefined where the param has no value). */
  readonly parts: readonly (string | undefined)[];
}

/** `built` with each shared part one param, or undefined when no two params share one. */
export function sharedParts(built: Built): Built | undefined {
  const byName = new Map(built.params.map((param) => [param.name, param]));
  const referenced = referencedParams(built);
  const splits = built.params.flatMap((param) => {
    const split = param.kind === 'value' && param.type === 'string' && !referenced.has(param.name) ? splitAtName(param, byName) : undefined;
    return split === undefined ? [] : [split];
  });
  const groups = new Map<string, Split[]>();
  for (const split of splits) {
    const key = JSON.stringify([formKey(split.form), split.parts]);
    groups.set(key, [...(groups.get(key) ?? []), split]);
  }
  const writtenFrom = new Map<string, readonly Piece[]>();
  const shared: ValueParam[] = [];
  for (const group of groups.values()) {
    const [first] = group;
    const defined = first?.parts.filter((part): part is string => part !== undefined) ?? [];
    if (first === undefined || group.length < 2 || new Set(defined).size < 2) continue;
    // The first place names the part: its param goes, and the part takes its name.
    const part: ValueParam = {
      kind: 'value',
      name: first.param.name,
      type: 'string',
      values: first.parts,
      default: defaultPart(first),
      template: [{ t: 'name', form: first.form }],
    };
    shared.push(part);
    for (const split of group) writtenFrom.set(split.param.name, mergeText([...split.before, { t: 'value', param: part.name }, ...split.after]));
  }
  if (shared.length === 0) return undefined;
  const rewrite = (pieces: readonly Piece[]): Piece[] =>
    mergeText(pieces.flatMap((piece) => (piece.t === 'value' ? (writtenFrom.get(piece.param) ?? [piece]) : [mapNested(piece, rewrite)])));
  const files: BuiltFile[] = built.files.map((file) => ({ ...file, path: rewrite(file.path), content: rewrite(file.content) }));
  const params: MinedParam[] = built.params.flatMap((param) => {
    const part = shared.find((known) => known.name === param.name);
    if (part !== undefined) return [part];
    return writtenFrom.has(param.name) ? [] : [param];
  });
  return { ...built, files, params };
}

/**
 * Params another param's default or a flag reads, or that are written in a case of their own
 * somewhere (`{{pascalCase route}}`): their values stay theirs.
 */
function referencedParams(built: Built): Set<string> {
  const referenced = new Set<string>();
  const visitCased = (pieces: readonly Piece[]): void => {
    for (const piece of pieces) {
      if (piece.t === 'value' && piece.helper !== undefined) referenced.add(piece.param);
      nestedLists(piece).forEach(visitCased);
    }
  };
  for (const file of built.files) {
    visitCased(file.path);
    visitCased(file.content);
  }
  for (const param of built.params) {
    if (param.kind === 'value') valueParamsIn(param.template ?? []).forEach((name) => referenced.add(name));
    if (param.kind === 'flag' && param.follows !== undefined) referenced.add(param.follows.param);
  }
  return referenced;
}

/**
 * A param whose default is literal text and plain values of other params around one occurrence of
 * the name, and each member's text where the name goes; undefined for any other param, or where a
 * member's value does not have the text around it its default has.
 */
function splitAtName(param: ValueParam, byName: ReadonlyMap<string, MinedParam>): Split | undefined {
  const template = param.template ?? [];
  const at = template.findIndex((piece) => piece.t === 'name');
  const named = template[at];
  if (named?.t !== 'name' || template.some((piece, k) => k !== at && piece.t !== 'text' && (piece.t !== 'value' || piece.helper !== undefined))) return undefined;
  const before = template.slice(0, at);
  const after = template.slice(at + 1);
  const textOf = (pieces: readonly Piece[], m: number): string | undefined => {
    let text = '';
    for (const piece of pieces) {
      const other = piece.t === 'value' ? byName.get(piece.param) : undefined;
      const value = piece.t === 'text' ? piece.text : other?.kind === 'value' ? other.values[m] : undefined;
      if (value === undefined) return undefined;
      text += value;
    }
    return text;
  };
  const parts: (string | undefined)[] = [];
  for (const [m, value] of param.values.entries()) {
    if (value === undefined) {
      parts.push(undefined);
      continue;
    }
    const head = textOf(before, m);
    const tail = textOf(after, m);
    if (head === undefined || tail === undefined || value.length <= head.length + tail.length || !value.startsWith(head) || !value.endsWith(tail)) return undefined;
    parts.push(value.slice(head.length, value.length - tail.length));
  }
  return { param, before, form: named.form, after, parts };
}

/** The part of the member whose value is the param's default, else the first member's. */
function defaultPart(split: Split): string {
  const m = split.param.values.indexOf(split.param.default);
  return split.parts[m] ?? split.parts.find((part) => part !== undefined) ?? '';
}
