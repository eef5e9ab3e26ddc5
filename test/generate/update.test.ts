/**
 * updateGenerated and the three-way merge: clean merges, conflicts in both modes, files untouched
 * when the template did not change, all in one transaction.
 */
import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFaultPort } from '../../src/fs/fault.js';
import { nodeFs } from '../../src/fs/node.js';
import { batchWriteFromTemplate, mergeThreeWay, readRecord, updateGenerated } from '../../src/generate/index.js';
import { readStatCache, statMatches } from '../../src/generate/record.js';
import { openLibrary } from '../../src/library/index.js';
import { exists, read, readTree, tempProject, writeFiles } from './helpers.js';

const manifest = JSON.stringify({
  name: 'svc',
  params: { name: { type: 'string' } },
});
const v1 = 'export class {{pascalCase name}}Service {\n  name = "{{name}}";\n\n  start() {\n    return 1;\n  }\n}\n';
const v2 = 'export class {{pascalCase name}}Service {\n  name = "{{name}}";\n\n  start() {\n    return 2;\n  }\n}\n';
const readme1 = '# {{name}}\n';

/** A project with the template in templates/svc and two generated services. */
async function generated(
  files: Record<string, string> = {
    'src/{{kebabCase name}}.ts.hbs': v1,
    'docs/{{kebabCase name}}.md.hbs': readme1,
  },
) {
  const root = tempProject({ 'templates/svc/template.json': manifest });
  for (const [path, content] of Object.entries(files)) writeFiles(root, { [`templates/svc/files/${path}`]: content });
  const library = openLibrary({ fs: nodeFs, root, builtinDir: false });
  await batchWriteFromTemplate('svc', [{ name: 'user' }, { name: 'order' }], {
    root,
    library,
    durability: 'process',
  });
  return { root, library };
}

/** Edits the template in place (the old version stays reachable: generation pinned it). */
const editTemplate = (root: string, path: string, content: string): void => writeFiles(root, { [`templates/svc/files/${path}`]: content });

describe('mergeThreeWay', () => {
  it('merges line changes on both sides', () => {
    expect(mergeThreeWay('a\nB\nc\nd\n', 'a\nb\nc\nd\n', 'a\nb\nc\nD\n')).toEqual({ content: 'a\nB\nc\nD\n', conflicts: 0 });
    // Changes to adjacent lines conflict, as in git and GNU diff3.
    expect(mergeThreeWay('a\nB\nc\n', 'a\nb\nc\n', 'a\nb\nC\n').conflicts).toBe(1);
    expect(mergeThreeWay('a\nb\nc\nmine\n', 'a\nb\nc\n', 'top\na\nb\nc\n')).toEqual({ content: 'top\na\nb\nc\nmine\n', conflicts: 0 });
  });

  it('takes the same change on both sides once, and keeps whitespace and missing final newlines', () => {
    expect(mergeThreeWay('a\n  x  y\n', 'a\nb\n', 'a\n  x  y\n')).toEqual({
      content: 'a\n  x  y\n',
      conflicts: 0,
    });
    expect(mergeThreeWay('A\nb', 'a\nb', 'a\nb')).toEqual({
      content: 'A\nb',
      conflicts: 0,
    });
  });

  it('writes git-style markers for overlapping changes', () => {
    const merged = mergeThreeWay('a\nX\nc', 'a\nb\nc', 'a\nY\nc', {
      theirs: 'template@abc',
    });
    expect(merged.conflicts).toBe(1);
    expect(merged.content).toBe('a\n<<<<<<< yours\nX\n=======\nY\n>>>>>>> template@abc\nc');
  });
});

describe('updateGenerated', () => {
  it('replaces unchanged files, merges edits cleanly, and records the new version', async () => {
    const { root, library } = await generated();
    // The user adds a method at the end of user.ts; the template changes start().
    fs.writeFileSync(join(root, 'src/user.ts'), read(root, 'src/user.ts').replace(/}\n$/, '\n  stop() {\n    return 0;\n  }\n}\n'));
    editTemplate(root, 'src/{{kebabCase name}}.ts.hbs', v2);
    const report = await updateGenerated({
      root,
      library,
      durability: 'process',
    });
    expect(Object.fromEntries(report.files.map((file) => [file.path, file.action]))).toEqual({
      // The version is the whole template's: its other files are re-rendered, and found identical.
      'docs/order.md': 'unchanged',
      'docs/user.md': 'unchanged',
      'src/order.ts': 'replaced',
      'src/user.ts': 'merged',
    });
    expect(read(root, 'src/order.ts')).toContain('return 2;');
    expect(read(root, 'src/user.ts')).toBe('export class UserService {\n  name = "user";\n\n  start() {\n    return 2;\n  }\n\n  stop() {\n    return 0;\n  }\n}\n');
    const now = (await library.get('svc')).hash;
    const record = await readRecord(nodeFs, root);
    expect(record.filter((file) => file.path.startsWith('src/')).map((file) => file.version)).toEqual([now, now]);
    // The record holds the template's output, not the merged file: the edit is still seen as an edit.
    expect(record.find((file) => file.path === 'src/user.ts')?.sha256).not.toBe(undefined);
    const again = await updateGenerated({
      root,
      library,
      durability: 'process',
    });
    expect(again.batch).toBeUndefined();
    expect(again.files.every((file) => file.action === 'current')).toBe(true);
  });

  it('keeps an edited file when the template output for it did not change', async () => {
    const { root, library } = await generated();
    writeFiles(root, { 'docs/user.md': '# user\n\nNotes the user wrote.\n' });
    editTemplate(root, 'src/{{kebabCase name}}.ts.hbs', v2);
    const report = await updateGenerated({
      root,
      library,
      durability: 'process',
    });
    expect(report.files.find((file) => file.path === 'docs/user.md')?.action).toBe('kept');
    expect(read(root, 'docs/user.md')).toBe('# user\n\nNotes the user wrote.\n');
  });

  it('refuses the whole update on a conflict, listing each, and writes nothing', async () => {
    const { root, library } = await generated();
    fs.writeFileSync(join(root, 'src/user.ts'), read(root, 'src/user.ts').replace('return 1;', 'return 10;'));
    editTemplate(root, 'src/{{kebabCase name}}.ts.hbs', v2);
    const before = readTree(root);
    const error = await updateGenerated({
      root,
      library,
      durability: 'process',
    }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: 'E_CONFLICT' });
    expect((error as Error).message).toMatch(/"src\/user\.ts \(1 conflicting region\)".*Nothing was written.*--conflict=markers/);
    expect(readTree(root)).toEqual(before); // not even the unchanged src/order.ts was replaced
  });

  it('writes conflict markers in markers mode, with the clean files, in one transaction', async () => {
    const { root, library } = await generated();
    fs.writeFileSync(join(root, 'src/user.ts'), read(root, 'src/user.ts').replace('return 1;', 'return 10;'));
    editTemplate(root, 'src/{{kebabCase name}}.ts.hbs', v2);
    const report = await updateGenerated({
      root,
      library,
      conflict: 'markers',
      durability: 'process',
    });
    const hash = (await library.get('svc')).hash.slice(0, 12);
    expect(report.conflicts.map((file) => file.path)).toEqual(['src/user.ts']);
    expect(read(root, 'src/user.ts')).toBe(
      `export class UserService {\n  name = "user";\n\n  start() {\n<<<<<<< yours\n    return 10;\n=======\n    return 2;\n>>>>>>> template@${hash}\n  }\n}\n`,
    );
    expect(read(root, 'src/order.ts')).toContain('return 2;');
    expect(report.batch?.txid).toMatch(/^\d{8}-/);
  });

  it('reads nothing when no template changed', async () => {
    const { root, library } = await generated();
    const port = createFaultPort(nodeFs);
    const report = await updateGenerated({
      root,
      library: openLibrary({ fs: nodeFs, root, builtinDir: false }),
      fs: port,
    });
    expect(report.files.map((file) => file.action)).toEqual(['current', 'current', 'current', 'current']);
    expect(port.counters.byOperation.readFile ?? 0).toBe(0);
    void library;
  });

  it('creates files new in the template, deletes unchanged files it dropped, keeps edited ones', async () => {
    const { root, library } = await generated();
    writeFiles(root, { 'docs/user.md': '# user, edited\n' });
    fs.rmSync(join(root, 'templates/svc/files/docs'), { recursive: true });
    editTemplate(root, 'test/{{kebabCase name}}.test.ts.hbs', 'test("{{name}}");\n');
    const report = await updateGenerated({
      root,
      library,
      durability: 'process',
    });
    const actions = Object.fromEntries(report.files.map((file) => [file.path, file.action]));
    expect(actions).toMatchObject({
      'docs/order.md': 'deleted',
      'docs/user.md': 'kept',
      'test/order.test.ts': 'created',
      'test/user.test.ts': 'created',
    });
    expect(exists(root, 'docs/order.md')).toBe(false);
    expect(read(root, 'docs/user.md')).toBe('# user, edited\n');
    expect(read(root, 'test/user.test.ts')).toBe('test("user");\n');
    expect((await readRecord(nodeFs, root)).map((file) => file.path)).toEqual(['src/order.ts', 'src/user.ts', 'test/order.test.ts', 'test/user.test.ts']);
  });

  it('keeps a file that already holds the change, refuses a new file over one it did not write, and vouches for what it wrote', async () => {
    const { root, library } = await generated();
    // The user made the template's coming change by hand, and wrote a file where a new one will go.
    writeFiles(root, { 'src/user.ts': read(root, 'src/user.ts').replace('return 1;', 'return 2;').replace(/}\n$/, '\n  stop() {}\n}\n') });
    writeFiles(root, { 'test/user.test.ts': 'test("mine");\n' });
    editTemplate(root, 'src/{{kebabCase name}}.ts.hbs', v2);
    editTemplate(root, 'test/{{kebabCase name}}.test.ts.hbs', 'test("{{name}}");\n');
    const report = await updateGenerated({ root, library, conflict: 'markers', durability: 'process' });
    const byPath = new Map(report.files.map((file) => [file.path, file]));
    expect(byPath.get('src/user.ts')).toMatchObject({ action: 'kept', note: 'your version already holds the template change' });
    expect(byPath.get('test/user.test.ts')).toMatchObject({ action: 'conflict', note: 'exists and was not generated by wopt' });
    expect(read(root, 'test/user.test.ts')).toContain('<<<<<<< yours\ntest("mine");\n=======\ntest("user");\n>>>>>>> template@');
    expect(read(root, 'test/order.test.ts')).toBe('test("order");\n');
    // The stat cache vouches for the files that hold exactly the new output, and for no other.
    const cache = await readStatCache(nodeFs, root);
    const record = new Map((await readRecord(nodeFs, root)).map((file) => [file.path, file]));
    const vouched = async (path: string) => {
      const entry = record.get(path);
      return entry !== undefined && statMatches(cache.get(path), entry, await nodeFs.stat(join(root, path)));
    };
    expect(await Promise.all(['src/order.ts', 'test/order.test.ts', 'src/user.ts', 'test/user.test.ts'].map(vouched))).toEqual([true, true, false, false]);
  });

  it('limits the update to paths and a template, and says when nothing matches', async () => {
    const { root, library } = await generated();
    editTemplate(root, 'src/{{kebabCase name}}.ts.hbs', v2);
    const report = await updateGenerated({
      root,
      library,
      paths: ['src/order.ts'],
      durability: 'process',
    });
    expect(report.files.map((file) => `${file.action} ${file.path}`)).toEqual(['replaced src/order.ts']);
    expect(read(root, 'src/user.ts')).toContain('return 1;');
    await expect(updateGenerated({ root, library, template: 'nope' })).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
  });
});
