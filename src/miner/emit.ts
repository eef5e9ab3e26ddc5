/**
 * The template IR and its Handlebars text.
 *
 * Literal text is escaped so that rendering gives it back verbatim:
 * - `{{` becomes `\{{` (JSX `style={{ … }}`, Angular and Vue interpolation);
 * - braces right before a mustache, or right after one, would make `{{{`/`}}}` (JSX
 *   `={USER_CARD_ID}`, template literals `${orderId}`): they are written `{{literal "{"}}`, a
 *   helper call that renders its string as it is (raw blocks cannot start or end with a brace);
 * - a `\` right before a mustache would escape it: it is doubled (`\\{{`); a literal `\{{` (a
 *   Handlebars or Vue escape inside the example) is written `\\{{literal "{{"}}`.
 * Blocks (`{{#if}}`, `{{#each}}`) that span lines are written on lines of their own, where
 * Handlebars' standalone rule drops the tag lines from the output.
 */
import { formExpression, type CaseHelper, type NameForm } from './variants.js';

export type Piece =
  | { readonly t: 'text'; readonly text: string }
  /** With `withoutKind`, the name less the kind's word it was given with (see kind-suffix.ts). */
  | { readonly t: 'name'; readonly form: NameForm; readonly withoutKind?: string }
  /**
   * A value param, or with `helper` the value in a case (`{{pascalCase route}}`: see keyNames in
   * key-params.ts); with `orName`, the value where it spells the name, else the name in that form
   * (`{{kebabCase (keyOr route (pluralize name))}}`: see keyPaths).
   */
  | { readonly t: 'value'; readonly param: string; readonly helper?: CaseHelper; readonly orName?: NameForm }
  | { readonly t: 'item' }
  /** `a` or `an` for the name (`{{article name}}`), capitalized at the start of a sentence. */
  | { readonly t: 'article'; readonly capital: boolean }
  /** A kind's word after the name, unless the name says a kind of its own (`{{kindSuffix name "-service"}}`: see kind-suffix.ts). */
  | { readonly t: 'kindSuffix'; readonly text: string; readonly ownKinds: readonly string[] }
  | {
      readonly t: 'if';
      readonly flag: string;
      readonly negate?: boolean;
      readonly then: readonly Piece[];
      readonly else: readonly Piece[];
      /** Tags on lines of their own (the blocks hold whole lines). */
      readonly lines: boolean;
    }
  | { readonly t: 'each'; readonly param: string; readonly body: readonly Piece[]; readonly lines: boolean }
  /** Line breaks that follow the width (`{{#fits}}`): `narrow` when its widest line fits in `width` columns, else `wide`. */
  | { readonly t: 'fits'; readonly width: number; readonly narrow: readonly Piece[]; readonly wide: readonly Piece[]; readonly lines: boolean };

/** The lists of pieces a block holds: an `{{#if}}`'s branches, a width block's forms, an `{{#each}}`'s body. */
export function nestedLists(piece: Piece): ReadonlyArray<readonly Piece[]> {
  return piece.t === 'if' ? [piece.then, piece.else] : piece.t === 'fits' ? [piece.narrow, piece.wide] : piece.t === 'each' ? [piece.body] : [];
}

/** Whether pieces write the name somewhere (a case of it, or its article), blocks included. */
export const mentionsName = (pieces: readonly Piece[]): boolean =>
  pieces.some((piece) => piece.t === 'name' || piece.t === 'article' || piece.t === 'kindSuffix' || nestedLists(piece).some(mentionsName));

/** The value params pieces write, blocks included. */
export const valueParamsIn = (pieces: readonly Piece[]): string[] => pieces.flatMap((piece) => (piece.t === 'value' ? [piece.param] : nestedLists(piece).flatMap(valueParamsIn)));

/** `piece` with every list of pieces it holds rewritten by `visit` (see nestedLists). */
export function mapNested(piece: Piece, visit: (pieces: readonly Piece[]) => Piece[]): Piece {
  switch (piece.t) {
    case 'if':
      return { ...piece, then: visit(piece.then), else: visit(piece.else) };
    case 'fits':
      return { ...piece, narrow: visit(piece.narrow), wide: visit(piece.wide) };
    case 'each':
      return { ...piece, body: visit(piece.body) };
    default:
      return piece;
  }
}

/** Every piece of `pieces`, the pieces inside blocks included, outer before inner. */
export const allPieces = (pieces: readonly Piece[]): Piece[] => pieces.flatMap((piece) => [piece, ...nestedLists(piece).flatMap(allPieces)]);

/** `pieces` with every piece, the pieces inside blocks included, rewritten by `visit` (inner first). */
export const mapPieces = (pieces: readonly Piece[], visit: (piece: Piece) => Piece): Piece[] =>
  pieces.map((piece) => visit(mapNested(piece, (nested) => mapPieces(nested, visit))));

/** Joins adjacent text pieces. */
export function mergeText(pieces: readonly Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const piece of pieces) {
    const last = out[out.length - 1];
    if (piece.t === 'text' && last?.t === 'text') out[out.length - 1] = { t: 'text', text: last.text + piece.text };
    else if (piece.t !== 'text' || piece.text !== '') out.push(piece);
  }
  return out;
}

/** A run of braces written as a helper call that renders its string as it is. */
const braces = (run: string): string => `{{literal "${run}"}}`;

/** Escapes literal text that sits between tags (`tagBefore`/`tagAfter`: a mustache touches it). */
export function escapeText(text: string, tagBefore: boolean, tagAfter: boolean): string {
  let head = '';
  let tail = '';
  let body = text;
  if (tagBefore) {
    const run = /^\}+/.exec(body)?.[0] ?? '';
    if (run !== '') {
      head = braces(run);
      body = body.slice(run.length);
    }
  }
  if (tagAfter) {
    const run = /\{+$/.exec(body)?.[0] ?? '';
    if (run !== '') {
      tail = braces(run);
      body = body.slice(0, -run.length);
    }
  }
  // `{{` is escaped as `\{{`; a literal `\{{` cannot be (`\\{{` opens a tag), so its braces are
  // written as a helper call on a string, after the backslash doubled.
  body = body.replace(/(\\*)\{\{/g, (_, slashes: string) => (slashes === '' ? '\\{{' : `${slashes}\\${braces('{{')}`));
  // A backslash right before a mustache would escape it; `\\{{` is a literal backslash, then the tag.
  if ((tagAfter || tail !== '') && body.endsWith('\\')) body += '\\';
  return head + body + tail;
}

/**
 * A block's branch written inline, its text exactly as it is. Handlebars drops the line of a block
 * tag that stands alone on it, with its newline; a branch that starts or ends a line next to its
 * tag (`{{#if x}}` then a newline) would lose that newline, so an empty comment (`{{!}}`, which
 * renders to nothing) keeps the tag from standing alone.
 */
function inlineBranch(text: string): string {
  const start = /^[ \t]*\r?\n/.test(text) ? `{{!}}${text}` : text;
  return /\n[ \t]*$/.test(start) ? `${start}{{!}}` : start;
}

/**
 * The newline a block tag after `text` stands on its line with (`nl`: '' for a block inline). A
 * branch of lines may end in a tag instead of text (an inline block, or a value, that writes the
 * line's end): the block tag after it then has no line of its own, and Handlebars keeps what
 * follows that tag on its line, so a newline there would be written too. The next branch (or what
 * follows the block) then starts right after that tag.
 */
const lineEnd = (text: string, nl: string): string => (text === '' || text.endsWith('\n') ? nl : '');

/** A block's branch: on lines of its own, or inline with its text exactly as it is (see inlineBranch). */
const branchText = (pieces: readonly Piece[], lines: boolean, param: string): string => (lines ? emit(pieces, param) : inlineBranch(emit(pieces, param, true)));

/** What a value piece writes: the param, in its case, or the name where it does not spell it (see Piece). */
function valueExpression(piece: Extract<Piece, { t: 'value' }>, param: string): string {
  const { helper, orName } = piece;
  if (orName === undefined) return helper === undefined ? piece.param : `${helper} ${piece.param}`;
  if (helper !== undefined) return `${helper} (keyOr ${piece.param} ${orName.plural ? `(pluralize ${param})` : param})`;
  const name = formExpression(orName, param);
  return `keyOr ${piece.param} ${name === param ? param : `(${name})`}`;
}

/**
 * The Handlebars text of pieces. `param` is the entity-name param. `enclosed`: the pieces are a
 * block's branch written inline, so a tag touches their first and last text too.
 */
export function emit(pieces: readonly Piece[], param: string, enclosed = false): string {
  const merged = mergeText(pieces);
  const list: Piece[] = [];
  let out = '';
  merged.forEach((given, index) => {
    // A block of whole lines relies on its tags standing on lines of their own (Handlebars drops
    // those lines). Where the line has not ended (after an inline block whose text ends with the
    // newline, as an optional newline before optional blank lines), its tags would not stand alone
    // and keep their newlines: such a block is written inline, its text exactly as it is.
    const atLineStart = out === '' ? !enclosed : out.endsWith('\n');
    const piece = (given.t === 'if' || given.t === 'each' || given.t === 'fits') && given.lines && !atLineStart ? { ...given, lines: false } : given;
    list.push(piece);
    switch (piece.t) {
      case 'text': {
        const previous = index === 0 ? undefined : list[index - 1];
        const before = previous === undefined ? enclosed : !((previous.t === 'if' || previous.t === 'each' || previous.t === 'fits') && previous.lines);
        const after = index < merged.length - 1 || enclosed;
        out += escapeText(piece.text, before, after);
        break;
      }
      case 'name': {
        const name = piece.withoutKind === undefined ? param : `(withoutKind ${param} ${JSON.stringify(piece.withoutKind)})`;
        const expression = formExpression(piece.form, name);
        // The name as given is the subexpression itself, written without its parentheses.
        out += `{{${expression === name && name !== param ? name.slice(1, -1) : expression}}}`;
        break;
      }
      case 'value':
        out += `{{${valueExpression(piece, param)}}}`;
        break;
      case 'item':
        out += '{{this}}';
        break;
      case 'article':
        out += piece.capital ? `{{pascalCase (article ${param})}}` : `{{article ${param}}}`;
        break;
      case 'kindSuffix':
        out += `{{kindSuffix ${param} ${[piece.text, ...piece.ownKinds].map((word) => JSON.stringify(word)).join(' ')}}}`;
        break;
      case 'if': {
        const nl = piece.lines ? '\n' : '';
        const keyword = piece.negate === true ? 'unless' : 'if';
        const then = branchText(piece.then, piece.lines, param);
        out += `{{#${keyword} ${piece.flag}}}${nl}${then}`;
        const chained = piece.else.length === 1 && piece.else[0]?.t === 'if' && piece.else[0].negate !== true && piece.else[0].lines === piece.lines;
        if (chained && lineEnd(then, nl) === nl) {
          // {{else if}} chains read better than nested blocks; the inner block's own close is dropped.
          const inner = emit(piece.else, param);
          const close = inner.lastIndexOf('{{/if}}');
          out += `{{else if ${inner.slice('{{#if '.length, close)}{{/${keyword}}}${inner.slice(close + '{{/if}}'.length)}`;
        } else if (piece.else.length > 0) {
          const otherwise = branchText(piece.else, piece.lines, param);
          out += `{{else}}${lineEnd(then, nl)}${otherwise}{{/${keyword}}}${lineEnd(otherwise, nl)}`;
        } else out += `{{/${keyword}}}${lineEnd(then, nl)}`;
        break;
      }
      case 'fits': {
        const nl = piece.lines ? '\n' : '';
        const narrow = branchText(piece.narrow, piece.lines, param);
        const wide = branchText(piece.wide, piece.lines, param);
        out += `{{#fits ${piece.width}}}${nl}${narrow}{{else}}${lineEnd(narrow, nl)}${wide}{{/fits}}${lineEnd(wide, nl)}`;
        break;
      }
      case 'each': {
        const nl = piece.lines ? '\n' : '';
        const body = emit(piece.body, `@root.${param}`, !piece.lines);
        out += `{{#each ${piece.param}}}${nl}${piece.lines ? body : inlineBranch(body)}{{/each}}${lineEnd(body, nl)}`;
        break;
      }
    }
  });
  return out;
}
