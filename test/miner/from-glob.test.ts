/**
 * mineFromGlob on real temp dirs, through a counting fault port: glob expansion, companions by stem,
 * dotfiles and node_modules skipped (dot folders the glob names searched), and the cache (hit, miss
 * after an edit, a different glob).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createFaultPort } from '../../src/fs/fault.js';
import { nodeFs } from '../../src/fs/node.js';
import { format } from 'prettier';
import { renderTemplate } from '../../src/library/render.js';
import { generateMember, mineFromGlob } from '../../src/miner/index.js';
import { createRenderer } from '../../src/render/index.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wopt-mine-'));
  made.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const component = (kebab: string, pascal: string, title: string) => ({
  [`src/app/${kebab}/${kebab}.component.ts`]: `import { Component } from '@angular/core';\n\n@Component({\n  selector: 'app-${kebab}',\n  templateUrl: './${kebab}.component.html',\n})\nexport class ${pascal}Component {\n  title = '${title}';\n}\n`,
  [`src/app/${kebab}/${kebab}.component.html`]: `<h2>{{ title }}</h2>\n<app-${kebab}-body></app-${kebab}-body>\n`,
  [`src/app/${kebab}/${kebab}.component.spec.ts`]: `import { ${pascal}Component } from './${kebab}.component';\n\ndescribe('${pascal}Component', () => {\n  it('creates', () => {\n    expect(new ${pascal}Component()).toBeTruthy();\n  });\n});\n`,
});

const angular = {
  ...component('user-profile', 'UserProfile', 'Profile'),
  ...component('order-list', 'OrderList', 'Orders'),
  ...component('login-form', 'LoginForm', 'Sign in'),
  'src/app/.cache/x.component.ts': 'hidden\n',
  'src/app/node_modules/y.component.ts': 'vendored\n',
  'src/app/README.md': '# not a member\n',
};

describe('mineFromGlob', () => {
  test('a glob matching one file per member picks up the companions sharing its stem', async () => {
    const root = project(angular);
    const result = await mineFromGlob({ fs: nodeFs, root, cwd: root, pattern: 'src/app/*/*.component.ts', cacheDir: false });
    expect(result.files).toEqual([
      'src/app/login-form/login-form.component.html',
      'src/app/login-form/login-form.component.spec.ts',
      'src/app/login-form/login-form.component.ts',
      'src/app/order-list/order-list.component.html',
      'src/app/order-list/order-list.component.spec.ts',
      'src/app/order-list/order-list.component.ts',
      'src/app/user-profile/user-profile.component.html',
      'src/app/user-profile/user-profile.component.spec.ts',
      'src/app/user-profile/user-profile.component.ts',
    ]);
    expect(result.cached).toBe(false);
    expect(result.report.members.map((member) => member.name)).toEqual(['LoginForm', 'OrderList', 'UserProfile']);
    expect(result.template.files.map((file) => file.path)).toEqual([
      'src/app/{{kebabCase name}}/{{kebabCase name}}.component.html.hbs',
      'src/app/{{kebabCase name}}/{{kebabCase name}}.component.spec.ts.hbs',
      'src/app/{{kebabCase name}}/{{kebabCase name}}.component.ts.hbs',
    ]);
    // The Angular interpolation survives as text.
    const html = generateMember(result.template, { name: 'ShoppingCart' }).find((file) => file.path.endsWith('.html'));
    expect(html?.content).toBe('<h2>{{ title }}</h2>\n<app-shopping-cart-body></app-shopping-cart-body>\n');
  });

  test('dot folders the glob names are searched; others, and .wopt, stay skipped', async () => {
    const workflow = (name: string) => `name: ${name}\non:\n  push:\n    paths: ['src/${name}/**']\njobs:\n  build:\n    runs-on: ubuntu-latest\n`;
    const root = project({
      '.github/workflows/basket/workflow.yml': workflow('basket'),
      '.github/workflows/catalog/workflow.yml': workflow('catalog'),
      '.github/workflows/ordering/workflow.yml': workflow('ordering'),
      '.github/workflows/.draft/workflow.yml': workflow('draft'),
      '.wopt/workflows/x/workflow.yml': workflow('x'),
    });
    const result = await mineFromGlob({ fs: nodeFs, root, cwd: root, pattern: '.github/workflows/*/workflow.yml', cacheDir: false });
    expect(result.files).toEqual(['.github/workflows/basket/workflow.yml', '.github/workflows/catalog/workflow.yml', '.github/workflows/ordering/workflow.yml']);
    expect(generateMember(result.template, { name: 'payment' })).toEqual([{ path: '.github/workflows/payment/workflow.yml', content: workflow('payment') }]);
  });

  test('folders named like patterns are taken literally: Next.js (group) and [param] folders', async () => {
    const page = (name: string) => `export default function ${name}Page() {\n  return <Doc slug="${name.toLowerCase()}" />;\n}\n`;
    const root = project({
      'app/(docs)/docs/accordion/page.tsx': page('Accordion'),
      'app/(docs)/docs/alert/page.tsx': page('Alert'),
      'app/(docs)/docs/badge/page.tsx': page('Badge'),
      'app/blog/[id]/accordion/page.tsx': page('Accordion'),
      'app/blog/[id]/alert/page.tsx': page('Alert'),
      'app/blog/i/stray/page.tsx': page('Stray'),
    });
    const groups = await mineFromGlob({ fs: nodeFs, root, cwd: root, pattern: 'app/(docs)/docs/*/**/*', cacheDir: false });
    expect(groups.files).toEqual(['app/(docs)/docs/accordion/page.tsx', 'app/(docs)/docs/alert/page.tsx', 'app/(docs)/docs/badge/page.tsx']);
    expect(generateMember(groups.template, { name: 'Card' })).toEqual([{ path: 'app/(docs)/docs/card/page.tsx', content: page('Card') }]);
    const params = await mineFromGlob({ fs: nodeFs, root, cwd: root, pattern: 'app/blog/[id]/*/page.tsx', cacheDir: false });
    expect(params.files).toEqual(['app/blog/[id]/accordion/page.tsx', 'app/blog/[id]/alert/page.tsx']);
    // A pattern keeps its meaning: a class over one letter, an alternation.
    const classes = await mineFromGlob({ fs: nodeFs, root, cwd: root, pattern: 'app/(docs)/docs/[ab]*/page.tsx', cacheDir: false });
    expect(classes.files).toEqual(['app/(docs)/docs/accordion/page.tsx', 'app/(docs)/docs/alert/page.tsx', 'app/(docs)/docs/badge/page.tsx']);
  });

  test('binary files beside the members are left out and said so; a byte-order mark stays', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const latin1 = Uint8Array.from([0x63, 0x61, 0x66, 0xe9]); // "café" in Latin-1: not UTF-8
    const view = (name: string) => `\uFEFFexport const ${name} = () => '${name}';\r\n`;
    const root = project({
      'src/views/Home/Home.ts': view('Home'),
      'src/views/Home/logo.png': png,
      'src/views/Cart/Cart.ts': view('Cart'),
      'src/views/Cart/logo.png': png,
      'src/views/Cart/notes.txt': latin1,
      'src/views/Shop/Shop.ts': view('Shop'),
      'src/views/Shop/logo.png': png,
    });
    const result = await mineFromGlob({ fs: nodeFs, root, cwd: root, pattern: 'src/views/*/**/*', cacheDir: false });
    expect(result.files).toEqual(['src/views/Cart/Cart.ts', 'src/views/Home/Home.ts', 'src/views/Shop/Shop.ts']);
    expect(result.report.warnings.join('\n')).toContain('left out 4 binary files');
    expect(result.report.warnings.join('\n')).toContain('src/views/Cart/notes.txt');
    expect(generateMember(result.template, { name: 'Account' })).toEqual([{ path: 'src/views/Account/Account.ts', content: view('Account') }]);
    await expect(mineFromGlob({ fs: nodeFs, root, cwd: root, pattern: 'src/views/*/logo.png', cacheDir: false })).rejects.toMatchObject({
      code: 'E_NOT_A_FAMILY',
      message: expect.stringContaining('only binary files') as unknown,
    });
  });

  test('members formatted by prettier: the template records the options and formats what it generates', async () => {
    const options = { parser: 'typescript', singleQuote: true, printWidth: 80 } as const;
    const selector = (name: string) => format(`export const ${name}Selector = selector({ key: '${name}Selector', get: read });\n`, options);
    // Short names fit on one line of 80; long ones wrap (prettier decides, per member).
    const names = ['note', 'task', 'company', 'opportunity', 'person'];
    const files: Record<string, string> = {};
    for (const name of names) files[`src/selectors/${name}.ts`] = await selector(name);
    expect(files['src/selectors/note.ts']?.split('\n').length).toBeLessThan(files['src/selectors/opportunity.ts']?.split('\n').length ?? 0);
    const root = project(files);
    const result = await mineFromGlob({ fs: nodeFs, root, cwd: root, pattern: 'src/selectors/*.ts', cacheDir: false });
    expect(result.template.manifest.format?.prettier).toMatchObject({ singleQuote: true, printWidth: 80 });
    const renderer = createRenderer();
    for (const name of ['pet', 'workflowVersion']) {
      const { files: out } = await renderTemplate(renderer, result.template, { name });
      expect(out.map((file) => file.content)).toEqual([await selector(name)]);
    }
    // Opting out mines the text alone.
    const plain = await mineFromGlob({ fs: nodeFs, root, cwd: root, pattern: 'src/selectors/*.ts', cacheDir: false, detectFormat: false });
    expect(plain.template.manifest.format).toBeUndefined();
  });

  test('provenance: the glob, every file with its sha256, the time and the tool', async () => {
    const root = project(angular);
    const result = await mineFromGlob({
      fs: nodeFs,
      root,
      cwd: join(root, 'src'),
      pattern: 'app/*/*',
      cacheDir: false,
      tool: 'wopt 9.9.9',
      now: () => new Date('2025-02-03T04:05:06.000Z'),
    });
    const source = result.template.manifest.source;
    expect(source?.from).toBe('app/*/*');
    expect(source?.minedAt).toBe('2025-02-03T04:05:06.000Z');
    expect(source?.tool).toBe('wopt 9.9.9');
    expect(source?.files).toHaveLength(9);
    expect(source?.files[0]).toEqual({ path: 'src/app/login-form/login-form.component.html', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  test('the second mine of the same files comes from the cache; an edit mines again', async () => {
    const root = project(angular);
    const port = createFaultPort(nodeFs);
    const first = await mineFromGlob({ fs: port, root, cwd: root, pattern: 'src/app/*/*.component.ts' });
    expect(first.cached).toBe(false);
    expect(port.counters.byOperation.open ?? 0).toBeGreaterThan(0);
    expect(readdirSync(join(root, '.wopt', 'cache', 'mined')).filter((name) => name.endsWith('.json'))).toHaveLength(1);

    port.reset();
    const second = await mineFromGlob({ fs: port, root, cwd: root, pattern: 'src/app/*/*.component.ts' });
    expect(second.cached).toBe(true);
    expect(second.template).toEqual(first.template);
    expect(second.params).toEqual(first.params);
    expect(second.files).toEqual(first.files);
    // A hit writes nothing: no file opened for writing, no rename, no fsync.
    expect(port.counters.byOperation.open ?? 0).toBe(0);
    expect(port.counters.byOperation.rename ?? 0).toBe(0);
    expect(port.counters.fsyncs).toBe(0);

    writeFileSync(join(root, 'src/app/order-list/order-list.component.html'), '<h2>{{ title }}</h2>\n<p>changed</p>\n');
    port.reset();
    const third = await mineFromGlob({ fs: port, root, cwd: root, pattern: 'src/app/*/*.component.ts' });
    expect(third.cached).toBe(false);
    expect(port.counters.byOperation.open ?? 0).toBeGreaterThan(0);
  });

  test('a custom cache dir is used, and cacheDir: false never writes', async () => {
    const root = project(angular);
    const port = createFaultPort(nodeFs);
    await mineFromGlob({ fs: port, root, cwd: root, pattern: 'src/app/*/*', cacheDir: false });
    expect(port.counters.byOperation.open ?? 0).toBe(0);
    const again = await mineFromGlob({ fs: port, root, cwd: root, pattern: 'src/app/*/*', cacheDir: false });
    expect(again.cached).toBe(false);

    await mineFromGlob({ fs: nodeFs, root, cwd: root, pattern: 'src/app/*/*', cacheDir: 'tmp/mined' });
    expect(readdirSync(join(root, 'tmp', 'mined')).filter((name) => name.endsWith('.json'))).toHaveLength(1);
    expect((await mineFromGlob({ fs: nodeFs, root, cwd: root, pattern: 'src/app/*/*', cacheDir: 'tmp/mined' })).cached).toBe(true);
  });

  test('a glob matching nothing, or files that are no family, is refused with a WoptError', async () => {
    const root = project({ 'a/deploy.sh': '#!/bin/sh\nset -e\nrsync -a dist/ host:/srv\n', 'a/notes.md': '# Notes\n\nBuy milk.\n', 'a/nginx.conf': 'server {\n  listen 80;\n}\n' });
    await expect(mineFromGlob({ fs: nodeFs, root, cwd: root, pattern: 'src/**/*.ts', cacheDir: false })).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    await expect(mineFromGlob({ fs: nodeFs, root, cwd: root, pattern: 'a/*', cacheDir: false })).rejects.toMatchObject({ code: 'E_NOT_A_FAMILY' });
  });

  test('files outside the root are refused', async () => {
    const root = project(angular);
    await expect(mineFromGlob({ fs: nodeFs, root: join(root, 'src', 'app', 'login-form'), cwd: root, pattern: 'src/app/*/*.ts', cacheDir: false })).rejects.toMatchObject({
      code: 'E_PATH_OUTSIDE_ROOT',
    });
  });
});
