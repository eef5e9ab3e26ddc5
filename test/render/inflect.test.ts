import { describe, expect, test } from 'vitest';
import { pluralize, singularize, withPlurals } from '../../src/render/inflect.js';

// [singular, plural]
const pairs: Array<[string, string]> = [
  ['user', 'users'],
  ['category', 'categories'],
  ['entry', 'entries'],
  ['day', 'days'],
  ['key', 'keys'],
  ['box', 'boxes'],
  ['tax', 'taxes'],
  ['buzz', 'buzzes'],
  ['waltz', 'waltzes'],
  ['match', 'matches'],
  ['branch', 'branches'],
  ['wish', 'wishes'],
  ['class', 'classes'],
  ['process', 'processes'],
  ['address', 'addresses'],
  ['status', 'statuses'],
  ['bus', 'buses'],
  ['campus', 'campuses'],
  ['alias', 'aliases'],
  ['gas', 'gases'],
  ['lens', 'lenses'],
  ['knife', 'knives'],
  ['wife', 'wives'],
  ['life', 'lives'],
  ['leaf', 'leaves'],
  ['half', 'halves'],
  ['wolf', 'wolves'],
  ['shelf', 'shelves'],
  ['bookshelf', 'bookshelves'],
  ['roof', 'roofs'],
  ['chief', 'chiefs'],
  ['belief', 'beliefs'],
  ['cafe', 'cafes'],
  ['safe', 'safes'],
  ['person', 'people'],
  ['salesperson', 'salespeople'],
  ['child', 'children'],
  ['grandchild', 'grandchildren'],
  ['man', 'men'],
  ['woman', 'women'],
  ['tooth', 'teeth'],
  ['foot', 'feet'],
  ['mouse', 'mice'],
  ['goose', 'geese'],
  ['ox', 'oxen'],
  ['quiz', 'quizzes'],
  ['criterion', 'criteria'],
  ['phenomenon', 'phenomena'],
  ['cactus', 'cacti'],
  ['radius', 'radii'],
  ['matrix', 'matrices'],
  ['vertex', 'vertices'],
  ['index', 'indices'],
  ['analysis', 'analyses'],
  ['crisis', 'crises'],
  ['thesis', 'theses'],
  ['hypothesis', 'hypotheses'],
  ['axis', 'axes'],
  ['hero', 'heroes'],
  ['potato', 'potatoes'],
  ['echo', 'echoes'],
  ['photo', 'photos'],
  ['video', 'videos'],
  ['todo', 'todos'],
  ['shoe', 'shoes'],
  ['movie', 'movies'],
  ['cookie', 'cookies'],
  ['pie', 'pies'],
  ['cache', 'caches'],
  ['niche', 'niches'],
  ['headache', 'headaches'],
  ['house', 'houses'],
  ['cause', 'causes'],
  ['use', 'uses'],
  ['abuse', 'abuses'],
  ['case', 'cases'],
  ['database', 'databases'],
  ['response', 'responses'],
  ['horse', 'horses'],
  ['move', 'moves'],
  ['archive', 'archives'],
  ['idea', 'ideas'],
  ['schema', 'schemas'],
  ['menu', 'menus'],
  ['taxi', 'taxis'],
  ['service', 'services'],
  ['device', 'devices'],
  ['size', 'sizes'],
];

describe('pluralize / singularize', () => {
  test.each(pairs)('%s ⇄ %s', (singular, plural) => {
    expect(pluralize(singular)).toBe(plural);
    expect(singularize(plural)).toBe(singular);
  });

  test.each(pairs)('idempotent on %s / %s', (singular, plural) => {
    expect(pluralize(plural)).toBe(plural);
    expect(singularize(singular)).toBe(singular);
  });

  test.each(['sheep', 'fish', 'series', 'species', 'news', 'data', 'metadata', 'information', 'equipment', 'software', 'auth', 'health', 'info', 'media', 'staff'])(
    'uncountable %s stays as it is',
    (word) => {
      expect(pluralize(word)).toBe(word);
      expect(singularize(word)).toBe(word);
    },
  );

  test('bases singularizes to base (the common word in code); basis pluralizes to bases', () => {
    expect(singularize('bases')).toBe('base');
    expect(pluralize('basis')).toBe('bases');
  });

  test('reaches and coaches lose -es, caches keeps its e', () => {
    expect(singularize('reaches')).toBe('reach');
    expect(singularize('coaches')).toBe('coach');
    expect(singularize('caches')).toBe('cache');
  });
});

describe('identifiers', () => {
  test.each([
    ['UserCategory', 'UserCategories'],
    ['userCategory', 'userCategories'],
    ['user_category', 'user_categories'],
    ['user-category', 'user-categories'],
    ['USER_CATEGORY', 'USER_CATEGORIES'],
    ['SalesPerson', 'SalesPeople'],
    ['Person', 'People'],
    ['PERSON', 'PEOPLE'],
    ['Child', 'Children'],
    ['OrderBox', 'OrderBoxes'],
    ['getAPI', 'getAPIs'],
    ['HTTPStatus', 'HTTPStatuses'],
    ['user card', 'user cards'],
    ['', ''],
    ['123', '123'],
  ])('%s ⇄ %s', (singular, plural) => {
    expect(pluralize(singular)).toBe(plural);
    expect(singularize(plural)).toBe(singular);
    expect(pluralize(plural)).toBe(plural);
    expect(singularize(singular)).toBe(singular);
  });
});

describe('plurals a template spells its own way', () => {
  const table = { fornecedor: 'fornecedores', lector: 'lectores' };

  test('come before the English rules, both ways, on the last word and keeping its case', () => {
    expect(pluralize('Fornecedor')).toBe('Fornecedors');
    expect(pluralize('Fornecedor', table)).toBe('Fornecedores');
    expect(pluralize('ListaFornecedor', table)).toBe('ListaFornecedores');
    expect(pluralize('LECTOR', table)).toBe('LECTORES');
    expect(pluralize('fornecedores', table)).toBe('fornecedores');
    expect(singularize('fornecedores', table)).toBe('fornecedor');
    expect(singularize('Lector', table)).toBe('Lector');
    // Other words keep the English rules.
    expect(pluralize('categoria', table)).toBe('categorias');
  });

  test('withPlurals puts a table in force for synchronous work, and only during it', () => {
    expect(withPlurals(table, () => pluralize('lector'))).toBe('lectores');
    expect(withPlurals(table, () => withPlurals(undefined, () => singularize('lectores')))).toBe('lector');
    expect(pluralize('lector')).toBe('lectors');
    expect(() => withPlurals(table, () => {
      throw new Error('boom');
    })).toThrow('boom');
    expect(pluralize('lector')).toBe('lectors');
  });
});
