/**
 * batchWriteFromTemplate on real temp dirs: given/expected fixture folders, param validation that
 * names the item, all-or-nothing, the record, and stat-based skipping seen through the fault port.
 */
import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFaultPort } from '../../src/fs/fault.js';
import { nodeFs } from '../../src/fs/node.js';
import { batchWriteFromTemplate, readRecord, RECORD_FILE } from '../../src/generate/index.js';
import type { Template } from '../../src/library/index.js';
import { openLibrary, readTemplateFolder, templateHash } from '../../src/library/index.js';
import { createRenderer } from '../../src/render/index.js';
import { copyInto, exists, fixtures, jsonLines, read, readTree, tempProject, writeFiles } from './helpers.js';

const componentDir = join(fixtures, 'component');
const loadComponent = (): Promise<Template> => readTemplateFolder(nodeFs, join(componentDir, 'template'));
const componentItems = (): unknown[] => jsonLines(fs.readFileSync(join(componentDir, 'params.jsonl'), 'utf8'));

const small: Template = {
  manifest: {
    name: 'small',
    params: { name: { type: 'string' }, n: { type: 'number', default: 1 } },
  },
  files: [
    { path: 'out/{{kebabCase name}}.txt', content: '{{name}} {{n}}\n' },
    { path: 'out/{{kebabCase name}}.md', content: '# {{titleCase name}}\n' },
  ],
};

describe('batchWriteFromTemplate', () => {
  it('generates the expected folder from the given one (fixture: component)', async () => {
    const root = tempProject();
    copyInto(join(componentDir, 'given'), root);
    const report = await batchWriteFromTemplate(await loadComponent(), componentItems(), { root, durability: 'process' });
    expect(readTree(root)).toEqual(readTree(join(componentDir, 'expected')));
    expect(report.items).toBe(3);
    expect(report.counts.created).toBe(8); // 7 files (one optional stylesheet skipped twice) + the record
    expect(report.txid).toMatch(/^\d{8}-/);
  });

  it('writes a stable record: sorted by path, sorted keys, given params only, hashes of the output', async () => {
    const root = tempProject();
    const template = await loadComponent();
    // The same items in another order and with keys in another order write the same bytes.
    const items = componentItems()
      .reverse()
      .map((item) => Object.fromEntries(Object.entries(item as object).reverse()));
    await batchWriteFromTemplate(template, items, {
      root,
      durability: 'process',
    });
    expect(read(root, RECORD_FILE)).toBe(read(join(componentDir, 'expected'), RECORD_FILE));
    const record = await readRecord(nodeFs, root);
    expect(record.map((file) => file.path)).toEqual([...record.map((file) => file.path)].sort());
    const view = record.find((file) => file.path === 'user_card/view.py');
    expect(view).toMatchObject({
      template: 'component',
      version: templateHash(template),
      params: { name: 'user card', styles: true },
      size: Buffer.byteLength(read(root, 'user_card/view.py')),
    });
  });

  it('validates every item against the manifest and names the item and the param; nothing is written', async () => {
    const template = await loadComponent();
    const cases: [unknown[], RegExp][] = [
      [[{ name: 'ok' }, { styles: true }], /item 1: Template "component": the param "name" is required/],
      [[{ name: 'ok' }, { name: 'two' }, { name: 'bad!name' }], /item 2: .*"name" is "bad!name", which does not match/],
      [[{ name: 'ok', styles: 'yes' }], /item 0: .*"styles" must be a boolean/],
      [[{ name: 'ok', nmae: 'x' }], /item 0: .*there is no param "nmae".*Did you mean "name"/],
      [['just a string'], /item 0: the params for template "component" must be an object/],
    ];
    for (const [items, message] of cases) {
      const root = tempProject({ 'keep.txt': 'keep\n' });
      const error = await batchWriteFromTemplate(template, items, {
        root,
        durability: 'process',
      }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toMatchObject({ code: 'E_TEMPLATE_PARAM' });
      expect((error as Error).message).toMatch(message);
      expect(readTree(root)).toEqual({ 'keep.txt': 'keep\n' });
    }
  });

  it('applies defaults, including a string default that is itself a template, per item', async () => {
    const root = tempProject();
    await batchWriteFromTemplate(await loadComponent(), [{ name: 'line item' }, { name: 'box', route: '/crates' }], { root, durability: 'process' });
    expect(read(root, 'line_item/view.py')).toContain('ROUTE = "/line-items"');
    expect(read(root, 'box/view.py')).toContain('ROUTE = "/crates"');
    expect(exists(root, 'line_item/styles.css')).toBe(false);
  });

  it('is all or nothing: a bad item after several staged chunks leaves the disk as it was', async () => {
    const root = tempProject({ 'out/existing.txt': 'mine\n' });
    async function* items() {
      for (let i = 0; i < 400; i++) yield i === 350 ? { name: `item ${i}`, n: 'not a number' } : { name: `item ${i}` };
    }
    const staged: number[] = [];
    const error = await batchWriteFromTemplate(small, items(), {
      root,
      durability: 'process',
      onProgress: (p) => staged.push(p.staged),
    }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: 'E_TEMPLATE_PARAM' });
    expect((error as Error).message).toMatch(/^item 350: .*"n" must be a number/);
    expect(Math.max(...staged)).toBeGreaterThanOrEqual(512); // chunks were staged before the failure
    expect(readTree(root)).toEqual({ 'out/existing.txt': 'mine\n' });
    expect(fs.readdirSync(join(root, 'out'))).toEqual(['existing.txt']); // no temp left behind
  });

  it('renders in parallel but writes in input order, from any iterable', async () => {
    const root = tempProject();
    function* items() {
      for (const name of ['c', 'a', 'b', 'd', 'e']) yield { name };
    }
    const report = await batchWriteFromTemplate(small, items(), {
      root,
      durability: 'process',
      parallel: 3,
    });
    expect(report.files.map((file) => file.path)).toEqual([
      'out/c.txt',
      'out/c.md',
      'out/a.txt',
      'out/a.md',
      'out/b.txt',
      'out/b.md',
      'out/d.txt',
      'out/d.md',
      'out/e.txt',
      'out/e.md',
      RECORD_FILE,
    ]);
  });

  it('refuses two items that generate the same path', async () => {
    const root = tempProject();
    await expect(
      batchWriteFromTemplate(small, [{ name: 'same' }, { name: 'Same' }], {
        root,
        durability: 'process',
      }),
    ).rejects.toMatchObject({ code: 'E_DUPLICATE' });
    expect(readTree(root)).toEqual({});
  });

  it('asks before overwriting files wopt did not generate, and refuses the whole batch on no', async () => {
    const root = tempProject({ 'out/a.txt': 'hand written\n' });
    const asked: string[][] = [];
    await expect(
      batchWriteFromTemplate(small, [{ name: 'a' }, { name: 'b' }], {
        root,
        durability: 'process',
        onOverwrite: (paths) => {
          asked.push([...paths]);
          return false;
        },
      }),
    ).rejects.toMatchObject({ code: 'E_EXISTS', paths: ['out/a.txt'] });
    expect(asked).toEqual([['out/a.txt']]);
    expect(readTree(root)).toEqual({ 'out/a.txt': 'hand written\n' });
    // Regenerating its own unchanged output is not an overwrite.
    await batchWriteFromTemplate(small, [{ name: 'b' }], {
      root,
      durability: 'process',
    });
    const again = await batchWriteFromTemplate(small, [{ name: 'b', n: 2 }], {
      root,
      durability: 'process',
      onOverwrite: () => false,
    });
    expect(again.overwritten).toEqual([]);
    expect(read(root, 'out/b.txt')).toBe('b 2\n');
  });

  it('resolves a name through the library and pins the version used in the project library, in the same transaction', async () => {
    const root = tempProject();
    copyInto(join(componentDir, 'template'), join(root, 'templates/component'));
    const library = openLibrary({ fs: nodeFs, root, builtinDir: false });
    const report = await batchWriteFromTemplate('component', [{ name: 'pin' }], { root, library, durability: 'process' });
    const hash = report.template.hash;
    const pinned = `templates/.versions/component/${hash.slice(0, 12)}`;
    expect(report.files.map((file) => file.path)).toEqual(expect.arrayContaining([`${pinned}/template.json`, 'pin/view.py', RECORD_FILE]));
    expect((await library.get(`component@${hash.slice(0, 12)}`)).hash).toBe(hash);
  });

  it('skips unchanged output by stat alone: no file is read and nothing is rendered', async () => {
    const root = tempProject();
    const template = await loadComponent();
    const items = Array.from({ length: 40 }, (_, i) => ({
      name: `thing ${i}`,
      styles: i % 2 === 0,
    }));
    const first = await batchWriteFromTemplate(template, items, {
      root,
      durability: 'process',
    });
    expect(first.skippedItems).toBe(0);
    const generated = (await readRecord(nodeFs, root)).map((file) => file.path);

    const port = createFaultPort(nodeFs, { record: true });
    const renderer = createRenderer({ fs: port, root });
    const again = await batchWriteFromTemplate(template, items, {
      root,
      fs: port,
      renderer,
      durability: 'process',
    });
    expect(again.skippedItems).toBe(40);
    expect(again.txid).toBeUndefined(); // nothing to write
    expect(port.counters.byOperation.readFile ?? 0).toBe(0);
    expect(port.counters.byOperation.readHead ?? 0).toBe(0);
    const readPaths = port.trace.filter((op) => op.operation === 'readStream').map((op) => op.path.slice(root.length + 1));
    expect(readPaths.filter((path) => generated.includes(path))).toEqual([]);
    expect(renderer.stats.compiles + renderer.stats.memoryHits).toBe(0);
    expect(port.counters.byOperation.stat ?? 0).toBeGreaterThanOrEqual(generated.length);

    // An edited file is noticed by its stat: that item is rendered again (and the edit overwritten:
    // this is gen, not update), the others are still skipped.
    fs.appendFileSync(join(root, 'thing_3/view.py'), '# edit\n');
    const third = await batchWriteFromTemplate(template, items, {
      root,
      durability: 'process',
    });
    expect(third.skippedItems).toBe(39);
    expect(third.overwritten).toEqual([]); // only collected when onOverwrite/onFile are given
    expect(read(root, 'thing_3/view.py')).not.toContain('# edit');
  });

  it('verifies by content when the stat cache is gone, then caches again (lazy refresh)', async () => {
    const root = tempProject();
    const items = [{ name: 'a' }, { name: 'b' }];
    await batchWriteFromTemplate(small, items, { root, durability: 'process' });
    fs.rmSync(join(root, '.wopt/generated-stats.json'));
    const port = createFaultPort(nodeFs);
    const second = await batchWriteFromTemplate(small, items, {
      root,
      fs: port,
      durability: 'process',
    });
    expect(second.skippedItems).toBe(0);
    expect(second.counts.unchanged).toBe(4);
    expect(second.txid).toBeUndefined();
    const port2 = createFaultPort(nodeFs);
    const third = await batchWriteFromTemplate(small, items, {
      root,
      fs: port2,
      durability: 'process',
    });
    expect(third.skippedItems).toBe(2);
    expect(port2.counters.byOperation.readFile ?? 0).toBe(0);
  });

  it('re-renders when the template version changes, even if the files are untouched', async () => {
    const root = tempProject();
    await batchWriteFromTemplate(small, [{ name: 'a' }], {
      root,
      durability: 'process',
    });
    const changed: Template = {
      ...small,
      files: [{ path: 'out/{{kebabCase name}}.txt', content: '{{name}} = {{n}}\n' }],
    };
    const report = await batchWriteFromTemplate(changed, [{ name: 'a' }], {
      root,
      durability: 'process',
    });
    expect(report.skippedItems).toBe(0);
    expect(read(root, 'out/a.txt')).toBe('a = 1\n');
    expect(report.warnings.join('\n')).toMatch(/out\/a\.md was generated by item 0 before and is not any more/);
    expect((await readRecord(nodeFs, root)).map((file) => file.path)).toEqual(['out/a.txt']);
  });

  it('plans without writing on a dry run (no files, no record, no stat cache)', async () => {
    const root = tempProject();
    writeFiles(root, { 'out/a.txt': 'old\n' });
    const planned: string[] = [];
    const report = await batchWriteFromTemplate(small, [{ name: 'a' }], {
      root,
      dryRun: true,
      onFile: (file) => planned.push(`${file.status} ${file.path}`),
    });
    expect(report.dryRun).toBe(true);
    expect(planned).toEqual(['update out/a.txt', 'create out/a.md']);
    expect(report.overwritten).toEqual(['out/a.txt']);
    expect(readTree(root)).toEqual({ 'out/a.txt': 'old\n' });
  });
});
