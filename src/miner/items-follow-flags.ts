/**
 * Lists that go with a part. JHipster writes `import …domain.Page;` and `import …domain.Pageable;`
 * only in the services of entities with eager relationships, whose other lines a flag says
 * (`{{#if hasPage}}findOneWithEagerRelationships{{else}}findById{{/if}}`): read as repeated lines,
 * the imports are an items param of their own, whose default (no imports, as most members) nobody
 * passes, so `--set hasPage=true` gave the eager methods without their imports.
 *
 * An items param whose members write two lists, one where a flag is true and the other where it
 * is false, is that flag's block instead: the lists written out in its two branches.
 */
import type { BuiltFile, FlagParam, ItemsParam, MinedParam } from './ir.js';
import { sameMembers } from './branches.js';
import { mapNested, mergeText, type Piece } from './emit.js';

/** The body of an `{{#each}}` written out once per item. */
function writtenOut(body: readonly Piece[], items: readonly string[]): Piece[] {
  const fill = (pieces: readonly Piece[], item: string): Piece[] =>
    pieces.map((piece) => (piece.t === 'item' ? { t: 'text', text: item } : mapNested(piece, (nested) => fill(nested, item))));
  return mergeText(items.flatMap((item) => fill(body, item)));
}

/**
 * `files` and `params` with every such items param made its flag's block, or undefined when there
 * is none. `count`: the members.
 */
export function itemsFollowFlags(files: readonly BuiltFile[], params: readonly MinedParam[], count: number): { files: BuiltFile[]; params: MinedParam[] } | undefined {
  const flags = params.filter((param): param is FlagParam => param.kind === 'flag');
  const followed = new Map<string, { flag: string; then: readonly string[]; otherwise: readonly string[] }>();
  for (const param of params) {
    if (param.kind !== 'items' || param.values.length !== count || param.values.some((value) => value === undefined)) continue;
    const keys = (param as ItemsParam).values.map((list) => JSON.stringify(list));
    const distinct = [...new Set(keys)];
    if (distinct.length !== 2) continue;
    const [first = [], second = []] = distinct.map((key) => JSON.parse(key) as string[]);
    const having = keys.flatMap((key, m) => (key === distinct[0] ? [m] : []));
    const others = keys.flatMap((key, m) => (key === distinct[0] ? [] : [m]));
    const flag = flags.find((each) => sameMembers(each.members, having) || sameMembers(each.members, others));
    if (flag === undefined) continue;
    const firstWhereTrue = sameMembers(flag.members, having);
    followed.set(param.name, { flag: flag.name, then: firstWhereTrue ? first : second, otherwise: firstWhereTrue ? second : first });
  }
  if (followed.size === 0) return undefined;
  const rewrite = (pieces: readonly Piece[]): Piece[] =>
    pieces.map((piece): Piece => {
      const follow = piece.t === 'each' ? followed.get(piece.param) : undefined;
      if (piece.t !== 'each' || follow === undefined) return mapNested(piece, rewrite);
      return { t: 'if', flag: follow.flag, then: writtenOut(piece.body, follow.then), else: writtenOut(piece.body, follow.otherwise), lines: piece.lines };
    });
  return {
    files: files.map((file) => ({ ...file, content: rewrite(file.content), path: rewrite(file.path) })),
    params: params.filter((param) => !followed.has(param.name)),
  };
}
