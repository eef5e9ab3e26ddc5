import { describe, expect, test } from 'vitest';
import type { WoptError } from '../../src/errors.js';
import { checkRenderedPath, createRenderer, stripTemplateSuffix } from '../../src/render/index.js';

describe('path templates', () => {
  const renderer = createRenderer();

  test('render with helpers and drop a trailing .hbs', async () => {
    expect(await renderer.renderPath('src/{{kebabCase name}}/{{pascalCase name}}.tsx.hbs', { name: 'user card' })).toBe('src/user-card/UserCard.tsx');
    expect(renderer.renderPathSync('{{snakeCase name}}.hbs.md', { name: 'UserCard' })).toBe('user_card.hbs.md');
    expect(renderer.renderPathSync('static/file.ts', {})).toBe('static/file.ts');
  });

  test('normalize . and empty segments; .. that stays inside is allowed', () => {
    expect(renderer.renderPathSync('src/{{dir}}/./x.ts', { dir: '' })).toBe('src/x.ts');
    expect(renderer.renderPathSync('src/{{dir}}/../x.ts', { dir: 'a' })).toBe('src/x.ts');
  });

  test.each([
    ['empty', '{{name}}', { name: '' }, 'E_PATH_INVALID'],
    ['blank', '{{name}}.hbs', { name: '  ' }, 'E_PATH_INVALID'],
    ['NUL', 'src/{{name}}.ts', { name: 'a\0b' }, 'E_PATH_INVALID'],
    ['a directory', 'src/{{name}}/', { name: 'a' }, 'E_PATH_INVALID'],
    ['the root itself', '{{name}}/..', { name: 'a' }, 'E_PATH_INVALID'],
    ['absolute', '{{name}}/x.ts', { name: '/etc' }, 'E_PATH_OUTSIDE_ROOT'],
    ['absolute windows', '{{name}}\\x.ts', { name: 'C:' }, 'E_PATH_OUTSIDE_ROOT'],
    ['escaping ..', 'src/{{name}}.ts', { name: '../../etc/passwd' }, 'E_PATH_OUTSIDE_ROOT'],
    ['escaping .. with backslashes', 'src/{{name}}.ts', { name: '..\\..\\x' }, 'E_PATH_OUTSIDE_ROOT'],
    ['.. that dips out then back in', '{{name}}/x.ts', { name: '../src' }, 'E_PATH_OUTSIDE_ROOT'],
  ])('refuses %s, naming the template and the rendered value', (_what, template, params, code) => {
    let thrown: WoptError | undefined;
    try {
      renderer.renderPathSync(template, params);
    } catch (error) {
      thrown = error as WoptError;
    }
    expect(thrown?.code).toBe(code);
    expect(thrown?.message).toContain(JSON.stringify(template));
    expect(thrown?.message).toContain(`rendered ${JSON.stringify(checkRenderedValue(template, params))}`);
  });

  test('the async variant refuses the same way', async () => {
    await expect(renderer.renderPath('{{name}}.ts', { name: '../x' })).rejects.toMatchObject({ code: 'E_PATH_OUTSIDE_ROOT' });
  });

  test('stripTemplateSuffix drops exactly one .hbs', () => {
    expect(stripTemplateSuffix('a.ts.hbs')).toBe('a.ts');
    expect(stripTemplateSuffix('a.hbs.hbs')).toBe('a.hbs');
    expect(stripTemplateSuffix('a.ts')).toBe('a.ts');
  });

  test('checkRenderedPath is usable on its own', () => {
    expect(checkRenderedPath('t', 'a//b/./c.ts')).toBe('a/b/c.ts');
    expect(() => checkRenderedPath('t', '/abs')).toThrow(/"t" rendered "\/abs"/);
  });
});

// What the template renders to, for the message check (plain substitution: these use {{name}}).
function checkRenderedValue(template: string, params: { name: string }): string {
  return stripTemplateSuffix(template).replace('{{name}}', params.name);
}
