import Handlebars from 'handlebars';
import { describe, expect, test, vi } from 'vitest';
import { WoptError } from '../../src/errors.js';
import { createRenderer } from '../../src/render/index.js';

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WoptError);
    return (error as WoptError).code;
  }
  return undefined;
};

const errorOf = async (run: () => Promise<unknown>): Promise<WoptError> => {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(WoptError);
    return error as WoptError;
  }
  throw new Error('expected a WoptError, got none');
};

describe('output is code, not HTML', () => {
  test('quotes, <, &, backticks and ${} come out verbatim', () => {
    const renderer = createRenderer();
    const value = `"a" 'b' <c> & \`d\` \${e} =f`;
    expect(renderer.renderSync('const s = {{value}};', { value })).toBe(`const s = ${value};`);
    expect(renderer.renderSync('{{{value}}}', { value })).toBe(value);
    expect(renderer.renderSync('{{pascalCase value}}', { value: 'a&b' })).toBe('AB');
  });

  test('literal mustaches through \\{{ escapes and raw blocks', () => {
    const renderer = createRenderer();
    expect(renderer.renderSync('\\{{name}} is {{name}}', { name: 'x' })).toBe('{{name}} is x');
    expect(renderer.renderSync('{{{{raw}}}}<div>{{name}} {{#if a}}}}{{/if}}</div>{{{{/raw}}}}!', {})).toBe('<div>{{name}} {{#if a}}}}{{/if}}</div>!');
  });

  test('braces that touch a mustache through literal', () => {
    const renderer = createRenderer();
    expect(renderer.renderSync('`${{literal "{"}}{{camelCase name}}{{literal "}"}}` ={{literal "{"}}{{constantCase name}}{{literal "}"}}', { name: 'order item' })).toBe('`${orderItem}` ={ORDER_ITEM}');
    expect(renderer.renderSync('\\\\{{literal "{{"}}', {})).toBe('\\{{');
    expect(() => renderer.renderSync('{{literal}}', {})).toThrow(/The helper "literal" takes one string and got 0 arguments\. Write it as \{\{literal "\{"\}\}/);
    expect(codeOf(() => renderer.renderSync('{{literal 1}}', {}))).toBe('E_TEMPLATE_PARAM');
  });

  test('a template without mustaches renders to itself without a compile', () => {
    const renderer = createRenderer();
    const source = 'export const a = "<&>";\n\\n';
    expect(renderer.renderSync(source, {})).toBe(source);
    expect(renderer.stats.compiles).toBe(0);
  });
});

describe('strict params', () => {
  test('a missing param names the param, the template, the line and the column', async () => {
    const renderer = createRenderer();
    const error = await errorOf(() => renderer.render('// header\nexport const x = {{value}};\n', {}, { name: 'files/x.ts.hbs' }));
    expect(error.code).toBe('E_TEMPLATE_PARAM');
    expect(error.message).toContain('"value"');
    // The column (1-based) is that of the param inside the mustache.
    expect(error.message).toContain('"files/x.ts.hbs" line 2, column 20');
    expect(error.path).toBe('files/x.ts.hbs');
    expect(error.cause).toBeInstanceOf(Error);
  });

  test('a missing helper argument is caught too ({{pascalCase name}})', async () => {
    const renderer = createRenderer();
    const error = await errorOf(() => renderer.render('class {{pascalCase name}} {}', {}, { name: 'a.ts.hbs' }));
    expect(error.code).toBe('E_TEMPLATE_PARAM');
    expect(error.message).toMatch(/"a\.ts\.hbs" line 1, column \d+ uses the param "name"/);
  });

  test('so are nested properties and subexpression arguments', () => {
    const renderer = createRenderer();
    expect(() => renderer.renderSync('{{user.name}}', { user: {} })).toThrow(/"name"/);
    expect(() => renderer.renderSync('{{kebabCase (pascalCase entity)}}', {})).toThrow(/"entity"/);
  });

  test('block helpers stay lenient: optional params work with #if / #unless / #each', () => {
    const renderer = createRenderer();
    const source = '{{#if withTests}}tests{{else}}none{{/if}}|{{#unless skip}}run{{/unless}}|{{#each extra}}{{this}}{{/each}}';
    expect(renderer.renderSync(source, {})).toBe('none|run|');
    expect(renderer.renderSync(source, { withTests: true, skip: true, extra: ['a', 'b'] })).toBe('tests||ab');
  });

  test('params named like what every object has are theirs, and one not given prints nothing on the terminal', () => {
    const renderer = createRenderer({ cache: false });
    const logged: unknown[] = [];
    const spies = (['log', 'info', 'warn', 'error'] as const).map((method) => vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args)));
    try {
      expect(renderer.renderSync('{{constructor}} {{toString}}', { constructor: 'Builder', toString: 'text' })).toBe('Builder text');
      // Not given: nothing, as Handlebars denies Object.prototype's function, but without its warning.
      expect(renderer.renderSync('a{{toString}}b{{#if valueOf}}!{{/if}}', {})).toBe('ab');
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(logged).toEqual([]);
  });

  test('a param given as an empty string or 0 is not missing', () => {
    const renderer = createRenderer();
    expect(renderer.renderSync('[{{a}}][{{b}}]', { a: '', b: 0 })).toBe('[][0]');
  });

  test('an unknown helper is named as a helper', () => {
    const renderer = createRenderer();
    const thrown = (() => {
      try {
        renderer.renderSync('{{shout name}}', { name: 'x' }, { name: 'h.hbs' });
      } catch (error) {
        return error as WoptError;
      }
      return undefined;
    })();
    expect(thrown?.code).toBe('E_TEMPLATE_PARAM');
    expect(thrown?.message).toContain('helper "shout"');
  });

  test('syntax errors name the template and line', () => {
    const renderer = createRenderer();
    let thrown: WoptError | undefined;
    try {
      renderer.compileSync('line one\n{{#if a}}\nx\n{{/each}}\n', { name: 'files/bad.hbs' });
    } catch (error) {
      thrown = error as WoptError;
    }
    expect(thrown?.code).toBe('E_TEMPLATE_SYNTAX');
    expect(thrown?.message).toContain('"files/bad.hbs" line 2');
    expect(thrown?.message).toContain("if doesn't match each");
    expect(codeOf(() => renderer.compileSync('{{#if}}', { name: 'b.hbs' }))).toBe('E_TEMPLATE_SYNTAX');
  });

  test('a helper that throws is reported with the template, keeping the cause', () => {
    const boom = new Error('boom');
    const renderer = createRenderer({
      helpers: {
        fail: () => {
          throw boom;
        },
      },
    });
    let thrown: WoptError | undefined;
    try {
      renderer.renderSync('{{fail}}', {}, { name: 'f.hbs' });
    } catch (error) {
      thrown = error as WoptError;
    }
    expect(thrown?.code).toBe('E_TEMPLATE_RENDER');
    expect(thrown?.message).toContain('"f.hbs"');
    expect(thrown?.message).toContain('boom');
    expect(thrown?.cause).toBe(boom);
  });
});

describe('helpers', () => {
  const renderer = createRenderer({ pkg: { name: 'my-app', repository: { url: 'git+https://x' } } });

  test('wopt names and plop names, on one param', () => {
    const source = [
      'pascalCase properCase camelCase kebabCase dashCase kabobCase snakeCase constantCase dotCase pathCase',
      'titleCase sentenceCase noCase lowerCase upperCase pluralize singularize',
    ]
      .join(' ')
      .split(' ')
      .map((helper) => `${helper}={{${helper} name}}`)
      .join('\n');
    expect(renderer.renderSync(source, { name: 'userCategory' }).split('\n')).toEqual([
      'pascalCase=UserCategory',
      'properCase=UserCategory',
      'camelCase=userCategory',
      'kebabCase=user-category',
      'dashCase=user-category',
      'kabobCase=user-category',
      'snakeCase=user_category',
      'constantCase=USER_CATEGORY',
      'dotCase=user.category',
      'pathCase=user/category',
      'titleCase=User Category',
      'sentenceCase=User category',
      'noCase=user category',
      'lowerCase=usercategory',
      'upperCase=USERCATEGORY',
      'pluralize=userCategories',
      'singularize=userCategory',
    ]);
  });

  test('word slices of a name (never empty) and the indefinite article', () => {
    const slices = (name: string) => renderer.renderSync('{{initialWords name}}|{{firstWord name}}|{{lastWord name}}|{{initials name}}', { name });
    expect(slices('TeamMemberList')).toBe('TeamMember|Team|List|TML');
    expect(slices('order-item')).toBe('Order|Order|Item|OI');
    expect(slices('User')).toBe('User|User|User|U');
    expect(renderer.renderSync('{{camelCase (initials name)}}', { name: 'HTTPServer' })).toBe('hs');
    expect(renderer.renderSync('{{article name}} {{camelCase (initialWords name)}}', { name: 'OrderItem' })).toBe('an order');
  });

  test('kindSuffix and withoutKind: the word of a kind after a name that says no kind of its own, and a name without it', () => {
    const source = '{{kebabCase name}}{{kindSuffix name "-service" "frontend"}} {{noCase (withoutKind name "service")}}';
    expect(renderer.renderSync(source, { name: 'Cart' })).toBe('cart-service cart');
    // Another kind keeps its own name; a kind the members have (listed) takes the word.
    expect(renderer.renderSync(source, { name: 'ApiGateway' })).toBe('api-gateway api gateway');
    expect(renderer.renderSync(source, { name: 'Frontend' })).toBe('frontend-service frontend');
    expect(renderer.renderSync(source, { name: 'FrontendService' })).toBe('frontend-service frontend');
    expect(renderer.renderSync('{{kindSuffix name "_service"}}', { name: 'web_workers' })).toBe('');
    expect(renderer.renderSync('{{withoutKind name "service"}}', { name: 'Service' })).toBe('Service');
    for (const bad of ['{{kindSuffix name}}', '{{kindSuffix name 3}}', '{{withoutKind name}}']) {
      expect(codeOf(() => renderer.renderSync(bad, { name: 'Cart' }))).toBe('E_TEMPLATE_PARAM');
    }
  });

  test('keyOr: a key where it spells the name in either number, else the name', () => {
    const source = '{{kebabCase (keyOr route (pluralize name))}}';
    expect(renderer.renderSync(source, { name: 'Company', route: 'company' })).toBe('company');
    expect(renderer.renderSync(source, { name: 'OrderItem', route: 'order_items' })).toBe('order-items');
    // A key of other words leaves the path to the name.
    expect(renderer.renderSync(source, { name: 'CompanyIntegration', route: 'integrations' })).toBe('company-integrations');
    expect(renderer.renderSync('{{keyOr use (snakeCase name)}}', { name: 'Configuration', use: 'conf' })).toBe('configuration');
    expect(renderer.renderSync('{{keyOr use name}}', { name: 'Person', use: 'people' }, { plurals: { person: 'people' } })).toBe('people');
    for (const bad of ['{{keyOr route}}', '{{keyOr route 3}}']) {
      expect(codeOf(() => renderer.renderSync(bad, { route: 'a' }))).toBe('E_TEMPLATE_PARAM');
    }
  });

  test('helpers compose through subexpressions', () => {
    expect(renderer.renderSync('{{kebabCase (pluralize name)}}', { name: 'UserCategory' })).toBe('user-categories');
  });

  test('eq and not: conditions on params, numbers and strings compared by their text', () => {
    const source = '{{#if (eq kind "admin")}}A{{else}}U{{/if}} {{eq retries 1}} {{eq retries "1"}} {{not withStyles}} {{not tags}}';
    expect(renderer.renderSync(source, { kind: 'admin', retries: 1, withStyles: false, tags: [] })).toBe('A true true true true');
    expect(renderer.renderSync(source, { kind: 'user', retries: 3, withStyles: true, tags: ['a'] })).toBe('U false false false false');
    expect(codeOf(() => renderer.renderSync('{{eq kind}}', { kind: 'a' }))).toBe('E_TEMPLATE_PARAM');
    expect(codeOf(() => renderer.renderSync('{{not}}', {}))).toBe('E_TEMPLATE_PARAM');
  });

  test('or: whether any of the values is true, as {{#if}} reads them', () => {
    const source = '{{#if (or withJson withTime)}}import{{/if}}|{{or tags count label}}';
    expect(renderer.renderSync(source, { withJson: false, withTime: true, tags: [], count: 0, label: 'x' })).toBe('import|true');
    expect(renderer.renderSync(source, { withJson: false, withTime: false, tags: [], count: 0, label: '' })).toBe('|false');
    expect(renderer.renderSync('{{or a b}}', { a: false, b: ['x'] })).toBe('true');
    expect(codeOf(() => renderer.renderSync('{{or a}}', { a: true }))).toBe('E_TEMPLATE_PARAM');
  });

  test('fits: the one-line form while its widest line fits the width, else the wrapped one', () => {
    const source = '{{#fits 30}}\n  new {{pascalCase name}}(a, b);\n{{else}}\n  new {{pascalCase name}}(\n    a,\n    b,\n  );\n{{/fits}}\nend\n';
    expect(renderer.renderSync(source, { name: 'user' })).toBe('  new User(a, b);\nend\n');
    // 35 columns: past the width.
    expect(renderer.renderSync(source, { name: 'account-program-variable' })).toBe('  new AccountProgramVariable(\n    a,\n    b,\n  );\nend\n');
    expect(renderer.renderSync('{{#fits 4}}abcd\r\n{{else}}no{{/fits}}', {})).toBe('abcd\r\n');
    for (const bad of ['{{#fits}}a{{/fits}}', '{{#fits "80"}}a{{/fits}}', '{{#fits 0}}a{{/fits}}', '{{#fits 8.5}}a{{/fits}}']) {
      expect(codeOf(() => renderer.renderSync(bad, {}))).toBe('E_TEMPLATE_PARAM');
    }
  });

  test('crlf: the block with Windows line ends when its value is true', () => {
    const source = '{{#crlf windowsLineEnds}}\nkind: {{pascalCase name}}\nname: x\n{{/crlf}}';
    expect(renderer.renderSync(source, { name: 'user', windowsLineEnds: true })).toBe('kind: User\r\nname: x\r\n');
    expect(renderer.renderSync(source, { name: 'user', windowsLineEnds: false })).toBe('kind: User\nname: x\n');
    expect(codeOf(() => renderer.renderSync('{{#crlf}}a{{/crlf}}', {}))).toBe('E_TEMPLATE_PARAM');
  });

  test('underline: the title and an underline as wide', () => {
    const source = '{{#underline "="}}\n{{snakeCase name}} api{{/underline}}\n\nbody\n';
    expect(renderer.renderSync(source, { name: 'OrderItem' })).toBe('order_item api\n==============\n\nbody\n');
    // A title ending in a CR gets a Windows line end; wide characters count once.
    expect(renderer.renderSync('{{#underline "-"}}\nÉté\r{{/underline}}\r\n', {})).toBe('Été\r\n---\r\n');
    // reStructuredText's overline: the same line above the title.
    expect(renderer.renderSync('{{#underline "#" overline=true}}\n{{name}}{{/underline}}\n', { name: 'Tables' })).toBe('######\nTables\n######\n');
    for (const bad of ['{{#underline}}a{{/underline}}', '{{#underline "=="}}a{{/underline}}', '{{#underline 3}}a{{/underline}}']) {
      expect(codeOf(() => renderer.renderSync(bad, {}))).toBe('E_TEMPLATE_PARAM');
    }
  });

  test("sortLines: the block's lines in sorted order", () => {
    const source = "{{#sortLines}}\nuse App\\\\{{pascalCase name}};\nuse App\\Http\\Controller;\nuse Gate;\n{{/sortLines}}\nclass X\n";
    expect(renderer.renderSync(source, { name: 'asset' })).toBe('use App\\Asset;\nuse App\\Http\\Controller;\nuse Gate;\nclass X\n');
    expect(renderer.renderSync(source, { name: 'stock' })).toBe('use App\\Http\\Controller;\nuse App\\Stock;\nuse Gate;\nclass X\n');
    // Code unit order puts upper case first; ignoreCase=true orders the lower-cased lines.
    const imports = '{{#sortLines}}\nimport b\nimport B\nimport a\n{{/sortLines}}';
    expect(renderer.renderSync(imports, {})).toBe('import B\nimport a\nimport b\n');
    expect(renderer.renderSync(imports.replace('{{#sortLines}}', '{{#sortLines ignoreCase=true}}'), {})).toBe('import a\nimport B\nimport b\n');
    // Windows line ends sort as the lines they end; a last line without a line end stays so.
    expect(renderer.renderSync('{{#sortLines}}\nuse b;\r\nuse a;\r\n{{/sortLines}}', {})).toBe('use a;\r\nuse b;\r\n');
    expect(renderer.renderSync('x\n{{#sortLines}}c\nb\na{{/sortLines}}', {})).toBe('x\na\nb\nc');
    expect(codeOf(() => renderer.renderSync('{{#sortLines "x"}}a{{/sortLines}}', {}))).toBe('E_TEMPLATE_PARAM');
  });

  test('pkg reads the package data given to the renderer', () => {
    expect(renderer.renderSync('{{pkg "name"}} {{pkg "repository.url"}}', {})).toBe('my-app git+https://x');
    expect(codeOf(() => renderer.renderSync('{{pkg "version"}}', {}))).toBe('E_TEMPLATE_PARAM');
    expect(codeOf(() => createRenderer().renderSync('{{pkg "name"}}', {}))).toBe('E_TEMPLATE_PARAM');
  });

  test('a case helper given no string refuses instead of printing "undefined"', () => {
    expect(codeOf(() => renderer.renderSync('{{pascalCase}}', {}))).toBe('E_TEMPLATE_PARAM');
    expect(codeOf(() => renderer.renderSync('{{pascalCase value}}', { value: undefined }))).toBe('E_TEMPLATE_PARAM');
    expect(renderer.renderSync('{{pascalCase value}}', { value: 42 })).toBe('42');
  });

  test('user helpers are registered per renderer; the global Handlebars is untouched', () => {
    const globalHelpers = Object.keys(Handlebars.helpers).sort();
    const a = createRenderer({ helpers: { shout: (value: string) => `${value.toUpperCase()}!` } });
    const b = createRenderer();
    expect(a.renderSync('{{shout name}}', { name: 'hi' })).toBe('HI!');
    expect(codeOf(() => b.renderSync('{{shout name}}', { name: 'hi' }))).toBe('E_TEMPLATE_PARAM');
    expect(Object.keys(Handlebars.helpers).sort()).toEqual(globalHelpers);
    expect(Handlebars.helpers.pascalCase).toBeUndefined();
  });

  test('user helpers may replace a built-in', () => {
    const renderer = createRenderer({ helpers: { pascalCase: () => 'mine' } });
    expect(renderer.renderSync('{{pascalCase name}}', { name: 'x' })).toBe('mine');
  });
});

describe('partials', () => {
  test('partials render with the caller context and locate their own errors', () => {
    const renderer = createRenderer({ partials: { header: '// {{pascalCase name}} v{{version}}\n' } });
    expect(renderer.renderSync('{{> header}}\nexport {};', { name: 'user card', version: 2 })).toBe('// UserCard v2\nexport {};');
    expect(renderer.renderSync('  {{> header}}\n', { name: 'a', version: 1 })).toBe('  // A v1\n');
    let thrown: WoptError | undefined;
    try {
      renderer.renderSync('{{> header}}', { name: 'x' }, { name: 'main.hbs' });
    } catch (error) {
      thrown = error as WoptError;
    }
    expect(thrown?.code).toBe('E_TEMPLATE_PARAM');
    expect(thrown?.message).toContain('"version"');
    expect(thrown?.message).toContain('{{> header}}');
  });

  test('a partial with a syntax error fails when the renderer is made', () => {
    expect(codeOf(() => createRenderer({ partials: { broken: '{{#if}}' } }))).toBe('E_TEMPLATE_SYNTAX');
  });
});

describe('plop-style templates render unchanged', () => {
  test('a typical plop component template', () => {
    const renderer = createRenderer({ pkg: { name: 'my-app' } });
    const template = [
      "import React from 'react';",
      "import styles from './{{dashCase name}}.module.css';",
      '',
      '// {{titleCase name}} for {{pkg "name"}}',
      'export interface {{properCase name}}Props {',
      '{{#each props}}',
      '  {{camelCase this}}: string;',
      '{{/each}}',
      '}',
      '',
      'export const {{properCase name}} = (props: {{properCase name}}Props) => (',
      "  <div className={styles['{{camelCase name}}']} data-kind=\"{{constantCase name}}\">&nbsp;</div>",
      ');',
      '',
    ].join('\n');
    expect(renderer.renderSync(template, { name: 'user card', props: ['first name', 'last_name'] })).toBe(
      [
        "import React from 'react';",
        "import styles from './user-card.module.css';",
        '',
        '// User Card for my-app',
        'export interface UserCardProps {',
        '  firstName: string;',
        '  lastName: string;',
        '}',
        '',
        'export const UserCard = (props: UserCardProps) => (',
        "  <div className={styles['userCard']} data-kind=\"USER_CARD\">&nbsp;</div>",
        ');',
        '',
      ].join('\n'),
    );
  });
});

describe('template folders', () => {
  test('renderTemplateFiles renders paths and contents, keeps mode, drops .hbs', async () => {
    const renderer = createRenderer();
    const files = [
      { path: 'src/{{kebabCase name}}/{{pascalCase name}}.tsx.hbs', content: 'export const {{pascalCase name}} = 1;\n' },
      { path: 'bin/{{kebabCase name}}.sh', content: '#!/bin/sh\necho "{{name}}"\n', mode: 0o755 },
    ];
    const input = structuredClone(files);
    expect(await renderer.renderTemplateFiles(files, { name: 'userCard' })).toEqual([
      { path: 'src/user-card/UserCard.tsx', content: 'export const UserCard = 1;\n', template: files[0]?.path },
      { path: 'bin/user-card.sh', content: '#!/bin/sh\necho "userCard"\n', mode: 0o755, template: files[1]?.path },
    ]);
    expect(files).toEqual(input);
  });

  test('two templates rendering to one path are refused', async () => {
    const renderer = createRenderer();
    const error = await errorOf(() =>
      renderer.renderTemplateFiles(
        [
          { path: '{{kebabCase name}}.ts', content: 'a' },
          { path: '{{snakeCase name}}.ts', content: 'b' },
        ],
        { name: 'x' },
      ),
    );
    expect(error.code).toBe('E_PATH_COLLISION');
    expect(error.message).toContain('"x.ts"');
  });

  test('renderFile reports a missing param in the content with the template path', async () => {
    const renderer = createRenderer();
    const error = await errorOf(() => renderer.renderFile({ path: 'a/{{name}}.ts', content: '{{name}} {{other}}' }, { name: 'n' }));
    expect(error.code).toBe('E_TEMPLATE_PARAM');
    expect(error.message).toContain('"a/{{name}}.ts" line 1');
    expect(error.message).toContain('"other"');
  });
});

describe('plurals a template spells its own way', () => {
  test('pluralize and singularize use the render\'s table, in nested blocks and paths too, and nothing else does', async () => {
    const renderer = createRenderer({ cache: false });
    const plurals = { fornecedor: 'fornecedores' };
    const source = '{{kebabCase (pluralize name)}} {{#each items}}{{pluralize this}} {{/each}}{{singularize "fornecedores"}}';
    const params = { name: 'Fornecedor', items: ['lector'] };
    expect(renderer.renderSync(source, params, { plurals })).toBe('fornecedores lectors fornecedor');
    expect(await renderer.render(source, params, { plurals })).toBe('fornecedores lectors fornecedor');
    expect(renderer.renderSync(source, params)).toBe('fornecedors lectors fornecedore');
    expect(await renderer.renderPath('src/{{snakeCase (pluralize name)}}_routers.py.hbs', params, { plurals })).toBe('src/fornecedores_routers.py');
  });
});
