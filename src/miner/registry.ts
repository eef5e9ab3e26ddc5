/**
 * The params a build collects (Registry), and what each is named after: the word before a value,
 * what its values are (a path, a URL, an HTTP method, spaces), its place in its line (a test's
 * title, a key: see context-hints.ts), the import a flag's line brings in,
 * a mark an optional part is alone (`withComma`). Names are unique, and none is a Handlebars
 * helper's or keyword's.
 */
import { camelCase } from '../render/case.js';
import type { Piece } from './emit.js';
import type { FlagParam, ItemsParam, MinedParam, ValueParam } from './ir.js';
import { HTTP_METHOD } from './vocabulary.js';
import { isSpaces } from '../util/text.js';
import { countValues } from '../util/collect.js';
import { builtinHelpers } from '../render/helpers.js';

// A param named like a helper would be read as the helper (`{{fits}}` calls it), and one named
// like a keyword or a literal would not parse.
const RESERVED = new Set([
  ...Object.keys(builtinHelpers()),
  ...'if unless each with lookup log this else true false null undefined blockHelperMissing helperMissing'.split(' '),
  // What every object has: a param named `toString` reads as every object's own function.
  ...Object.getOwnPropertyNames(Object.prototype),
]);
const STOP = new Set(
  'import export from const let var function return async await new type interface class extends implements public private protected readonly static default as if else for while of in this true false null undefined void string number boolean any unknown def self pass the and with'.split(
    ' ',
  ),
);

/**
 * What an import line brings in, to name the flag of an optional import after: `User` of
 * `import com.example.demo.user.User;`, `admin` of `from django.contrib import admin`, `Injectable`
 * of `import { Injectable } from '@nestjs/common';`, `User` of `use App\Models\User;`, `domain` of
 * Go's `"github.com/acme/shop/internal/domain"`; '' for a
 * line that imports nothing by name (`import './styles.css';`) or is no import.
 */
function importedWord(text: string): string {
  const line = text.trimStart().split('\n', 1)[0] ?? '';
  const named = /^(?:import|export)\s+(?:type\s+)?\{\s*(?:type\s+)?([A-Za-z_$][\w$]*)/u.exec(line) ?? /^import\s+(?:type\s+)?\*?\s*(?:as\s+)?([A-Za-z_$][\w$]*)\s*(?:,|\s+from\b)/u.exec(line) ?? /^from\s+\S+\s+import\s+\(?\s*([A-Za-z_]\w*)/u.exec(line);
  if (named?.[1] !== undefined) return named[1];
  // A Go import, alone or in a block: its alias, else its path's last part, a major version aside
  // (`"github.com/acme/shop/internal/domain"` brings in `domain`, `"github.com/jackc/pgx/v5"` `pgx`).
  const go = /^(?:import\s+)?(?:([A-Za-z_]\w*)\s+)?"([\w.~/-]+)"\s*$/u.exec(line);
  if (go !== null) {
    const parts = (go[2] ?? '').split('/');
    return go[1] ?? (/^v\d+$/u.test(parts.at(-1) ?? '') && parts.length > 1 ? parts.at(-2) : parts.at(-1)) ?? '';
  }
  // A dotted or namespaced path: the last part that is a name (`…Assert.*` is `Assert`).
  const path = /^(?:import(?:\s+static)?|use|using)\s+([\w$.:\\]+?)(?:\.\*|::\*|::\{[^}]*\})?\s*;?\s*$/u.exec(line)?.[1];
  return path?.split(/[.:\\]+/u).filter((part) => /^[A-Za-z_$]/u.test(part)).at(-1) ?? '';
}

/** Words for the marks an optional part may be alone (`maxDelayMs: 1000{{#if withComma}},{{/if}}`). */
const MARK_WORDS = new Map([
  [',', 'comma'],
  [';', 'semicolon'],
  [':', 'colon'],
  ['.', 'dot'],
  ['*', 'star'],
  ['&', 'ampersand'],
  ['//', 'comment'],
  ['#', 'comment'],
  ['--', 'comment'],
  ['?', 'question mark'],
  ['!', 'bang'],
]);

/**
 * What to call a part with no word in it, by what it is: a blank line, a space, a mark
 * (`withComma` rather than a `variant` nobody can tell from the next). Empty when it is none of those.
 */
function markWord(text: string): string {
  if (text !== '' && text.trim() === '') return text.includes('\n') ? 'blank line' : 'space';
  return MARK_WORDS.get(text.trim()) ?? '';
}

/** A declaration of a variable whose name is left out of a part's text: the entity's name (`const {{camelCase name}} = …`). */
const DECLARES_NAME = /^\s*(?:export\s+)?(?:const|let|var|val)\s*[=:]/u;

/**
 * A part's text after the doc comment it opens with (`/** … *\/`, `/// …`): the comment says in
 * prose what the declaration under it does (`/** Invoices only: e-mails the invoice… *\/` over
 * `send(id)`), the declaration what the part is (`hasSend`, not `hasOnly`). Other comments stay:
 * `# Install dependencies` says more than the `RUN` under it.
 */
function afterDocComment(text: string): string {
  const block = /^\s*\/\*\*[\s\S]*?\*\/[ \t]*\n/u.exec(text);
  const lines = /^(?:[ \t]*\/\/\/.*\n)+/u.exec(text);
  const rest = text.slice((block ?? lines)?.[0].length ?? 0);
  // A declaration of the name itself (`const {{camelCase name}} = ref([])`) leaves nothing to name the part after but the comment.
  return rest.trim() === '' || DECLARES_NAME.test(rest) ? text : rest;
}

/** A word to name a param after: the first identifier-like word of a text that is not a keyword. */
export function hintWord(text: string): string {
  for (const match of text.matchAll(/[A-Za-z_$][\w$]*/g)) {
    const word = match[0];
    if (word.length >= 3 && !STOP.has(word) && !STOP.has(word.toLowerCase())) return word;
  }
  return '';
}

/** An SVG path's data (`M4 6L8 10L12 6`): commands and numbers only, opening with a move. */
const SVG_PATH_DATA = /^[Mm][\s\d.,eE+\-MmLlHhVvCcSsQqTtAaZz]*\d[\s\d.,eE+\-MmLlHhVvCcSsQqTtAaZz]*$/u;
/** A URL with a scheme (`https://…`, `git+ssh://…`). */
const URL_TEXT = /^[a-z][a-z\d+.-]*:\/\/\S+$/iu;
/** A module specifier or a file path (`../models/user`, `@/components/Card.vue`, `github.com/x/y`). */
const PATH_TEXT = /^[^\s'"`]*\/[^\s'"`]*$/u;

/**
 * What to name a value after, by what its values are where that says more than the word before it:
 * spaces only are a `…Spacing` (the gap after a key aligned with longer ones: named `short`, a
 * user setting it would set the gap after `Short:`, not the text); HTTP methods are the `method`
 * (`new RequestBuilder(rootUrl, PATH, '{{method}}')`, not `path`). With no word before it, an
 * icon's path data is `pathData` (`d="{{pathData}}"`), and URLs and paths are a `url` and a
 * `path` (`import X from '{{path}}'`), else it is named after its place (`place`: a `testTitle`,
 * a `key`), rather than a `value`.
 */
function valueHint(values: readonly string[], hint: string, place: string): string {
  if (values.length === 0) return hint || place;
  if (values.every(isSpaces)) return `${hint} spacing`;
  // HTTP methods, any case: a value that is always one is the `method`, wherever it is written.
  if (values.every((value) => HTTP_METHOD.test(value)) && values.some((value) => !/^(?:head|options)$/iu.test(value))) return 'method';
  if (hint !== '') return hint;
  if (values.every((value) => SVG_PATH_DATA.test(value))) return 'path data';
  if (values.every((value) => URL_TEXT.test(value))) return 'url';
  if (values.every((value) => PATH_TEXT.test(value))) return 'path';
  return place;
}

/** The params being collected while building. */
export class Registry {
  readonly params: MinedParam[] = [];
  readonly conflicts: string[] = [];
  private readonly taken = new Set<string>();
  private readonly flags = new Map<string, FlagParam>();
  private readonly values = new Map<string, ValueParam>();
  private readonly items = new Map<string, ItemsParam>();
  /** Flags whose default was a coin flip where they were made (see flag). */
  private readonly evenSplits = new Set<FlagParam>();
  /** Changes to params made before a mark, each undone by a rollback to a mark at or before `at`. */
  private readonly undo: Array<{ readonly at: number; readonly apply: () => void }> = [];

  constructor(
    readonly memberCount: number,
    readonly center: number,
    private readonly entityParam: string,
  ) {
    this.taken.add(entityParam);
  }

  /** The pieces a value param's default is written from (see value). */
  templateOf(name: string): readonly Piece[] | undefined {
    const param = this.params.find((known) => known.name === name);
    return param?.kind === 'value' ? param.template : undefined;
  }

  /** A point to go back to (see rollback). */
  mark(): number {
    return this.params.length;
  }

  /** Forgets the params made since `mark` (a construction tried and dropped). */
  rollback(mark: number): void {
    while ((this.undo.at(-1)?.at ?? -1) >= mark) this.undo.pop()?.apply();
    for (const param of this.params.splice(mark)) {
      this.taken.delete(param.name);
      if (param.kind === 'flag') this.evenSplits.delete(param);
      for (const registry of [this.flags, this.values, this.items] as Array<Map<string, MinedParam>>) {
        for (const [key, known] of registry) if (known === param) registry.delete(key);
      }
    }
  }

  uniqueName(hint: string, fallback: string): string {
    let base = camelCase(hint);
    if (base === '' || !/^[A-Za-z_$]/.test(base)) base = fallback;
    // A value under a `name:` key is the entity's name as a label (`name: API Gateway`), not a
    // second name (`name2`).
    if (base === this.entityParam) base = `${base}Label`;
    let name = base;
    for (let n = 2; this.taken.has(name) || RESERVED.has(name); n++) name = `${base}${n}`;
    this.taken.add(name);
    return name;
  }

  /**
   * `options.apart`: a flag of its own kind, not shared with other flags of the same members (line ends).
   * `options.evenSplit`: the default is a coin flip where this part is decided (as many members with it as
   * without, in a region only some members reach); the part then takes the flag the same members
   * already have, whatever its default, and a flag decided so gives its default up to one the
   * same members are given where the default was not a coin flip. The same members are one kind
   * of member: a new member that is not of that kind in one place is not of it in another (a
   * Django app's view with the other app's `return (` and its own `return ….filter(…)`).
   */
  flag(members: readonly number[], isDefault: boolean, prefix: string, hint: string, why: string, options: { readonly apart?: string; readonly evenSplit?: boolean } = {}): string {
    const { apart, evenSplit = false } = options;
    const key = `${apart ?? ''}${members.join(',')}${isDefault ? '+' : '-'}`;
    const known = this.flags.get(key);
    if (known !== undefined) return known.name;
    const oppositeKey = `${apart ?? ''}${members.join(',')}${isDefault ? '-' : '+'}`;
    const opposite = this.flags.get(oppositeKey);
    // Only where some members were not there to decide (an even split with fewer than half of all
    // the members on the part's side): a coin flip among all of them is as good as any other.
    const coinFlip = evenSplit && members.length * 2 < this.memberCount;
    if (opposite !== undefined && (coinFlip || this.evenSplits.has(opposite))) {
      if (!coinFlip) this.redecide(opposite, oppositeKey, key, isDefault);
      return opposite.name;
    }
    // A keyword names a flag well enough (`hasAsync`, `withNumber`), where it would not a value.
    const code = afterDocComment(hint);
    const word = importedWord(code) || hintWord(code) || hintWord(hint) || (/[A-Za-z_$][\w$]+/.exec(hint)?.[0] ?? '');
    const mark = word === '' ? markWord(hint) : '';
    const name = this.uniqueName(word === '' && mark === '' ? 'variant' : `${prefix} ${word || mark}`, 'variant');
    const flag: FlagParam = { kind: 'flag', name, members, default: isDefault, why, presence: prefix === 'has' && word !== '' };
    this.flags.set(key, flag);
    this.params.push(flag);
    if (coinFlip) this.evenSplits.add(flag);
    return name;
  }

  /** `flag` (a coin flip's) with the default `isDefault` decided elsewhere, undone by a rollback past this point. */
  private redecide(flag: FlagParam, oldKey: string, newKey: string, isDefault: boolean): void {
    const decided: FlagParam = { ...flag, default: isDefault };
    const swap = (from: FlagParam, to: FlagParam, fromKey: string, toKey: string, fromEven: boolean) => {
      this.params[this.params.indexOf(from)] = to;
      this.flags.delete(fromKey);
      this.flags.set(toKey, to);
      this.evenSplits.delete(from);
      if (fromEven) this.evenSplits.add(to);
    };
    swap(flag, decided, oldKey, newKey, false);
    this.undo.push({ at: this.params.length, apply: () => swap(decided, flag, newKey, oldKey, true) });
  }

  /**
   * `preferred`: the member whose value is the default (the one whose whole line is most common).
   * `template`: the default written from parts (the name, other params) rather than one member's
   * value, so a new member gets its own. `place`: what its place in the line says it is (see
   * placeHint), for a value no word names and its values do not either.
   */
  value(values: readonly (string | undefined)[], hint: string, preferred: number, template?: readonly Piece[], place = '', role: Pick<ValueParam, 'quote'> = {}): string {
    // Texts equal in every member are one param unless their defaults are written differently
    // (`table: 'carts'` and a label "carts" part ways at `OrderItem`).
    const key = JSON.stringify([values, template?.some((piece) => piece.t !== 'text') === true ? template : undefined]);
    const known = this.values.get(key);
    if (known !== undefined) return known.name;
    const templated = template !== undefined && template.some((piece) => piece.t !== 'text');
    const present = values.filter((value): value is string => value !== undefined);
    const type = templated
      ? 'string'
      : present.every((value) => value === 'true' || value === 'false')
        ? 'boolean'
        : present.every((value) => value !== '' && String(Number(value)) === value)
          ? 'number'
          : 'string';
    const param: ValueParam = {
      kind: 'value',
      name: this.uniqueName(valueHint(present, hint, place), 'value'),
      type,
      values,
      default: values[preferred] ?? mostCommon(values, this.center) ?? '',
      ...(templated ? { template } : {}),
      ...role,
    };
    this.values.set(key, param);
    this.params.push(param);
    return param.name;
  }

  /** The quote mark of a string the members quote differently (see requoted in inline-line.ts): one param per way they quote. */
  quoteMark(quotes: readonly (string | undefined)[], preferred: number): string {
    return this.value(quotes, 'quote', preferred, undefined, '', { quote: true });
  }

  itemsParam(values: readonly (readonly string[] | undefined)[], hint: string): string {
    const key = JSON.stringify(values);
    const known = this.items.get(key);
    if (known !== undefined) return known.name;
    const keys = values.map((value) => (value === undefined ? undefined : JSON.stringify(value)));
    const best = mostCommon(keys, this.center);
    const param: ItemsParam = {
      kind: 'items',
      name: this.uniqueName(pluralizeHint(hint), 'items'),
      values,
      default: best === undefined ? [] : (JSON.parse(best) as string[]),
    };
    this.items.set(key, param);
    this.params.push(param);
    return param.name;
  }
}

const pluralizeHint = (hint: string): string => (hint === '' ? '' : `${hint} items`);

/** The most common defined value; ties go to the center member's, then to the first. */
function mostCommon(values: readonly (string | undefined)[], center: number): string | undefined {
  const counts = countValues(values.filter((value): value is string => value !== undefined));
  let best: string | undefined;
  let bestCount = 0;
  const centerValue = values[center];
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && value === centerValue)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}
