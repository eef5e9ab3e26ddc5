/**
 * Shapes met in public code families (the external evaluation of issue 5): names read with the
 * words every label shares, plural folders beside singular ones, forms that disagree in one place,
 * strings that are one value, versions, files that start with an empty line.
 */
import { describe, expect, test } from 'vitest';
import { generateMember, mineTemplate, type Example } from '../../src/miner/index.js';
import { detectNames } from '../../src/miner/names.js';

const roundTrips = (examples: readonly Example[], result: ReturnType<typeof mineTemplate>) => {
  const want = new Map(examples.map((file) => [file.path, file.content]));
  for (const member of result.params) {
    for (const file of generateMember(result.template, member.params)) expect(file.content).toBe(want.get(file.path));
  }
};

describe('names', () => {
  const detect = (labels: string[], contents: string[]) => detectNames(labels, contents.map((content) => [content]));

  test('a shared prefix stays when what is left never stands alone (en-au, en-gb)', () => {
    const result = detect(['en-au', 'en-gb', 'en-ie'], ["name: 'en-au'", "name: 'en-gb'", "name: 'en-ie'"]);
    expect(result.names).toEqual(['EnAu', 'EnGb', 'EnIe']);
    expect(result.affixes).toBeUndefined();
    const stripped = detect(['AppFooter', 'AppHeader', 'AppLink'], ['<footer>AppFooter</footer>', '<header>AppHeader</header>', '<a>AppLink link</a>']);
    expect(stripped.names).toEqual(['Footer', 'Header', 'Link']);
    expect(stripped.affixes).toEqual({ prefix: 'App' });
  });

  test('a plural label is singular when its member writes the singular (clients/ holding Client)', () => {
    const result = detect(
      ['clients', 'company', 'orders', 'suppliers', 'settings'],
      ['export class Client {}', 'export class Company {}', 'export class Order {}', 'export class Supplier {}', 'export const settings = {}'],
    );
    expect(result.names).toEqual(['Client', 'Company', 'Order', 'Supplier', 'Settings']);
    expect(result.why).toContain('singularized "clients", "orders", "suppliers"');
    // Where most labels are singular, a plural one is its entity's own name.
    expect(detect(['absolute', 'accepts', 'cookie'], ['absolute()', 'const accept = accepts(req)', 'cookie()']).names).toEqual(['Absolute', 'Accepts', 'Cookie']);
  });

  test('a one-word lower-case label takes the words its contents write (fullservice is FullService)', () => {
    const result = detect(['fullservice', 'box'], ["class FullService extends Model {}\nmodelName: 'FullService'", 'class Box extends Model {}']);
    expect(result.names).toEqual(['FullService', 'Box']);
  });
});

describe('generation with the names users type', () => {
  test('a name given with the shared prefix is read without it', () => {
    const component = (name: string) => `<template>\n  <${name.toLowerCase()} class="app-${name.toLowerCase()}">${name}</${name.toLowerCase()}>\n</template>\n\n<script setup>\ndefineOptions({ name: 'App${name}' })\n</script>\n`;
    const examples = ['Footer', 'Header', 'Nav'].map((name) => ({ path: `src/components/App${name}.vue`, content: component(name) }));
    const mined = mineTemplate(examples);
    expect(mined.template.manifest.params.name?.affixes).toEqual({ prefix: 'App' });
    for (const given of ['AppAside', 'Aside', 'app-aside']) {
      expect(generateMember(mined.template, { name: given })).toEqual([{ path: 'src/components/AppAside.vue', content: component('Aside') }]);
    }
  });

  test('folders above the members are never the name (models/ is not the Model of CarModel)', () => {
    const model = (name: string, table: string) => `module.exports = (sequelize) => sequelize.define('${name}', {}, { tableName: '${table}' });\n`;
    const examples = [
      { path: 'server/db/models/carmodel.js', content: model('CarModel', 'car_models') },
      { path: 'server/db/models/fullservice.js', content: model('FullService', 'full_services') },
      { path: 'server/db/models/box.js', content: model('Box', 'boxes') },
    ];
    const mined = mineTemplate(examples);
    expect(mined.template.files.map((file) => file.path)).toEqual(['server/db/models/{{lowerCase (pascalCase name)}}.js.hbs']);
    expect(generateMember(mined.template, { name: 'SparePart' })).toEqual([{ path: 'server/db/models/sparepart.js', content: model('SparePart', 'spare_parts') }]);
  });
});

describe('what varies', () => {
  test('forms that disagree in one place split it into variants instead of failing the template', () => {
    const check = (name: string, words: string) => `/**\n * Checks if \`value\` is ${words}.\n */\nfunction is${name}(value) {\n  return tag(value) === '[object ${name}]';\n}\n`;
    const examples = [
      { path: 'isMap.js', content: check('Map', 'a map') },
      { path: 'isSet.js', content: check('Set', 'a set') },
      { path: 'isRegExp.js', content: check('RegExp', 'a regexp') },
      { path: 'isTypedArray.js', content: check('TypedArray', 'a typed array') },
    ];
    const mined = mineTemplate(examples, { unit: 'file' });
    expect(mined.report.level).toBe('aligned');
    expect(mined.template.files).toHaveLength(1);
    roundTrips(examples, mined);
    // The variant a new member gets is the natural one (words in prose), with its own article.
    expect(generateMember(mined.template, { name: 'ArrayBuffer' })[0]?.content).toBe(check('ArrayBuffer', 'an array buffer'));
  });

  test('a varying string is one value, whose default is written from the name', () => {
    const route = (name: string, path: string) => `export const ${name.toLowerCase()}Routes = router('${path}');\n`;
    const examples = [
      { path: 'src/routes/user.ts', content: route('User', '/users') },
      { path: 'src/routes/product.ts', content: route('Product', '/products') },
      { path: 'src/routes/session.ts', content: route('Session', '/auth') },
    ];
    const mined = mineTemplate(examples);
    const param = mined.report.params.find((report) => report.name === 'router');
    expect(param?.values).toEqual(['/products', '/auth', '/users']);
    expect(param?.default).toBe('/{{kebabCase (pluralize name)}}');
    roundTrips(examples, mined);
    expect(generateMember(mined.template, { name: 'Invoice' })[0]?.content).toBe(route('Invoice', '/invoices'));
    expect(generateMember(mined.template, { name: 'Invoice', router: '/billing' })[0]?.content).toBe(route('Invoice', '/billing'));
  });

  test('one varying part of a string is a param too, and the whole string defaults to it', () => {
    const component = (prefix: string, kebab: string) => `@Component({ selector: '${prefix}-${kebab}' })\nexport class X {}\n`;
    const examples = [
      { path: 'src/hero-detail.ts', content: component('app', 'hero-detail') },
      { path: 'src/heroes.ts', content: component('app', 'heroes') },
      { path: 'src/cart.ts', content: component('shop', 'cart') },
    ];
    const mined = mineTemplate(examples);
    const names = mined.report.params.map((param) => param.name);
    expect(names).toEqual(['name', 'selector', 'selector2']);
    expect(mined.report.params[1]?.values).toEqual(['shop', 'app', 'app']);
    expect(mined.report.params[2]?.default).toBe('{{selector}}-{{kebabCase name}}');
    roundTrips(examples, mined);
    expect(generateMember(mined.template, { name: 'UserList', selector: 'admin' })[0]?.content).toBe(component('admin', 'user-list'));
  });

  test('a version is one literal', () => {
    const doc = (name: string, since: string) => `/**\n * Checks for a ${name}.\n * @since ${since}\n */\nexport function is${name}() {}\n`;
    const mined = mineTemplate([
      { path: 'isDate.js', content: doc('Date', '0.1.0') },
      { path: 'isMap.js', content: doc('Map', '4.3.0') },
      { path: 'isSet.js', content: doc('Set', '4.3.0') },
    ]);
    expect(mined.report.params.map((param) => [param.name, param.values])).toEqual([
      ['name', ['Date', 'Map', 'Set']],
      ['since', ['0.1.0', '4.3.0', '4.3.0']],
    ]);
  });

  test('a file only some members have keeps an empty first line', () => {
    const examples = [
      { path: 'src/a/a.ts', content: 'export const a = 1;\n' },
      { path: 'src/a/a.dto.ts', content: '\nexport class ADto {\n    \n}\n' },
      { path: 'src/b/b.ts', content: 'export const b = 1;\n' },
      { path: 'src/b/b.dto.ts', content: '\nexport class BDto {\n    \n}\n' },
      { path: 'src/c/c.ts', content: 'export const c = 1;\n' },
    ];
    const mined = mineTemplate(examples);
    expect(mined.report.level).toBe('aligned');
    roundTrips(examples, mined);
  });
});
