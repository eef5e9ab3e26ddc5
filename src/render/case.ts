/**
 * Case conversions, built on one word splitter so every variant of a name agrees on its words.
 *
 * `words()` splits on anything that is not a letter or digit, on lower→Upper boundaries
 * (`userCard`), and before the last capital of an acronym run (`HTMLParser` → `HTML`, `Parser`).
 * Digits stay with the word they follow (`getHTTPResponse2` → `get`, `HTTP`, `Response2`;
 * `user2Card` → `user2`, `Card`), as change-case does; an acronym with a plural `s` stays one word
 * (`APIs`, `URLs`). The miner relies on these functions, so they are exported one by one.
 */

// One token per match: an acronym plural (APIs), an all-caps run not followed by a lowercase
// letter (the HTML of HTMLParser), a capitalized or lowercase word, other letters (scripts without
// case), or digits with the lowercase letters glued to them (2fa, e2e).
const TOKEN =
  /\p{Lu}{2,}s(?!\p{Ll})|\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+|[\p{Lt}\p{Lm}\p{Lo}]+|\p{N}+\p{Ll}*/gu;
const CHUNK = /[\p{L}\p{N}]+/gu;
const DIGIT_START = /^\p{N}/u;

/**
 * Splits an identifier or phrase into its words, keeping each word's original letters.
 *
 * @example
 * words('getHTTPResponse2') // ['get', 'HTTP', 'Response2']
 * words('USER_CARD')        // ['USER', 'CARD']
 */
export function words(input: string): string[] {
  const out: string[] = [];
  for (const [chunk] of input.matchAll(CHUNK)) {
    let first = true;
    for (const [token] of chunk.matchAll(TOKEN)) {
      if (!first && DIGIT_START.test(token)) out[out.length - 1] += token;
      else out.push(token);
      first = false;
    }
  }
  return out;
}

const lower = (word: string): string => word.toLowerCase();
const upper = (word: string): string => word.toUpperCase();
const capitalize = (word: string): string => {
  const [first = '', ...rest] = word;
  return first.toUpperCase() + rest.join('').toLowerCase();
};

/** @example pascalCase('user-card') // 'UserCard' */
export const pascalCase = (input: string): string => words(input).map(capitalize).join('');

/** @example camelCase('UserCard') // 'userCard' */
export const camelCase = (input: string): string =>
  words(input)
    .map((word, index) => (index === 0 ? lower(word) : capitalize(word)))
    .join('');

/** @example kebabCase('UserCard') // 'user-card' */
export const kebabCase = (input: string): string => words(input).map(lower).join('-');

/**
 * kebab-case that keeps upper-case words of two letters or more as they are, as language tags are
 * written.
 * @example tagCase('PtBR') // 'pt-BR'
 * @example tagCase('en_US') // 'en-US'
 */
export const tagCase = (input: string): string => words(input).map((word) => (word.length > 1 && word === upper(word) && /\p{Lu}/u.test(word) ? word : lower(word))).join('-');

/**
 * Capitalized words joined by hyphens, as HTTP headers and some CI job names are written
 * (change-case's `trainCase`).
 * @example trainCase('fraud_detection_service') // 'Fraud-Detection-Service'
 */
export const trainCase = (input: string): string => words(input).map(capitalize).join('-');

/**
 * The input with its first word in lowercase and the rest as written: camelCase that keeps the
 * acronyms a name is given with, as Go writes unexported names (`getOrderByID`).
 * @example lowerFirst('GetOrderByID') // 'getOrderByID'
 * @example lowerFirst('HTTPClient') // 'httpClient'
 */
export const lowerFirst = (input: string): string => {
  const first = words(input)[0];
  if (first === undefined) return input;
  const at = input.indexOf(first);
  return input.slice(0, at) + lower(first) + input.slice(at + first.length);
};

/** @example snakeCase('UserCard') // 'user_card' */
export const snakeCase = (input: string): string => words(input).map(lower).join('_');

/** @example constantCase('userCard') // 'USER_CARD' */
export const constantCase = (input: string): string => words(input).map(upper).join('_');

/** @example dotCase('UserCard') // 'user.card' */
export const dotCase = (input: string): string => words(input).map(lower).join('.');

/** @example pathCase('UserCard') // 'user/card' */
export const pathCase = (input: string): string => words(input).map(lower).join('/');

/** Words in lowercase, separated by spaces. @example noCase('UserCard') // 'user card' */
export const noCase = (input: string): string => words(input).map(lower).join(' ');

/** @example titleCase('user_card') // 'User Card' */
export const titleCase = (input: string): string => words(input).map(capitalize).join(' ');

/** @example sentenceCase('userCard') // 'User card' */
export const sentenceCase = (input: string): string =>
  words(input)
    .map((word, index) => (index === 0 ? capitalize(word) : lower(word)))
    .join(' ');

/**
 * The whole string in lowercase, separators kept (plop's and change-case's `lowerCase`).
 * @example lowerCase('UserCard') // 'usercard'
 */
export const lowerCase = (input: string): string => input.toLowerCase();

/**
 * The whole string in uppercase, separators kept (plop's `upperCase`).
 * @example upperCase('user-card') // 'USER-CARD'
 */
export const upperCase = (input: string): string => input.toUpperCase();

export type CaseName =
  | 'pascalCase'
  | 'camelCase'
  | 'kebabCase'
  | 'tagCase'
  | 'trainCase'
  | 'lowerFirst'
  | 'snakeCase'
  | 'constantCase'
  | 'dotCase'
  | 'pathCase'
  | 'noCase'
  | 'titleCase'
  | 'sentenceCase'
  | 'lowerCase'
  | 'upperCase';

/** Every conversion by name, for callers that enumerate the variants of a name (the miner). */
export const caseConversions: Readonly<Record<CaseName, (input: string) => string>> = Object.freeze({
  pascalCase,
  camelCase,
  kebabCase,
  tagCase,
  trainCase,
  lowerFirst,
  snakeCase,
  constantCase,
  dotCase,
  pathCase,
  noCase,
  titleCase,
  sentenceCase,
  lowerCase,
  upperCase,
});

/**
 * PascalCase that keeps acronyms of a mixed-case name (`HTTPClient`, `getAPIKey` → `GetAPIKey`) and
 * of one all-caps word (`AB`, `API2`); an all-caps name of several words (`USER_CARD`) has none.
 */
export function keepAcronyms(name: string, label: string = name): string {
  if (!/\p{Ll}/u.test(label) && /[^\p{L}\p{N}]/u.test(label)) return pascalCase(name);
  return words(name)
    .map((word) => (word.length > 1 && word === word.toUpperCase() && /\p{Lu}/u.test(word) ? word : pascalCase(word)))
    .join('');
}
