/**
 * What every step of one template build shares (see build.ts): the members' names and count, the
 * options, the registry params are made in, the members' rank, how tokens and lines are keyed, how
 * members group at a place (name-groups.ts) and how alike lines are (line-shapes.ts), and the pieces
 * of aligned tokens, each occurrence of the name written in one form for all.
 */
import { type Piece } from './emit.js';
import { chooseForm, usesPackageFolders, usesSnakeFileNames } from './forms.js';
import type { BuildOptions } from './ir.js';
import { lineShapes, type LineShapes } from './line-shapes.js';
import { nameGroups, type NameGroups } from './name-groups.js';
import type { Registry } from './registry.js';
import type { Line, Token, TokenOccurrence } from './tokenize.js';
import { formKey, type NameForm } from './variants.js';

export interface BuildScope extends NameGroups, LineShapes {
  /** The number of members. */
  readonly count: number;
  /** Each member's name, by member index. */
  readonly names: readonly string[];
  readonly options: BuildOptions;
  readonly registry: Registry;
  /** Members from the most typical (0) to the least. */
  readonly rank: ReadonlyMap<number, number>;
  /** Who has a variant, for the report: "2 of 5 members (User, Company)". */
  readonly share: (having: readonly number[], of: number) => string;
  /** A token's key as the build reads it (strict or not). */
  readonly keyOf: (token: Token) => string;
  /** A line's key as the build reads it (strict or not). */
  readonly lineKey: (line: Line) => string;
  /** Pieces for aligned tokens: column i holds the i-th token of every member (same keys). `pathOf`: the file whose path they are. */
  readonly tokenPieces: (columns: readonly (readonly Token[])[], where: string, pathOf?: string) => Piece[];
  /** Pieces for aligned lines: `lines[m]` are member m's lines (same keys for every member). */
  readonly zipLines: (lines: readonly (readonly Line[])[], where: string) => Piece[];
}

/** How a build keys tokens and lines: `strict`, by their exact forms of the name, else by their case class. */
export function buildKeys(strict: boolean): { keyOf: (token: Token) => string; lineKey: (line: Line) => string } {
  return { keyOf: (token) => (strict ? token.strictKey : token.key), lineKey: (line) => (strict ? line.strictKey : line.key) };
}

/** The scope of one build. `yamlLines`: the lines of YAML files (see line-shapes.ts). */
export function buildScope(
  names: readonly string[],
  options: BuildOptions,
  registry: Registry,
  rank: ReadonlyMap<number, number>,
  yamlLines: WeakSet<Line>,
): BuildScope {
  const count = names.length;
  const share = (having: readonly number[], of: number): string =>
    `${having.length} of ${of} members (${having.map((id) => names[id] ?? String(id)).join(', ')})`;
  const { keyOf, lineKey } = buildKeys(options.strict);

  /**
   * The name at occurrences aligned across members, in the one form they all allow that the context
   * picks (forms.ts); where none is left, a conflict is recorded. `pathOf`: the file whose path the
   * occurrences are in (its language names its folders and files).
   */
  const resolveName = (occurrences: readonly TokenOccurrence[], where: string, pathOf?: string): Piece => {
    const first = occurrences[0];
    let forms: readonly NameForm[] = first?.forms ?? [];
    for (const occurrence of occurrences.slice(1)) {
      const allowed = new Set(occurrence.forms.map(formKey));
      const narrowed = forms.filter((form) => allowed.has(formKey(form)));
      if (narrowed.length === 0) {
        registry.conflicts.push(`${where}: "${first?.text ?? ''}" and "${occurrence.text}" are no one case form of their names`);
        break;
      }
      forms = narrowed;
    }
    const snakeFiles = pathOf !== undefined && usesSnakeFileNames(pathOf);
    return { t: 'name', form: chooseForm(forms, first?.before ?? '', first?.after ?? '', first?.prose ?? false, snakeFiles, {
        packageFolders: pathOf !== undefined && usesPackageFolders(pathOf),
        packageCode: first?.packageCode,
        snakeCode: first?.snakeCode,
        kebabCode: first?.kebabCode,
        next: first?.next,
        lead: first?.lead,
        comment: first?.comment,
        stringForm: first?.stringForm,
        settled: first?.settled,
      }) };
  };

  /** Pieces for aligned tokens: column i holds the i-th token of every member (same keys). */
  const tokenPieces = (columns: readonly (readonly Token[])[], where: string, pathOf?: string): Piece[] => {
    const pieces: Piece[] = [];
    for (const column of columns) {
      const lead = column[0];
      if (lead === undefined) continue;
      lead.parts.forEach((part, p) => {
        if (typeof part === 'string') pieces.push({ t: 'text', text: part });
        else pieces.push(resolveName(column.map((token) => token.parts[p] as TokenOccurrence), where, pathOf));
      });
    }
    return pieces;
  };

  /** Pieces for aligned lines: `lines[m]` are member m's lines (same keys for every member). */
  const zipLines = (lines: readonly (readonly Line[])[], where: string): Piece[] => {
    const lead = lines[0] ?? [];
    const pieces: Piece[] = [];
    lead.forEach((line, l) => {
      const columns = line.tokens.map((_, t) => lines.map((memberLines) => memberLines[l]?.tokens[t]).filter((token): token is Token => token !== undefined));
      pieces.push(...tokenPieces(columns, `${where} line ${line.number}`));
    });
    return pieces;
  };

  return { count, names, options, registry, rank, share, keyOf, lineKey, tokenPieces, zipLines, ...nameGroups(options.strict, keyOf, rank), ...lineShapes(keyOf, yamlLines) };
}
