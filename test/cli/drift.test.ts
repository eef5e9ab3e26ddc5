/**
 * `wopt drift` through main(): a clean family exits 0; an edited member exits 1 and is named with
 * its file and +/- line counts; --template compares with a saved template.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanUp, project, run } from './helpers.js';

afterEach(cleanUp);

const service = (kebab: string, pascal: string, url: string) =>
  `import { http } from '../http';\n\nexport class ${pascal}Service {\n  private readonly base = '${url}';\n\n  list() {\n    return http.get(this.base);\n  }\n\n  get(id: string) {\n    return http.get(\`\${this.base}/\${id}\`);\n  }\n}\n\nexport const ${kebab.replace(/-./g, (m) => m[1]?.toUpperCase() ?? '')}Service = new ${pascal}Service();\n`;

const family = {
  'src/services/user.service.ts': service('user', 'User', '/api/v1/users'),
  'src/services/product.service.ts': service('product', 'Product', '/api/v1/products'),
  'src/services/order-item.service.ts': service('order-item', 'OrderItem', '/api/v2/order-items'),
  'src/services/invoice.service.ts': service('invoice', 'Invoice', '/api/v1/invoices'),
};

describe('wopt drift', () => {
  it('a clean family: every member ok, exit 0 (their own literals are not drift)', async () => {
    const cwd = project(family);
    const result = await run(['drift', 'src/services/*.service.ts'], { cwd });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        'Drift of 4 members from the template mined from "src/services/*.service.ts":',
        '  ok       Invoice',
        '  ok       OrderItem',
        '  ok       Product',
        '  ok       User',
        'No member drifted.',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(0);
  });

  it('an edited member is named with its file and +/- lines, exit 1', async () => {
    const cwd = project(family);
    appendFileSync(join(cwd, 'src/services/product.service.ts'), '\nexport function resetProducts() {\n  return http.post("/api/v1/products/reset");\n}\n');
    const result = await run(['drift', 'src/services/*.service.ts'], { cwd });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('  drifted  Product\n             src/services/product.service.ts  +4 -0\n');
    for (const name of ['Invoice', 'OrderItem', 'User']) expect(result.stdout).toContain(`  ok       ${name}\n`);
    expect(result.stdout).toMatch(/1 member of 4 drifted\.\n$/);

    // --diff shows the lines: - what the template writes, + what the file has.
    const diff = await run(['drift', 'src/services/*.service.ts', '--diff'], { cwd });
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain(
      [
        '             src/services/product.service.ts  +4 -0',
        '--- a/src/services/product.service.ts',
        '+++ b/src/services/product.service.ts',
        '@@ -13,3 +13,7 @@',
        ' }',
        ' ',
        ' export const productService = new ProductService();',
        '+',
        '+export function resetProducts() {',
        '+  return http.post("/api/v1/products/reset");',
        '+}',
        '  ok       User',
      ].join('\n'),
    );

    const json = await run(['drift', 'src/services/*.service.ts', '--json'], { cwd });
    expect(json.code).toBe(1);
    const document = JSON.parse(json.stdout) as { drifted: number; members: Array<{ name: string; drifted: boolean; differences: unknown[] }> };
    expect(document.drifted).toBe(1);
    expect(document.members.find((member) => member.name === 'Product')?.differences).toEqual([
      { path: 'src/services/product.service.ts', status: 'changed', added: 4, removed: 0 },
    ]);
  });

  it('--template compares with a saved template: a member edited after saving drifts', async () => {
    const cwd = project(family);
    expect((await run(['mine', 'src/services/*.service.ts', '--name', 'service', '--save'], { cwd })).code).toBe(0);
    // The members it was saved from keep the literals it recorded for them (OrderItem's /api/v2).
    const clean = await run(['drift', 'src/services/*.service.ts', '--template', 'service'], { cwd });
    expect(clean.stdout).toContain('from the saved template "service" (project library)');
    expect(clean.stdout).toContain('  ok       OrderItem\n');
    expect(clean.code).toBe(0);
    writeFileSync(join(cwd, 'src/services/user.service.ts'), service('user', 'User', '/api/v1/users').replace('  list() {\n    return http.get(this.base);\n  }\n\n', ''));
    const edited = await run(['drift', 'src/services/*.service.ts', '--template', 'service'], { cwd });
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain('  drifted  User\n             src/services/user.service.ts  +0 -4\n');
    // A member added since is rendered from its name alone: its literal differs from the default.
    writeFileSync(join(cwd, 'src/services/user.service.ts'), service('user', 'User', '/api/v1/users'));
    writeFileSync(join(cwd, 'src/services/payment.service.ts'), service('payment', 'Payment', '/api/v2/payments'));
    const added = await run(['drift', 'src/services/*.service.ts', '--template', 'service'], { cwd });
    expect(added.code).toBe(1);
    expect(added.stdout).toContain('  drifted  Payment\n             src/services/payment.service.ts  +1 -1\n');
    expect(added.stdout).toMatch(/1 member of 5 drifted\.\n$/);
  });

  it('an unknown saved template is an error', async () => {
    const cwd = project(family);
    const result = await run(['drift', 'src/services/*.service.ts', '--template', 'nope'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\[E_TEMPLATE_NOT_FOUND\]/);
  });
});
