/**
 * A small English inflector for identifiers: `pluralize('UserCategory')` → `UserCategories`.
 *
 * Only the last word of an identifier is inflected (`SalesPerson` → `SalesPeople`, `user_box` →
 * `user_boxes`), and its case is kept (`PERSON` → `PEOPLE`, `Child` → `Children`). Both directions
 * are idempotent on the words they know: `pluralize('users')` is `users`, `singularize('user')` is
 * `user`. Rules are ordered from the most specific (uncountables, irregulars, word lists) to the
 * general suffix rules.
 */

// Besides English uncountables, words code uses as names of areas rather than of things counted
// (`auth/`, `health/`, `media/`): a Nest `auth` module beside `orders/` and `users/` stays `auth`.
const UNCOUNTABLE = new Set(
  (
    'advice aircraft analytics athletics auth baggage bison chaos chassis cod corps data deer electronics ' +
    'equipment ethics ethos evidence feedback firmware fish furniture gymnastics hardware headquarters ' +
    'health homework info information jeans knowledge kudos linguistics logistics luggage mathematics means media metadata ' +
    'middleware moose money music news offspring pathos physics police research rice robotics salmon ' +
    'series sheep software species staff swiss traffic trout weather'
  ).split(' '),
);

// singular → plural, for words no rule gets right.
const IRREGULAR: ReadonlyArray<readonly [string, string]> = [
  ['person', 'people'],
  ['man', 'men'],
  ['woman', 'women'],
  ['child', 'children'],
  ['tooth', 'teeth'],
  ['foot', 'feet'],
  ['mouse', 'mice'],
  ['louse', 'lice'],
  ['goose', 'geese'],
  ['ox', 'oxen'],
  ['die', 'dice'],
  ['quiz', 'quizzes'],
  ['criterion', 'criteria'],
  ['phenomenon', 'phenomena'],
  ['cactus', 'cacti'],
  ['fungus', 'fungi'],
  ['nucleus', 'nuclei'],
  ['radius', 'radii'],
  ['stimulus', 'stimuli'],
  ['alumnus', 'alumni'],
  ['syllabus', 'syllabi'],
  ['matrix', 'matrices'],
  ['vertex', 'vertices'],
  ['vortex', 'vortices'],
  ['index', 'indices'],
  ['appendix', 'appendices'],
  ['codex', 'codices'],
  ['axis', 'axes'],
  ['wife', 'wives'],
  ['knife', 'knives'],
  ['life', 'lives'],
  ['leaf', 'leaves'],
  ['loaf', 'loaves'],
  ['thief', 'thieves'],
  ['sheaf', 'sheaves'],
  ['half', 'halves'],
  ['calf', 'calves'],
  ['wolf', 'wolves'],
  ['shelf', 'shelves'],
  ['self', 'selves'],
  ['elf', 'elves'],
  ['scarf', 'scarves'],
  ['dwarf', 'dwarves'],
  ['wharf', 'wharves'],
  ['hero', 'heroes'],
  ['potato', 'potatoes'],
  ['tomato', 'tomatoes'],
  ['echo', 'echoes'],
  ['veto', 'vetoes'],
  ['torpedo', 'torpedoes'],
  ['embargo', 'embargoes'],
  ['volcano', 'volcanoes'],
  ['buffalo', 'buffaloes'],
];

// Greek -sis nouns: plural -ses. `basis` pluralizes to `bases`, but `bases` singularizes to `base`.
const SIS = 'analysis crisis diagnosis ellipsis emphasis genesis hypothesis nemesis oasis parenthesis prognosis synopsis synthesis thesis'.split(' ');

const singularToPlural = new Map<string, string>([...IRREGULAR, ...SIS.map((w) => [w, `${w.slice(0, -2)}es`] as const), ['basis', 'bases']]);
const pluralToSingular = new Map<string, string>([...IRREGULAR, ...SIS.map((w) => [w, `${w.slice(0, -2)}es`] as const)].map(([s, p]) => [p, s]));

// Irregulars that also end compounds written as one lowercase word (salesperson, grandchild).
const COMPOUND_IRREGULAR = ['person', 'woman', 'child', 'mouse', 'goose', 'knife', 'wife', 'shelf', 'leaf', 'wolf'];

// Singular words ending in s that are not -ss/-us/-is (those are recognized by rule).
const SINGULAR_S = new Set('alias atlas bias canvas gas lens'.split(' '));
// Plurals ending in -us/-is (menus, taxis) that the -us/-is rule would take for singulars.
const PLURAL_US_IS = new Set('alibis bikinis emojis emus gurus haikus kiwis menus skis taxis tutus wikis'.split(' '));
// -ie words (plural -ies) that must not become -y when singularized.
const IE_WORDS = new Set(
  'auntie birdie boogie brownie budgie calorie collie cookie freebie genie goalie hippie hoodie lie magpie movie necktie newbie pie pixie prairie rookie selfie smoothie sortie tie veggie yuppie zombie'.split(
    ' ',
  ),
);
// -oe words (plural -oes) that keep their e when singularized.
const OE_WORDS = new Set('canoe floe foe hoe horseshoe oboe roe shoe sloe tiptoe toe'.split(' '));
// -che words (plural -ches) that keep their e when singularized.
const CHE_WORDS = ['ache', 'cache', 'cliche', 'creche', 'moustache', 'mustache', 'niche', 'psyche', 'quiche'];
// -use words whose plural -uses must not become -us.
const USE_WORDS = new Set('abuse accuse excuse fuse muse recluse refuse reuse misuse ruse use'.split(' '));

const VOWEL = /[aeiou]/;

function knownCompound(word: string, map: ReadonlyMap<string, string>): string | undefined {
  for (const base of COMPOUND_IRREGULAR) {
    const from = map === singularToPlural ? base : singularToPlural.get(base);
    if (from === undefined || !word.endsWith(from) || word.length === from.length) continue;
    return word.slice(0, -from.length) + (map.get(from) ?? from);
  }
  return undefined;
}

/** Whether a lowercase word ending in s is already a plural (`users`) rather than a singular (`status`). */
function endsLikePlural(word: string): boolean {
  if (!word.endsWith('s') || SINGULAR_S.has(word)) return false;
  if (PLURAL_US_IS.has(word)) return true;
  return !/(?:ss|us|is)$/.test(word);
}

/**
 * Plurals a template spells its own way (template.json `plurals`, mined from members that write
 * `fornecedores` for `Fornecedor`), both ways, in lower case.
 */
interface OwnPlurals {
  readonly plural: ReadonlyMap<string, string>;
  readonly singular: ReadonlyMap<string, string>;
}
export type PluralTable = Readonly<Record<string, string>>;

const tables = new WeakMap<PluralTable, OwnPlurals>();
function ownPlurals(table: PluralTable | undefined): OwnPlurals | undefined {
  if (table === undefined) return scoped;
  let own = tables.get(table);
  if (own === undefined) {
    const entries = Object.entries(table).map(([singular, plural]) => [singular.toLowerCase(), plural.toLowerCase()] as const);
    own = { plural: new Map(entries), singular: new Map(entries.map(([singular, plural]) => [plural, singular])) };
    tables.set(table, own);
  }
  return own;
}

// The table `withPlurals` puts in force: for synchronous work that inflects without a table at
// hand (the miner, which spells member names in many places while it mines one family).
let scoped: OwnPlurals | undefined;

/**
 * Runs `work` with `table` in force wherever pluralize and singularize get no table of their own.
 * Synchronous work only: the table is in force until `work` returns.
 */
export function withPlurals<T>(table: PluralTable | undefined, work: () => T): T {
  const outer = scoped;
  scoped = table === undefined || Object.keys(table).length === 0 ? outer : ownPlurals(table);
  try {
    return work();
  } finally {
    scoped = outer;
  }
}

function pluralizeWord(word: string, own?: OwnPlurals): string {
  const mine = own?.plural.get(word);
  if (mine !== undefined) return mine;
  if (own?.singular.has(word)) return word;
  if (word === '' || UNCOUNTABLE.has(word) || pluralToSingular.has(word)) return word;
  if (knownCompound(word, pluralToSingular) !== undefined) return word; // grandchildren
  const irregular = singularToPlural.get(word) ?? knownCompound(word, singularToPlural);
  if (irregular !== undefined) return irregular;
  if (endsLikePlural(word)) return word;
  if (/[^aeiou]y$/.test(word) || word.endsWith('quy')) return `${word.slice(0, -1)}ies`;
  if (/(?:s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

function singularizeWord(word: string, own?: OwnPlurals): string {
  const mine = own?.singular.get(word);
  if (mine !== undefined) return mine;
  if (own?.plural.has(word)) return word;
  if (word === '' || UNCOUNTABLE.has(word) || (singularToPlural.has(word) && !pluralToSingular.has(word))) return word;
  const irregular = pluralToSingular.get(word) ?? knownCompound(word, pluralToSingular);
  if (irregular !== undefined) return irregular;
  if (!endsLikePlural(word)) return word;

  const stem = (suffix: string) => word.slice(0, -suffix.length);
  if (word.endsWith('ies')) {
    return IE_WORDS.has(stem('s')) || word.length <= 4 ? stem('s') : `${stem('ies')}y`;
  }
  if (word.endsWith('ves')) return stem('s');
  if (word.endsWith('oes')) return OE_WORDS.has(stem('s')) || [...OE_WORDS].some((w) => word.endsWith(`${w}s`)) ? stem('s') : stem('es');
  if (word.endsWith('sses') || word.endsWith('shes') || word.endsWith('xes') || word.endsWith('zzes')) return stem('es');
  if (word.endsWith('ches')) {
    // caches, headaches, niches keep their e; matches, reaches, coaches do not.
    const keepsE = /(?:^|[^aeiou])aches$/.test(word) || CHE_WORDS.some((w) => w !== 'ache' && word.endsWith(`${w}s`));
    return keepsE ? stem('s') : stem('es');
  }
  if (word.endsWith('uses')) {
    const base = stem('es'); // status, bus, campus ...
    const letterBefore = base.at(-3) ?? '';
    return USE_WORDS.has(stem('s')) || [...USE_WORDS].some((w) => w.length > 3 && word.endsWith(`${w}s`)) || VOWEL.test(letterBefore)
      ? stem('s')
      : base;
  }
  if (word.endsWith('ases') && SINGULAR_S.has(stem('es'))) return stem('es');
  if (word.endsWith('lenses')) return stem('es');
  if (word.endsWith('tzes')) return stem('es');
  if (word.endsWith('yses')) return `${stem('es')}is`;
  return stem('s');
}

// The last word of an identifier: a run of lowercase letters after the last capital, or an
// all-caps run, at the end of the string (before any trailing separators).
// An acronym's plural (`APIs` in `getAPIs`) is one word.
const LAST_WORD = /(\p{Lu}{2,}s|\p{Lu}?\p{Ll}+|\p{Lu}+)([^\p{L}]*)$/u;
const ACRONYM_PLURAL = /^\p{Lu}{2,}s$/u;
const HAS_LOWER = /\p{Ll}/u;

function inflectLast(input: string, toPlural: boolean, own: OwnPlurals | undefined): string {
  const inflectWord = (word: string) => (toPlural ? pluralizeWord(word, own) : singularizeWord(word, own));
  const match = LAST_WORD.exec(input);
  if (match === null) return input;
  const [whole, word = '', trailing = ''] = match;
  // An all-lowercase identifier (salesperson) is one word; compounds like `SalesPerson` inflect
  // only their last word.
  const start = input.length - whole.length;
  const head = input.slice(0, start);
  if (ACRONYM_PLURAL.test(word)) {
    // `APIs` is already plural; its singular drops the s.
    return toPlural ? input : head + word.slice(0, -1) + trailing;
  }
  const lowered = word.toLowerCase();
  const inflected = inflectWord(lowered);
  if (inflected === lowered) return input;
  let cased = inflected;
  if (word.length > 1 && word === word.toUpperCase()) {
    // In a mixed-case identifier an all-caps word is an acronym (getAPI → getAPIs); in an all-caps
    // one (USER_BOX) the whole name is upper case.
    const acronym = HAS_LOWER.test(input) && inflected.startsWith(lowered);
    cased = acronym ? word + inflected.slice(lowered.length) : inflected.toUpperCase();
  } else if (word[0] !== lowered[0]) cased = inflected[0]?.toUpperCase() + inflected.slice(1);
  return head + cased + trailing;
}

/**
 * The plural of a noun or of an identifier's last word, keeping its case.
 *
 * @example
 * pluralize('category')     // 'categories'
 * pluralize('UserPerson')   // 'UserPeople'
 * pluralize('USER_BOX')     // 'USER_BOXES'
 * pluralize('users')        // 'users' (already plural)
 * pluralize('Fornecedor', { fornecedor: 'fornecedores' }) // 'Fornecedores'
 */
export function pluralize(input: string, plurals?: PluralTable): string {
  return inflectLast(input, true, ownPlurals(plurals));
}

/**
 * The singular of a noun or of an identifier's last word, keeping its case.
 *
 * @example
 * singularize('categories') // 'category'
 * singularize('Children')   // 'Child'
 * singularize('status')     // 'status' (already singular)
 */
export function singularize(input: string, plurals?: PluralTable): string {
  return inflectLast(input, false, ownPlurals(plurals));
}

/**
 * The indefinite article for a noun or an identifier, by the sound of its first word: `an` before a
 * vowel sound (`an invoice`, `an hour`), `a` otherwise (`a user`, `a one-off`, `a company`).
 *
 * @example
 * indefiniteArticle('OrderItem') // 'an'
 * indefiniteArticle('user_card') // 'a'
 */
export function indefiniteArticle(input: string): 'a' | 'an' {
  const first = /[A-Za-z]+/.exec(input.replace(/([a-z])([A-Z])/g, '$1 $2'))?.[0].toLowerCase() ?? '';
  if (/^(?:hour|honest|honou?r|heir)/.test(first)) return 'an';
  // A "you" or "w" sound: a user, a unit, a European, a one-off.
  if (/^(?:u[bcfhjkmrstn][aeiou]|uu|url|uri|uni|use|usu|eu|ewe|one|once)/.test(first) && !/^(?:un[^i]|under|upper|ult)/.test(first)) return 'a';
  return /^[aeiou]/.test(first) ? 'an' : 'a';
}
