/**
 * Step 2: each member's entity name, read from its folder or stem and confirmed in its content.
 *
 * - A one-word lower-case label is split into the words its contents write (`fullservice` holding
 *   `FullService` is `Full Service`).
 * - Affixes every member shares are learned, not hard-coded: `useCartStore`/`useThemeStore` share
 *   `use…Store`, `subDays`/`subWeeks` share `sub…`. They are stripped when what is left occurs on
 *   its own in most members (so `UserCard`/`UserList` keep `User`, `en-au`/`en-gb` keep `en`);
 *   the template then reads a given name as the members' are written, without them or, kept,
 *   with them (ParamSpec.affixes). A word glued to every one-word label (`adservice`) counts.
 * - Plural folders for singular entities (`companies/`, `people/`, `shipping_addresses/`): when
 *   every label is a plural, names are singularized, unless most are phrases most members never
 *   write in the singular (names in their own right: `no-file-name-consecutive-dashes`); when most are, a plural label is singularized
 *   when its member writes the singular on its own; failing that, when two labels in three are
 *   plurals, the plural ones are (the family writes its names in the plural).
 * - Plurals the members write their own way (`fornecedores` for `Fornecedor`) are learnt first, and
 *   recorded for the template (TemplateManifest.plurals).
 * - The name is given in PascalCase words; every helper reads it through `words()`.
 */
import type { ParamAffixes } from '../library/template.js';
import { keepAcronyms, words } from '../render/case.js';
import { pluralize, singularize, withPlurals } from '../render/inflect.js';
import { findOccurrences, nameVariants } from './variants.js';

export interface NameDetection {
  readonly names: readonly string[];
  /** Occurrences of each name in its member's paths and contents. */
  readonly occurrences: readonly number[];
  readonly why: string;
  readonly warnings: readonly string[];
  /** The words every label shares around its name: stripped, or kept in every name (`keep`; see ParamSpec.affixes). */
  readonly affixes?: ParamAffixes | undefined;
  /** Plurals the members write their own way (see learnPlurals; TemplateManifest.plurals). */
  readonly plurals?: Readonly<Record<string, string>> | undefined;
}

/** Members a warning of names found only in paths lists by name; the rest are counted. */
const PATH_ONLY_SHOWN = 5;

const isPlural = (word: string): boolean => {
  const lower = word.toLowerCase();
  return pluralize(lower) === lower && singularize(lower) !== lower;
};

/** Whether a name's last word is a plural (`ShippingAddresses`, `news items`). */
const endsPlural = (name: string): boolean => isPlural(words(name).at(-1) ?? '');

function countOccurrences(name: string, texts: readonly string[]): number {
  if (name === '') return 0;
  const variants = nameVariants(name);
  return texts.reduce((sum, text) => sum + findOccurrences(text, variants).length, 0);
}

/** Occurrences of `part` in the texts that are not inside an occurrence of `whole`. */
function countOwnOccurrences(part: string, whole: string, texts: readonly string[]): number {
  if (part === '') return 0;
  const partVariants = nameVariants(part);
  // The whole label in the singular is the whole too (`DiscourseNewsItem` of `discourse_news_items`).
  const wholeVariants = endsPlural(whole) ? [...nameVariants(whole), ...nameVariants(singularize(whole))] : nameVariants(whole);
  let count = 0;
  for (const text of texts) {
    const spans = findOccurrences(text, wholeVariants);
    for (const occurrence of findOccurrences(text, partVariants)) {
      if (!spans.some((span) => span.start <= occurrence.start && occurrence.end <= span.end)) count++;
    }
  }
  return count;
}

/**
 * Labels of one lower-case word each that all start or end with the same letters (`adservice`,
 * `cartservice`, `emailservice`): that shared part as a word of its own (`ad service`), the longest
 * one leaving every label at least two letters of its own, when the members also write it as a
 * word (`kind: Service`; `-ation` of `creation`, `validation` is no word); undefined otherwise.
 */
function gluedAffix(split: readonly string[][], texts: readonly (readonly string[])[]): { word: string; prefix: boolean; split: string[][] } | undefined {
  if (split.length < 2 || !split.every((label) => label.length === 1 && /^[\p{Ll}\p{N}]+$/u.test(label[0] ?? ''))) return undefined;
  const labels = split.map((label) => label[0] ?? '');
  const shortest = Math.min(...labels.map((label) => label.length));
  const shared = (at: (label: string, n: number) => string) => {
    let n = 0;
    while (n < shortest - 2 && labels.every((label) => at(label, n + 1) === at(labels[0] ?? '', n + 1))) n++;
    return n;
  };
  const suffix = shared((label, n) => label.slice(label.length - n));
  const prefix = shared((label, n) => label.slice(0, n));
  const n = Math.max(suffix, prefix);
  if (n < 3) return undefined;
  const asPrefix = prefix > suffix;
  const word = asPrefix ? (labels[0] ?? '').slice(0, n) : (labels[0] ?? '').slice(-n);
  const alone = new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, 'iu');
  if (!texts.some((member) => member.some((text) => alone.test(text)))) return undefined;
  return { word, prefix: asPrefix, split: labels.map((label) => (asPrefix ? [word, label.slice(n)] : [label.slice(0, label.length - n), word])) };
}

/**
 * The words of a one-word lower-case (or upper-case) label as its member's contents write them:
 * `fullservice` is `Full Service` when the file defines `FullService`. Undefined when the contents
 * show no spelling of more words (the most frequent one wins).
 */
function wordsFromContent(label: string, texts: readonly string[]): string[] | undefined {
  const letters = label.toLowerCase();
  if (words(label).length !== 1 || letters.length < 5 || (label !== letters && label !== label.toUpperCase())) return undefined;
  const counts = new Map<string, { words: string[]; count: number }>();
  for (const text of texts) {
    if (!text.toLowerCase().includes(letters.slice(0, 3))) continue;
    for (const [identifier] of text.matchAll(/[\p{L}\p{N}_$-]+/gu)) {
      if (identifier.length < letters.length || !identifier.toLowerCase().replace(/[_$-]/g, '').includes(letters)) continue;
      const split = words(identifier);
      if (split.length < 2) continue;
      // The run of whole words that spells the label.
      for (let start = 0; start < split.length; start++) {
        let joined = '';
        for (let end = start; end < split.length && joined.length < letters.length; end++) {
          joined += (split[end] ?? '').toLowerCase();
          if (joined === letters && end > start) {
            const run = split.slice(start, end + 1);
            const key = run.join(' ');
            const entry = counts.get(key) ?? { words: run, count: 0 };
            entry.count++;
            counts.set(key, entry);
          }
        }
      }
    }
  }
  let best: { words: string[]; count: number } | undefined;
  for (const entry of counts.values()) if (best === undefined || entry.count > best.count) best = entry;
  return best?.words;
}

/**
 * Plurals members write their own way (`fornecedores/` holding `Fornecedor`, `lectores: Lector[]`
 * in Spanish or Portuguese code): a last word ending in a consonant that its member writes with
 * `es` where English adds `s`, and never with the English `s`. Words of five letters or more
 * only: shorter ones meet English words (`stat` and `states`, `note` and `notes`).
 */
export function learnPlurals(names: readonly string[], texts: readonly (readonly string[])[]): Record<string, string> {
  const table: Record<string, string> = {};
  const takesEs = (word: string) => word.length >= 5 && /[^aeiouysxz]$/u.test(word) && !/(?:ch|sh)$/u.test(word) && pluralize(word) === `${word}s`;
  const writes = (i: number, word: string) => {
    // Words are letters and digits: nothing to escape.
    const capital = word[0]?.toUpperCase() + word.slice(1);
    // On word boundaries: `fornecedores`, `listaFornecedores`, `FORNECEDORES_URL`.
    const pattern = new RegExp(`(?<!\\p{L})${word}(?!\\p{Ll})|(?<!\\p{Lu})${capital}(?!\\p{Ll})|(?<!\\p{L})${word.toUpperCase()}(?!\\p{L})`, 'u');
    return (texts[i] ?? []).some((text) => pattern.test(text));
  };
  names.forEach((name, i) => {
    const last = (words(name).at(-1) ?? '').toLowerCase();
    const stem = last.endsWith('es') ? last.slice(0, -2) : '';
    if (takesEs(stem) && writes(i, stem)) table[stem] = last;
    else if (takesEs(last) && writes(i, `${last}es`) && !writes(i, `${last}s`)) table[last] = `${last}es`;
  });
  return table;
}

/**
 * Each member's entity name, read from its label and checked against its contents (the rules are in
 * the module doc).
 * @param labels the folder or stem of each member
 * @param texts the paths and contents of each member
 */
export function detectNames(labels: readonly string[], texts: readonly (readonly string[])[]): NameDetection {
  const notes: string[] = [];
  const warnings: string[] = [];
  // Numbers in a label are never the entity's: sequence numbers, timestamps, versions
  // (`2025_03_29_071754_create_users_table`, `0003_add_user`).
  const named = (label: string) => words(label).filter((word) => !/^\p{N}+$/u.test(word));
  const glued = gluedAffix(labels.map(named), texts);
  if (glued !== undefined) notes.push(`every label ${glued.prefix ? 'starts' : 'ends'} with "${glued.word}" glued to the rest: read as a word of its own`);
  const fromContents = labels.map((label, i) => wordsFromContent(label, texts[i] ?? []));
  const readFromContents = fromContents.some((found) => found !== undefined);
  const split = labels.map((label, i) => {
    const found = fromContents[i];
    if (found === undefined) return glued?.split[i] ?? named(label);
    notes.push(`${JSON.stringify(label)} read as ${found.join(' ')} (how its contents write it)`);
    return found;
  });

  // Learn shared leading and trailing words (case-insensitive), keeping at least one word each.
  let prefix = 0;
  let suffix = 0;
  if (split.length >= 2) {
    const shortest = Math.min(...split.map((w) => w.length));
    const same = (pick: (w: string[]) => string | undefined) => {
      const first = pick(split[0] ?? [])?.toLowerCase();
      return first !== undefined && split.every((w) => pick(w)?.toLowerCase() === first);
    };
    while (prefix < shortest - 1 && same((w) => w[prefix])) prefix++;
    while (suffix < shortest - 1 - prefix && same((w) => w[w.length - 1 - suffix])) suffix++;
    // Where a member's whole name is the words every name starts (ends) with (`NewsItem` beside
    // `GithubNewsItem`, `RedditNewsItem`), the others are kinds of it: those words are no affix a
    // name is read without or gets (a `Blurb` is no `BlurbItem`).
    const wholeName = (at: (w: string[], k: number) => string | undefined, shared: number) => shared > 0 && same((w) => at(w, shared));
    if (wholeName((w, k) => w[k], prefix)) prefix = 0;
    if (wholeName((w, k) => w[w.length - 1 - k], suffix)) suffix = 0;
  }
  let names = split.map((w) => w.slice(prefix, w.length - suffix).join(' '));
  let affixes: ParamAffixes | undefined;
  if (prefix + suffix > 0) {
    const whole = split.map((w) => w.join(' '));
    // The shared words are not part of the entity when what is left also occurs on its own, outside
    // the whole label, in most members (`Cart` in `CartState` beside `useCartStore`); `en-au` and
    // `en-gb` never write `au` or `gb` alone, so `en` stays.
    // A plural stands alone in its singular too (`PermissionsApiController` holding `Permission`).
    const ownOccurs = (name: string, i: number) => countOwnOccurrences(keepAcronyms(name, labels[i]), keepAcronyms(whole[i] ?? '', labels[i]), texts[i] ?? []) > 0;
    const standsAlone = names.filter((name, i) => ownOccurs(name, i) || (endsPlural(name) && ownOccurs(singularize(name), i))).length;
    const affix = [
      prefix > 0 ? `prefix "${(split[0] ?? []).slice(0, prefix).join(' ')}"` : '',
      suffix > 0 ? `suffix "${(split[0] ?? []).slice(-suffix).join(' ')}"` : '',
    ]
      .filter((part) => part !== '')
      .join(' and ');
    // A label written as one word (`chatairun/` for `ChatAiRun`) spells the shared words glued to
    // the rest: a name without them is nowhere in its paths.
    if (standsAlone * 2 > names.length && !readFromContents) {
      notes.push(`stripped the ${affix} every member's label shares`);
      const first = split[0] ?? [];
      affixes = { ...(prefix > 0 ? { prefix: first.slice(0, prefix).join(' ') } : {}), ...(suffix > 0 ? { suffix: first.slice(-suffix).join(' ') } : {}) };
    } else {
      names = whole;
      notes.push(`kept the ${affix} every label shares (${readFromContents ? 'labels written as one word spell it glued to the rest' : 'the rest never occurs on its own'})`);
      const first = split[0] ?? [];
      // Added to a name given without them: trailing words (a kind is the head of a compound:
      // `BellIcon`), and leading words in camelCase labels (a role: `useCartStore`, `withAuth`).
      // Other leading words an alphabetical run shares (`virtual_machine`, `VirtualNetwork`) say
      // nothing of the next member (`WebPubsub`).
      const rolePrefix = prefix > 0 && labels.every((label) => /^\p{Ll}[\p{Ll}\p{N}]*\p{Lu}[\p{L}\p{N}]*$/u.test(label));
      if (suffix > 0 || rolePrefix) {
        affixes = { ...(rolePrefix ? { prefix: first.slice(0, prefix).join(' ') } : {}), ...(suffix > 0 ? { suffix: first.slice(-suffix).join(' ') } : {}), keep: true };
      }
    }
  }

  // Plurals the members write their own way are in force from here on (see learnPlurals).
  const plurals = learnPlurals(names, texts);
  if (Object.keys(plurals).length > 0) notes.push(`plurals the members write their own way: ${Object.entries(plurals).map(([singular, plural]) => `${singular} -> ${plural}`).join(', ')}`);
  const inflected = withPlurals(plurals, () => inflectedNames(names, labels, texts, notes, warnings));
  // A kept plural suffix of names singularized since is singular too (`news_items` names `NewsItem`).
  const keptSuffix = affixes?.keep === true ? affixes.suffix : undefined;
  if (keptSuffix !== undefined && endsPlural(keptSuffix)) {
    const singular = withPlurals(plurals, () => singularize(keptSuffix));
    const endsWith = (name: string, tail: string) => words(name).join(' ').toLowerCase().endsWith(words(tail).join(' ').toLowerCase());
    if (inflected.names.every((name) => endsWith(name, singular) && !endsWith(name, keptSuffix))) affixes = { ...affixes, suffix: singular };
  }
  return { ...inflected, ...(Object.keys(plurals).length > 0 ? { plurals } : {}), affixes };
}

/** Names singular or plural as the members write them (see detectNames), with their occurrences. */
function inflectedNames(
  given: readonly string[],
  labels: readonly string[],
  texts: readonly (readonly string[])[],
  notes: string[],
  warnings: string[],
): Omit<NameDetection, 'affixes' | 'plurals'> {
  let names = [...given];
  // A plural label whose member writes the singular on its own (`clients/` holding `Client`).
  const writesSingular = names.map((name, i) => {
    if (!endsPlural(name)) return false;
    const variants = nameVariants(keepAcronyms(singularize(name), labels[i])).filter((variant) => variant.forms.every((form) => !form.plural));
    return (texts[i] ?? []).some((text) => findOccurrences(text, variants).length > 0);
  });
  // A plural whose singular is a word of its own (`abs` is not the plural of `ab`).
  const plural = names.map((name) => endsPlural(name) && singularize(words(name).at(-1) ?? '').length >= 3);
  const mostWriteSingular = writesSingular.filter(Boolean).length * 2 > names.length;
  const mostArePhrases = names.filter((name) => words(name).length > 1).length * 2 > names.length;
  if (names.length > 0 && plural.every(Boolean) && !mostWriteSingular && mostArePhrases) {
    // A one-word plural label names a collection of its entity (`tickets`, `statuses`); phrases
    // that end in a plural and that most members never write in the singular are names in their
    // own right (remark-lint's `no-file-name-consecutive-dashes` beside `no-file-name-mixed-case`).
    notes.push('every label is a plural phrase most members never write in the singular: names kept plural');
  } else if (names.length > 0 && plural.every(Boolean)) {
    names = names.map((name) => singularize(name));
    notes.push('every label is a plural: names singularized (plural folders or stems for singular entities)');
  } else if (mostWriteSingular) {
    // Most labels are plurals of what their members write (`clients/`, `orders/` beside
    // `company/`): those name singular entities. Where most do not, a plural label is its entity's
    // own name (`accepts`).
    names = names.map((name, i) => (writesSingular[i] === true ? singularize(name) : name));
    notes.push(`singularized ${labels.filter((_, i) => writesSingular[i]).map((label) => JSON.stringify(label)).join(', ')} (plural labels of members that write their entity in the singular)`);
  } else if (names.length >= 3 && plural.filter(Boolean).length * 3 >= names.length * 2) {
    // Two labels in three or more are plurals (`products/`, `users/` beside `auth/`): the family
    // names its members in the plural, so a new member given in the singular (`Order`) gets
    // `orders/` too; pluralize keeps a plural as it is, so one given in the plural does as well.
    // Fewer is a family of singular and plural names (`Cargo`, `Funciones`), each as it is.
    names = names.map((name, i) => (plural[i] === true ? singularize(name) : name));
    notes.push(`singularized ${labels.filter((_, i) => plural[i]).map((label) => JSON.stringify(label)).join(', ')} (two labels in three or more are plurals: the family writes its names in the plural)`);
  }
  const pascal = names.map((name, i) => keepAcronyms(name, labels[i]));
  const occurrences = pascal.map((name, i) => countOccurrences(name, texts[i] ?? []));
  const pathOnly: string[] = [];
  pascal.forEach((name, i) => {
    if (name === '') warnings.push(`member ${JSON.stringify(labels[i])} gives no name`);
    else if ((occurrences[i] ?? 0) <= 1) pathOnly.push(`${JSON.stringify(name)} of member ${JSON.stringify(labels[i])}`);
  });
  // One warning for them all: a family of locales or environments names no member in its
  // contents, and a line per member would bury the other warnings.
  if (pathOnly.length === 1) warnings.push(`the name ${pathOnly[0] ?? ''} occurs only in its path`);
  else if (pathOnly.length > 1) {
    const shown = pathOnly.slice(0, PATH_ONLY_SHOWN).join(', ');
    const more = pathOnly.length > PATH_ONLY_SHOWN ? ` and ${pathOnly.length - PATH_ONLY_SHOWN} more` : '';
    warnings.push(`the names of ${pathOnly.length} of ${pascal.length} members occur only in their paths: ${shown}${more}`);
  }
  const why = [`names read from the ${labels.length === 1 ? 'label' : 'labels'} (${labels.map((l) => JSON.stringify(l)).join(', ')})`, ...notes].join('; ');
  return { names: pascal, occurrences, why, warnings };
}
