/**
 * The built-in helpers every renderer registers: case conversions under wopt's names and plop's,
 * pluralize/singularize, `article` (a/an), word slices (`initialWords`, `firstWord`, `lastWord`,
 * `initials`), `pkg`, `eq`/`not`/`or`, `kindSuffix`/`withoutKind` (a kind's word after a name of no kind
 * of its own, and a name without it), `keyOr` (a key where it spells the name, else the name),
 * `fits` (line breaks that follow the width), `crlf` (Windows line ends), `underline` (title
 * underlines as wide as the title), `sortLines` (lines in sorted order, as an import sorter keeps
 * them) and `raw` (for `{{{{raw}}}} … {{{{/raw}}}}` blocks).
 */
import { caseConversions, kebabCase, pascalCase, words } from './case.js';
import { renderErrors } from './errors.js';
import { indefiniteArticle, pluralize, singularize, type PluralTable } from './inflect.js';
import { kindSuffix, withoutKind } from './kinds.js';

/**
 * Word slices of a name, in PascalCase, for mined templates whose members name a part of their
 * entity (`UserProfile` takes a `user`): a one-word name is its own slice, so no slice is empty.
 * `initials` are the first letter of each word, in capitals: Go names a receiver or a loop
 * variable so (`for _, oi := range orderItems` is `{{camelCase (initials name)}}`).
 * @example initialWords('TeamMemberList') // 'TeamMember'
 * @example initials('OrderItem') // 'OI'
 */
export const wordSlices: Readonly<Record<'initialWords' | 'firstWord' | 'lastWord' | 'initials', (input: string) => string>> = Object.freeze({
  initialWords: (input: string) => pascalCase(words(input).slice(0, Math.max(1, words(input).length - 1)).join(' ')),
  firstWord: (input: string) => pascalCase(words(input).slice(0, 1).join(' ')),
  lastWord: (input: string) => pascalCase(words(input).slice(-1).join(' ')),
  initials: (input: string) => words(input).map((word) => (word[0] ?? '').toUpperCase()).join(''),
});

/**
 * Whether two texts are the same words in any case, the last word in either number.
 * @example spellsSameWords('order-items', 'OrderItem') // true
 * @example spellsSameWords('integrations', 'CompanyIntegrations') // false
 */
function spellsSameWords(a: string, b: string, plurals?: PluralTable): boolean {
  const singular = (text: string) => singularize(caseConversions.noCase(text), plurals);
  return singular(a) !== '' && singular(a) === singular(b);
}

/** A Handlebars helper: positional arguments, then Handlebars' options object last. */
export type Helper = (...args: never[]) => unknown;

interface BlockOptions {
  fn: (context: unknown) => string;
  inverse: (context: unknown) => string;
  /** The `key=value` arguments (`overline=true`). */
  hash?: Record<string, unknown>;
}

/** What `{{#if}}` takes as true: not false, empty, zero, null or an empty list. */
export const isTruthy = (value: unknown): boolean => (Array.isArray(value) ? value.length > 0 : Boolean(value));

/** What a block helper was given, for its error: its one argument, or how many it got. */
const gotOf = (args: readonly unknown[]): string => (args.length === 2 ? (JSON.stringify(args[0]) ?? String(args[0])) : `${args.length - 1} arguments`);

/** A helper's arguments (Handlebars' options, last, left out) as its error shows them. */
const argumentsOf = (args: readonly unknown[]): string => args.slice(0, -1).map((arg) => JSON.stringify(arg) ?? String(arg)).join(', ') || 'no argument';

/** The widest line of a text, in code points (a `\r` before a newline is not a column). */
export const widestLine = (text: string): number => Math.max(0, ...text.split('\n').map((line) => [...line.replace(/\r$/, '')].length));

/**
 * The order `{{#sortLines}}` puts lines in: code unit order, or with `ignoreCase` the lower-cased
 * lines' order first (code unit order between lines equal but for case).
 */
export const lineOrder =
  (ignoreCase: boolean) =>
  (a: string, b: string): number => {
    if (ignoreCase) {
      const lowerA = a.toLowerCase();
      const lowerB = b.toLowerCase();
      if (lowerA !== lowerB) return lowerA < lowerB ? -1 : 1;
    }
    return a === b ? 0 : a < b ? -1 : 1;
  };

const isHelperOptions = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && 'hash' in value && 'data' in value;

/**
 * Wraps a string function as a helper that refuses a missing value instead of printing "undefined".
 * The function also gets Handlebars' options (the render's `data`: see RenderOptions.plurals).
 */
function stringHelper(name: string, convert: (input: string, options: unknown) => string): Helper {
  return (...args: unknown[]) => {
    const value = args.length > 1 ? args[0] : undefined;
    const options = args.at(-1);
    if (typeof value === 'string') return convert(value, options);
    if (typeof value === 'number' || typeof value === 'bigint') return convert(String(value), options);
    const got = args.length <= 1 || isHelperOptions(value) ? 'no argument' : value === null ? 'null' : typeof value;
    throw renderErrors.helperArgument(name, got);
  };
}

/** The template's own plurals, passed to the render as `data.plurals` (see RenderOptions). */
function pluralsOf(options: unknown): PluralTable | undefined {
  if (!isHelperOptions(options)) return undefined;
  const plurals = (options as { data?: { plurals?: unknown } }).data?.plurals;
  return typeof plurals === 'object' && plurals !== null ? (plurals as PluralTable) : undefined;
}

function readProperty(data: unknown, path: string): unknown {
  let current = data;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export interface BuiltinHelperOptions {
  /** Package data for `{{pkg "name"}}` (the parsed package.json); read from here, never from disk. */
  readonly pkg?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * The built-in helpers, as a fresh object to register on one Handlebars environment.
 *
 * @example
 * const env = Handlebars.create();
 * env.registerHelper(builtinHelpers({ pkg: { name: 'my-app' } }));
 * @throws never; the helpers throw a WoptError (E_TEMPLATE_PARAM) when given no value.
 */
export function builtinHelpers(options: BuiltinHelperOptions = {}): Record<string, Helper> {
  const cases: Record<string, (input: string, options: unknown) => string> = {
    ...caseConversions,
    // plop's names for the same conversions, so plop templates render unchanged
    properCase: pascalCase,
    dashCase: kebabCase,
    kabobCase: kebabCase,
    pluralize: (input, options) => pluralize(input, pluralsOf(options)),
    singularize: (input, options) => singularize(input, pluralsOf(options)),
    ...wordSlices,
    article: indefiniteArticle,
  };
  const helpers: Record<string, Helper> = {};
  for (const [name, convert] of Object.entries(cases)) helpers[name] = stringHelper(name, convert);

  const { pkg } = options;
  helpers.pkg = (...args: unknown[]) => {
    const property = args.length > 1 ? args[0] : undefined;
    if (typeof property !== 'string') throw renderErrors.helperArgument('pkg', 'no property name');
    const value = readProperty(pkg, property);
    if (value === undefined) throw renderErrors.pkgMissing(property);
    return value;
  };

  // Conditions for `{{#if}}` and for defaults that follow another param (`{{not withStyles}}`,
  // `{{eq kind "admin"}}`): true or false, numbers and strings compared by their text.
  helpers.eq = (...args: unknown[]) => {
    if (args.length !== 3) throw renderErrors.helperArity('eq', 'two values', args.length - 1);
    const [a, b] = args;
    return a === b || ((typeof a === 'string' || typeof a === 'number') && (typeof b === 'string' || typeof b === 'number') && String(a) === String(b));
  };
  helpers.not = (...args: unknown[]) => {
    if (args.length !== 2) throw renderErrors.helperArity('not', 'one value', args.length - 1);
    return !isTruthy(args[0]);
  };
  // {{#if (or withJson withTime)}}: whether any of the values is true (not false, empty, zero or an
  // empty list), for a list's brackets that any of its items opens (a Go import block).
  helpers.or = (...args: unknown[]) => {
    if (args.length < 3) throw renderErrors.helperArity('or', 'two values or more', args.length - 1);
    return args.slice(0, -1).some(isTruthy);
  };

  // {{kindSuffix name "-service" "frontend"}}: a kind's word after a name that says no kind of its
  // own (see kinds.ts), for families of a system's parts (`cart-service` beside an `api-gateway`).
  helpers.kindSuffix = (...args: unknown[]) => {
    const [name, text, ...ownKinds] = args.slice(0, -1);
    if (typeof name !== 'string' || typeof text !== 'string' || !ownKinds.every((kind) => typeof kind === 'string')) {
      throw renderErrors.helperUsage('kindSuffix', 'a name, the text to write after it and the kinds that keep it (strings)', argumentsOf(args), '{{kindSuffix name "-service"}}');
    }
    return kindSuffix(name, text, ownKinds as string[]);
  };
  helpers.withoutKind = (...args: unknown[]) => {
    const [name, kind] = args.slice(0, -1);
    if (args.length !== 3 || typeof name !== 'string' || typeof kind !== 'string') {
      throw renderErrors.helperUsage('withoutKind', 'a name and the kind\'s word (strings)', argumentsOf(args), '{{kebabCase (withoutKind name "service")}}');
    }
    return withoutKind(name, kind);
  };

  // {{kebabCase (keyOr route (pluralize name))}}: a key given for a member (a route, a command's
  // name) names its folder or file where it spells the name, in either number (`company` for
  // Company); a key of other words (`integrations` for CompanyIntegrations, `conf` for
  // Configuration) leaves them to the name.
  helpers.keyOr = (...args: unknown[]) => {
    const [key, name] = args.slice(0, -1);
    if (args.length !== 3 || typeof key !== 'string' || typeof name !== 'string') {
      throw renderErrors.helperUsage('keyOr', 'a key and a name (strings)', argumentsOf(args), '{{kebabCase (keyOr route (pluralize name))}}');
    }
    return spellsSameWords(key, name, pluralsOf(args.at(-1))) ? key : name;
  };

  // {{#fits 120}}one line{{else}}wrapped{{/fits}}: line breaks that depend on the line's width, as
  // a formatter makes them (a constructor's parameters on one line for a short name, one per line
  // for a long one). The first block when its widest line fits in the width, else the {{else}} one.
  helpers.fits = function fits(this: unknown, ...args: unknown[]) {
    const options = args.at(-1) as BlockOptions;
    const width = args.length === 2 ? args[0] : undefined;
    if (typeof width !== 'number' || !Number.isInteger(width) || width <= 0 || typeof options?.fn !== 'function') {
      throw renderErrors.blockHelper('fits', 'a width in columns (a whole number above 0)', gotOf(args), '{{#fits 120}}the one-line form{{else}}the wrapped form{{/fits}}');
    }
    const narrow = options.fn(this);
    return widestLine(narrow) <= width ? narrow : options.inverse(this);
  } as Helper;

  // {{#crlf windowsLineEnds}}…{{/crlf}}: the block's line ends as Windows writes them (CRLF) when
  // the value is true, as they are otherwise; a mined family whose members differ in line ends.
  helpers.crlf = function crlf(this: unknown, ...args: unknown[]) {
    const options = args.at(-1) as BlockOptions;
    if (args.length !== 2 || typeof options?.fn !== 'function') throw renderErrors.blockHelper('crlf', 'one value', gotOf(args), '{{#crlf windowsLineEnds}}…{{/crlf}}');
    const text = options.fn(this);
    return args[0] === true || args[0] === 'true' ? text.replace(/\r?\n/g, '\r\n') : text;
  } as Helper;

  // {{#underline "="}}Title{{/underline}}: the title, a line end, and the character repeated as
  // wide as the title (Markdown setext headings, reStructuredText sections); with overline=true,
  // the same line above the title too. A title ending in a CR gets Windows line ends.
  helpers.underline = function underline(this: unknown, ...args: unknown[]) {
    const options = args.at(-1) as BlockOptions;
    const adornment = args.length === 2 ? args[0] : undefined;
    if (typeof adornment !== 'string' || [...adornment].length !== 1 || typeof options?.fn !== 'function') {
      throw renderErrors.blockHelper('underline', 'the one character to underline with', gotOf(args), '{{#underline "="}}the title{{/underline}} (overline=true: a line above it too)');
    }
    const text = options.fn(this);
    const title = text.replace(/\r$/, '');
    const lineEnd = text.endsWith('\r') ? '\r\n' : '\n';
    const lastLineAt = title.lastIndexOf('\n') + 1;
    const lastLine = title.slice(lastLineAt);
    const line = adornment.repeat(widestLine(lastLine));
    // reStructuredText titles may have an overline too, as wide as the underline.
    const overline = options.hash?.overline === true ? `${line}${lineEnd}` : '';
    return `${title.slice(0, lastLineAt)}${overline}${lastLine}${lineEnd}${line}`;
  } as Helper;

  // {{#sortLines}}…{{/sortLines}}: the block's lines in sorted order (code unit order; with
  // ignoreCase=true, case-insensitive first), for import lists a sorter keeps in order, where a new
  // member's own import goes wherever its name sorts. A final line end stays last.
  helpers.sortLines = function sortLines(this: unknown, ...args: unknown[]) {
    const options = args.at(-1) as BlockOptions;
    if (args.length !== 1 || typeof options?.fn !== 'function') {
      throw renderErrors.blockHelper('sortLines', 'no argument', gotOf(args), '{{#sortLines}}one line per item{{/sortLines}} (ignoreCase=true: case-insensitive order)');
    }
    const text = options.fn(this);
    const lines = text.split('\n');
    const ending = lines.at(-1) === '' ? lines.pop() : undefined;
    const sorted = lines.sort(lineOrder(options.hash?.ignoreCase === true));
    return ending === undefined ? sorted.join('\n') : `${sorted.join('\n')}\n`;
  } as Helper;

  // {{literal "{"}}{{name}}: a brace that touches a mustache cannot be written as text (`{{{` opens
  // a triple-stash, `}}}` closes one), nor in a raw block (its tags cannot start or end with one).
  helpers.literal = (...args: unknown[]) => {
    if (args.length !== 2 || typeof args[0] !== 'string') throw renderErrors.helperUsage('literal', 'one string', gotOf(args), '{{literal "{"}}');
    return args[0];
  };

  // {{{{raw}}}}{{not a mustache}}{{{{/raw}}}}: Handlebars hands a raw block's text to a helper.
  helpers.raw = function raw(this: unknown, options: BlockOptions) {
    return options.fn(this);
  } as Helper;
  return helpers;
}
