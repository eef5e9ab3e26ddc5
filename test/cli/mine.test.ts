/**
 * `wopt mine` through main(): the human explanation, the --json document, --save into the project
 * library, a family that is not one, and the example in examples/mining.
 */
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeFs } from '../../src/fs/node.js';
import { openLibrary } from '../../src/library/index.js';
import { cleanUp, project, run } from './helpers.js';

afterEach(cleanUp);

const route = (plural: string, pascal: string, pageSize: number) =>
  `import { Router } from 'express';\nimport { ${pascal}Service } from '../services/${plural}.service';\n\nexport const ${plural}Router = Router();\nconst PAGE_SIZE = ${pageSize};\n\n${plural}Router.get('/', async (req, res) => {\n  res.json(await ${pascal}Service.list(PAGE_SIZE));\n});\n`;

const family = {
  'src/routes/users.routes.ts': route('users', 'User', 20),
  'src/routes/products.routes.ts': route('products', 'Product', 50),
  'src/routes/invoices.routes.ts': route('invoices', 'Invoice', 20),
};

describe('wopt mine', () => {
  it('explains the template: members, each param with its values, where it occurs and its confidence, a preview', async () => {
    const cwd = project(family);
    const result = await run(['mine', 'src/routes/*.routes.ts'], { cwd });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Template "routes" mined from 3 members (3 files).');
    expect(result.stdout).toMatch(/^ {2}Invoice {2}src\/routes\/invoices\.routes\.ts$/m);
    expect(result.stdout).toMatch(/^ {2}name \(string, required\), confidence 1\.00$/m);
    expect(result.stdout).toMatch(/^ {2}pageSize \(number, default 20\), confidence 0\.67$/m);
    expect(result.stdout).toContain('values: Invoice=20, Product=50, User=20');
    expect(result.stdout).toContain('what is given picks a kind of member: a value two members share, a flag one has, a name ending as some do');
    expect(result.stdout).toMatch(/occurs in: src\/routes\/\{\{kebabCase plural\}\}\.routes\.ts \(5\)/);
    // The plural is a param of its own, written wherever the members write the plural.
    expect(result.stdout).toMatch(/^ {2}plural \(string, default "\{\{pascalCase \(pluralize name\)\}\}"\), confidence 1\.00$/m);
    expect(result.stdout).toContain('--- src/routes/{{kebabCase plural}}.routes.ts.hbs');
    expect(result.stdout).toContain('export const {{camelCase plural}}Router = Router();');
  });

  it('--json prints the stable document: template, params, members with files relative to the cwd', async () => {
    const root = project(family);
    const result = await run(['mine', 'routes/*.routes.ts', '--json', '--name', 'route', '--root', '..'], { cwd: join(root, 'src') });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      template: 'route',
      params: [
        { name: 'name', type: 'string', description: 'The entity name, in any case: words of letters and digits, no slashes (members: Invoice, Product, User).' },
        {
          name: 'plural',
          type: 'string',
          default: '{{pascalCase (pluralize name)}}',
          description: 'The name in the plural, wherever the template writes it so (members: Invoices, Products, Users); give an irregular plural, or the name itself to keep it singular.',
        },
        { name: 'pageSize', type: 'number', default: 20, description: 'A literal that varies between members.' },
      ],
      members: [
        { files: ['routes/invoices.routes.ts'], params: { name: 'Invoice', plural: 'Invoices', pageSize: 20 } },
        { files: ['routes/products.routes.ts'], params: { name: 'Product', plural: 'Products', pageSize: 50 } },
        { files: ['routes/users.routes.ts'], params: { name: 'User', plural: 'Users', pageSize: 20 } },
      ],
    });
  });

  it('in a large family, each member shows its first params and a param its distinct values with their counts', async () => {
    // Fourteen services, each with its own port and timeouts: ten params beside the name.
    const names = ['cart', 'orders', 'users', 'billing', 'search', 'email', 'audit', 'media', 'stock', 'ratings', 'tags', 'coupons', 'reviews', 'quotes'];
    const config = (name: string, k: number) =>
      `service: ${name}\nport: ${8000 + k}\nreplicas: ${k % 3 === 0 ? 3 : 2}\n` + Array.from({ length: 9 }, (_, t) => `timeout${t}: ${100 * (t + 1) + k}\n`).join('');
    const cwd = project(Object.fromEntries(names.map((name, k) => [`services/${name}.yml`, config(name, k)])));
    const result = await run(['mine', 'services/*.yml'], { cwd });
    expect(result.code).toBe(0);
    const memberLine = result.stdout.split('\n').find((line) => line.startsWith('    ') && line.includes('port=8000'));
    expect(memberLine?.match(/=/g)).toHaveLength(8);
    expect(memberLine).toMatch(/… 3 more params under Params$/);
    expect(result.stdout).toContain('values: 2 (9 members), 3 (5 members)');
    // Fourteen distinct ports: the ten most common (one member each, in order), then a count of the rest.
    expect(result.stdout).toContain('values: 8000 (1 member), 8001 (1 member)');
    expect(result.stdout).toMatch(/8009 \(1 member\), … 4 more values\n/);
    // Every port is its member's own: the default is no most common one.
    expect(result.stdout).toContain("why: takes 14 values across members; default: the most typical member's (no two members share one)");
    expect(result.stdout).toContain('why: takes 2 values across members; default: the most common');
  });

  it('a member with no place for a value reports none for it: left out of --json, "(no place)" in the report', async () => {
    const config = (name: string, database: string | undefined) =>
      `service: ${name}\nport: 8080\n${database === undefined ? '' : `database:\n  name: ${database}\n  pool: 10\n`}`;
    const cwd = project({
      'services/cart.yml': config('cart', 'shop_cart'),
      'services/orders.yml': config('orders', 'shop_orders_v2'),
      'services/users.yml': config('users', 'accounts'),
      'services/gateway.yml': config('gateway', undefined),
    });
    const json = await run(['mine', 'services/*.yml', '--json'], { cwd });
    expect(json.code).toBe(0);
    const members = (JSON.parse(json.stdout) as { members: Array<{ files: string[]; params: Record<string, unknown> }> }).members;
    const database = members.find((member) => member.files[0] === 'services/users.yml')?.params;
    const valueParam = Object.keys(database ?? {}).find((param) => database?.[param] === 'accounts');
    expect(valueParam).toBeDefined();
    const gateway = members.find((member) => member.files[0] === 'services/gateway.yml')?.params ?? {};
    expect(gateway).toHaveProperty('name', 'Gateway');
    expect(gateway).not.toHaveProperty(valueParam ?? '');
    const text = await run(['mine', 'services/*.yml'], { cwd });
    expect(text.stdout).toMatch(new RegExp(`values: .*Gateway=\\(no place\\)`));
  });

  it('a default written over several lines keeps each reason on one line, its line ends shown as \\n', async () => {
    // Two ways to wrap a method's parameters: the text of the `throws` line follows the variant's flag.
    const wrapped = (name: string) =>
      `public class ${name}Api {\n\n    @Post("")\n    public Result<${name}> create${name}(\n        @Body ${name} ${name.toLowerCase()}\n    ) throws InvalidInput {\n        return save(${name.toLowerCase()});\n    }\n}\n`;
    const oneLine = (name: string) =>
      `public class ${name}Api {\n\n    @Post("")\n    public Result<${name}> create${name}(@Body ${name} ${name.toLowerCase()})\n        throws InvalidInput {\n        return save(${name.toLowerCase()});\n    }\n}\n`;
    const files = Object.fromEntries([...['Boat', 'Lamp', 'Desk'].map((name) => [`api/${name}Api.java`, wrapped(name)]), ...['Cup', 'Pen'].map((name) => [`api/${name}Api.java`, oneLine(name)])]);
    const result = await run(['mine', 'api/*.java'], { cwd: project(files) });
    expect(result.code).toBe(0);
    const reasons = result.stdout.split('\n').filter((line) => line.startsWith('    why: takes 2 values'));
    expect(reasons.some((line) => line.includes('throws InvalidInput {\\n{{!}}{{else}}'))).toBe(true);
    // Every line of the Params section is a param's header or one of its indented lines.
    const params = result.stdout.slice(result.stdout.indexOf('Params:'), result.stdout.indexOf('Preview:')).split('\n').slice(1);
    expect(params.filter((line) => line !== '' && !line.startsWith('  '))).toEqual([]);
  });

  it('--save adds the template to the project library, with its provenance', async () => {
    const cwd = project(family);
    const result = await run(['mine', 'src/routes/*.routes.ts', '--name', 'route', '--save'], { cwd });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^saved: template "route" in .*; make a member with `wopt gen route --name <Name>`$/m);
    const library = openLibrary({ fs: nodeFs, root: cwd, env: {}, builtinDir: false });
    expect((await library.list()).map((info) => info.name)).toEqual(['route']);
    const { template } = await library.get('route');
    expect(template.manifest.source).toMatchObject({ kind: 'mined', from: 'src/routes/*.routes.ts', tool: expect.stringMatching(/^wopt \d/) });
    expect(template.manifest.source?.files.map((file) => file.path)).toEqual(['src/routes/invoices.routes.ts', 'src/routes/products.routes.ts', 'src/routes/users.routes.ts']);
    expect(template.manifest.source?.minedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    // Saving the same again changes nothing.
    const again = await run(['mine', 'src/routes/*.routes.ts', '--name', 'route', '--save'], { cwd });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^already saved: template "route"/m);
  });

  it('a file only some members have: --save stores it, and gen makes a member with or without it', async () => {
    const card = (pascal: string) => `export function ${pascal}() {\n  return '${pascal}';\n}\n`;
    const cwd = project({
      'src/StatCard.tsx': card('StatCard'),
      'src/StatCard.stories.tsx': "export default { title: 'Stat Card' };\n",
      'src/KpiTile.tsx': card('KpiTile'),
      'src/TeamRoster.tsx': card('TeamRoster'),
    });
    const saved = await run(['mine', 'src/*', '--name', 'card', '--save'], { cwd });
    expect(saved.stderr).toBe('');
    expect(saved.code).toBe(0);
    const bare = await run(['gen', 'card', '--name', 'PriceTag'], { cwd });
    expect(bare.stderr).toBe('');
    expect(bare.code).toBe(0);
    expect(readdirSync(join(cwd, 'src')).filter((name) => name.startsWith('PriceTag'))).toEqual(['PriceTag.tsx']);
    const withStories = await run(['gen', 'card', '--name', 'AlertBox', '--set', 'hasStories=true'], { cwd });
    expect(withStories.code).toBe(0);
    expect(readFileSync(join(cwd, 'src/AlertBox.stories.tsx'), 'utf8')).toBe("export default { title: 'Alert Box' };\n");
  });

  it('refuses files that are not a family with one line and exit code 1', async () => {
    const cwd = project({
      'misc/deploy.sh': '#!/bin/sh\nset -e\nrsync -a dist/ host:/srv/www\n',
      'misc/notes.md': '# Notes\n\nBuy milk and call the plumber.\n',
      'misc/nginx.conf': 'server {\n  listen 80;\n  root /srv/www;\n}\n',
    });
    const result = await run(['mine', 'misc/*'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^wopt: These 3 files are not a family: .* \[E_NOT_A_FAMILY\]\n$/);
  });

  it('says before mining a large input that it may take a while, and that the glob may be wider than meant', async () => {
    // One file over 512 KB (a dump, generated data) among the members: the notice comes first,
    // whatever the mining then says (here: no family).
    const dump = Array.from({ length: 40_000 }, (_, i) => `chunk ${i.toString(16).padStart(8, '0')}: ${i}`).join('\n');
    const cwd = project({ 'src/out/dump.txt': `${dump}\n`, 'src/out/a.txt': 'alpha\n', 'src/out/b.txt': 'beta\n' });
    const result = await run(['mine', 'src/out/*.txt'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^wopt: mining 3 files \(849 KB\) matched by "src\/out\/\*\.txt" as one family; this may take a while\. .*narrow the glob if it matches more than you meant\.\nwopt: These 3 files are not a family/);
    // A family of ordinary size says nothing of it.
    const quiet = await run(['mine', 'src/routes/*.routes.ts'], { cwd: project(family) });
    expect(quiet.stderr).toBe('');
  });

  it('refuses a glob that matches nothing (1) and a missing glob (2)', async () => {
    const cwd = project(family);
    const none = await run(['mine', 'src/*.vue'], { cwd });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/matches no file.*\[E_NOT_FOUND\]/);
    expect(none.stderr).not.toMatch(/does not exist/);
    // A folder that is not there is named, not reported as a failed read.
    const noFolder = await run(['mine', 'src/widgets/parts/**/*.ts'], { cwd });
    expect(noFolder.code).toBe(1);
    expect(noFolder.stderr).toMatch(/^wopt: The glob "src\/widgets\/parts\/\*\*\/\*\.ts" matches no file below .* \(the folder "src\/widgets" does not exist\)\. Quote the glob/);
    expect(noFolder.stderr).not.toMatch(/readdir/);
    const missing = await run(['mine'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing the glob/);
    const badUnit = await run(['mine', 'src/routes/*', '--unit', 'dir'], { cwd });
    expect(badUnit.code).toBe(2);
  });

  it('mines examples/mining (four service classes, one with an extra method)', async () => {
    const cwd = project();
    cpSync(join(import.meta.dirname, '..', '..', 'examples', 'mining'), cwd, { recursive: true });
    const result = await run(['mine', 'src/services/*.service.ts', '--json'], { cwd });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout) as { template: string; params: Array<{ name: string; type: string }>; members: Array<{ files: string[]; params: Record<string, unknown> }> };
    expect(document.template).toBe('services');
    expect(document.members.map((member) => member.params.name)).toEqual(['Invoice', 'OrderItem', 'Product', 'User']);
    expect(document.members.map((member) => member.files)).toEqual([
      ['src/services/invoice.service.ts'],
      ['src/services/order-item.service.ts'],
      ['src/services/product.service.ts'],
      ['src/services/user.service.ts'],
    ]);
    // The page size is a param; Invoice's extra method is an optional block only it turns on.
    expect(document.members.map((member) => member.params.pageSize)).toEqual([20, 20, 50, 20]);
    const flag = document.params.find((param) => param.type === 'boolean')?.name ?? '';
    expect(document.members.map((member) => member.params[flag])).toEqual([true, false, false, false]);
    // The second run comes from the cache written by the first.
    expect(readdirSync(join(cwd, '.wopt', 'cache', 'mined'))).toHaveLength(1);
  });
});
