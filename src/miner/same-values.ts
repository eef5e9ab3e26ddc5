/**
 * One value written in several places is one param. The alignment makes a param per place, and
 * joins places whose values are the same for every member; a place some members lack (a chart's
 * host in its README and in its values file, one member having no README) gets a param of its own,
 * and `--set hosts=…` would reach only one of them. Where a param's values are another's wherever
 * it has one, on two members or more and not the same on all of them, its places take the other;
 * both literals, or both written alike from the name and the other params.
 */
import type { Built, BuiltFile, MinedParam, ValueParam } from './build.js';
import { emit, mapNested, type Piece } from './emit.js';

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
