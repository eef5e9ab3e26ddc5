/**
 * Go and Swift keep an initialism in one case (`GetOrderByID`, `userID`: Go's code review comments,
 * which its linters enforce, and Swift's API design guidelines). Where no member's name tells (none
 * holds an acronym, so `pascalCase` and the name as given spell every member alike), their files
 * write the name as given, `{{name}}` and `{{lowerFirst name}}`, which keep the acronyms a new name
 * is given with, where `{{pascalCase name}}` and `{{camelCase name}}` would respell them
 * (`GetOrderById`). The entity param then reads a name given in any case in PascalCase
 * (ParamSpec.case), so `--name get-order-by-id` still works. Members whose names hold acronyms have
 * chosen between the two forms already.
 */
import { mapPieces, valueParamsIn, type Piece } from './emit.js';
import type { Built, BuiltFile, MinedParam } from './ir.js';
import { spell, type CaseHelper, type NameForm } from './variants.js';

/** Whether a file (its template path) is in a language that keeps initialisms (Go, Swift). */
const keepsInitialisms = (file: BuiltFile): boolean => {
  let tail = '';
  for (const piece of [...file.path].reverse()) {
    if (piece.t !== 'text') break;
    tail = piece.text + tail;
  }
  return /\.(?:go|swift)$/.test(tail);
};

/** The helper that writes the name as given where these would respell its acronyms. */
const AS_GIVEN_OF: Partial<Record<CaseHelper, CaseHelper>> = { pascalCase: 'asIs', camelCase: 'lowerFirst' };

const asGiven = (form: NameForm): NameForm | undefined => {
  const helper = AS_GIVEN_OF[form.helper];
  return helper === undefined || form.slice !== undefined ? undefined : { helper, plural: form.plural };
};

const rewrite = (pieces: readonly Piece[]): Piece[] =>
  mapPieces(pieces, (piece) => {
    const form = piece.t === 'name' && piece.withoutKind === undefined ? asGiven(piece.form) : undefined;
    return form === undefined ? piece : { ...piece, form };
  });

/** `built` with Go and Swift files (and the defaults only they write) writing the name as given. */
export function withInitialisms(built: Built, names: readonly string[]): Built {
  const keeping = new Set(built.files.filter(keepsInitialisms));
  if (keeping.size === 0) return built;
  // A member's name with an acronym tells the forms apart: the members chose.
  const forms: NameForm[] = [
    { helper: 'pascalCase', plural: false },
    { helper: 'pascalCase', plural: true },
    { helper: 'camelCase', plural: false },
    { helper: 'camelCase', plural: true },
  ];
  const tells = names.some((name) => forms.some((form) => spell(name, form) !== spell(name, asGiven(form) ?? form)));
  if (tells) return built;
  const writtenBy = (files: readonly BuiltFile[]) => new Set(files.flatMap((file) => [...valueParamsIn(file.path), ...valueParamsIn(file.content)]));
  const otherParams = writtenBy(built.files.filter((file) => !keeping.has(file)));
  const keptParams = writtenBy([...keeping]);
  return {
    ...built,
    files: built.files.map((file) => (keeping.has(file) ? { ...file, path: rewrite(file.path), content: rewrite(file.content) } : file)),
    params: built.params.map((param): MinedParam => {
      if (param.kind !== 'value' || param.template === undefined || !keptParams.has(param.name) || otherParams.has(param.name)) return param;
      return { ...param, template: rewrite(param.template) };
    }),
  };
}
