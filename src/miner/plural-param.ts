/**
 * The name's plural as a param of its own. Where a template writes the whole name in the plural
 * (`{{kebabCase (pluralize name)}}`), it writes a `plural` param instead (`{{kebabCase plural}}`),
 * whose default is the name pluralized (`{{pascalCase (pluralize name)}}`). A user gives an irregular
 * plural (`--set plural=Criteria`), or keeps an entity in the singular where the members are
 * plural (`--set plural=Region` makes `RegionController.cs` beside `CategoriesController.cs`), and
 * every place the template writes the plural follows. The members' own plurals are the param's
 * values, so the template renders them as before.
 */
import { allPieces, mapPieces, type Piece } from './emit.js';
import type { Built, MinedParam, ValueParam } from './ir.js';
import { valueTemplates } from './param-values.js';
import { spell, type NameForm } from './variants.js';

/** Whether a piece writes the whole name in the plural. */
const isWholePlural = (piece: Piece): piece is Extract<Piece, { t: 'name' }> =>
  piece.t === 'name' && piece.form.plural && piece.form.slice === undefined && piece.withoutKind === undefined;

/** `pieces` with the whole name in the plural written from `param`, in the same case. */
const pluralFrom = (pieces: readonly Piece[], param: string): Piece[] =>
  mapPieces(pieces, (piece) => (isWholePlural(piece) ? { t: 'value', param, ...(piece.form.helper === 'asIs' ? {} : { helper: piece.form.helper }) } : piece));

/**
 * `built` with the plural as a param, or undefined where the template writes no whole name in the
 * plural (or writes it as given with `lowerFirst`, whose plural has no one spelling to give).
 */
export function withPluralParam(built: Built, names: readonly string[]): Built | undefined {
  const templates = valueTemplates(built);
  const forms = allPieces([...built.files.flatMap((file) => [...file.path, ...file.content]), ...[...templates.values()].flat()])
    .filter(isWholePlural)
    .map((piece) => piece.form);
  if (forms.length === 0 || forms.some((form) => form.helper === 'lowerFirst')) return undefined;
  // The name as given keeps its acronyms (`HTTPClients`); otherwise the plural is PascalCase, which
  // every case helper spells as the name's own form would.
  const form: NameForm = { helper: forms.some((found) => found.helper === 'asIs') ? 'asIs' : 'pascalCase', plural: true };
  const taken = new Set(built.params.map((param) => param.name));
  let name = 'plural';
  for (let n = 2; taken.has(name); n++) name = `plural${n}`;
  const values = names.map((member) => spell(member, form));
  const plural: ValueParam = { kind: 'value', name, type: 'string', values, default: values[built.center] ?? values[0] ?? '', template: [{ t: 'name', form }], plural: true };
  const params = built.params.map((param): MinedParam => (param.kind === 'value' && param.template !== undefined ? { ...param, template: pluralFrom(param.template, name) } : param));
  return {
    ...built,
    files: built.files.map((file) => ({ ...file, path: pluralFrom(file.path, name), content: pluralFrom(file.content, name) })),
    params: [plural, ...params],
  };
}
