/**
 * Step 2: each member's entity name, read from its folder or stem and confirmed in its content.
 *
 * - Affixes every member shares are learned, not hard-coded: `useCartStore`/`useThemeStore` share
 *   `use…Store`, `subDays`/`subWeeks` share `sub…`. They are stripped when what is left occurs in
 *   the contents more often than the whole label (so `UserCard`/`UserList` keep `User`).
 * - Plural folders for singular entities (`companies/`, `people/`, `shipping_addresses/`): when
 *   every label is a plural, names are singularized.
 * - The name is given in PascalCase words; every helper reads it through `words()`.
 */
import { pascalCase, words } from '../render/case.js';
import { pluralize, singularize } from '../render/inflect.js';
import { findOccurrences, nameVariants } from './variants.js';

export interface NameDetection {
  readonly names: readonly string[];
  /** Occurrences of each name in its member's paths and contents. */
  readonly occurrences: readonly number[];
  readonly why: string;
  readonly warnings: readonly string[];
}

const isPlural = (word: string): boolean => {
  const lower = word.toLowerCase();
  return pluralize(lower) === lower && singularize(lower) !== lower;
};

function countOccurrences(name: string, texts: readonly string[]): number {
  if (name === '') return 0;
  const variants = nameVariants(name);
  return texts.reduce((sum, text) => sum + findOccurrences(text, variants).length, 0);
}

/**
 * PascalCase that keeps acronyms of a mixed-case name (`HTTPClient`, `getAPIKey` → `GetAPIKey`);
 * an all-caps name (`USER_CARD`) has none.
 */
export function keepAcronyms(name: string, label: string = name): string {
  if (!/\p{Ll}/u.test(label)) return pascalCase(name);
  return words(name)
    .map((word) => (word.length > 1 && word === word.toUpperCase() && /\p{Lu}/u.test(word) ? word : pascalCase(word)))
    .join('');
}

/**
 * @param labels the folder or stem of each member
 * @param texts the paths and contents of each member
 */
export function detectNames(labels: readonly string[], texts: readonly (readonly string[])[]): NameDetection {
  const split = labels.map((label) => words(label));
  const notes: string[] = [];
  const warnings: string[] = [];

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
  }
  let names = split.map((w) => w.slice(prefix, w.length - suffix).join(' '));
  if (prefix + suffix > 0) {
    const whole = split.map((w) => w.join(' '));
    const strippedCount = names.reduce((sum, name, i) => sum + countOccurrences(keepAcronyms(name, labels[i]), texts[i] ?? []), 0);
    const wholeCount = whole.reduce((sum, name, i) => sum + countOccurrences(keepAcronyms(name, labels[i]), texts[i] ?? []), 0);
    const affix = [
      prefix > 0 ? `prefix "${(split[0] ?? []).slice(0, prefix).join(' ')}"` : '',
      suffix > 0 ? `suffix "${(split[0] ?? []).slice(-suffix).join(' ')}"` : '',
    ]
      .filter((part) => part !== '')
      .join(' and ');
    if (strippedCount > wholeCount) notes.push(`stripped the ${affix} every member's label shares`);
    else {
      names = whole;
      notes.push(`kept the ${affix} every label shares (the rest never occurs on its own)`);
    }
  }

  if (names.length > 0 && names.every((name) => isPlural(words(name).at(-1) ?? ''))) {
    names = names.map((name) => singularize(name));
    notes.push('every label is a plural: names singularized (plural folders or stems for singular entities)');
  }
  const pascal = names.map((name, i) => keepAcronyms(name, labels[i]));
  const occurrences = pascal.map((name, i) => countOccurrences(name, texts[i] ?? []));
  pascal.forEach((name, i) => {
    if (name === '') warnings.push(`member ${JSON.stringify(labels[i])} gives no name`);
    else if ((occurrences[i] ?? 0) <= 1) warnings.push(`the name ${JSON.stringify(name)} of member ${JSON.stringify(labels[i])} occurs only in its path`);
  });
  const why = [`names read from the ${labels.length === 1 ? 'label' : 'labels'} (${labels.map((l) => JSON.stringify(l)).join(', ')})`, ...notes].join('; ');
  return { names: pascal, occurrences, why, warnings };
}
