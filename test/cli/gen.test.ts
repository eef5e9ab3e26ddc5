/**
 * `wopt gen` through main() with fake io, on real temp dirs.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Prompter } from '../../src/cli/prompt.js';
import { ANSI, cleanUp, hashTree, jsonl, project, read, run } from './helpers.js';

afterEach(cleanUp);

const template = {
  'templates/card/template.json': JSON.stringify({
    name: 'card',
    params: {
      name: { type: 'string', prompt: 'Card name?' },
      count: { type: 'number', default: 1 },
      tags: { type: 'string[]', default: [] },
    },
  }),
  'templates/card/files/cards/{{kebabCase name}}.txt.hbs': '{{pascalCase name}} x{{count}}{{#each tags}} #{{this}}{{/each}}\n',
};

/** Runs main() with a TTY on stdin and stderr and a scripted prompter. */
async function runTty(argv: readonly string[], cwd: string, answers: { input?: string[]; confirm?: boolean[] }) {
  let stdout = '';
  let stderr = '';
  const asked: string[] = [];
  const prompt: Prompter = {
    input: async (question) => {
      asked.push(question.message);
      return answers.input?.shift() ?? '';
    },
    confirm: async (question) => {
      asked.push(question.message);
      return answers.confirm?.shift() ?? false;
    },
  };
  const stdin = Object.assign(Readable.from([]), { isTTY: true });
  const code = await main({
    argv,
    cwd,
    env: {},
    stdin,
    stdout: { write: (text: string) => (stdout += text), isTTY: true },
    stderr: { write: (text: string) => (stderr += text), isTTY: true },
    prompt,
  } as Parameters<typeof main>[0]);
  return { code, stdout, stderr, asked };
}

describe('wopt gen', () => {
  it('names a bad --name by its param, the pattern and what is expected, once', async () => {
    const dir = project({
      'templates/handler/template.json': JSON.stringify({
        name: 'handler',
        params: { name: { type: 'string', pattern: '^[A-Z][A-Za-z0-9]*$', description: 'The entity name in PascalCase.' } },
      }),
      'templates/handler/files/{{lowerFirst name}}.go.hbs': 'func {{name}}() {}\n',
    });
    const result = await run(['gen', 'handler', '--name', 'get-order-by-id'], { cwd: dir });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toBe(
      'wopt: the params given: Template "handler": the param "name" is "get-order-by-id", which does not match ^[A-Z][A-Za-z0-9]*$. Expected: The entity name in PascalCase. [E_TEMPLATE_PARAM]\n',
    );
    expect(existsSync(join(dir, 'get-order-by-id.go'))).toBe(false);
    expect((await run(['gen', 'handler', '--name', 'GetOrderByID'], { cwd: dir })).code).toBe(0);
    expect(read(dir, 'getOrderByID.go')).toBe('func GetOrderByID() {}\n');
  });

  it('generates one item from --name and --set, typed by the manifest, and records it', async () => {
    const dir = project(template);
    const result = await run(['gen', 'card', '--name', 'user card', '--set', 'count=3', '--set', 'tags=a,b'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(read(dir, 'cards/user-card.txt')).toBe('UserCard x3 #a #b\n');
    expect(result.stdout).toMatch(/^card@[0-9a-f]{12}: 1 item\ngenerated \d+ files? in/);
    const record = JSON.parse(read(dir, 'wopt.generated.json')) as {
      files: { path: string; params: unknown }[];
    };
    expect(record.files.map((file) => [file.path, file.params])).toEqual([['cards/user-card.txt', { count: 3, name: 'user card', tags: ['a', 'b'] }]]);
  });

  it('generates a whole list from --params (JSONL), relative to --root, with --set for every item', async () => {
    // --root is the project: its templates/ folder and its output.
    const dir = project({
      ...Object.fromEntries(Object.entries(template).map(([path, content]) => [`out/${path}`, content])),
      'list.jsonl': jsonl([{ name: 'a' }, { name: 'b', count: 2 }, { name: 'c' }]),
    });
    const result = await run(['gen', 'card', '--params', 'list.jsonl', '--set', 'count=7', '--root', 'out', '--json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      items: number;
      counts: { created: number };
    };
    expect(report.items).toBe(3);
    expect(report.counts.created).toBe(3 + 1 + 2); // 3 cards, the record, the pinned template version (2 files)
    expect([read(dir, 'out/cards/a.txt'), read(dir, 'out/cards/b.txt'), read(dir, 'out/cards/c.txt')]).toEqual(['A x7\n', 'B x2\n', 'C x7\n']);
  });

  it('names the bad item by its line, and writes nothing', async () => {
    const dir = project({
      ...template,
      'list.jsonl': jsonl([{ name: 'a' }, { count: 2 }]),
    });
    const before = hashTree(dir);
    const result = await run(['gen', 'card', '--params', 'list.jsonl'], {
      cwd: dir,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^wopt: list\.jsonl line 2: Template "card": the param "name" is required.*\[E_TEMPLATE_PARAM\]\n$/);
    expect(hashTree(dir, { exclude: ['.wopt'] })).toBe(before);
  });

  it('off a TTY, a missing required param is a usage error naming the param and the flag', async () => {
    const dir = project(template);
    const result = await run(['gen', 'card'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/missing the required param "name" of template "card"; pass --set name=<value> \(or --name <value>\)/);
  });

  it('on a TTY, asks for a missing required param with the prompter', async () => {
    const dir = project(template);
    const result = await runTty(['gen', 'card'], dir, {
      input: ['order list'],
    });
    expect(result.asked).toEqual(['Card name?']);
    expect(result.code).toBe(0);
    expect(read(dir, 'cards/order-list.txt')).toBe('OrderList x1\n');
  });

  it('off a TTY, refuses to overwrite a file it did not generate without --yes, naming it', async () => {
    const dir = project({ ...template, 'cards/a.txt': 'mine\n' });
    const refused = await run(['gen', 'card', '--name', 'a'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/would overwrite 1 existing file .*"cards\/a\.txt".*Nothing was written.*--yes.*\[E_EXISTS\]/);
    expect(read(dir, 'cards/a.txt')).toBe('mine\n');
    const forced = await run(['gen', 'card', '--name', 'a', '--yes'], {
      cwd: dir,
    });
    expect(forced.code).toBe(0);
    expect(read(dir, 'cards/a.txt')).toBe('A x1\n');
  });

  it('on a TTY, asks before overwriting, and a no writes nothing', async () => {
    const dir = project({ ...template, 'cards/a.txt': 'mine\n' });
    const result = await runTty(['gen', 'card', '--name', 'a'], dir, {
      confirm: [false],
    });
    expect(result.asked).toEqual(['Overwrite 1 existing file (cards/a.txt)?']);
    expect(result.code).toBe(1);
    expect(read(dir, 'cards/a.txt')).toBe('mine\n');
  });

  it('--dry-run prints the plan and a coloured diff, and writes nothing', async () => {
    const dir = project({ ...template, 'cards/a.txt': 'old\n' });
    const before = hashTree(dir);
    const plain = await run(['gen', 'card', '--name', 'a', '--dry-run'], {
      cwd: dir,
    });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('dry run: would commit');
    expect(plain.stdout).toMatch(/updated\s+cards\/a\.txt/);
    expect(plain.stdout).toContain('-old\n+A x1\n');
    expect(plain.stdout).toMatch(/needs --yes .*cards\/a\.txt/);
    const coloured = await run(['gen', 'card', '--name', 'a', '--dry-run'], {
      cwd: dir,
      env: { FORCE_COLOR: '1' },
    });
    expect(coloured.stdout).toMatch(ANSI);
    expect(hashTree(dir)).toBe(before);
  });

  it('shows a progress bar on a TTY stderr, and none off a TTY or in CI', async () => {
    const dir = project({
      ...template,
      'list.jsonl': jsonl([{ name: 'a' }, { name: 'b' }]),
    });
    const tty = await runTty(['gen', 'card', '--params', 'list.jsonl'], dir, {});
    expect(tty.stderr).toContain('\r\u001b[2K');
    expect(tty.stderr).toMatch(/2\/2 items|2 items/);
    const ci = await run(['gen', 'card', '--params', 'list.jsonl', '--force', '--yes'], { cwd: dir, env: { CI: 'true' } });
    expect(ci.stderr).toBe('');
  });

  it('renders with the helpers module named in the config, and refuses a broken one before writing', async () => {
    const dir = project({
      'wopt.config.json': JSON.stringify({ helpers: './wopt.helpers.mjs' }),
      'wopt.helpers.mjs': 'export const shout = (s) => `${String(s).toUpperCase()}!`;\n',
      'templates/banner/template.json': JSON.stringify({ name: 'banner', params: { name: { type: 'string' } } }),
      'templates/banner/files/{{kebabCase name}}.txt.hbs': '{{shout name}}\n',
    });
    const result = await run(['gen', 'banner', '--name', 'hello world'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(read(dir, 'hello-world.txt')).toBe('HELLO WORLD!\n');

    // (Another file: this process has the first one in its module cache, as a fresh CLI would not.)
    writeFileSync(join(dir, 'broken.helpers.mjs'), 'export const shout = "not a function";\n');
    writeFileSync(join(dir, 'wopt.config.json'), JSON.stringify({ helpers: 'broken.helpers.mjs' }));
    const broken = await run(['gen', 'banner', '--name', 'other'], { cwd: dir });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/wopt\.config\.json.*"helpers": "broken\.helpers\.mjs".*the export "shout" is string, not a function.*\[E_CONFIG_INVALID\]/s);
    expect(existsSync(join(dir, 'other.txt'))).toBe(false);
  });

  it('refuses an unknown --set key with a suggestion', async () => {
    const dir = project(template);
    const unknown = await run(['gen', 'card', '--name', 'a', '--set', 'cuont=2'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no param "cuont".*Did you mean "count"/);
  });

  it('refuses a --set value of the wrong type, naming the flag, the param and the help, in one sentence', async () => {
    const dir = project(template);
    const wrong = await run(['gen', 'card', '--name', 'a', '--set', 'count=many'], { cwd: dir });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--set count=many: .*"count".*"many" is not one; see `wopt gen --help` \[E_USAGE\]/);
    expect(wrong.stderr).not.toContain('.;');
  });

  it('--from mines the template from existing files (through the miner hook) and generates a new member', async () => {
    const member = (name: string, plural: string): string =>
      `export interface ${name} {\n  id: string;\n}\n\nexport const ${plural.toLowerCase()}Url = '/api/${plural.toLowerCase()}';\n`;
    const dir = project({
      'src/models/user.ts': member('User', 'Users'),
      'src/models/order.ts': member('Order', 'Orders'),
      'src/models/invoice.ts': member('Invoice', 'Invoices'),
    });
    const result = await run(['gen', '--from', 'src/models/*.ts', '--name', 'product'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(read(dir, 'src/models/product.ts')).toBe(member('Product', 'Products'));

    // The positional name names the mined template (in the record); --unit chooses the grouping.
    const named = await run(['gen', 'model', '--from', 'src/models/*.ts', '--unit', 'file', '--name', 'customer'], { cwd: dir });
    expect(named.stderr).toBe('');
    expect(named.code).toBe(0);
    expect(read(dir, 'src/models/customer.ts')).toBe(member('Customer', 'Customers'));
    const record = JSON.parse(read(dir, 'wopt.generated.json')) as { files: { path: string; template: string }[] };
    expect(record.files.find((file) => file.path === 'src/models/customer.ts')?.template).toBe('model');

    // A name whose first word the members' text already writes before it is generated as asked,
    // with a warning naming the doubled text (`interface ... {` has no word before the name).
    const prefixed = (name: string): string => `export const shop${name} = 'shop-${name.toLowerCase()}';\n`;
    const shops = project({ 'src/shops/cart.ts': prefixed('Cart'), 'src/shops/order.ts': prefixed('Order'), 'src/shops/stock.ts': prefixed('Stock') });
    const doubled = await run(['gen', '--from', 'src/shops/*.ts', '--name', 'ShopWindow'], { cwd: shops });
    expect(doubled.code).toBe(0);
    expect(read(shops, 'src/shops/shop-window.ts')).toBe("export const shopShopWindow = 'shop-shop-window';\n");
    expect(doubled.stderr).toMatch(/^wopt: warning: src\/shops\/shop-window\.ts: "shopShopWindow" repeats the first word of name "ShopWindow": the template writes that word before the value\. .*\("Window"\)/m);

    // A value given that the output cannot show (the role check sits in the block of the auth
    // middleware, as every member checking roles uses auth) is generated as asked, with a warning
    // naming the value that leaves it out.
    const routes = (name: string, lines: string[]): string => `import { serve } from './serve';\n\nconst app = serve('${name}');\n${lines.map((line) => `${line}\n`).join('')}`;
    const guarded = ['app.use(auth);', "app.get('/', requireRole('admin'));"];
    const app = project({
      'src/routes/user.ts': routes('user', guarded),
      'src/routes/order.ts': routes('order', guarded),
      'src/routes/item.ts': routes('item', guarded.slice(0, 1)),
      'src/routes/tag.ts': routes('tag', []),
    });
    const ignored = await run(['gen', '--from', 'src/routes/*.ts', '--name', 'stock', '--set', 'hasApp=true', '--set', 'hasApp2=false'], { cwd: app });
    expect(ignored.code).toBe(0);
    expect(read(app, 'src/routes/stock.ts')).toBe(routes('stock', []));
    expect(ignored.stderr).toMatch(/^wopt: warning: hasApp true changes nothing: the template reads hasApp only inside blocks that hasApp2 false leaves out\. To have it written, give hasApp2 true as well; else leave hasApp out\.$/m);

    const misplaced = await run(['gen', 'model', '--unit', 'file', '--name', 'x'], { cwd: dir });
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).toMatch(/--unit applies to --from only/);
  });

  it('--from refuses a name with no letter or digit, or with a slash, and writes nothing', async () => {
    const member = (name: string): string => `export const ${name.toLowerCase()}Id = '${name}';\n`;
    const dir = project({ 'src/ids/user.ts': member('User'), 'src/ids/order.ts': member('Order') });
    // Mining caches its template under .wopt/cache; the project itself is untouched.
    const before = hashTree(dir, { exclude: ['.wopt'] });
    for (const name of ['', ' ', '...', '../evil', 'a\\b']) {
      const result = await run(['gen', '--from', 'src/ids/*.ts', '--name', name, '--yes'], { cwd: dir });
      expect(result.code, name).toBe(1);
      expect(result.stderr, name).toContain(`the param "name" is ${name === '' ? 'empty' : JSON.stringify(name)}, which does not match`);
      expect(result.stderr, name).toContain('Expected: The entity name, in any case: words of letters and digits, no slashes (members: Order, User).');
    }
    expect(hashTree(dir, { exclude: ['.wopt'] })).toEqual(before);
    const spaced = await run(['gen', '--from', 'src/ids/*.ts', '--name', 'line item', '--yes'], { cwd: dir });
    expect(spaced.code).toBe(0);
    expect(read(dir, 'src/ids/line-item.ts')).toBe(member('LineItem').replace('lineitemId', 'lineItemId'));
  });

  it('--from: a value given with --set that members share makes the params left out follow them, from the cache too', async () => {
    const hook = (name: string, method: string, cached: boolean): string =>
      `import { request } from '../request';\n\nexport function use${name}(body?: unknown) {\n  return request({\n    method: '${method}',\n    url: '/api/${name.toLowerCase()}',\n${cached ? '    staleTime: 60_000,\n' : ''}    body,\n  });\n}\n`;
    const dir = project({
      'src/hooks/useUsers.ts': hook('Users', 'get', true),
      'src/hooks/useOrders.ts': hook('Orders', 'get', true),
      'src/hooks/useCarts.ts': hook('Carts', 'get', false),
      'src/hooks/useLogin.ts': hook('Login', 'post', false),
      'src/hooks/useLogout.ts': hook('Logout', 'post', false),
      'src/hooks/useSignup.ts': hook('Signup', 'put', false),
    });
    const mined = JSON.parse((await run(['mine', 'src/hooks/*.ts', '--json'], { cwd: dir })).stdout) as { params: { name: string; default?: unknown }[] };
    const method = mined.params.find((param) => param.default === 'get' || param.default === 'post' || param.default === 'put')?.name ?? 'method';
    const first = await run(['gen', '--from', 'src/hooks/*.ts', '--name', 'Products', '--set', `${method}=get`], { cwd: dir });
    // Said, so that no default is a surprise; --json carries it in the report.
    expect(first.stderr).toMatch(new RegExp(`^wopt: defaults as most of the 3 examples with ${method}="get" have them: \\w+=true\n$`));
    expect(read(dir, 'src/hooks/useProducts.ts')).toBe(hook('Products', 'get', true));
    // The second run serves the template from the cache, examples and all.
    expect(readdirSync(join(dir, '.wopt', 'cache', 'mined')).filter((file) => file.endsWith('.json'))).toHaveLength(1);
    const second = await run(['gen', '--from', 'src/hooks/*.ts', '--name', 'Invoices', '--set', `${method}=get`], { cwd: dir });
    expect(second.code).toBe(0);
    expect(read(dir, 'src/hooks/useInvoices.ts')).toBe(hook('Invoices', 'get', true));
    const post = await run(['gen', '--from', 'src/hooks/*.ts', '--name', 'Register', '--set', `${method}=post`, '--json'], { cwd: dir });
    expect(read(dir, 'src/hooks/useRegister.ts')).toBe(hook('Register', 'post', false));
    // The get hooks are the most common kind, so the defaults are theirs; the post hooks' are noted.
    expect((JSON.parse(post.stdout) as { notes: string[] }).notes).toEqual([expect.stringMatching(new RegExp(`^defaults as most of the 2 examples with ${method}="post" have them: \\w+=false$`))]);
    // In a batch, each item's note names the item (the hooks generated so far are members now).
    writeFileSync(join(dir, 'hooks.jsonl'), jsonl([{ name: 'Shops', [method]: 'get' }, { name: 'Reset', [method]: 'post' }]));
    const batch = await run(['gen', '--from', 'src/hooks/*.ts', '--params', 'hooks.jsonl'], { cwd: dir });
    expect(batch.code).toBe(0);
    expect(batch.stderr).toMatch(/^wopt: hooks\.jsonl line 2: defaults as most of the 3 examples with \w+="post" have them: \w+=false$/m);
    expect(read(dir, 'src/hooks/useShops.ts')).toBe(hook('Shops', 'get', true));
  });

  it('--from: a value given for a default written from the plural spells the plural, and the file follows it', async () => {
    const response = (plural: string): string => `import 'data_${plural.toLowerCase()}.dart';\n\nclass ${plural}Response {\n  Data${plural}? data;\n}\n`;
    const dir = project(Object.fromEntries(['Events', 'Stories', 'Series', 'Characters'].map((plural) => [`lib/model/${plural.toLowerCase()}_response.dart`, response(plural)])));
    const mined = JSON.parse((await run(['mine', 'lib/model/*.dart', '--json'], { cwd: dir })).stdout) as { params: { name: string }[]; members: { params: Record<string, unknown> }[] };
    // The param whose value is the data class, whatever the miner calls it.
    const dataClass = mined.params.find((param) => mined.members.every((member) => /^Data[A-Z]/u.test(String(member.params[param.name]))))?.name ?? 'data';
    // Without it, the plural is the name's.
    const plain = await run(['gen', '--from', 'lib/model/*.dart', '--name', 'Issue', '--yes'], { cwd: dir });
    expect(plain.code).toBe(0);
    expect(plain.stderr).toBe('');
    expect(read(dir, 'lib/model/issues_response.dart')).toBe(response('Issues'));
    const single = await run(['gen', '--from', 'lib/model/*.dart', '--name', 'Comic', '--set', `${dataClass}=DataComic`, '--yes'], { cwd: dir });
    expect(single.code).toBe(0);
    expect(single.stderr).toMatch(/^wopt: .*plural="Comic".*, as \w+="DataComic" spells them\n$/u);
    expect(read(dir, 'lib/model/comic_response.dart')).toBe(response('Comic'));
    expect(existsSync(join(dir, 'lib/model/comics_response.dart'))).toBe(false);
  });

  it('--from says what the miner warns of the template it generates from', async () => {
    const dir = project({ 'src/models/user.ts': 'export interface User {\n  id: string;\n}\n' });
    const result = await run(['gen', '--from', 'src/models/*.ts', '--name', 'order'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^wopt: warning: only one member: the template is that member with its name abstracted/m);
    expect(read(dir, 'src/models/order.ts')).toBe('export interface Order {\n  id: string;\n}\n');
  });
});
