import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { WoptError } from '../../src/errors.js';
import { nodeFs } from '../../src/fs/node.js';
import { globToRegExp, parseFlatYaml, type PrettierApi } from '../../src/render/format.js';
import { createRenderer } from '../../src/render/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wopt-render-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const UNFORMATTED = 'const a = "x"\nexport const b = {a, c: "y"}\n';

describe('prettier formatting', () => {
  test('honors the .prettierrc of the project (singleQuote, semi)', async () => {
    await writeFile(join(dir, '.prettierrc'), JSON.stringify({ singleQuote: true, semi: false }));
    const renderer = createRenderer({ format: true, fs: nodeFs, root: dir });
    expect(await renderer.format('src/a.ts', UNFORMATTED)).toBe("const a = 'x'\nexport const b = { a, c: 'y' }\n");
  });

  test('without a config, prettier defaults apply', async () => {
    const renderer = createRenderer({ format: true, fs: nodeFs, root: dir });
    expect(await renderer.format(join(dir, 'a.ts'), UNFORMATTED)).toBe('const a = "x";\nexport const b = { a, c: "y" };\n');
  });

  test('YAML .prettierrc, package.json#prettier and overrides', async () => {
    await writeFile(join(dir, '.prettierrc.yaml'), '# style\nsemi: false\ntabWidth: 4\noverrides:\n  - files: "*.ts"\n    options:\n      singleQuote: true\n');
    await mkdir(join(dir, 'pkg'));
    await writeFile(
      join(dir, 'pkg', 'package.json'),
      JSON.stringify({ name: 'p', prettier: { singleQuote: true, overrides: [{ files: 'legacy/**/*.ts', options: { semi: true, singleQuote: false } }] } }),
    );
    const renderer = createRenderer({ format: true, fs: nodeFs, root: dir });
    // Nested YAML goes to prettier's own loader (overrides included).
    expect(await renderer.format('x.ts', 'if (a) { b("c") }\n')).toBe("if (a) {\n    b('c')\n}\n");
    expect(await renderer.format('x.js', 'if (a) { b("c") }\n')).toBe('if (a) {\n    b("c")\n}\n');
    // The nearest config wins; its overrides apply by path relative to it.
    expect(await renderer.format('pkg/src/y.ts', 'b("c")\n')).toBe("b('c');\n");
    expect(await renderer.format('pkg/legacy/old/z.ts', "b('c')\n")).toBe('b("c");\n');
  });

  test('the config is resolved once per directory, not per file', async () => {
    await writeFile(join(dir, '.prettierrc.json'), JSON.stringify({ semi: false }));
    const renderer = createRenderer({ format: true, fs: nodeFs, root: dir });
    const files = Array.from({ length: 20 }, (_, i) => ({ path: `src/f${i}.ts`, content: `export const v${i} = ${i};\n` }));
    const formatted = await renderer.formatFiles([...files, { path: 'lib/a.ts', content: 'let a = 1;\n' }]);
    expect(formatted.map((file) => file.content)).toEqual([...files.map((_, i) => `export const v${i} = ${i}\n`), 'let a = 1\n']);
    expect(renderer.stats.configResolutions).toBe(2);
    expect(renderer.stats.formatted).toBe(21);
    await renderer.format('src/again.ts', 'x;\n');
    expect(renderer.stats.configResolutions).toBe(2);
    expect(renderer.stats.prettierLoads).toBe(1);
  });

  test('a file prettier has no parser for passes through unchanged', async () => {
    const renderer = createRenderer({ format: true, fs: nodeFs, root: dir });
    const content = 'whatever   {{ not formatted\n';
    expect(await renderer.format('notes.xyz', content)).toBe(content);
    expect(await renderer.format('Makefile', content)).toBe(content);
    expect(renderer.stats).toMatchObject({ passedThrough: 2, formatted: 0 });
  });

  test('a syntax error names the file and shows prettier’s message with line and column', async () => {
    const renderer = createRenderer({ format: true, fs: nodeFs, root: dir });
    let thrown: WoptError | undefined;
    try {
      await renderer.format('src/broken.ts', 'export const a = 1;\nconst = ;\n');
    } catch (error) {
      thrown = error as WoptError;
    }
    expect(thrown?.code).toBe('E_FORMAT');
    expect(thrown?.path).toBe('src/broken.ts');
    expect(thrown?.message).toContain('"src/broken.ts"');
    expect(thrown?.message).toMatch(/line 2, column \d+/);
    expect(thrown?.message).toContain('(2:');
    expect(thrown?.cause).toBeInstanceOf(Error);
  });

  test('renderTemplateFiles formats when formatting is on, and refuses output that does not parse', async () => {
    await writeFile(join(dir, '.prettierrc'), 'singleQuote: true\n');
    const renderer = createRenderer({ format: true, fs: nodeFs, root: dir });
    const [file] = await renderer.renderTemplateFiles([{ path: 'src/{{kebabCase name}}.ts.hbs', content: 'export const {{camelCase name}} = "{{name}}"' }], {
      name: 'UserCard',
    });
    expect(file).toEqual({ path: 'src/user-card.ts', content: "export const userCard = 'UserCard';\n", template: 'src/{{kebabCase name}}.ts.hbs' });
    await expect(renderer.renderFile({ path: 'b.ts', content: 'export const {{name}} = 1;' }, { name: 'not valid' })).rejects.toMatchObject({
      code: 'E_FORMAT',
      path: 'b.ts',
    });
  });
});

describe('prettier is loaded lazily', () => {
  const spyLoader = () => {
    const calls: string[] = [];
    const load = async (): Promise<PrettierApi> => {
      calls.push('load');
      return (await import('prettier')) as PrettierApi;
    };
    return { calls, load };
  };

  test('never with formatting off, even when format() is called', async () => {
    const { calls, load } = spyLoader();
    const renderer = createRenderer({ loadPrettier: load, fs: nodeFs, root: dir });
    expect(await renderer.renderFile({ path: 'a.ts', content: 'let   {{name}}' }, { name: 'x' })).toMatchObject({ content: 'let   x' });
    expect(await renderer.format('a.ts', 'let   x')).toBe('let   x');
    expect(calls).toEqual([]);
    expect(renderer.stats.prettierLoads).toBe(0);
  });

  test('with formatting on, only when the first file is formatted, and once', async () => {
    const { calls, load } = spyLoader();
    const renderer = createRenderer({ format: true, loadPrettier: load, fs: nodeFs, root: dir });
    renderer.renderSync('let {{name}}', { name: 'x' });
    expect(calls).toEqual([]);
    await renderer.formatFiles([
      { path: 'a.ts', content: 'let   x' },
      { path: 'b.ts', content: 'let   y' },
    ]);
    expect(calls).toEqual(['load']);
  });

  test('a missing prettier is a WoptError, not a crash', async () => {
    const renderer = createRenderer({
      format: true,
      fs: nodeFs,
      root: dir,
      loadPrettier: () => Promise.reject(new Error("Cannot find package 'prettier'")),
    });
    await expect(renderer.format('a.ts', 'x')).rejects.toMatchObject({ code: 'E_FORMAT' });
  });
});

describe('config helpers', () => {
  test('parseFlatYaml reads flat key: value files and refuses richer ones', () => {
    expect(parseFlatYaml('# c\nsemi: false\ntabWidth: 4\nquoteProps: "consistent"\ntrailingComma: all # why\n')).toEqual({
      semi: false,
      tabWidth: 4,
      quoteProps: 'consistent',
      trailingComma: 'all',
    });
    expect(parseFlatYaml('overrides:\n  - files: x\n')).toBeUndefined();
    expect(parseFlatYaml('plugins: [a]\n')).toBeUndefined();
  });

  test.each([
    ['*.ts', 'a.ts', true],
    ['*.ts', 'a.tsx', false],
    ['*.{ts,tsx}', 'a.tsx', true],
    ['src/**/*.ts', 'src/a/b/c.ts', true],
    ['src/**/*.ts', 'src/c.ts', true],
    ['src/**/*.ts', 'lib/c.ts', false],
    ['?.md', 'a.md', true],
    ['[ab].md', 'c.md', false],
    ['.*rc', '.prettierrc', true],
  ])('glob %s on %s → %s', (glob, path, expected) => {
    expect(globToRegExp(glob).test(path)).toBe(expected);
  });
});
