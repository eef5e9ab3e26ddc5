/**
 * The template IR the build produces (see build.ts): members as the build reads them, the params
 * it collects, and each file as pieces (emit.ts writes them out as Handlebars).
 */
import type { Piece } from './emit.js';
import type { Line, Token } from './tokenize.js';

export interface MemberFile {
  readonly path: string;
  readonly content: string;
  /**
   * The file is written with Windows line ends (CRLF) in a family where others are not: its lines
   * were read with LF line ends, and its template file puts the CRLF back (BuiltFile.windowsLineEnds).
   */
  readonly windowsLineEnds?: boolean | undefined;
  readonly pathTokens: readonly Token[];
  readonly lines: readonly Line[];
  /**
   * Where in the path the folders that locate the member's folder are (`components/` of
   * `src/app/components/footer/footer.component.ts` beside `src/app/views/home/…`), [start, end):
   * not part of the file's role, a param of its path.
   */
  readonly location?: readonly [number, number] | undefined;
}

export interface MinedMember {
  readonly key: string;
  readonly name: string;
  readonly files: readonly MemberFile[];
}

export interface BuildOptions {
  /** Compare occurrences by their exact set of forms rather than their case class. */
  readonly strict: boolean;
  /** Look for value params inside differing lines. */
  readonly inline: boolean;
  /** Look for repeated items. */
  readonly repeats: boolean;
  /**
   * Split regions whose variants differ further: members that have lines where others have none
   * get an optional block around what they share, and variants are aligned against each other
   * (lines common to all become constant again, lines of equal count are compared one by one), so
   * a variant region is rarely one opaque alternative per member. Default false.
   */
  readonly split?: boolean | undefined;
  /** Let a differing run inside a line hold the name, as an inline `{{#if}}` chain. Default false. */
  readonly inlineBlocks?: boolean | undefined;
}

export interface ValueParam {
  readonly kind: 'value';
  readonly name: string;
  readonly type: 'string' | 'number' | 'boolean';
  /** Per member (undefined where the member has no such place: it gets the default). */
  readonly values: readonly (string | undefined)[];
  /** The preferred member's value. */
  readonly default: string;
  /** When set, the default is this (the name and other params in it), not `default`. */
  readonly template?: readonly Piece[] | undefined;
  /** The default writes the name in the number it is given in (see given-number.ts). */
  readonly numberAsGiven?: true;
  /** The quote mark of a string the members quote differently (see requoted in inline-line.ts). */
  readonly quote?: true;
  /** The name in the plural, which the template writes wherever it writes that (see plural-param.ts). */
  readonly plural?: true;
}
export interface FlagParam {
  readonly kind: 'flag';
  readonly name: string;
  readonly members: readonly number[];
  readonly default: boolean;
  readonly why: string;
  /**
   * Words some members have and the others lack (`hasCargo`), rather than one of two variants
   * (`with…`) or a blank line, a space or a mark (`hasComma`): what a user would pass, so such a
   * flag leads an opposite one it goes with (see linkFlags).
   */
  readonly presence: boolean;
  /** Why the default is what it is, where not what most members do (see coherentDefaults). */
  readonly defaultWhy?: string | undefined;
  /**
   * Another param this flag goes with, member for member: its default follows that param's value
   * (`{{not hasReturns}}`, `{{eq maxRetries 1}}`), so passing one sets the other.
   */
  readonly follows?: Follow | undefined;
}
export type Follow = { readonly param: string; readonly negate: true } | { readonly param: string; readonly equals: string | number };
export interface ItemsParam {
  readonly kind: 'items';
  readonly name: string;
  readonly values: readonly (readonly string[] | undefined)[];
  readonly default: readonly string[];
}
export type MinedParam = ValueParam | FlagParam | ItemsParam;

export interface BuiltFile {
  readonly path: readonly Piece[];
  readonly content: readonly Piece[];
  /** Members having this file. */
  readonly members: readonly number[];
  /**
   * The path of the file its members' files are aligned against (the most typical member's), as the
   * params' reasons name it while the template is built; the report names the template's path.
   */
  readonly centerPath?: string;
  /**
   * Some members write this file with Windows line ends: under this flag, or every one of them
   * (`true`). The content is written with LF line ends and `{{#crlf}}` puts the CRLF back.
   */
  readonly windowsLineEnds?: string | true | undefined;
}

export interface Built {
  readonly files: readonly BuiltFile[];
  readonly params: readonly MinedParam[];
  /** Occurrences whose forms could not be reconciled (the template will not round-trip). */
  readonly conflicts: readonly string[];
  readonly center: number;
}
