/**
 * Literals the name predicts: a varying literal that spells a word slice of each member's name
 * (`user` in `UserCard`), and the article before the name (`a customer`, `an invoice`).
 */
import { pascalCase } from '../render/case.js';
import { wordSlices } from '../render/helpers.js';
import { indefiniteArticle, pluralize } from '../render/inflect.js';
import { mergeText, type Piece } from './emit.js';
import { AS_GIVEN, CASE_HELPERS, spell, WORD_SLICES, type NameForm } from './variants.js';
import { isHttpVerb } from './vocabulary.js';

/** A word slice form that spells most members' literals, and the members it does not. */
export interface SliceMatch {
  readonly form: NameForm;
  /** Members having a literal that the form does not spell (each keeps its own literal). */
  readonly exceptions: readonly number[];
}

/**
 * The form in which most members' literals spell a word slice of their own name, if there is one:
 * `user`, `product`, `order` in `UserCard`, `ProductTile`, `OrderSummary` are
 * `camelCase (initialWords name)`, so a new member gets its own instead of one member's. Needs two
 * distinct literals spelled, more than half of the members having a literal, and a member whose
 * slice is not its whole name (else the literal would have been found as the name itself).
 */
export function sliceForm(values: readonly (string | undefined)[], names: readonly string[]): SliceMatch | undefined {
  const having = values.flatMap((value, m) => (value === undefined ? [] : [{ value, name: names[m] ?? '', m }]));
  // Methods are no words of a name (`DELETE` of DeleteAccount, `GET` of GetRoleList).
  if (having.some((entry) => isHttpVerb(entry.value))) return undefined;
  if (new Set(having.map((entry) => entry.value)).size < 2) return undefined;
  // Letters only, to try the case helpers only where the letters already agree (this runs for every
  // varying literal, and spelling is not cheap).
  const letters = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  let best: { form: NameForm; spelled: typeof having } | undefined;
  for (const slice of WORD_SLICES) {
    // Initials have no plural (`ois` is no one's loop variable).
    for (const plural of slice === 'initials' ? [false] : [false, true]) {
      const candidates = having.filter((entry) => {
        const base = wordSlices[slice](entry.name);
        return entry.value !== '' && letters(entry.value) === letters(plural ? pluralize(base) : base);
      });
      if (candidates.length <= (best?.spelled.length ?? 0)) continue;
      for (const helper of CASE_HELPERS) {
        if (AS_GIVEN.has(helper)) continue;
        const form: NameForm = { helper, plural, slice };
        const spelled = candidates.filter((entry) => spell(entry.name, form) === entry.value);
        if (spelled.length > (best?.spelled.length ?? 0)) best = { form, spelled };
      }
    }
  }
  if (best === undefined || best.spelled.length * 2 <= having.length || new Set(best.spelled.map((entry) => entry.value)).size < 2) return undefined;
  const slice = best.form.slice;
  if (slice === undefined || !best.spelled.some((entry) => wordSlices[slice](entry.name) !== pascalCase(entry.name))) return undefined;
  const spelled = new Set(best.spelled.map((entry) => entry.m));
  return { form: best.form, exceptions: having.filter((entry) => !spelled.has(entry.m)).map((entry) => entry.m) };
}

/**
 * The pieces that spell every member's literal as the same text around its own name, when the name
 * is glued to a word where no boundary tells it (`catalogdb`, `ordersdb` for Catalog, Orders:
 * `{{lowerCase name}}db`); undefined when no one case form fits every member. Needs two distinct
 * literals.
 */
export function gluedName(values: readonly (string | undefined)[], names: readonly string[]): Piece[] | undefined {
  const having = values.flatMap((value, m) => (value === undefined || value === '' ? [] : [{ value, name: names[m] ?? '' }]));
  if (having.length < 2 || having.length < values.filter((value) => value !== undefined).length || new Set(having.map((entry) => entry.value)).size < 2) return undefined;
  // Glued where no boundary shows, a name is written as one word: lower (or upper) case first.
  const helpers = ['lowerCase', 'upperCase', ...CASE_HELPERS.filter((helper) => helper !== 'lowerCase' && helper !== 'upperCase')] as const;
  for (const plural of [false, true]) {
    for (const helper of helpers) {
      const form: NameForm = { helper, plural };
      let around: [string, string] | undefined;
      const fits = having.every((entry) => {
        const spelled = spell(entry.name, form);
        const at = spelled === '' ? -1 : entry.value.indexOf(spelled);
        if (at < 0) return false;
        const here: [string, string] = [entry.value.slice(0, at), entry.value.slice(at + spelled.length)];
        around ??= here;
        return around[0] === here[0] && around[1] === here[1];
      });
      if (fits && around !== undefined) return mergeText([{ t: 'text', text: around[0] }, { t: 'name', form }, { t: 'text', text: around[1] }]);
    }
  }
  return undefined;
}

/**
 * An article piece when every member's literal is the article its own name takes (`A customer`,
 * `An invoice`), all capitalized alike; undefined otherwise.
 */
export function articleOf(values: readonly (string | undefined)[], names: readonly string[]): Piece | undefined {
  const having = values.flatMap((value, m) => (value === undefined ? [] : [{ value, name: names[m] ?? '' }]));
  if (having.length === 0 || !having.every((entry) => /^[Aa]n?$/.test(entry.value) && entry.value.toLowerCase() === indefiniteArticle(entry.name))) return undefined;
  const capital = having.map((entry) => entry.value[0] === 'A');
  if (capital.some((value) => value !== capital[0])) return undefined;
  return { t: 'article', capital: capital[0] === true };
}

/**
 * A literal `a ` or `an ` right before the name, which every member writes as its own name needs,
 * becomes the article helper, so that a new member gets `an invoice` where the others all had
 * `a customer`, `a category`.
 */
export function withArticles(given: readonly Piece[], names: readonly string[], templateOf: TemplateOf = () => undefined): Piece[] {
  const pieces = mergeText(given);
  const out: Piece[] = [];
  pieces.forEach((piece, k) => {
    const next = pieces[k + 1];
    if (piece.t === 'text' && next !== undefined && startsWithName(next, templateOf)) {
      // `a customer`, and `a \`Customer\`` or `a "customer"` with the name quoted.
      const match = /(?<![\p{L}\p{N}_$'-])([Aa]n?) ([`'"(]?)$/u.exec(piece.text);
      const article = match?.[1];
      if (match !== null && article !== undefined && names.length > 0 && names.every((name) => indefiniteArticle(name) === article.toLowerCase())) {
        const opening = match[2] ?? '';
        out.push({ t: 'text', text: piece.text.slice(0, match.index) }, { t: 'article', capital: article[0] === 'A' }, { t: 'text', text: ` ${opening}` });
        return;
      }
    }
    if (piece.t === 'if') out.push({ ...piece, then: withArticles(piece.then, names, templateOf), else: withArticles(piece.else, names, templateOf) });
    else if (piece.t === 'each') out.push({ ...piece, body: withArticles(piece.body, names, templateOf) });
    else out.push(piece);
  });
  return out;
}

/** The pieces a value param's default is written from, if it has some. */
export type TemplateOf = (param: string) => readonly Piece[] | undefined;

/**
 * Whether a piece starts with the whole name, singular (the article goes with it): a name piece, a
 * value whose default starts so, or a block every branch of which starts so
 * (`a {{#if x}}{{noCase name}}{{else}}{{lowerCase name}}{{/if}}`).
 */
function startsWithName(piece: Piece, templateOf: TemplateOf): boolean {
  // A branch or a default may open a quote first (`a {{#if x}}{{noCase name}}{{else}}\`{{pascalCase name}}\`{{/if}}`).
  const first = (branch: readonly Piece[]) => {
    const [lead, second] = mergeText(branch);
    return lead?.t === 'text' && /^[`'"(]$/.test(lead.text) ? second : lead;
  };
  if (piece.t === 'name') return piece.form.slice === undefined && !piece.form.plural;
  if (piece.t === 'value') {
    const lead = first(templateOf(piece.param) ?? []);
    return lead !== undefined && startsWithName(lead, templateOf);
  }
  if (piece.t !== 'if' || piece.lines) return false;
  const then = first(piece.then);
  const otherwise = first(piece.else);
  return then !== undefined && otherwise !== undefined && startsWithName(then, templateOf) && startsWithName(otherwise, templateOf);
}
