/**
 * mineTemplate end to end: params, blocks, repeats, escaping, round trip on the corpus,
 * determinism, refusal.
 */
import { describe, expect, test } from 'vitest';
import { isWoptError, WoptError } from '../../src/errors.js';
import { generateMember, mineTemplate, type Example } from '../../src/miner/index.js';
import { loadFamilies, loadFamily, notAFamilyDir } from './corpus.js';

const byPath = (a: Example, b: Example) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
const sorted = (files: readonly Example[]) => [...files].sort(byPath);

/** Renders every member from its params and compares with its files. */
function expectRoundTrip(examples: readonly Example[], result: ReturnType<typeof mineTemplate>): void {
  const want = new Map(examples.map((file) => [file.path, file.content]));
  for (const member of result.params) {
    const got = sorted(generateMember(result.template, member.params));
    expect(got.map((file) => file.path)).toEqual([...member.files].sort());
    for (const file of got) expect(file.content).toBe(want.get(file.path));
  }
}

const servers: Example[] = [
  { path: 'src/servers/user-api.ts', content: "import { serve } from './serve';\n\n// Serves users.\nexport const userApi = serve({ port: 3000, prefix: '/users' });\n" },
  {
    path: 'src/servers/order-item-api.ts',
    content: "import { serve } from './serve';\nimport { requireAuth } from './auth';\n\n// Serves order items.\nexport const orderItemApi = serve({ port: 3001, prefix: '/order-items' });\n",
  },
  { path: 'src/servers/product-api.ts', content: "import { serve } from './serve';\n\n// Serves products.\nexport const productApi = serve({ port: 3000, prefix: '/products' });\n" },
];

describe('mineTemplate', () => {
  test('the name in every case variant becomes one param; paths become path templates', () => {
    const { template, params, report } = mineTemplate(servers);
    expect(template.files.map((file) => file.path)).toEqual(['src/servers/{{kebabCase name}}-api.ts.hbs']);
    const content = template.files[0]?.content ?? '';
    expect(content).toContain('export const {{camelCase name}}Api');
    // The route is a key whose default follows the name, and which a member may give otherwise.
    expect(content).toContain("prefix: '{{prefix}}'");
    expect(template.manifest.params.prefix).toMatchObject({ type: 'string', default: '/{{kebabCase plural}}' });
    expect(content).toContain('// Serves {{noCase plural}}.');
    // The plural is a param of its own, whose default is the name pluralized.
    expect(template.manifest.params.plural).toMatchObject({ type: 'string', default: '{{pascalCase (pluralize name)}}' });
    expect(params.map((member) => member.params.plural)).toEqual(['OrderItems', 'Products', 'Users']);
    expect(params.map((member) => member.params.name)).toEqual(['OrderItem', 'Product', 'User']);
    expect(report.level).toBe('aligned');
    expect(report.fallback).toBe(false);
    expectRoundTrip(servers, mineTemplate(servers));
  });

  test('a varying literal becomes a typed param with the most common value as default', () => {
    const { template, params, report } = mineTemplate(servers);
    expect(template.files[0]?.content).toContain('port: {{port}},');
    expect(template.manifest.params.port).toMatchObject({ type: 'number', default: 3000 });
    expect(params.map((member) => member.params.port)).toEqual([3001, 3000, 3000]);
    const port = report.params.find((param) => param.name === 'port');
    expect(port?.occurrences).toEqual([{ file: 'src/servers/{{kebabCase name}}-api.ts.hbs', line: 7 }]);
    expect(port?.values).toEqual([3001, 3000, 3000]);
    expect(port?.confidence).toBeCloseTo(2 / 3);
  });

  test('a prose word varying in several parts is one param whole, as a quoted string is', () => {
    const readme = (target: string, triple: string) => ({
      path: `npm/${target}/README.md`,
      content: `# \`demo-${target}\`\n\nThis is the **${triple}** binary for \`demo\`, built on ${triple}.\n`,
    });
    const targets = [readme('darwin-arm64', 'aarch64-apple-darwin'), readme('freebsd-x64', 'x86_64-unknown-freebsd'), readme('linux-arm-gnueabihf', 'armv7-unknown-linux-gnueabihf'), readme('android-arm64', 'aarch64-linux-android')];
    const result = mineTemplate(targets, { unit: 'folder' });
    const content = result.template.files[0]?.content ?? '';
    expect(content).toContain('This is the **{{value}}** binary for `demo`, built on {{value}}.');
    expect(Object.keys(result.template.manifest.params)).toEqual(['name', 'value', 'key']);
    expect(result.params.map((member) => member.params.value)).toEqual(['aarch64-linux-android', 'aarch64-apple-darwin', 'x86_64-unknown-freebsd', 'armv7-unknown-linux-gnueabihf']);
    expectRoundTrip(targets, result);
    const [made] = generateMember(result.template, { name: 'DarwinX64', value: 'x86_64-apple-darwin' });
    expect(made?.content).toContain('This is the **x86_64-apple-darwin** binary');
    // A word that varies in one part keeps that part a param of its own; code is never joined.
    const versions = ['1.2.0', '1.3.0', '1.2.0'].map((version, i) => ({ path: `pkgs/${['alpha', 'beta', 'gamma'][i]}/NOTES.md`, content: `Pinned to v${version} since ${i + 2000}.\n` }));
    expect(mineTemplate(versions, { unit: 'folder' }).template.files[0]?.content).toContain('Pinned to v1.{{pinned}} since {{since}}.');
  });

  test('a quoted key holding the name (a table, a route) is a param; the file follows a table, and a route or a command where it spells the name', () => {
    const migration = (stamp: string, table: string) => ({
      path: `database/migrations/${stamp}_create_${table}_table.php`,
      content: `<?php\n\nSchema::create('${table}', function (Blueprint $table) {\n    $table->id();\n});\n\nSchema::dropIfExists('${table}');\n`,
    });
    const migrations = [migration('2025_03_29_071754', 'milk_storage'), migration('2025_03_29_121458', 'curd_batch'), migration('2025_04_02_055223', 'customer')];
    const result = mineTemplate(migrations);
    expect(result.template.files.map((file) => file.path)).toEqual(['database/migrations/{{timestamp}}_create_{{snakeCase create}}_table.php.hbs']);
    expect(result.template.files[0]?.content).toContain("Schema::create('{{create}}', function");
    expect(result.template.files[0]?.content).toContain("Schema::dropIfExists('{{create}}');");
    expect(result.template.manifest.params.create).toMatchObject({ type: 'string', default: '{{snakeCase name}}' });
    expectRoundTrip(migrations, result);
    // A table that does not follow the entity's name is given, and names the file too.
    const [made] = generateMember(result.template, { name: 'Product', timestamp: '2025_04_02_055238', create: 'products' });
    expect(made?.path).toBe('database/migrations/2025_04_02_055238_create_products_table.php');
    expect(made?.content).toContain("Schema::create('products'");
    expect(generateMember(result.template, { name: 'MilkForCustomer', timestamp: '1' })[0]?.path).toBe('database/migrations/1_create_milk_for_customer_table.php');
    // A key given in another case still names the file as the members name theirs.
    expect(generateMember(result.template, { name: 'Payment', timestamp: '1', create: 'PaymentLog' })[0]?.path).toBe('database/migrations/1_create_payment_log_table.php');
    // A route passed to a call is named a route, not after the call (`get`).
    const routes = ['user', 'order', 'invoice'].map((name) => ({ path: `src/${name}.ts`, content: `router.get('/${name}s', list${name});\n` }));
    expect(mineTemplate(routes).template.manifest.params.route).toMatchObject({ default: '/{{kebabCase plural}}' });
    // One-word keys spell the name in several forms: the file name keeps its own (`cartSlice.ts`).
    const slices = ['cart', 'theme', 'badge'].map((name) => ({
      path: `src/slices/${name}Slice.ts`,
      content: `export const ${name.toUpperCase()}_SLICE_NAME = '${name}';\nexport const fetch = createAsyncThunk('${name}/fetchAll', load);\n`,
    }));
    expect(generateMember(mineTemplate(slices).template, { name: 'OrderItem' })[0]?.path).toBe('src/slices/orderItemSlice.ts');
    // A command's name is a label, not a table: the file keeps the entity's name when it is shortened.
    const commands = ['download', 'health', 'remove'].map((name) => ({
      path: `cmd/${name}.go`,
      content: `package cmd\n\nvar ${name}Cmd = &cobra.Command{\n\tUse: "${name}",\n}\n\nfunc init() {\n\trootCmd.AddCommand(${name}Cmd)\n}\n`,
    }));
    const commandTemplate = mineTemplate(commands).template;
    const [command] = generateMember(commandTemplate, { name: 'Configuration', use: 'conf' });
    expect(command?.path).toBe('cmd/configuration.go');
    expect(command?.content).toContain('var confCmd = &cobra.Command{\n\tUse: "conf",');
  });

  test('a name glued to a word in the file names is the name there (Django 0003_leavecodeconfig.py)', () => {
    const migration = (app: string, number: string) => ({
      path: `modules/${app}/migrations/${number}_${app}codeconfig.py`,
      content: `class Migration:\n    dependencies = [('module_${app}', '0001_initial')]\n    name = '${app[0]?.toUpperCase()}${app.slice(1)}CodeConfig'\n`,
    });
    const migrations = [migration('leave', '0003'), migration('ledger', '0002'), migration('budget', '0002')];
    const result = mineTemplate(migrations);
    expect(result.template.files.map((file) => file.path)).toEqual(['modules/{{snakeCase name}}/migrations/{{number}}_{{lowerCase (pascalCase name)}}codeconfig.py.hbs']);
    expectRoundTrip(migrations, result);
    expect(generateMember(result.template, { name: 'Payroll', number: '0005' })[0]?.path).toBe('modules/payroll/migrations/0005_payrollcodeconfig.py');
  });

  test('a quoted string that varies whole is one param, not a second one written from it', () => {
    const strings: Record<string, readonly [string, string]> = { spanish: ['año', 'Guardar'], portuguese: ['ano', 'Salvar'], italian: ['anno', 'Salva'] };
    for (const [extension, line] of [
      ['json', (key: string, value: string) => `  "${key}": "${value}",`],
      ['ts', (key: string, value: string) => `export const ${key} = '${value}';`],
    ] as const) {
      const examples = Object.entries(strings).map(([language, [year, save]]) => ({
        path: `src/locales/${language}.${extension}`,
        content: `// ${extension}\n${line('year', year)}\n${line('save', save)}\n`,
      }));
      const result = mineTemplate(examples);
      expectRoundTrip(examples, result);
      expect(Object.keys(result.template.manifest.params)).toEqual(['name', 'year', 'save']);
      expect(result.template.files[0]?.content).toContain(line('year', '{{year}}'));
      expect(result.report.params.every((param) => param.occurrences.length > 0)).toBe(true);
    }
  });

  test('a file name each member writes in its own number takes the number of the name given', () => {
    const router = (file: string, model: string) =>
      `from fastapi import APIRouter\nfrom app.models import ${model}\n\nrouter = APIRouter(prefix="/api/v1/${file}")\n\n\n@router.get("")\ndef list_${file}():\n    return ${model}.all()\n`;
    const members = [['auth', 'Auth'], ['dashboard', 'Dashboard'], ['products', 'Product'], ['suppliers', 'Supplier'], ['purchase_orders', 'PurchaseOrder']] as const;
    const examples = members.map(([file, model]) => ({ path: `app/routers/${file}.py`, content: router(file, model) }));
    const result = mineTemplate(examples);
    expectRoundTrip(examples, result);
    const [path] = result.template.files.map((file) => /^app\/routers\/\{\{(\w+)\}\}\.py\.hbs$/.exec(file.path)?.[1]);
    expect(result.template.manifest.params[path ?? '']).toMatchObject({ default: '{{snakeCase name}}', numberAsGiven: true });
    // Every member's file name is its default, given the name as that member writes it.
    const report = result.report.params.find((param) => param.name === path);
    expect(report?.confidence).toBe(1);
    expect(report?.why).toContain('in the number given');
    expect(generateMember(result.template, { name: 'Stock' })[0]?.path).toBe('app/routers/stock.py');
    // The contents name one thing: a plural given is read as its singular there.
    const [invoices] = generateMember(result.template, { name: 'Invoices' });
    expect(invoices?.path).toBe('app/routers/invoices.py');
    expect(invoices?.content).toContain('from app.models import Invoice\n');
    // Members that agree on the number keep it for every new one.
    const plural = examples.slice(2);
    expect(generateMember(mineTemplate(plural).template, { name: 'Stock' })[0]?.path).toBe('app/routers/stocks.py');
  });

  test("a param's reason names the template's file, not the member file it was found in", () => {
    const route = (name: string, guarded: boolean) =>
      `import { Router } from 'express';\n${guarded ? "import { auth } from '../auth';\n" : ''}\nexport const ${name}Router = Router();\n${name}Router.get('/', ${guarded ? 'auth, ' : ''}list${name});\n`;
    const examples = [['users', 'Users', true], ['orders', 'Orders', false], ['products', 'Products', false], ['invoices', 'Invoices', false]].map(([file, name, guarded]) => ({
      path: `src/routes/${String(file)}.ts`,
      content: route(String(name), guarded === true),
    }));
    const result = mineTemplate(examples);
    expectRoundTrip(examples, result);
    const templatePath = result.template.files[0]?.path.replace(/\.hbs$/, '') ?? '';
    const flags = result.report.params.filter((param) => param.kind === 'flag');
    expect(flags.length).toBeGreaterThan(0);
    for (const flag of flags) {
      expect(flag.why.startsWith(`${templatePath}: `)).toBe(true);
      expect(result.template.manifest.params[flag.name]?.description?.startsWith(`${templatePath}: `)).toBe(true);
      for (const example of examples) expect(flag.why).not.toContain(example.path);
    }
  });

  test('a value no word names is named by its place: a test title, a declared type', () => {
    const spec = (name: string, alias: string, title: string) =>
      `import { render${name} } from './${name.toLowerCase()}';\n\nexport type ${alias} = string;\n\ndescribe('${name}', () => {\n  it('${title}', () => {\n    expect(render${name}()).toBeTruthy();\n  });\n});\n`;
    const members = [
      ['Invoice', 'Id', 'renders the list'],
      ['Order', 'Key', 'shows an empty state'],
      ['Customer', 'Token', 'loads on mount'],
      ['Product', 'Code', 'handles errors'],
    ] as const;
    const examples = members.map(([name, alias, title]) => ({ path: `src/${name.toLowerCase()}.spec.ts`, content: spec(name, alias, title) }));
    const result = mineTemplate(examples);
    expectRoundTrip(examples, result);
    const content = result.template.files[0]?.content ?? '';
    expect(content).toContain("  it('{{testTitle}}', () => {\n");
    expect(content).toContain('export type {{typeName}} = string;\n');
    expect(result.params.map((member) => member.params['testTitle']).sort()).toEqual(members.map(([, , title]) => title).sort());
  });

  test('the word after a value names a gap before it and a type, never another value', () => {
    // Go handlers: which list a handler checks for nil, and how deep the guard is indented.
    const handler = (name: string, list: string, indent: string) =>
      `package handler\n\nfunc List${name}(c Ctx) error {\n\tif ${list} == nil {\n${indent}return c.SendStatus(404)\n\t}\n\treturn c.JSON(${list})\n}\n`;
    // C# entities: the type of each member's Total.
    const entity = (name: string, type: string) => `public class ${name}\n{\n    public ${type} Total { get; set; }\n}\n`;
    const handlers = [['Customer', 'customers', '\t\t'], ['Supply', 'items', '\t\t'], ['User', 'users', '\t\t\t'], ['Order', 'orders', '\t\t\t']].map(([name, list, indent]) => ({
      path: `internal/handler/${String(name).toLowerCase()}_handler.go`,
      content: handler(String(name), String(list), String(indent)),
    }));
    const entities = [['Invoice', 'decimal'], ['Order', 'string?'], ['Cart', 'int'], ['Refund', 'decimal']].map(([name, type]) => ({ path: `Models/${String(name)}.cs`, content: entity(String(name), String(type)) }));
    for (const [examples, named, not] of [
      [handlers, ['sendStatusSpacing'], ['nil']],
      [entities, ['totalType'], ['total']],
    ] as const) {
      const result = mineTemplate(examples);
      expectRoundTrip(examples, result);
      const params = Object.keys(result.template.manifest.params);
      for (const name of named) expect(params).toContain(name);
      for (const name of not) expect(params).not.toContain(name);
    }
    // The list a handler checks is an identifier, which the report does not call a string literal.
    const checked = mineTemplate(handlers).report.params.find((param) => param.name === 'value');
    expect(checked?.why).toMatch(/^takes 4 values across members; default: written from the name/);
  });

  test("a name after an acronym is the name, so a new member never gets another member's", () => {
    // NestJS controllers whose summaries glue the name to `getALL`; one member writes its own words.
    const controller = (name: string, summary: string) =>
      `@Controller('${name.toLowerCase()}')\nexport class ${name}Controller {\n  @ApiOperation({ summary: '${summary}' })\n  @Get()\n  findAll() {\n    return this.${name.toLowerCase()}Service.findAll();\n  }\n}\n`;
    const examples = [
      ['District', 'getALLDistrict'],
      ['Region', 'getALLRegion'],
      ['Stadium', 'bu yerda getALL qilinadi'],
    ].map(([name, summary]) => ({ path: `src/${String(name).toLowerCase()}/${String(name).toLowerCase()}.controller.ts`, content: controller(String(name), String(summary)) }));
    const result = mineTemplate(examples);
    expectRoundTrip(examples, result);
    const [file] = generateMember(result.template, { name: 'Comfort' });
    expect(file?.content).toContain("summary: 'getALLComfort'");
    expect(file?.content).not.toContain('District');
  });

  test('text every member writes the same is constant, whatever the name reads into it', () => {
    const chart = (name: string) => [
      { path: `charts/${name}/templates/serviceaccount.yaml`, content: `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}.serviceAccount\n` },
      { path: `charts/${name}/templates/rolebinding.yaml`, content: `apiVersion: rbac/v1\nsubjects:\n  - kind: ServiceAccount\n    name: ${name}.serviceAccount\n` },
    ];
    // `Account` ends AccountService and `Api` starts ApiGateway: read into ServiceAccount and apiVersion.
    const charts = ['account-service', 'api-gateway', 'statistics-service'].flatMap(chart);
    const result = mineTemplate(charts);
    const files = result.template.files.map((file) => file.content).join('\n');
    expect(files).toContain('apiVersion: v1\nkind: ServiceAccount\n');
    expect(files).toContain('  - kind: ServiceAccount\n');
    expect(Object.keys(result.template.manifest.params)).toEqual(['name']);
    expect(generateMember(result.template, { name: 'NotificationService' }).map((file) => file.content)).toEqual(chart('notification-service').reverse().map((file) => file.content));
  });

  test('a part of a system of another kind keeps its own name: the kind the members share is written with kindSuffix', () => {
    const workflow = (name: string) => ({
      path: `.github/workflows/${name}-service.yml`,
      content: `name: Build ${name} service\njobs:\n  build-${name}:\n    steps:\n      - run: docker build -t shop/${name}-service ./${name}-service\n`,
    });
    const members = ['cart', 'order', 'payment'].map(workflow);
    const result = mineTemplate(members);
    expectRoundTrip(members, result);
    expect(result.template.files[0]?.path).toBe('.github/workflows/{{kebabCase name}}{{kindSuffix name "-service"}}.yml.hbs');
    expect(result.template.manifest.params.name?.affixes).toEqual({ suffix: 'service', ownKinds: [] });
    const generated = (name: string) => generateMember(result.template, { name })[0];
    expect(generated('Shipping')).toEqual(workflow('shipping'));
    expect(generated('ShippingService')).toEqual(workflow('shipping'));
    // A gateway or a front end is no service; a service named after a kind is one.
    expect(generated('ApiGateway')).toEqual({
      path: '.github/workflows/api-gateway.yml',
      content: 'name: Build api gateway\njobs:\n  build-api-gateway:\n    steps:\n      - run: docker build -t shop/api-gateway ./api-gateway\n',
    });
    expect(generated('Frontend')?.path).toBe('.github/workflows/frontend.yml');
    expect(generated('FrontendService')).toEqual({
      path: '.github/workflows/frontend-service.yml',
      content: 'name: Build frontend service\njobs:\n  build-frontend:\n    steps:\n      - run: docker build -t shop/frontend-service ./frontend-service\n',
    });
    // A member of a kind (`frontend-service`) keeps the word for its kind.
    const withFrontend = [...members, workflow('frontend')];
    const kinds = mineTemplate(withFrontend);
    expectRoundTrip(withFrontend, kinds);
    expect(generateMember(kinds.template, { name: 'Frontend' })[0]).toEqual(workflow('frontend'));
    expect(generateMember(kinds.template, { name: 'ApiGateway' })[0]?.path).toBe('.github/workflows/api-gateway.yml');
  });

  test('a class named with a kind (ProductService.ts, orders-api.ts) is code, and keeps the word after any name', () => {
    const service = (name: string) => ({ path: `src/services/${name}Service.ts`, content: `export class ${name}Service {\n  readonly path = '/${name.toLowerCase()}';\n}\n` });
    const members = ['Cart', 'Order', 'Payment'].map(service);
    const result = mineTemplate(members);
    expectRoundTrip(members, result);
    expect(result.template.files.map((file) => `${file.path}\n${file.content}`).join('\n')).not.toContain('kindSuffix');
    expect(generateMember(result.template, { name: 'PaymentGateway' })[0]?.path).toBe('src/services/PaymentGatewayService.ts');
    const api = (name: string) => ({ path: `src/apis/${name}-api.ts`, content: `export const ${name}Api = '/${name}';\n` });
    const apis = ['cart', 'order', 'payment'].map(api);
    const minedApis = mineTemplate(apis);
    expectRoundTrip(apis, minedApis);
    expect(generateMember(minedApis.template, { name: 'Gateway' })[0]?.path).toBe('src/apis/gateway-api.ts');
  });

  test('lines present in some members become an optional block with a boolean param', () => {
    const { template, params } = mineTemplate(servers);
    expect(template.files[0]?.content).toContain("{{#if hasRequireAuth}}\nimport { requireAuth } from './auth';\n{{/if}}\n");
    expect(template.manifest.params.hasRequireAuth).toMatchObject({ type: 'boolean', default: false });
    expect(params.map((member) => member.params.hasRequireAuth)).toEqual([true, false, false]);
  });

  test("a list's brackets open for any of its items, though the members only show one item with another", () => {
    const model = (name: string, imports: string[]): Example => ({
      path: `model/${name.toLowerCase()}.go`,
      content: `package model\n\n${imports.length === 0 ? '' : `import (\n${imports.map((path) => `\t"${path}"\n`).join('')})\n\n`}type ${name} struct {\n\tID int\n}\n`,
    });
    const examples = [model('User', ['encoding/json', 'time']), model('Order', ['encoding/json', 'time']), model('Item', ['encoding/json']), model('Tag', [])];
    const result = mineTemplate(examples);
    expectRoundTrip(examples, result);
    expect(result.template.files[0]?.content).toContain('{{#if (or hasEncoding hasTime)}}\nimport (\n{{#if hasEncoding}}\n\t"encoding/json"\n{{/if}}\n{{#if hasTime}}');
    expect(generateMember(result.template, { name: 'Stock', hasEncoding: false, hasTime: true })).toEqual([model('Stock', ['time'])]);
  });

  test('a new member from its name alone gets the defaults', () => {
    const { template } = mineTemplate(servers);
    expect(generateMember(template, { name: 'Person' })).toEqual([
      {
        path: 'src/servers/person-api.ts',
        content: "import { serve } from './serve';\n\n// Serves people.\nexport const personApi = serve({ port: 3000, prefix: '/people' });\n",
      },
    ]);
  });

  test('a param is never named like what every object has; one a template names so takes its default', () => {
    // Components whose constructors inject different services: the param after `constructor(`
    // would be named after that word, which every object has as its own function.
    const component = (name: string, inject: string) => `export class ${name}Component {\n  constructor(${inject}) {}\n}\n`;
    const examples = [
      ['Book', 'a, b'],
      ['Reader', 'c'],
      ['Loan', 'd, e, f'],
    ].map(([name = '', inject = '']) => ({ path: `src/${name.toLowerCase()}.component.ts`, content: component(name, inject) }));
    const { template } = mineTemplate(examples);
    expect(Object.keys(template.manifest.params)).toEqual(['name', 'constructor2']);
    expect(generateMember(template, { name: 'Shelf', constructor2: 'g' })[0]?.content).toBe(component('Shelf', 'g'));
    // A template written by hand may still name one so: not given, it is the default.
    const manifest = { ...template.manifest, params: { name: template.manifest.params.name ?? { type: 'string' as const }, constructor: { type: 'string' as const, default: 'a, b' } } };
    const files = template.files.map((file) => ({ ...file, content: file.content.replace('constructor2', 'constructor') }));
    expect(generateMember({ ...template, manifest, files }, { name: 'Shelf' })[0]?.content).toBe(component('Shelf', 'a, b'));
  });

  test("a value whose default holds another param's default is written with that param: a folder given moves the path", () => {
    const workflow = (folder: string, name: string) =>
      `name: ${name}\n\non:\n  push:\n    paths:\n      - '${folder}/${name}/**'\n\njobs:\n  test:\n    runs-on: ubuntu-latest\n    defaults:\n      run:\n        working-directory: ${folder}/${name}\n    steps:\n      - run: npm test\n`;
    const members = [
      ['services', 'order-service'],
      ['services', 'payment-service'],
      ['services', 'user-service'],
      ['frontend', 'customer-app'],
    ];
    const { template } = mineTemplate(members.map(([folder = '', name = '']) => ({ path: `.github/workflows/${name}.yml`, content: workflow(folder, name) })));
    // The path written from the name alone gave three members of four theirs (not frontend/).
    expect(template.manifest.params.directory?.default).toBe('{{kebabCase (pluralize (lastWord name))}}');
    expect(template.manifest.params.path?.default).toBe('{{directory}}/{{kebabCase name}}/**');
    expect(generateMember(template, { name: 'ApiGateway', directory: 'gateway' })[0]?.content).toBe(workflow('gateway', 'api-gateway'));
    expect(generateMember(template, { name: 'CartService' })[0]?.content).toBe(workflow('services', 'cart-service'));
  });

  test("a param is never named like a helper: {{fits}} would call wopt's helper", () => {
    const layout = (name: string, width: string) => `export const ${name.toLowerCase()}Layout = {\n  fits(${width}),\n};\n`;
    const examples = [
      ['Card', '320'],
      ['Panel', '640'],
      ['Sheet', '960'],
    ].map(([name = '', width = '']) => ({ path: `src/${name.toLowerCase()}.layout.ts`, content: layout(name, width) }));
    const { template } = mineTemplate(examples);
    expect(Object.keys(template.manifest.params)).toEqual(['name', 'fits2']);
    expect(generateMember(template, { name: 'Drawer', fits2: 480 })[0]?.content).toBe(layout('Drawer', '480'));
  });

  test('a text one member alone reads its name into, that another writes as it is, is that text', () => {
    // The candlestick chart imports `isCandlestickData`, as the boxplot chart does: not a pattern
    // (`is{{pascalCase name}}Data`) that no other member follows.
    const chart = (name: string, guard: string) =>
      `import {\n  parse, ${guard}, getColors,\n} from '../utils';\n\nexport const ${name.toLowerCase()}Chart = (data: unknown) => render('${name.toLowerCase()}', parse(data), getColors());\n`;
    const guards = [['Bar', 'isSingleSeries, isMultiSeries'], ['Boxplot', 'isCandlestickData'], ['Candlestick', 'isCandlestickData'], ['Line', 'isSingleSeries, isMultiSeries']];
    const examples = guards.map(([name = '', guard = '']) => ({ path: `charts/${name.toLowerCase()}.ts`, content: chart(name, guard) }));
    const result = mineTemplate(examples);
    expectRoundTrip(examples, result);
    expect(result.template.files[0]?.content).not.toContain('{{pascalCase name}}Data');
    // Named after its own words, not after its neighbour in the list.
    expect(result.template.files[0]?.content).toContain('  parse, {{isSingleSeries}}, getColors,\n');
    expect(result.template.manifest.params.isSingleSeries?.default).toBe('isSingleSeries, isMultiSeries');
  });

  test('a YAML plain value is one value whole: a label in any words is one param', () => {
    // The workflows' titles follow the name but for an acronym: one `nameLabel` param, not a
    // variant of the line per way of writing it.
    const workflow = (slug: string, title: string) =>
      `name: ${title}\n\non:\n  push:\n    paths:\n      - ${slug}/**\n\njobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n      working-directory: ./${slug}\n`;
    const titles = [['api-gateway', 'API Gateway'], ['order-service', 'Order Service'], ['catalog-service', 'Catalog Service']];
    const examples = titles.map(([slug = '', title = '']) => ({ path: `.github/workflows/${slug}.yml`, content: workflow(slug, title) }));
    const result = mineTemplate(examples);
    expectRoundTrip(examples, result);
    expect(result.template.files[0]?.content.split('\n')[0]).toBe('name: {{nameLabel}}');
    expect(result.template.manifest.params.nameLabel).toMatchObject({ type: 'string', default: '{{titleCase name}}' });
    expect(generateMember(result.template, { name: 'UserService' })[0]?.content).toBe(workflow('user-service', 'User Service'));
    expect(generateMember(result.template, { name: 'SsoService', nameLabel: 'SSO Service' })[0]?.content).toBe(workflow('sso-service', 'SSO Service'));
  });

  test('parts that go together default together: a new member is one kind of member, not halves of two', () => {
    // Two operations take a body (its import, field and validation), two a path ID: the parts of
    // each kind split the members two and two, and each default decided on its own mixed them.
    const handler = (name: string, kind: 'body' | 'path') =>
      [
        'package ops',
        '',
        'import (',
        '\t"net/http"',
        kind === 'body' ? '\t"github.com/go-openapi/validate"' : '\t"strings"',
        ')',
        '',
        `// ${name}Params holds the request of ${name.toLowerCase()}.`,
        `type ${name}Params struct {`,
        '\tHTTPRequest *http.Request',
        kind === 'body' ? `\tBody ${name}Body` : '\tID string',
        '}',
        '',
        `func (o *${name}Params) Bind(r *http.Request) error {`,
        '\to.HTTPRequest = r',
        ...(kind === 'body'
          ? ['\tif err := validate.Required("body", "body", o.Body); err != nil {', '\t\treturn err', '\t}', '\treturn o.Body.Validate()']
          : [`\to.ID = strings.TrimPrefix(r.URL.Path, "/${name.toLowerCase()}/")`, '\treturn nil']),
        '}',
        '',
      ].join('\n');
    const kinds = [['Create', 'body'], ['Update', 'body'], ['Delete', 'path'], ['Fetch', 'path']] as const;
    const examples = kinds.map(([name, kind]) => ({ path: `ops/${name.toLowerCase()}.go`, content: handler(name, kind) }));
    const result = mineTemplate(examples);
    expectRoundTrip(examples, result);
    const [generated] = generateMember(result.template, { name: 'Archive' });
    expect([handler('Archive', 'body'), handler('Archive', 'path')]).toContain(generated?.content);
    // The report says why a default is not the part's own.
    expect(result.report.params.some((param) => /as \w+, \w+ have it: their flags together predict \d+% of the other members' lines/.test(param.why))).toBe(true);
  });

  test('a small part next to a larger one is decided among the members of the larger one\'s default kind', () => {
    // Cobra commands: two with flags (a long init()), three without; two of those three open their
    // init() with a blank line. Counted over all five, the blank line loses 2 to 3; a new command
    // has no flags (the larger part's default), and among such commands it wins 2 to 1.
    const command = (name: string, flags: boolean, blank: boolean) =>
      [
        'package cmd',
        '',
        `var ${name}Cmd = &cobra.Command{`,
        `\tUse: "${name}",`,
        '}',
        '',
        'func init() {',
        ...(blank ? [''] : []),
        `\trootCmd.AddCommand(${name}Cmd)`,
        ...(flags ? ['', '\t// Here you will define your flags and configuration settings.', '', `\t// ${name}Cmd.Flags().BoolP("toggle", "t", false, "Help message")`] : []),
        '}',
        '',
      ].join('\n');
    const kinds: Array<[string, boolean, boolean]> = [
      ['config', true, false],
      ['download', true, false],
      ['info', false, true],
      ['remove', false, true],
      ['list', false, false],
    ];
    const examples = kinds.map(([name, flags, blank]) => ({ path: `cmd/${name}.go`, content: command(name, flags, blank) }));
    const result = mineTemplate(examples);
    expectRoundTrip(examples, result);
    expect(generateMember(result.template, { name: 'health' })[0]?.content).toBe(command('health', false, true));
    expect(result.report.params.some((param) => /as 2 of the 3 members with \w+ false next to it, as a new member has it, have it/.test(param.why))).toBe(true);
    // A part far from the larger one (another file, another body) is decided on its own.
    const far = kinds.map(([name, flags, blank]) => ({ path: `cmd/${name}.go`, content: command(name, flags, false).replace('package cmd\n', blank ? 'package cmd\n\n// Generated.\n' : 'package cmd\n') }));
    expect(generateMember(mineTemplate(far).template, { name: 'health' })[0]?.content).toBe(command('health', false, false));
  });

  test('line breaks that follow the width become a width block, which a new name of any length gets right', () => {
    // As a formatter writes them at 100 columns: the parameters on one line while they fit.
    const camel = (name: string) => name[0]?.toLowerCase() + name.slice(1);
    const service = (name: string) => {
      const one = `    public ${name}Service(${name}Repository ${camel(name)}Repository, ${name}Mapper ${camel(name)}Mapper) {`;
      const wrapped = `    public ${name}Service(\n        ${name}Repository ${camel(name)}Repository,\n        ${name}Mapper ${camel(name)}Mapper\n    ) {`;
      const constructor = one.length <= 100 ? one : wrapped;
      return `@Service\npublic class ${name}Service {\n\n${constructor}\n        this.${camel(name)}Repository = ${camel(name)}Repository;\n    }\n}\n`;
    };
    const names = ['User', 'Category', 'Invoice', 'ProductTag', 'AdditionalVariable'];
    const examples = names.map((name) => ({ path: `src/service/${name}Service.java`, content: service(name) }));
    const result = mineTemplate(examples);
    expect(result.template.files[0]?.content).toContain('{{#fits 100}}\n    public {{pascalCase name}}Service({{pascalCase name}}Repository');
    // No flag is left for the line breaks: the width decides them.
    expect(Object.keys(result.template.manifest.params)).toEqual(['name']);
    expectRoundTrip(examples, result);
    for (const name of ['Tag', 'Supplier', 'OrderItem', 'AccuteProgramVariable']) {
      expect(generateMember(result.template, { name })[0]?.content).toBe(service(name));
    }
    // Inside an optional part (members without a constructor), among the members that have it.
    const bare = (name: string) => `@Service\npublic class ${name}Service {\n}\n`;
    const mixed = [...examples, ...['Tag', 'Note'].map((name) => ({ path: `src/service/${name}Service.java`, content: bare(name) }))];
    const nested = mineTemplate(mixed);
    expect(nested.template.files[0]?.content).toContain('{{#fits 100}}');
    expectRoundTrip(mixed, nested);
  });

  test('one value in several places is one param, where a member lacks one of the places', () => {
    const values = (env: string, host: string) => `# ${env} values\nexports:\n  hosts: ${host}\n  replicas: 1\n`;
    const readme = (env: string, host: string) => `${env}\n\n| Key | Default |\n| hosts | \`${host}\` |\n`;
    const envs = [
      ['dev', 'https://dev.example.com'],
      ['qa', 'http://qa.example.com'],
      ['perf', 'https://perf.example.com'],
      ['prod', 'https://example.com'],
    ] as const;
    const examples = envs.flatMap(([env, host]) => [
      { path: `envs/app-${env}/values.yaml`, content: values(env, host) },
      // The prod chart has no README.
      ...(env === 'prod' ? [] : [{ path: `envs/app-${env}/README.md`, content: readme(env, host) }]),
    ]);
    const result = mineTemplate(examples);
    // The host is written from the name by default (`{{hosts3}}://{{kebabCase name}}.example.com`);
    // whatever it is called, both files write the same param.
    const [readmeTemplate, valuesTemplate] = result.template.files.map((file) => file.content);
    const host = /hosts: (\{\{\w+\}\})/.exec(valuesTemplate ?? '')?.[1];
    expect(host).toBeDefined();
    expect(readmeTemplate).toContain(`| hosts | \`${host}\` |`);
    expectRoundTrip(examples, result);
    const generated = generateMember(result.template, { name: 'Stage', hosts: 'https://stage.example.com' });
    expect(generated.map((file) => file.content)).toEqual([readme('stage', 'https://stage.example.com'), values('stage', 'https://stage.example.com')]);
  });

  test('title underlines as wide as their titles follow the name (reStructuredText, setext Markdown)', () => {
    // One-word modules: reStructuredText's dotted names are Python's, in snake_case.
    const stub = (module: string) => `${module}\n${'='.repeat(module.length)}\n\n.. automodule:: shop.${module}\n   :members:\n`;
    const examples = ['users.api', 'carts.api', 'payments.api'].map((module) => ({ path: `docs/api/${module}.rst`, content: stub(module) }));
    const result = mineTemplate(examples);
    expect(result.report.level).toBe('aligned');
    expect(result.template.files[0]?.content).toBe('{{#underline "="}}\n{{snakeCase plural}}.api{{/underline}}\n\n.. automodule:: shop.{{snakeCase plural}}.api\n   :members:\n');
    expectRoundTrip(examples, result);
    expect(generateMember(result.template, { name: 'ShippingAddress' })[0]?.content).toBe(stub('shipping_addresses.api'));
    // reStructuredText titles with an overline as well.
    const part = (module: string) => `${'#'.repeat(module.length)}\n${module}\n${'#'.repeat(module.length)}\n\n.. automodule:: shop.${module}\n`;
    const parts = ['users', 'carts', 'payments'].map((module) => ({ path: `docs/${module}.rst`, content: part(module) }));
    const overlined = mineTemplate(parts);
    expect(overlined.template.files[0]?.content).toBe('{{#underline "#" overline=true}}\n{{snakeCase plural}}{{/underline}}\n\n.. automodule:: shop.{{snakeCase plural}}\n');
    expectRoundTrip(parts, overlined);
    expect(generateMember(overlined.template, { name: 'ShippingAddress' })[0]?.content).toBe(part('shipping_addresses'));
    // Underlines of one width are text like any other.
    const same = ['users', 'carts'].map((module) => ({ path: `docs/${module}.md`, content: `Users\n=====\n\nAll ${module}.\n` }));
    expect(mineTemplate(same).template.files[0]?.content).toBe('Users\n=====\n\nAll {{noCase plural}}.\n');
  });

  test("an import list kept sorted puts a new member's import where its name sorts", () => {
    const controller = (name: string, extra = '') =>
      [
        '<?php',
        '',
        'namespace App\\Http\\Controllers;',
        '',
        ...[`use App\\${name};`, `use App\\Http\\Requests\\Store${name}Request;`, 'use App\\Http\\Controllers\\Controller;', 'use Gate;', ...(extra ? [extra] : [])].sort(),
        '',
        `class ${name}sController extends Controller`,
        '{',
        `    public function index() { return ${name}::all(); }`,
        '}',
        '',
      ].join('\n');
    const examples = [
      { path: 'app/Http/Controllers/StocksController.php', content: controller('Stock') },
      { path: 'app/Http/Controllers/TeamsController.php', content: controller('Team', 'use Illuminate\\Http\\Request;') },
      { path: 'app/Http/Controllers/UsersController.php', content: controller('User') },
    ];
    const result = mineTemplate(examples);
    expect(result.report.level).toBe('aligned');
    const content = result.template.files[0]?.content ?? '';
    expect(content).toContain('{{#sortLines}}\nuse App\\Http\\Requests\\Store{{pascalCase name}}Request;\nuse App\\\\{{pascalCase name}};\nuse App\\Http\\Controllers\\Controller;\n');
    // No flag says where the member's import goes: the sort does. The one flag is Team's extra import.
    expect(Object.keys(result.template.manifest.params).filter((param) => param.startsWith('has'))).toEqual(['hasRequest']);
    expect(content).toContain('{{#if hasRequest}}\nuse Illuminate\\Http\\Request;\n{{/if}}\n{{/sortLines}}');
    expectRoundTrip(examples, result);
    // Every member's own import sorted after `App\Http`; an Asset's sorts before it.
    expect(generateMember(result.template, { name: 'Asset' })[0]?.content).toBe(controller('Asset'));
    // With the Asset among the members, its lines are in another order than the others': still one list.
    const withAsset = [...examples, { path: 'app/Http/Controllers/AssetsController.php', content: controller('Asset') }];
    const again = mineTemplate(withAsset);
    expect(Object.keys(again.template.manifest.params).filter((param) => param.startsWith('has'))).toEqual(['hasRequest']);
    expectRoundTrip(withAsset, again);
    expect(generateMember(again.template, { name: 'Bank' })[0]?.content).toBe(controller('Bank'));
  });

  test('a member written with Windows line ends is mined as the others, and keeps its line ends', () => {
    const chart = (name: string, port: number) => `apiVersion: v2\nname: ${name}\nport: ${port}\nversion: 1.0.0\n`;
    const examples = [
      { path: 'charts/cart/Chart.yaml', content: chart('cart', 7070) },
      { path: 'charts/checkout/Chart.yaml', content: chart('checkout', 5050).replace(/\n/g, '\r\n') },
      { path: 'charts/email/Chart.yaml', content: chart('email', 8080) },
    ];
    const result = mineTemplate(examples);
    const content = result.template.files[0]?.content ?? '';
    // One flag for the line ends, not a CR optional on every line.
    expect(content).toBe('{{#crlf windowsLineEnds}}\napiVersion: v2\nname: {{noCase name}}\nport: {{port}}\nversion: 1.0.0\n{{/crlf}}');
    expect(result.template.manifest.params.windowsLineEnds).toMatchObject({ type: 'boolean', default: false });
    expectRoundTrip(examples, result);
    expect(generateMember(result.template, { name: 'Ad', port: 9555 })[0]?.content).toBe(chart('ad', 9555));
    expect(generateMember(result.template, { name: 'Ad', port: 9555, windowsLineEnds: true })[0]?.content).toBe(chart('ad', 9555).replace(/\n/g, '\r\n'));
    // The line ends are no example's: a flag that the one CRLF member shares says nothing of them.
    expect(result.template.manifest.examples?.some((example) => 'windowsLineEnds' in example)).toBe(false);
    const withIngress = examples.map((example) => (example.path.includes('checkout') ? { ...example, content: `${example.content}ingress: true\r\n` } : example));
    const kind = mineTemplate(withIngress);
    expectRoundTrip(withIngress, kind);
    const flag = Object.keys(kind.template.manifest.params).find((name) => name !== 'windowsLineEnds' && kind.template.manifest.params[name]?.type === 'boolean') ?? '';
    expect(generateMember(kind.template, { name: 'Ad', port: 9555, [flag]: true })[0]?.content).toBe(`${chart('ad', 9555)}ingress: true\n`);
    // A family written with Windows line ends throughout is read as it is.
    const windows = examples.map((example) => ({ ...example, content: example.content.replace(/\r?\n/g, '\r\n') }));
    const throughout = mineTemplate(windows);
    expect(throughout.template.manifest.params.windowsLineEnds).toBeUndefined();
    expectRoundTrip(windows, throughout);
  });

  test('lines repeated a varying number of times become {{#each}} over a string[] param', () => {
    const lists: Example[] = [
      { path: 'a/user.ts', content: "export const userFields = [\n  'id',\n  'email',\n];\n" },
      { path: 'a/company.ts', content: "export const companyFields = [\n  'id',\n  'name',\n  'vat',\n];\n" },
      { path: 'a/order-item.ts', content: "export const orderItemFields = [\n  'id',\n];\n" },
    ];
    const result = mineTemplate(lists);
    expect(result.template.files[0]?.content).toBe("export const {{camelCase name}}Fields = [\n  'id',\n{{#each items}}\n  '{{this}}',\n{{/each}}\n];\n");
    expect(result.params.map((member) => member.params.items)).toEqual([['name', 'vat'], [], ['email']]);
    expect(result.template.manifest.params.items?.type).toBe('string[]');
    expectRoundTrip(lists, result);
  });

  test('literal {{ }} in JSX and Angular templates survive', () => {
    const examples: Example[] = [
      { path: 'c/UserCard.tsx', content: "export const UserCard = () => <div style={{ display: 'flex' }} id={USER_CARD_ID}>{`${userCard}`}</div>;\n" },
      { path: 'c/ProductTile.tsx', content: "export const ProductTile = () => <div style={{ display: 'grid' }} id={PRODUCT_TILE_ID}>{`${productTile}`}</div>;\n" },
      { path: 'c/UserCard.html', content: '<h1>{{ user.name | titlecase }}</h1>\n<p>{{ 30 }}</p>\n' },
      { path: 'c/ProductTile.html', content: '<h1>{{ product.name | titlecase }}</h1>\n<p>{{ 30 }}</p>\n' },
    ];
    const result = mineTemplate(examples);
    const tsx = result.template.files.find((file) => file.path.endsWith('.tsx.hbs'))?.content ?? '';
    expect(tsx).toContain('style=\\{{');
    const html = result.template.files.find((file) => file.path.endsWith('.html.hbs'))?.content ?? '';
    expect(html).toContain('<p>\\{{ 30 }}</p>');
    expectRoundTrip(examples, result);
    expect(generateMember(result.template, { name: 'OrderItem' }).find((file) => file.path === 'c/OrderItem.html')?.content).toContain('<p>{{ 30 }}</p>');
  });

  test('files only some members have are conditional on a boolean param', () => {
    const examples: Example[] = [
      { path: 'w/StatCard.tsx', content: 'export const StatCard = 1;\n' },
      { path: 'w/StatCard.stories.tsx', content: "export default { title: 'Stat Card' };\n" },
      { path: 'w/KpiTile.tsx', content: 'export const KpiTile = 1;\n' },
      { path: 'w/TeamRoster.tsx', content: 'export const TeamRoster = 1;\n' },
    ];
    const result = mineTemplate(examples);
    // The condition wraps the content (a path cannot hold a block: "{{/if}}" would be a folder).
    const stories = result.template.files.find((file) => file.path === 'w/{{pascalCase name}}.stories.tsx.hbs');
    expect(stories?.content).toBe("{{#if hasStories}}\nexport default { title: '{{titleCase name}}' };\n{{/if}}");
    expect(result.template.files.every((file) => !file.path.includes('{{#') && !file.path.includes('{{/'))).toBe(true);
    expect(result.report.params.find((param) => param.name === 'hasStories')?.why).toMatch(/exists in 1 of 3 members \(StatCard\); default false \(what most members do\)/);
    expectRoundTrip(examples, result);
    // Lines half the members have are kept by default; the report counts them, not "most".
    const half: Example[] = ['Cart', 'Order', 'User', 'Team'].map((name, i) => ({
      path: `src/${name.toLowerCase()}.ts`,
      content: `export const ${name.toLowerCase()} = 1;\n${i < 2 ? `export const ${name.toLowerCase()}Audit = true;\nexport const ${name.toLowerCase()}Log = [];\n` : ''}export default ${name.toLowerCase()};\n`,
    }));
    const tie = mineTemplate(half).report.params.find((param) => param.type === 'boolean');
    expect(tie?.default).toBe(true);
    expect(tie?.why).toMatch(/default true \(what 2 of 4 members do\)/);
    expect(generateMember(result.template, { name: 'Foo' }).map((file) => file.path)).toEqual(['w/Foo.tsx']);
    expect(generateMember(result.template, { name: 'Foo', hasStories: true }).map((file) => file.path)).toContain('w/Foo.stories.tsx');
  });

  test('the report names the grouping, the center and why', () => {
    const { report } = mineTemplate(servers);
    expect(report.unit).toBe('file');
    expect(report.members.map((member) => [member.key, member.name])).toEqual([
      ['src/servers/order-item-api', 'OrderItem'],
      ['src/servers/product-api', 'Product'],
      ['src/servers/user-api', 'User'],
    ]);
    expect(report.params[0]).toMatchObject({ name: 'name', kind: 'entity', confidence: 1 });
    expect(report.reproduced).toHaveLength(3);
  });

  test('the same files in any order give the same template', () => {
    for (const family of loadFamilies().slice(0, 6)) {
      const forward = mineTemplate(family.files, { unit: family.unit });
      const shuffled = [...family.files].reverse();
      shuffled.push(...shuffled.splice(0, 2));
      const backward = mineTemplate(shuffled, { unit: family.unit });
      expect(backward.template).toEqual(forward.template);
      expect(backward.params).toEqual(forward.params);
    }
  });

  test('refuses files that are not a family, saying why and what to pass', () => {
    const { files } = loadFamily(notAFamilyDir);
    for (const unit of ['auto', 'file', 'folder'] as const) {
      let caught: unknown;
      try {
        mineTemplate(files, { unit });
      } catch (error) {
        caught = error;
      }
      expect(isWoptError(caught)).toBe(true);
      expect((caught as { code: string }).code).toBe('E_NOT_A_FAMILY');
      expect((caught as Error).message).toMatch(/not a family: .+\. Pass files that are variations/);
    }
  });

  test('files in one role with unrelated contents are refused; a loose family is still mined', () => {
    const unrelated: Example[] = [
      { path: 'src/jobs/backup.ts', content: 'import { spawn } from "node:child_process";\nspawn("rsync", ["-a", "/srv", "/mnt"]);\n' },
      { path: 'src/jobs/report.ts', content: 'const total = [1, 2, 3].reduce((a, b) => a + b, 0);\nconsole.log(`sum ${total}`);\n' },
      { path: 'src/jobs/cleanup.ts', content: 'export default async function sweep(): Promise<void> {\n  await Bun.sleep(10);\n}\n' },
    ];
    expect(() => mineTemplate(unrelated, { unit: 'file' })).toThrow(/not a family: their contents have almost no lines in common \(\d+\.\d% on average, at least 10% is needed\)/);
    // A large set is measured file by file against its next few, with the same verdict.
    const shapes = [
      (i: number) => `import { spawn } from "node:child_process";\nspawn("rsync", ["-a", "/srv${i}"]);\n`,
      (i: number) => `const total = [${i}, 2].reduce((a, b) => a + b, 0);\nconsole.log(total);\n`,
      (i: number) => `export default async function sweep(): Promise<void> {\n  await Bun.sleep(${i});\n}\n`,
      (i: number) => `type Point = { x: number; y: number };\nexport const origin${i}: Point = { x: 0, y: 0 };\n`,
      (i: number) => `for (let k = 0; k < ${i}; k++) process.stdout.write(".");\n`,
      (i: number) => `class Queue${i}<T> extends Array<T> {}\nnew Queue${i}<string>().push("x");\n`,
      (i: number) => `throw new RangeError("limit ${i} exceeded");\n`,
      (i: number) => `enum Color${i} { Red, Green }\nexport { Color${i} };\n`,
      (i: number) => `while (Math.random() > 0.${i}) {\n  break;\n}\n`,
      (i: number) => `declare global {\n  var flag${i}: boolean;\n}\n`,
    ];
    const many = Array.from({ length: 30 }, (_, i) => ({ path: `src/jobs/job${'abcdefghijklmnopqrstuvwxyzABCD'[i]}.ts`, content: shapes[i % shapes.length]?.(i) ?? '' }));
    expect(() => mineTemplate(many, { unit: 'file' })).toThrow(/not a family: their contents have almost no lines in common/);

    // Two shared lines out of eight or nine: loose, like many real route modules, but a family.
    const route = (name: string, body: string[]) =>
      [`import { Router } from 'express';`, `export const ${name}Router = Router();`, ...body, ''].join('\n');
    const loose: Example[] = [
      { path: 'src/routes/users.ts', content: route('users', ['const cache = new Map();', 'usersRouter.get("/", (req, res) => res.json([...cache.values()]));', 'usersRouter.post("/", (req, res) => {', '  cache.set(req.body.id, req.body);', '  res.sendStatus(201);', '});']) },
      { path: 'src/routes/health.ts', content: route('health', ['let started = Date.now();', 'healthRouter.get("/", (_req, res) => res.json({ uptime: Date.now() - started }));', 'export function reset(): void {', '  started = Date.now();', '}']) },
      { path: 'src/routes/files.ts', content: route('files', ['import multer from "multer";', 'const upload = multer({ dest: "uploads/" });', 'filesRouter.post("/", upload.single("file"), (req, res) => {', '  res.json({ name: req.file?.originalname });', '});']) },
    ];
    const mined = mineTemplate(loose, { unit: 'file' });
    expectRoundTrip(loose, mined);
  });

  test('refuses bad input', () => {
    expect(() => mineTemplate([])).toThrow(/No example files/);
    expect(() => mineTemplate([servers[0] as Example, servers[0] as Example])).toThrow(/given twice/);
    expect(() => mineTemplate([{ path: '../x.ts', content: '' }])).toThrow(/relative/);
  });
});

describe('any subset of a corpus family', () => {
  // Seeded, bounded: a few subsets per family, each mined and then generated for an odd name. The
  // miner refuses what it cannot mine with a WoptError; anything else thrown is a bug (a param named
  // `toString` once was found this way, mining subsets of real families).
  test('is mined and generated for any name, or refused with a WoptError, and what is mined renders its members back', () => {
    let seed = 2026;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const names = ['UserProfile', 'X', 'ApiKey2', 'HTTPServer', 'order-item', 'Über Maß'];
    let mined = 0;
    for (const family of loadFamilies()) {
      for (let k = 0; k < 3; k++) {
        const members = family.members.filter(() => random() < 0.6);
        if (members.length < 2) continue;
        const files = members.flatMap((member) => member.files);
        let result: ReturnType<typeof mineTemplate>;
        try {
          result = mineTemplate(files, { unit: family.unit });
        } catch (error) {
          expect(error, `${family.id}: ${members.map((member) => member.name).join(', ')}`).toBeInstanceOf(WoptError);
          continue;
        }
        mined++;
        expectRoundTrip(files, result);
        const name = names[Math.floor(random() * names.length)] ?? 'X';
        try {
          generateMember(result.template, { name });
        } catch (error) {
          expect(error, `${family.id}: --name ${name}`).toBeInstanceOf(WoptError);
        }
      }
    }
    expect(mined).toBeGreaterThan(20);
  });
});

describe('round trip on the corpus', () => {
  for (const family of loadFamilies()) {
    test(`${family.id}: every member renders back byte for byte`, () => {
      const result = mineTemplate(family.files, { unit: family.unit });
      expect(result.report.level).not.toBe('typical-member');
      expect(result.report.reproduced).toHaveLength(family.members.length);
      expect(result.report.members.map((member) => member.name).sort()).toEqual(family.members.map((member) => member.name).sort());
      expectRoundTrip(family.files, result);
    });
  }
});
