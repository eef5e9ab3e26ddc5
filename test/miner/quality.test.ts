/**
 * What the quality work of the miner handles: acronym names, the literal `\{{`, the name inside a
 * differing run of a line, optional regions shared by some members, and determinism.
 */
import { describe, expect, test } from 'vitest';
import { generateMember, mineTemplate } from '../../src/miner/index.js';
import { keepAcronyms } from '../../src/render/case.js';
import { findOccurrences, nameVariants } from '../../src/miner/variants.js';

const client = (name: string, scheme: string) =>
  `import { BaseClient } from './base';\n\nexport class ${name}Client extends BaseClient {\n  readonly scheme = '${scheme}';\n  static create(): ${name}Client {\n    return new ${name}Client();\n  }\n}\n\nexport const ${name.toUpperCase()}_CLIENT_TIMEOUT = 30;\n`;

describe('miner quality', () => {
  test('acronym names: HTTPClient is read as HTTP, and {{name}} keeps the acronym', () => {
    expect(keepAcronyms('HTTP', 'HTTPClient')).toBe('HTTP');
    expect(keepAcronyms('user card')).toBe('UserCard');
    expect(keepAcronyms('USER CARD')).toBe('UserCard');
    expect(keepAcronyms('USER_CARD')).toBe('UserCard');
    // One all-caps word is an acronym (`--name AB` in a family of `ABOffOutlineIcon`, `AbacusOutlineIcon`).
    expect(keepAcronyms('AB Outline Icon', 'AB')).toBe('ABOutlineIcon');
    expect(keepAcronyms('API2')).toBe('API2');
    expect(findOccurrences('new HTTPClient()', nameVariants('HTTP')).map((o) => o.text)).toEqual(['HTTP']);
    expect(findOccurrences('XHTTP', nameVariants('HTTP'))).toEqual([]);
    // A one-letter prefix starting an identifier marks interfaces, types and enums; inside a word
    // one capital makes a longer word.
    expect(findOccurrences('interface IUserService {}', nameVariants('User')).map((o) => o.text)).toEqual(['User']);
    expect(findOccurrences('type TGhostButtonProps = {}; enum EStatus {}', nameVariants('GhostButton')).map((o) => o.text)).toEqual(['GhostButton']);
    expect(findOccurrences('getADistrict(); const x = AUSER;', nameVariants('District'))).toEqual([]);
    expect(findOccurrences('ITEMS, IUSER', nameVariants('User'))).toEqual([]);
    const mined = mineTemplate([
      { path: 'src/clients/HTTPClient.ts', content: client('HTTP', 'http') },
      { path: 'src/clients/GrpcClient.ts', content: client('Grpc', 'grpc') },
      { path: 'src/clients/SmtpClient.ts', content: client('Smtp', 'smtp') },
    ]);
    expect(mined.report.level).toBe('aligned');
    expect(mined.report.members.map((member) => member.name)).toEqual(['Grpc', 'HTTP', 'Smtp']);
    expect(mined.template.files.map((file) => file.path)).toEqual(['src/clients/{{name}}Client.ts.hbs']);
    // The name is read in PascalCase, its acronyms kept, whatever case it is given in.
    expect(mined.template.manifest.params.name?.case).toBe('pascal');
    const [file] = generateMember(mined.template, { name: 'LDAP' });
    expect(file?.path).toBe('src/clients/LDAPClient.ts');
    expect(file?.content).toContain('export class LDAPClient extends BaseClient {');
    expect(file?.content).toContain('export const LDAP_CLIENT_TIMEOUT = 30;');
    expect(generateMember(mined.template, { name: 'web-socket' })[0]?.path).toBe('src/clients/WebSocketClient.ts');
  });

  test('Go keeps the initialisms a name is given with where no member tells (GetOrderByID)', () => {
    const handler = (name: string, lower: string) =>
      `package order\n\n// ${name} handles the ${lower} route.\ntype ${lower}Handler struct{}\n\nfunc New${name}Handler() *${lower}Handler {\n\treturn &${lower}Handler{}\n}\n\nconst ${lower}Route = "/orders/${lower}"\n`;
    const members = [
      ['CancelOrder', 'cancelOrder'],
      ['SubmitPayment', 'submitPayment'],
      ['ListShipments', 'listShipments'],
    ];
    const go = mineTemplate(members.map(([name = '', lower = '']) => ({ path: `handler/order/${lower}.go`, content: handler(name, lower) })));
    expect(go.report.reproduced).toHaveLength(3);
    expect(go.template.files.map((file) => file.path)).toEqual(['handler/order/{{lowerFirst name}}.go.hbs']);
    expect(go.template.files[0]?.content).toContain('func New{{name}}Handler() *{{lowerFirst name}}Handler {');
    expect(go.template.manifest.params.name?.case).toBe('pascal');
    const [file] = generateMember(go.template, { name: 'GetOrderByID' });
    expect(file?.path).toBe('handler/order/getOrderByID.go');
    expect(file?.content).toBe(handler('GetOrderByID', 'getOrderByID'));
    // Given in another case, the name has no acronym to keep.
    expect(generateMember(go.template, { name: 'get-order-by-id' })[0]?.content).toBe(handler('GetOrderById', 'getOrderById'));
    // Other languages respell acronyms as their case helpers do.
    const ts = mineTemplate(members.map(([name = '', lower = '']) => ({ path: `handler/order/${lower}.ts`, content: handler(name, lower) })));
    expect(ts.template.files.map((file) => file.path)).toEqual(['handler/order/{{camelCase name}}.ts.hbs']);
    expect(generateMember(ts.template, { name: 'GetOrderByID' })[0]?.path).toBe('handler/order/getOrderById.ts');
  });

  test('the plural is a param of its own: an irregular plural, or a name kept singular, is given once', () => {
    const controller = (name: string, plural: string) =>
      `[Route("api/${plural.toLowerCase()}")]\npublic class ${plural}Controller : ControllerBase\n{\n    public IEnumerable<${name}> Get${plural}() => _context.${plural}.ToList();\n}\n`;
    const members = [
      ['Category', 'Categories'],
      ['Customer', 'Customers'],
      ['Shipper', 'Shippers'],
    ];
    const mined = mineTemplate(members.map(([name = '', plural = '']) => ({ path: `Controllers/${plural}Controller.cs`, content: controller(name, plural) })));
    expect(mined.report.reproduced).toHaveLength(3);
    expect(mined.template.files.map((file) => file.path)).toEqual(['Controllers/{{pascalCase plural}}Controller.cs.hbs']);
    expect(mined.template.files[0]?.content).toContain('public class {{pascalCase plural}}Controller : ControllerBase');
    expect(mined.template.manifest.params.plural).toMatchObject({ type: 'string', default: '{{pascalCase (pluralize name)}}', case: 'pascal', required: false });
    expect(mined.params.map((member) => member.params.plural)).toEqual(['Categories', 'Customers', 'Shippers']);
    // By default the name is pluralized, as before.
    expect(generateMember(mined.template, { name: 'Territory' })[0]).toEqual({ path: 'Controllers/TerritoriesController.cs', content: controller('Territory', 'Territories') });
    // Given, it is written wherever the plural is: kept singular, or an irregular plural in any case.
    expect(generateMember(mined.template, { name: 'Region', plural: 'Region' })[0]).toEqual({ path: 'Controllers/RegionController.cs', content: controller('Region', 'Region') });
    expect(generateMember(mined.template, { name: 'Criterion', plural: 'criteria' })[0]?.path).toBe('Controllers/CriteriaController.cs');
  });

  test('a literal \\{{ (an escaped mustache in the source) round-trips', () => {
    const member = (name: string) => `export const ${name.toLowerCase()}Template = '\\\\{{ ${name} }} and {{ value }} and \\\\\\\\{{ x }}';\n`;
    const examples = ['Alpha', 'Beta', 'Gamma'].map((name) => ({ path: `src/${name.toLowerCase()}.ts`, content: member(name) }));
    expect(examples[0]?.content).toBe("export const alphaTemplate = '\\\\{{ Alpha }} and {{ value }} and \\\\\\\\{{ x }}';\n");
    const mined = mineTemplate(examples);
    expect(mined.report.reproduced).toHaveLength(3);
    expect(generateMember(mined.template, { name: 'Delta' })[0]?.content).toBe(member('Delta'));
  });

  test('the name inside differing code: one identifier is a value written from the name, more code an inline alternative', () => {
    const member = (name: string, call: string) => `export function sub${name}s(date: Date, amount: number): Date {\n  return ${call};\n}\n`;
    const examples = [
      { path: 'src/subDays.ts', content: member('Day', 'addDays(date, -amount)') },
      { path: 'src/subWeeks.ts', content: member('Week', 'addWeeks(date, -amount)') },
      { path: 'src/subHours.ts', content: member('Hour', 'addMilliseconds(date, -amount * MILLISECONDS_IN_HOUR)') },
    ];
    const mined = mineTemplate(examples);
    expect(mined.report.level).toBe('aligned');
    const content = mined.template.files[0]?.content ?? '';
    expect(content).toBe(
      'export function sub{{pascalCase plural}}(date: Date, amount: number): Date {\n' +
        '  return {{add}}(date, -amount{{#if withMillisecondsInHour}} * MILLISECONDS_IN_{{constantCase name}}{{/if}});\n' +
        '}\n',
    );
    const add = mined.report.params.find((param) => param.name === 'add');
    expect(add?.values).toEqual(['addDays', 'addMilliseconds', 'addWeeks']);
    expect(add?.default).toBe('add{{pascalCase plural}}');
    expect(generateMember(mined.template, { name: 'Month' })[0]?.content).toBe(member('Month', 'addMonths(date, -amount)'));
    expect(generateMember(mined.template, { name: 'Minute', add: 'addMilliseconds', withMillisecondsInHour: true })[0]?.content).toBe(
      member('Minute', 'addMilliseconds(date, -amount * MILLISECONDS_IN_MINUTE)'),
    );
  });

  test('lines some members share become one optional block around what they share', () => {
    const member = (name: string, nanTest: string | undefined) =>
      `describe('${name}', () => {\n  it('works', () => {\n    expect(run${name}(1)).toBe(1);\n  });\n${nanTest === undefined ? '' : `\n  it('rejects NaN', () => {\n    expect(run${name}(${nanTest})).toBeNaN();\n  });\n`}});\n`;
    const mined = mineTemplate([
      { path: 'test/day.test.ts', content: member('Day', 'NaN') },
      { path: 'test/hour.test.ts', content: member('Hour', 'Number.NaN') },
      { path: 'test/minute.test.ts', content: member('Minute', 'NaN') },
      { path: 'test/month.test.ts', content: member('Month', undefined) },
    ]);
    expect(mined.report.level).toBe('aligned');
    const content = mined.template.files[0]?.content ?? '';
    // One block of lines, not one alternative per member; inside it, the text one member adds.
    expect(content.match(/\{\{#if [^}]*\}\}\n/g)).toHaveLength(1);
    expect(content).toContain("  it('rejects NaN', () => {\n");
    expect(content).toContain('({{#if hasNumber}}Number.{{/if}}NaN)');
    expect(generateMember(mined.template, { name: 'Year' })[0]?.content).toBe(member('Year', 'NaN'));
  });

  test('a member naming part of its entity (UserCard takes a user) gives a new member its own part', () => {
    const card = (name: string, entity: string, field: string) => {
      const prop = entity.charAt(0).toLowerCase() + entity.slice(1);
      return `import type { ${entity} } from '../../types';\n\nexport interface ${name}Props {\n  ${prop}: ${entity};\n}\n\nexport function ${name}({ ${prop} }: ${name}Props) {\n  return <span>{${prop}.${field}}</span>;\n}\n`;
    };
    const mined = mineTemplate([
      { path: 'src/components/UserCard.tsx', content: card('UserCard', 'User', 'name') },
      { path: 'src/components/ProductTile.tsx', content: card('ProductTile', 'Product', 'title') },
      { path: 'src/components/OrderSummary.tsx', content: card('OrderSummary', 'Order', 'title') },
    ]);
    expect(mined.report.level).toBe('aligned');
    expect(mined.template.files[0]?.content).toContain('  {{camelCase (initialWords name)}}: {{pascalCase (initialWords name)}};\n');
    expect(generateMember(mined.template, { name: 'InvoiceRow' })[0]?.content).toBe(card('InvoiceRow', 'Invoice', 'title'));
  });

  test('the article before the name follows the new name (a customer, an invoice)', () => {
    const model = (name: string, article: string) => `class ${name}(models.Model):\n    """${article} ${name.toLowerCase()} record, kept for seven years."""\n`;
    const allA = mineTemplate(['Customer', 'Category', 'Company'].map((name) => ({ path: `app/${name.toLowerCase()}.py`, content: model(name, 'A') })));
    expect(allA.template.files[0]?.content).toContain('{{pascalCase (article name)}} {{noCase name}} record');
    expect(generateMember(allA.template, { name: 'Invoice' })[0]?.content).toBe(model('Invoice', 'An'));
    expect(generateMember(allA.template, { name: 'User' })[0]?.content).toBe(model('User', 'A'));
    // Members that disagree: each keeps its article, a new member gets the one its name takes.
    const mixed = mineTemplate([
      { path: 'app/customer.py', content: model('Customer', 'A') },
      { path: 'app/invoice.py', content: model('Invoice', 'An') },
      { path: 'app/category.py', content: model('Category', 'A') },
    ]);
    expect(mixed.report.level).toBe('aligned');
    expect(generateMember(mixed.template, { name: 'Order' })[0]?.content).toBe(model('Order', 'An'));
    // An article the name does not explain stays literal.
    const odd = mineTemplate(['Customer', 'Category'].map((name) => ({ path: `app/${name.toLowerCase()}.py`, content: model(name, 'An') })));
    expect(generateMember(odd.template, { name: 'Invoice' })[0]?.content).toBe(model('Invoice', 'An'));
    expect(odd.template.files[0]?.content).not.toContain('article');
  });

  test('Python members with one-word names give a multi-word member snake_case code and sentence-case messages', () => {
    const view = (name: string, snake: string, words: string) =>
      `from app.models import ${name}\n\n\ndef get_${snake}(${snake}_id: int):\n    ${snake} = ${name}.get(${snake}_id)\n    if ${snake} is None:\n        raise NotFound("${words[0]?.toUpperCase()}${words.slice(1)} not found")  # ${words} is gone\n    return ${snake}\n`;
    const mined = mineTemplate([
      { path: 'app/views/customer.py', content: view('Customer', 'customer', 'customer') },
      { path: 'app/views/supplier.py', content: view('Supplier', 'supplier', 'supplier') },
      { path: 'app/views/invoice.py', content: view('Invoice', 'invoice', 'invoice') },
    ]);
    const [file] = generateMember(mined.template, { name: 'ShippingAddress' });
    expect(file?.path).toBe('app/views/shipping_address.py');
    expect(file?.content).toBe(view('ShippingAddress', 'shipping_address', 'shipping address'));
  });

  test('style sheets and markup: kebab-case selectors and classes, words in element text', () => {
    const css = (k: string) => `.${k} {\n  display: flex;\n}\n\n.${k}__title {\n  color: var(--${k}-accent);\n}\n`;
    const html = (k: string, title: string) => `<section class="${k}">\n  <h2 class="${k}__title">${title}</h2>\n</section>\n`;
    const members = ['cart', 'theme', 'badge'];
    const styles = mineTemplate(members.map((k) => ({ path: `src/${k}/${k}.css`, content: css(k) })));
    expect(generateMember(styles.template, { name: 'ShoppingCart' })[0]?.content).toBe(css('shopping-cart'));
    const markup = mineTemplate(members.map((k) => ({ path: `src/${k}/${k}.html`, content: html(k, k[0]?.toUpperCase() + k.slice(1)) })));
    expect(generateMember(markup.template, { name: 'ShoppingCart' })[0]?.content).toBe(html('shopping-cart', 'Shopping Cart'));
  });

  test('a string holding only the name is spelled like the file name; a message starts in sentence case', () => {
    const command = (kebab: string, camel: string, words: string) =>
      `export function register(program: Program) {\n  program.command('${kebab}').action(${camel});\n}\n\nconst ask = (id: string) => confirm(\`${words[0]?.toUpperCase()}${words.slice(1)} \${id}?\`);\n`;
    const mined = mineTemplate(['sync', 'login', 'deploy'].map((name) => ({ path: `src/commands/${name}.ts`, content: command(name, name, name) })));
    const [file] = generateMember(mined.template, { name: 'AddUser' });
    expect(file?.path).toBe('src/commands/add-user.ts');
    expect(file?.content).toBe(command('add-user', 'addUser', 'add user'));
  });

  test('verb-noun members name their noun (AddUser lists users): a new member gets its own noun', () => {
    const command = (camel: string, noun: string) => `export async function ${camel}(client: Client) {\n  const ${noun}s = await client.${noun}s.list();\n  return ${noun}s.length;\n}\n`;
    const mined = mineTemplate([
      { path: 'src/commands/add-user.ts', content: command('addUser', 'user') },
      { path: 'src/commands/remove-token.ts', content: command('removeToken', 'token') },
      { path: 'src/commands/sync-repo.ts', content: command('syncRepo', 'repo') },
    ]);
    expect(mined.template.files[0]?.content).toContain('{{camelCase (pluralize (lastWord name))}}');
    expect(generateMember(mined.template, { name: 'ExportReport' })[0]?.content).toBe(command('exportReport', 'report'));
  });

  test('mining is deterministic: the same files in any order give the same result', () => {
    const examples = [
      { path: 'src/clients/HTTPClient.ts', content: client('HTTP', 'http') },
      { path: 'src/clients/GrpcClient.ts', content: client('Grpc', 'grpc') },
      { path: 'src/clients/SmtpClient.ts', content: client('Smtp', 'smtp') },
    ];
    const first = mineTemplate(examples);
    const second = mineTemplate([...examples].reverse());
    expect(second.template).toEqual(first.template);
    expect(second.params).toEqual(first.params);
    expect(second.report).toEqual(first.report);
  });
});
