/**
 * The built-in templates: valid, rendered with the real renderer, and every TypeScript output
 * parses without a syntax error.
 */
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { createNodeFs } from '../../src/fs/node.js';
import { openLibrary } from '../../src/library/library.js';
import { renderTemplate } from '../../src/library/render.js';
import { createRenderer } from '../../src/render/index.js';
import { tempDir } from './helpers.js';

const library = openLibrary({ fs: createNodeFs(), root: tempDir('builtin-test'), env: {} });

function syntaxErrors(path: string, content: string): string[] {
  const kind = path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(path, content, ts.ScriptTarget.Latest, true, kind);
  const diagnostics = (source as unknown as { parseDiagnostics: readonly ts.Diagnostic[] }).parseDiagnostics;
  return diagnostics.map((d) => `${path}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

async function render(name: string, params: Record<string, unknown>) {
  const { template } = await library.get(name);
  return renderTemplate(createRenderer(), template, params);
}

const isTs = (path: string): boolean => /\.tsx?$/.test(path);

describe('built-in templates', () => {
  it('there are at least three, all valid, each with a description, a version and a README', async () => {
    const listed = (await library.list()).filter((info) => info.layer === 'builtin');
    expect(listed.map((info) => info.name)).toEqual(expect.arrayContaining(['express-route', 'node-module', 'react-component']));
    for (const info of listed) {
      expect(info.description).toBeTruthy();
      expect(info.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect((await library.get(info.name)).template.readme).toContain(`# ${info.name}`);
    }
  });

  it('react-component renders parseable TSX, with the CSS module only when asked', async () => {
    const plain = await render('react-component', { name: 'user card' });
    expect(plain.files.map((file) => file.path)).toEqual([
      'src/components/UserCard/index.ts',
      'src/components/UserCard/UserCard.test.tsx',
      'src/components/UserCard/UserCard.tsx',
    ]);
    expect(plain.skipped).toEqual(['src/components/{{pascalCase name}}/{{pascalCase name}}.module.css.hbs']);
    const styled = await render('react-component', { name: 'user card', withStyles: true });
    expect(styled.files.map((file) => file.path)).toContain('src/components/UserCard/UserCard.module.css');
    const component = styled.files.find((file) => file.path.endsWith('UserCard.tsx'));
    expect(component?.content).toContain("import styles from './UserCard.module.css';");
    expect(plain.files.find((file) => file.path.endsWith('UserCard.tsx'))?.content).not.toContain('styles');
    for (const file of [...plain.files, ...styled.files].filter((f) => isTs(f.path))) expect(syntaxErrors(file.path, file.content)).toEqual([]);
  });

  it('node-module renders a module and its test, with a description defaulting from the name', async () => {
    const { files, params } = await render('node-module', { name: 'parseConfig' });
    expect(params.description).toBe('Parse config.');
    expect(files.map((file) => file.path)).toEqual(['src/parse-config.ts', 'test/parse-config.test.ts']);
    expect(files[1]?.content).toContain("import { parseConfig } from '../src/parse-config.js';");
    for (const file of files) expect(syntaxErrors(file.path, file.content)).toEqual([]);
  });

  it('express-route serves /<plural> by default, or the path given', async () => {
    const byDefault = await render('express-route', { name: 'blog post' });
    expect(byDefault.params.path).toBe('/blog-posts');
    expect(byDefault.files.map((file) => file.path)).toEqual([
      'src/routes/blog-posts.handlers.ts',
      'src/routes/blog-posts.router.ts',
      'test/routes/blog-posts.router.test.ts',
    ]);
    expect(byDefault.files[1]?.content).toContain("blogPostsRouter.get('/blog-posts/:id', getBlogPost);");
    const custom = await render('express-route', { name: 'user', path: '/api/v1/users' });
    expect(custom.files[1]?.content).toContain("usersRouter.post('/api/v1/users', createUser);");
    for (const file of [...byDefault.files, ...custom.files]) expect(syntaxErrors(file.path, file.content)).toEqual([]);
  });

  it('the syntax check catches broken output (it is not vacuous)', () => {
    expect(syntaxErrors('a.ts', 'export const = ;')).not.toEqual([]);
    expect(syntaxErrors('a.tsx', 'const a = <div>;')).not.toEqual([]);
  });
});
