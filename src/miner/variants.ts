/**
 * The case variants of an entity name, and where they occur in a text.
 *
 * A name (`OrderItem`) has one spelling per case helper and number: `OrderItem`, `orderItems`,
 * `order-item`, `ORDER_ITEMS`, `order item`, `Order Items`... Several helpers can give the same
 * spelling (every lower-case helper spells `cart` the same way), so an occurrence carries the set of
 * forms it could be; the miner narrows that set down by aligning members (a multi-word member
 * tells `kebabCase` from `camelCase`) and by context.
 */
import {
  camelCase,
  constantCase,
  dotCase,
  kebabCase,
  lowerCase,
  noCase,
  pascalCase,
  pathCase,
  sentenceCase,
  snakeCase,
  titleCase,
  upperCase,
  tagCase,
  trainCase,
  lowerFirst,
} from '../render/case.js';
import { wordSlices } from '../render/helpers.js';
import { pluralize } from '../render/inflect.js';

/** The case helpers the miner writes, in order of preference when several fit. */
export const CASE_HELPERS = [
  'pascalCase',
  'camelCase',
  'kebabCase',
  'snakeCase',
  'constantCase',
  'noCase',
  'titleCase',
  'sentenceCase',
  'dotCase',
  'pathCase',
  'lowerCase',
  'upperCase',
  'tagCase',
  'trainCase',
  'asIs',
  'lowerFirst',
] as const;
export type CaseHelper = (typeof CASE_HELPERS)[number];

/**
 * The forms that write the name as it is given, acronyms kept (`HTTPClient`, `getOrderByID`): the
 * name must then be given in PascalCase, and they spell no slice of it.
 */
export const AS_GIVEN: ReadonlySet<CaseHelper> = new Set(['asIs', 'lowerFirst']);

const CONVERT: Readonly<Record<CaseHelper, (input: string) => string>> = {
  pascalCase,
  camelCase,
  kebabCase,
  snakeCase,
  constantCase,
  noCase,
  titleCase,
  sentenceCase,
  dotCase,
  pathCase,
  // Whole-string helpers keep separators: feed them the PascalCase form so `order-item` and
  // `OrderItem` give the same `orderitem`.
  lowerCase: (input) => lowerCase(pascalCase(input)),
  upperCase: (input) => upperCase(pascalCase(input)),
  // The name as given (PascalCase with its acronyms kept: `HTTPClient`, which pascalCase would
  // spell `HttpClient`); written `{{name}}`. Last in preference: used only when nothing else fits.
  asIs: (input) => input,
  // The name as given with its first word in lowercase (`getOrderByID`, which camelCase would
  // spell `getOrderById`); after asIs, for the same reason.
  lowerFirst,
  // Language tags (`pt-BR`, `en-US`): kebab-case whose acronyms stay upper-case; after kebabCase
  // in preference, which spells every name without an acronym the same.
  tagCase,
  // `Fraud-Detection-Service` (a CI job's name): after titleCase, which spells one-word names the same.
  trainCase,
};

/** A part of a name some members write instead of the whole (see `wordSlices` of the renderer). */
export type WordSlice = keyof typeof wordSlices;
/**
 * In order of preference: `UserProfile` takes a `user` and `TeamMemberList` a `teamMember`; last,
 * a literal spelling each member's initials (`oi` for OrderItem, `u` for User).
 */
export const WORD_SLICES: readonly WordSlice[] = ['initialWords', 'firstWord', 'lastWord', 'initials'];

/**
 * One way to write a name: a case helper, applied to the name or to its plural, or to a word slice
 * of the name (`initialWords`: all words but the last) or its plural.
 */
export interface NameForm {
  readonly helper: CaseHelper;
  readonly plural: boolean;
  readonly slice?: WordSlice | undefined;
}

export const formKey = (form: NameForm): string => `${form.slice === undefined ? '' : `${form.slice}:`}${form.helper}${form.plural ? '+p' : ''}`;

/** The spelling of a name in one form. */
export function spell(name: string, form: NameForm): string {
  const base = form.slice === undefined ? name : wordSlices[form.slice](name);
  return CONVERT[form.helper](form.plural ? pluralize(base) : base);
}

/**
 * The Handlebars expression for a form, on the param `param`.
 * @example formExpression({ helper: 'kebabCase', plural: true }) // 'kebabCase (pluralize name)'
 */
export function formExpression(form: NameForm, param = 'name'): string {
  const base = form.slice === undefined ? param : `(${form.slice} ${param})`;
  const arg = form.plural ? `(pluralize ${base})` : base;
  if (form.helper === 'asIs') return form.plural ? `pluralize ${base}` : form.slice === undefined ? param : `${form.slice} ${param}`;
  if (form.helper === 'lowerCase' || form.helper === 'upperCase') return `${form.helper} (pascalCase ${arg})`;
  return `${form.helper} ${arg}`;
}

/** A spelling and every form that gives it. */
export interface Variant {
  readonly text: string;
  readonly forms: readonly NameForm[];
}

/**
 * Every distinct spelling of a name, longest first. A spelling that both the singular and the
 * plural give (`ListProjects`, `series`) is kept as singular only. `acronymCamel` adds `lowerFirst`
 * (`getOrderByID`) for the occurrences of names already read: reading names from labels without it
 * keeps a suffix every label writes in capitals a suffix (`loginDTO` is a `Login`), and the
 * rename-copy baseline renames what it always did.
 */
export function nameVariants(name: string, slices: readonly WordSlice[] = [], { acronymCamel = false }: { readonly acronymCamel?: boolean } = {}): Variant[] {
  const byText = new Map<string, NameForm[]>();
  const whole = pascalCase(name);
  for (const slice of [undefined, ...slices]) {
    // A slice that is the whole name, or too short to tell from other words, adds nothing.
    if (slice !== undefined && (wordSlices[slice](name) === whole || wordSlices[slice](name).length < 3)) continue;
    for (const plural of [false, true]) {
      for (const helper of CASE_HELPERS) {
        if (AS_GIVEN.has(helper) && slice !== undefined) continue;
        if (helper === 'lowerFirst' && !acronymCamel) continue;
        const text = spell(name, { helper, plural, slice });
        if (text === '') continue;
        const forms = byText.get(text) ?? [];
        // The whole name wins over a slice; the singular over the plural.
        if (slice !== undefined && forms.some((form) => form.slice !== slice)) continue;
        if (plural && forms.some((form) => !form.plural)) continue;
        forms.push(slice === undefined ? { helper, plural } : { helper, plural, slice });
        byText.set(text, forms);
      }
    }
  }
  return [...byText.entries()]
    .map(([text, forms]) => ({ text, forms }))
    .sort((a, b) => b.text.length - a.text.length || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
}

/** The letter class of a spelling: what the alignment compares, since `cart` may be camel or kebab. */
export type CaseClass = 'Cap' | 'low' | 'UP';

export function caseClass(text: string, before = '', after = ''): CaseClass {
  const first = text[0] ?? '';
  if (first !== first.toLowerCase()) {
    const allCaps = text === text.toUpperCase() && /\p{Lu}.*\p{Lu}/u.test(text);
    // An acronym inside a PascalCase identifier (HTTP in HTTPClient or getHTTP) stands where other
    // members write a capitalized word.
    const inPascal = /\p{Ll}/u.test(before) || /\p{Lu}/u.test(after);
    return allCaps && !inPascal ? 'UP' : 'Cap';
  }
  return 'low';
}

/**
 * The letter class of an occurrence of the name. A name that is itself in capitals (`FAQ`, `CP2K`:
 * the name as given) writes them where other members write a capitalized word (`FAQ.tsx` beside
 * `About.tsx`, `<h1>FAQ</h1>`): there it is of their class (its `FAQ_ROUTES` beside `USER_ROUTES`
 * makes one template line all the same).
 */
export function occurrenceClass(occurrence: Pick<Occurrence, 'text' | 'before' | 'after' | 'forms'>): CaseClass {
  const caseOf = caseClass(occurrence.text, occurrence.before, occurrence.after);
  return caseOf === 'UP' && occurrence.forms.some((form) => form.helper === 'asIs' && form.slice === undefined) ? 'Cap' : caseOf;
}

/** One occurrence of the name in a text. */
export interface Occurrence {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly forms: readonly NameForm[];
  /** The characters around it, for choosing between forms by context. */
  readonly before: string;
  readonly after: string;
  /** The character after `after` (a lower-case letter there means a sentence goes on). */
  readonly next?: string | undefined;
  /** Up to 16 characters before it (`class="` means a CSS class). */
  readonly lead?: string | undefined;
}

const isUpper = (ch: string): boolean => ch !== ch.toLowerCase();
const isLower = (ch: string): boolean => ch !== ch.toUpperCase();
const isLetterOrDigit = (ch: string): boolean => /[\p{L}\p{N}]/u.test(ch);
const isDigit = (ch: string): boolean => /\p{N}/u.test(ch);
const NONE: ReadonlySet<string> = new Set();

/**
 * Whether a spelling at [start, end) of `text` stands on word boundaries: it starts an identifier or
 * a word inside one (`useUserCard`, `USER_CARD_ID`), and the next character does not continue its
 * last word (`User` is not in `Users`; `cart` is in `cartAdded`).
 */
function onBoundary(text: string, start: number, end: number, spelling: string): boolean {
  const before = text[start - 1] ?? '';
  const after = text[end] ?? '';
  const first = spelling[0] ?? '';
  const last = spelling[spelling.length - 1] ?? '';
  if (before !== '') {
    if (isUpper(first)) {
      // A capitalized word after an acronym starts there (Client in HTTPClient, District in
      // getALLDistrict), as an acronym before a capitalized word ends (below), and so it does after
      // a one-letter prefix starting the identifier (User in IUserService, GhostButton in
      // TGhostButtonProps, Status in EStatus: interfaces, types and enums so marked); after one
      // capital inside a word (getADistrict) or a digit it is part of a longer word.
      const capitalized = isLower(spelling[1] ?? '');
      const beforeBefore = text[start - 2] ?? '';
      const afterAcronym = isUpper(beforeBefore) && capitalized;
      const afterPrefix = isUpper(before) && !isLetterOrDigit(beforeBefore) && capitalized;
      if ((isUpper(before) && !afterAcronym && !afterPrefix) || isDigit(before)) return false;
    } else if (isLetterOrDigit(before)) return false;
  }
  if (after !== '') {
    // A number ending the identifier numbers the name (`user1`, `overview2` in tests); one going on
    // into letters is part of another word (`md5sum`).
    if (isDigit(after)) return !/^\p{N}+[\p{L}_$]/u.test(text.slice(end)) && isLetterOrDigit(last) && !isDigit(last);
    if (isLower(last) && isLower(after)) return false;
    if (isUpper(last) && isLetterOrDigit(after)) {
      // USER_CARD in USER_CARDS is not a match; UserCARD is rare enough to ignore. An acronym before
      // a capitalized word is (HTTP in HTTPClient).
      const next = text[end + 1] ?? '';
      if (!(spelling.length > 1 && isUpper(after) && isLower(next))) return false;
    }
    if (!isLetterOrDigit(last) && isLetterOrDigit(after)) return false;
  }
  return true;
}

/**
 * Whether a spelling that only dotCase or pathCase gives continues into a longer identifier
 * (`user.avatarUrl` is a property access, not `UserAvatar` in dotCase; `user.avatar.title` may be).
 */
function inPropertyPath(text: string, end: number, variant: Variant): boolean {
  if (!variant.forms.every((form) => form.helper === 'dotCase' || form.helper === 'pathCase')) return false;
  if (!/[./]/.test(variant.text)) return false;
  return isLetterOrDigit(text[end] ?? '');
}

/**
 * Words that members glue to their lower-case name where no boundary shows it (`catalogdb`,
 * `ordersdb` in a family of Catalog and Orders: `db`): a word after the name counts when two
 * members or more glue it to their own names. English endings are not glue (`ordered`, `users`).
 */
export function gluedSuffixes(members: readonly { readonly name: string; readonly texts: readonly string[] }[]): ReadonlySet<string> {
  const seen = new Map<string, Set<number>>();
  members.forEach((member, m) => {
    const spellings = new Set([false, true].map((plural) => spell(member.name, { helper: 'lowerCase', plural })).filter((text) => text.length >= 2));
    for (const spelling of spellings) {
      for (const text of member.texts) {
        // The spelling found as text first (a regular expression with a look-behind tried at every
        // character was most of the time of mining a large family), then its boundaries checked.
        for (let at = text.indexOf(spelling); at >= 0; at = text.indexOf(spelling, at + 1)) {
          if (isLetterOrDigit(text[at - 1] ?? '')) continue;
          LOWER_RUN.lastIndex = at + spelling.length;
          const suffix = LOWER_RUN.exec(text)?.[0] ?? '';
          if (suffix.length < 2 || isLetterOrDigit(text[at + spelling.length + suffix.length] ?? '') || INFLECTIONS.has(suffix)) continue;
          const who = seen.get(suffix) ?? new Set<number>();
          who.add(m);
          seen.set(suffix, who);
        }
      }
    }
  });
  return new Set([...seen].filter(([, who]) => who.size >= 2).map(([suffix]) => suffix));
}

/** Lower-case letters from a position on (sticky: see gluedSuffixes). */
const LOWER_RUN = /\p{Ll}+/uy;

const INFLECTIONS = new Set(['es', 'ed', 'er', 'ers', 'est', 'ing', 'ings', 'ly', 'ness', 'ies', 'ment', 'ments', 'ship', 'able', 'ful', 'less']);

/** Whether a lower-case spelling at [start, end) is glued to one of `glued` that ends a word there. */
function gluedAt(text: string, start: number, end: number, variant: Variant, glued: ReadonlySet<string>): boolean {
  if (glued.size === 0 || !variant.forms.some((form) => form.helper === 'lowerCase')) return false;
  if (isLetterOrDigit(text[start - 1] ?? '')) return false;
  const rest = /^\p{Ll}+/u.exec(text.slice(end))?.[0] ?? '';
  return glued.has(rest) && !isLetterOrDigit(text[end + rest.length] ?? '');
}

/**
 * Every occurrence of any variant, left to right, longest first at each position, never overlapping.
 * `glued`: words a lower-case name may be glued to (see gluedSuffixes); such an occurrence is the
 * lower-case form only.
 */
export function findOccurrences(text: string, variants: readonly Variant[], glued: ReadonlySet<string> = NONE): Occurrence[] {
  const out: Occurrence[] = [];
  if (variants.length === 0) return out;
  // Index variants by first character for speed.
  const byFirst = new Map<string, Variant[]>();
  for (const variant of variants) {
    const first = variant.text[0] ?? '';
    const list = byFirst.get(first) ?? [];
    list.push(variant);
    byFirst.set(first, list);
  }
  let i = 0;
  while (i < text.length) {
    const candidates = byFirst.get(text[i] ?? '');
    let matched: Variant | undefined;
    if (candidates !== undefined) {
      for (const variant of candidates) {
        if (!text.startsWith(variant.text, i)) continue;
        const end = i + variant.text.length;
        if (onBoundary(text, i, end, variant.text) && !inPropertyPath(text, end, variant)) {
          matched = variant;
          break;
        }
        if (gluedAt(text, i, end, variant, glued)) {
          matched = { text: variant.text, forms: variant.forms.filter((form) => form.helper === 'lowerCase') };
          break;
        }
      }
    }
    if (matched === undefined) {
      i++;
      continue;
    }
    const end = i + matched.text.length;
    out.push({ start: i, end, text: matched.text, forms: matched.forms, before: text[i - 1] ?? '', after: text[end] ?? '', next: text[end + 1] ?? '', lead: text.slice(Math.max(0, i - 16), i) });
    i = end;
  }
  return out;
}
