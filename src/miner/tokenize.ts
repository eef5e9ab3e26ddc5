/**
 * Tokenizers.
 *
 * - `scanRegions`: for TS/JS/TSX/JSX, the TypeScript scanner (from ts-morph) tells code from strings,
 *   template literals, regular expressions and comments (JSX variant for .tsx/.jsx). Template
 *   literals and regular expressions are rescanned the way the parser would.
 * - `tokenize`: the tokens the miner aligns, for any file: identifiers (with the name occurrences
 *   glued into them: `use` + name + `Store` is one token), numbers, whitespace runs, newlines and
 *   single punctuation characters. Each token knows whether it sits in code or in prose (strings,
 *   comments, or the text of a non-code file), which decides names of params and case forms.
 *
 * Tokens always cover the text exactly: joining their texts gives the input back.
 */
import { createRequire } from 'node:module';
import type { ts as TS } from 'ts-morph';
import { ruledForm, usesPackageFolders, usesSnakeFileNames } from './forms.js';
import { formKey, occurrenceClass, type CaseHelper, type NameForm, type Occurrence } from './variants.js';

export type RegionKind = 'code' | 'string' | 'comment' | 'text';

export interface Region {
  readonly start: number;
  readonly end: number;
  readonly kind: RegionKind;
}

const TS_LIKE = /\.(?:[cm]?[jt]sx?)$/i;
const JSX_LIKE = /\.[jt]sx$/i;

/** Whether a file, or the template of one (`.hbs` put aside), is of the kind `extensions` names. */
const isWritten = (extensions: RegExp, path: string): boolean => extensions.test(path.replace(/\.hbs$/, ''));

/** Whether a path is scanned with the TypeScript scanner. */
export const isScriptPath = (path: string): boolean => isWritten(TS_LIKE, path);

/**
 * The TypeScript compiler (through ts-morph) takes ~100 ms to load, so it is loaded on the first
 * scan of a TS/JS file, not when wopt starts: `wopt gen` from a saved template never needs it.
 */
let compiler: typeof TS | undefined;
export const loadTypeScript = (): typeof TS => (compiler ??= (createRequire(import.meta.url)('ts-morph') as { ts: typeof TS }).ts);

let endsExpression: ReadonlySet<TS.SyntaxKind> | undefined;
const expressionEnders = (ts: typeof TS): ReadonlySet<TS.SyntaxKind> => (endsExpression ??= new Set<TS.SyntaxKind>([
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.CloseParenToken,
  ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.CloseBraceToken,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.ThisKeyword,
  ts.SyntaxKind.TrueKeyword,
  ts.SyntaxKind.FalseKeyword,
  ts.SyntaxKind.NullKeyword,
  ts.SyntaxKind.PlusPlusToken,
  ts.SyntaxKind.MinusMinusToken,
]));

/** Code, string and comment regions of a TS/JS file, by the TypeScript scanner. */
export function scanRegions(path: string, content: string): Region[] {
  const ts = loadTypeScript();
  const ENDS_EXPRESSION = expressionEnders(ts);
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, content);
  if (JSX_LIKE.test(path)) scanner.setLanguageVariant(ts.LanguageVariant.JSX);
  const regions: Region[] = [];
  const templateDepths: number[] = [];
  let depth = 0;
  let previous: TS.SyntaxKind = ts.SyntaxKind.Unknown;
  let at = 0;
  for (;;) {
    let kind = scanner.scan();
    if (kind === ts.SyntaxKind.EndOfFileToken) break;
    if (kind === ts.SyntaxKind.OpenBraceToken) depth++;
    else if (kind === ts.SyntaxKind.CloseBraceToken) {
      if (templateDepths.length > 0 && templateDepths[templateDepths.length - 1] === depth) {
        templateDepths.pop();
        kind = scanner.reScanTemplateToken(false);
      } else depth--;
    } else if ((kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) && !ENDS_EXPRESSION.has(previous) && previous < ts.SyntaxKind.FirstKeyword) {
      kind = scanner.reScanSlashToken();
    }
    if (kind === ts.SyntaxKind.TemplateHead || kind === ts.SyntaxKind.TemplateMiddle) templateDepths.push(depth);
    const end = scanner.getTokenEnd();
    if (end <= at) break; // no progress: leave the rest as code
    let regionKind: RegionKind = 'code';
    switch (kind) {
      case ts.SyntaxKind.SingleLineCommentTrivia:
      case ts.SyntaxKind.MultiLineCommentTrivia:
        regionKind = 'comment';
        break;
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      case ts.SyntaxKind.TemplateHead:
      case ts.SyntaxKind.TemplateMiddle:
      case ts.SyntaxKind.TemplateTail:
      case ts.SyntaxKind.RegularExpressionLiteral:
      case ts.SyntaxKind.JsxText:
        regionKind = 'string';
        break;
      default:
        break;
    }
    const last = regions[regions.length - 1];
    if (last !== undefined && last.kind === regionKind) regions[regions.length - 1] = { start: last.start, end, kind: regionKind };
    else regions.push({ start: at, end, kind: regionKind });
    at = end;
    if (
      kind !== ts.SyntaxKind.WhitespaceTrivia &&
      kind !== ts.SyntaxKind.NewLineTrivia &&
      kind !== ts.SyntaxKind.SingleLineCommentTrivia &&
      kind !== ts.SyntaxKind.MultiLineCommentTrivia
    ) {
      previous = kind;
    }
  }
  if (at < content.length) regions.push({ start: at, end: content.length, kind: 'code' });
  return regions;
}

const HASH_COMMENTS = /\.(?:py|pyi|rb|jbuilder|rake|ex|exs|sh|bash|r)$/i;
const SLASH_COMMENTS = /\.(?:go|rs|java|kt|kts|scala|swift|c|h|cc|cpp|hpp|cs|php|dart|css|scss|less|styl)$/i;
/** SQL: `--` and `/* *\/` comments, strings in single quotes; `"orders"` and `` `orders` `` are identifiers. */
const DASH_COMMENTS = /\.sql$/i;
/** Style sheets, whose selectors and custom properties are kebab-case. */
const KEBAB_CODE = /\.(?:css|scss|less|styl)$/i;
/**
 * Languages whose variables, functions and string keys (SQL: tables and columns) are snake_case; and reStructuredText,
 * Python's documentation, whose dotted names are its modules (`.. automodule:: shop.order_items`).
 */
const SNAKE_CODE = /\.(?:py|pyi|rb|jbuilder|rake|erb|rs|ex|exs|rst|sql)$/i;
/** ERB views (`show.html.erb`): Ruby between `<%` and `%>`, the page's text around it. */
const ERB = /\.erb$/i;

/** Whether a path is code that `scanCodeRegions` reads (not TS/JS, which the TypeScript scanner reads). */
export const isOtherCodePath = (path: string): boolean => [HASH_COMMENTS, SLASH_COMMENTS, DASH_COMMENTS].some((style) => isWritten(style, path));

/**
 * Code, string and comment regions of a Python, Ruby, shell, Go, Rust, Java-like, C-like or SQL file:
 * a small scanner for comments (`#`, `//` or `--`, and `/* *\/`) and string literals (quotes with backslash
 * escapes, Python's triple quotes, Go's raw backquotes), so that a name in code is read as an
 * identifier and a name in a message or docstring as words.
 */
export function scanCodeRegions(path: string, content: string): Region[] {
  const hash = isWritten(HASH_COMMENTS, path);
  const dash = isWritten(DASH_COMMENTS, path);
  // The quotes strings open with: in SQL double quotes and backquotes quote identifiers (code).
  const quotes = dash ? "'" : hash ? '"\'' : '"\'`';
  const regions: Region[] = [];
  const push = (start: number, end: number, kind: RegionKind) => {
    if (end <= start) return;
    const last = regions[regions.length - 1];
    if (last !== undefined && last.kind === kind && last.end === start) regions[regions.length - 1] = { start: last.start, end, kind };
    else regions.push({ start, end, kind });
  };
  let i = 0;
  let codeStart = 0;
  while (i < content.length) {
    const ch = content[i] ?? '';
    let end = -1;
    let kind: RegionKind = 'string';
    if (hash && ch === '#') {
      kind = 'comment';
      end = content.indexOf('\n', i);
    } else if (dash && content.startsWith('--', i)) {
      kind = 'comment';
      end = content.indexOf('\n', i);
    } else if (!hash && !dash && content.startsWith('//', i)) {
      kind = 'comment';
      end = content.indexOf('\n', i);
    } else if (!hash && content.startsWith('/*', i)) {
      kind = 'comment';
      const close = content.indexOf('*/', i + 2);
      end = close < 0 ? content.length : close + 2;
    } else if (hash && (content.startsWith('"""', i) || content.startsWith("'''", i))) {
      const close = content.indexOf(content.slice(i, i + 3), i + 3);
      end = close < 0 ? content.length : close + 3;
    } else if (quotes.includes(ch)) {
      let j = i + 1;
      while (j < content.length && content[j] !== ch && (ch === '`' || content[j] !== '\n')) j += content[j] === '\\' && ch !== '`' ? 2 : 1;
      end = Math.min(content.length, j + 1);
    }
    if (end < 0 && kind === 'comment') end = content.length;
    if (end < 0) {
      i++;
      continue;
    }
    push(codeStart, i, 'code');
    push(i, end, kind);
    i = end;
    codeStart = end;
  }
  push(codeStart, content.length, 'code');
  return regions;
}

/**
 * Regions of an ERB view: the text around its tags, and in each tag (`<% … %>`, `<%= … %>`) Ruby
 * code, strings and comments as `scanCodeRegions` reads Ruby; a `<%# … %>` tag is a comment. A
 * record in `<%= link_to 'Show', order_item %>` is an identifier, not the words of the page.
 */
export function scanErbRegions(content: string): Region[] {
  const regions: Region[] = [];
  let at = 0;
  for (let open = content.indexOf('<%', at); open >= 0; open = content.indexOf('<%', at)) {
    const close = content.indexOf('%>', open + 2);
    const end = close < 0 ? content.length : close + 2;
    if (open > at) regions.push({ start: at, end: open, kind: 'text' });
    if (content.startsWith('<%#', open)) regions.push({ start: open, end, kind: 'comment' });
    else for (const region of scanCodeRegions('tag.rb', content.slice(open, end))) regions.push({ start: open + region.start, end: open + region.end, kind: region.kind });
    at = end;
  }
  if (at < content.length) regions.push({ start: at, end: content.length, kind: 'text' });
  return regions;
}

/** One occurrence of the name inside a token. */
export interface TokenOccurrence extends Occurrence {
  readonly prose: boolean;
  /** In the code of a language that writes identifiers in snake_case (Python, Ruby and its ERB views, Rust, Elixir, SQL). */
  readonly snakeCode?: boolean | undefined;
  /** In a style sheet's code (selectors, custom properties). */
  readonly kebabCode?: boolean | undefined;
  /** In the code of a language whose folders are packages (Java, Kotlin, Scala, Groovy). */
  readonly packageCode?: boolean | undefined;
  /** In a comment. */
  readonly comment?: boolean | undefined;
  /** The form that this file's strings holding the name show, when they agree (see `stringFormOf`). */
  readonly stringForm?: CaseHelper | undefined;
  /** The form (formKey) the rules gave the same spelling elsewhere in the file (see `settledForms`). */
  readonly settled?: string | undefined;
}

const kindOf = (regions: readonly Region[], offset: number): RegionKind =>
  regions.find((region) => region.start <= offset && offset < region.end)?.kind ?? 'text';

/**
 * The form the name takes in a file's strings where a separator tells it (`'cart--open'`,
 * `"cart__title"`, `'/carts'` are kebab-case; `'shop_cart'` is snake_case), when one wins: a string
 * holding only the name (`'cart'`) most likely follows it.
 */
function stringFormOf(occurrences: readonly Occurrence[], regions: readonly Region[]): 'kebabCase' | 'snakeCase' | undefined {
  let kebab = 0;
  let snake = 0;
  for (const occurrence of occurrences) {
    if (kindOf(regions, occurrence.start) === 'code') continue;
    const { before, after, next } = occurrence;
    if (before === '-' || after === '-' || before === '/' || after === '/' || (after === '_' && next === '_')) kebab++;
    else if (before === '_' || after === '_') snake++;
  }
  return kebab > snake ? 'kebabCase' : snake > kebab ? 'snakeCase' : undefined;
}

/**
 * For each spelling of the name in a file's code, and in its prose (strings, comments), the form the
 * context rules give it wherever they decide, when they agree: `carts` in a comment is `snakeCase (pluralize name)` when `collection: 'carts'`
 * is, since an identifier written the same way twice in one file is one identifier.
 */
function settledForms(occurrences: readonly Occurrence[], contextOf: (occurrence: Occurrence) => Omit<TokenOccurrence, keyof Occurrence>): Map<string, string> {
  const seen = new Map<string, Set<string>>();
  for (const occurrence of occurrences) {
    const context = contextOf(occurrence);
    const form = ruledForm(occurrence.forms, occurrence.before, occurrence.after, context.prose, false, { ...context, next: occurrence.next, lead: occurrence.lead });
    // Words in a sentence say nothing about how the same letters are written as an identifier.
    if (form === undefined || form.helper === 'noCase' || form.helper === 'titleCase' || form.helper === 'sentenceCase') continue;
    const key = `${context.prose ? 'prose' : 'code'}:${occurrence.text}`;
    const forms = seen.get(key) ?? new Set<string>();
    forms.add(formKey(form));
    seen.set(key, forms);
  }
  const out = new Map<string, string>();
  for (const [text, forms] of seen) if (forms.size === 1) out.set(text, [...forms][0] ?? '');
  return out;
}

/**
 * The form of the name in the file's own name (`add-user.ts`, `cartSlice.ts`, `order_item.go`), when
 * a rule settles it: how the project spells this member, which a string holding only the name most
 * likely repeats (`.command('add-user')`, `describe('add-user')`).
 */
function fileNameForm(path: string, pathOccurrences: readonly Occurrence[]): CaseHelper | undefined {
  const fileName = pathOccurrences.at(-1);
  if (fileName === undefined || path.slice(fileName.end).includes('/')) return undefined;
  const form = ruledForm(fileName.forms, fileName.before, fileName.after, false, usesSnakeFileNames(path), { next: fileName.next });
  return form === undefined || form.plural ? undefined : form.helper;
}

/** A literal piece of a token, or an occurrence of the name. */
export type TokenPart = string | TokenOccurrence;

export interface Token {
  readonly start: number;
  readonly text: string;
  readonly kind: RegionKind;
  readonly parts: readonly TokenPart[];
  /** What the alignment compares: the text, with each occurrence replaced by its case class. */
  readonly key: string;
  /** Like `key`, with each occurrence's exact set of forms (used when the coarse key mismatches). */
  readonly strictKey: string;
}

const WORD = /[\p{L}\p{N}_$]/u;
const PATH_WORD = /[\p{L}\p{N}$]/u;
const SPACE = /[ \t\r\f\v]/;

const occurrenceKey = (occurrence: Occurrence, strict: boolean): string => {
  const plural = `${occurrence.forms[0]?.plural === true ? 'p' : 's'}${occurrence.forms[0]?.slice ?? ''}`;
  const detail = strict ? `:${occurrence.forms.map((form: NameForm) => formKey(form)).join(',')}` : '';
  return `\u0001${occurrenceClass(occurrence)}${plural}${detail}\u0002`;
};

/**
 * Splits a text into tokens, with the name's occurrences (found beforehand) glued into the word
 * tokens around them.
 */
export function tokenize(path: string, content: string, occurrences: readonly Occurrence[], pathOccurrences: readonly Occurrence[] = []): Token[] {
  return tokenizeWith(WORD, path, content, occurrences, pathOccurrences);
}

/**
 * The tokens of a file's path: as `tokenize`, but `_` separates words as `-` and `.` do, so that a
 * varying number stands alone (`2025_03_29_071754_create_users_table.php`).
 */
export const tokenizePath = (path: string, occurrences: readonly Occurrence[]): Token[] => tokenizeWith(PATH_WORD, '', path, occurrences, []);

/** A file's code, string and comment regions, by the scanner of its language; one text region for other files. */
export function regionsOf(path: string, content: string): Region[] {
  if (isScriptPath(path)) return scanRegions(path, content);
  if (isOtherCodePath(path)) return scanCodeRegions(path, content);
  if (isWritten(ERB, path)) return scanErbRegions(content);
  return [{ start: 0, end: content.length, kind: 'text' }];
}

function tokenizeWith(word: RegExp, path: string, content: string, occurrences: readonly Occurrence[], pathOccurrences: readonly Occurrence[]): Token[] {
  const regions = regionsOf(path, content);
  const snakeCode = isWritten(SNAKE_CODE, path);
  const kebabCode = isWritten(KEBAB_CODE, path);
  const packageCode = usesPackageFolders(path);
  const stringForm = stringFormOf(occurrences, regions) ?? fileNameForm(path, pathOccurrences);
  const contextOf = (occurrence: Occurrence, kind: RegionKind): Omit<TokenOccurrence, keyof Occurrence> => ({
    prose: kind !== 'code',
    ...(snakeCode ? { snakeCode } : {}),
    ...(kebabCode ? { kebabCode } : {}),
    ...(packageCode && kind === 'code' ? { packageCode } : {}),
    ...(kind === 'comment' ? { comment: true } : {}),
    ...(stringForm !== undefined && kind !== 'code' ? { stringForm } : {}),
  });
  const settled = settledForms(occurrences, (occurrence) => contextOf(occurrence, kindOf(regions, occurrence.start)));
  let regionIndex = 0;
  const kindAt = (offset: number): RegionKind => {
    while (regionIndex < regions.length - 1 && (regions[regionIndex]?.end ?? 0) <= offset) regionIndex++;
    return regions[regionIndex]?.kind ?? 'text';
  };
  const tokens: Token[] = [];
  let occurrenceIndex = 0;
  let i = 0;
  while (i < content.length) {
    const start = i;
    const kind = kindAt(start);
    const prose = kind !== 'code';
    const parts: TokenPart[] = [];
    let literal = '';
    const nextOccurrence = () => occurrences[occurrenceIndex];
    const ch = content[i] ?? '';
    // A negative number is one literal (`descent: -230`): a minus before a digit where no operand
    // stands before it.
    const negative = ch === '-' && /\d/.test(content[i + 1] ?? '') && nextOccurrence()?.start !== i + 1 && /(?:^|[\s:=,([{])$/.test(content.slice(Math.max(0, i - 1), i));
    if (negative) {
      literal = '-';
      i++;
    }
    if (negative || nextOccurrence()?.start === i || word.test(ch)) {
      for (;;) {
        const occurrence = nextOccurrence();
        if (occurrence !== undefined && occurrence.start === i) {
          if (literal !== '') parts.push(literal);
          literal = '';
          const form = settled.get(`${prose ? 'prose' : 'code'}:${occurrence.text}`);
          parts.push({ ...occurrence, ...contextOf(occurrence, kind), ...(form === undefined ? {} : { settled: form }) });
          i = occurrence.end;
          occurrenceIndex++;
        } else if (i < content.length && word.test(content[i] ?? '')) {
          literal += content[i];
          i++;
        } else if (content[i] === '.' && parts.length === 0 && /^-?\d+(?:\.\d+)*$/.test(literal) && /\d/.test(content[i + 1] ?? '')) {
          // A decimal or a version (`1.5`, `4.3.0`) is one literal.
          literal += '.';
          i++;
        } else break;
      }
    } else if (ch === '\n') {
      literal = '\n';
      i++;
    } else if (SPACE.test(ch)) {
      while (i < content.length && SPACE.test(content[i] ?? '') && nextOccurrence()?.start !== i) i++;
      literal = content.slice(start, i);
    } else {
      literal = ch;
      i++;
    }
    if (literal !== '') parts.push(literal);
    const text = content.slice(start, i);
    let key = '';
    let strictKey = '';
    for (const part of parts) {
      key += typeof part === 'string' ? part : occurrenceKey(part, false);
      strictKey += typeof part === 'string' ? part : occurrenceKey(part, true);
    }
    tokens.push({ start, text, kind, parts, key, strictKey });
  }
  return tokens;
}

/** A line of tokens, its newline included (the last line of a file may have none). */
export interface Line {
  readonly tokens: readonly Token[];
  readonly text: string;
  readonly key: string;
  readonly strictKey: string;
  /** 1-based. */
  readonly number: number;
}

export function splitLines(tokens: readonly Token[]): Line[] {
  const lines: Line[] = [];
  let current: Token[] = [];
  const flush = () => {
    if (current.length === 0) return;
    lines.push({
      tokens: current,
      text: current.map((token) => token.text).join(''),
      key: current.map((token) => token.key).join(''),
      strictKey: current.map((token) => token.strictKey).join(''),
      number: lines.length + 1,
    });
    current = [];
  };
  for (const token of tokens) {
    current.push(token);
    if (token.text === '\n') flush();
  }
  flush();
  return lines;
}
