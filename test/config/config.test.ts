import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFlags, configDefaults, defineConfig, loadConfig } from '../../src/config/index.js';
import { createNodeFs } from '../../src/fs/node.js';
import { tempProject } from '../helpers/temp.js';
import { rejection } from '../library/helpers.js';

const nodeFs = createNodeFs();
const project = (files: Record<string, string>): string => tempProject('config', files);

/** An importModule that serves modules from a table, recording what was asked. */
function modules(table: Record<string, unknown>) {
  const asked: string[] = [];
  const importModule = async (path: string): Promise<unknown> => {
    asked.push(path);
    if (!(path in table)) throw new Error(`no module ${path}`);
    return table[path];
  };
  return { asked, importModule };
}


describe('loadConfig', () => {
  it('gives the defaults when there is no config', async () => {
    const root = project({ 'package.json': '{"name":"app"}' });
    expect(await loadConfig({ fs: nodeFs, root })).toEqual({ config: configDefaults, file: undefined, fromPackageJson: false, warnings: [] });
    expect(configDefaults).toEqual({ templates: 'templates', helpers: undefined, prettier: false, durability: 'full', backup: 1 });
  });

  it('flags > config file > package.json#wopt > defaults, field by field', async () => {
    const root = project({
      'package.json': JSON.stringify({ name: 'app', wopt: { templates: 'pkg-templates', prettier: true, backup: 3 } }),
      'wopt.config.json': JSON.stringify({ templates: 'file-templates', durability: 'process' }),
    });
    const loaded = await loadConfig({ fs: nodeFs, root });
    expect(loaded.config).toEqual({ templates: 'file-templates', helpers: undefined, prettier: true, durability: 'process', backup: 3 });
    expect(loaded.file).toBe(join(root, 'wopt.config.json'));
    expect(loaded.fromPackageJson).toBe(true);
    expect(applyFlags(loaded.config, { durability: 'none', prettier: undefined })).toEqual({ ...loaded.config, durability: 'none' });
  });

  it('loads wopt.config.mjs through the injected importModule, default export, defineConfig', async () => {
    const root = project({ 'wopt.config.mjs': '// loaded through importModule' });
    const { asked, importModule } = modules({ [join(root, 'wopt.config.mjs')]: { default: defineConfig({ helpers: './helpers.mjs', prettier: true }) } });
    const loaded = await loadConfig({ fs: nodeFs, root, importModule });
    expect(asked).toEqual([join(root, 'wopt.config.mjs')]);
    expect(loaded.config).toMatchObject({ helpers: './helpers.mjs', prettier: true, templates: 'templates' });
  });

  it('loads wopt.config.js, awaiting a promised default', async () => {
    const root = project({ 'wopt.config.js': '' });
    const { importModule } = modules({ [join(root, 'wopt.config.js')]: { default: Promise.resolve({ backup: 0 }) } });
    expect((await loadConfig({ fs: nodeFs, root, importModule })).config.backup).toBe(0);
  });

  it('warns about unknown keys, with "did you mean"', async () => {
    const root = project({ 'wopt.config.json': JSON.stringify({ prettir: true }) });
    const loaded = await loadConfig({ fs: nodeFs, root });
    expect(loaded.warnings).toEqual([`${JSON.stringify(join(root, 'wopt.config.json'))}: unknown config key "prettir" is ignored. Did you mean "prettier"?`]);
    expect(loaded.config.prettier).toBe(false);
  });

  it('refuses malformed values, naming the file, the field and the fix', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ 'wopt.config.json': '{"durability":"fulll"}' }, 'durability: must be one of "full", "process", "none", got string "fulll". Did you mean "full"?'],
      [{ 'wopt.config.json': '{"backup":-1}' }, 'backup: must be a whole number of at least 0'],
      [{ 'wopt.config.json': '{"prettier":"yes"}' }, 'prettier: must be true or false'],
      [{ 'wopt.config.json': '{"templates":""}' }, 'templates: must be a non-empty path'],
      [{ 'wopt.config.json': '{,}' }, 'is not valid JSON'],
      [{ 'wopt.config.json': '[]' }, 'must be an object'],
      [{ 'package.json': '{"wopt":{"backup":1.5}}' }, '#wopt", backup: must be a whole number'],
      [{ 'wopt.config.json': '{}', 'wopt.config.mjs': '' }, 'wopt.config.json and wopt.config.mjs both exist'],
      [{ 'wopt.config.ts': '' }, 'wopt.config.ts cannot be loaded by Node without a TypeScript loader'],
    ];
    for (const [files, message] of cases) {
      const error = await rejection(() => loadConfig({ fs: nodeFs, root: project(files) }));
      expect({ code: error.code, message: error.message.includes(message) ? message : error.message }).toEqual({ code: 'E_CONFIG_INVALID', message });
    }
  });

  it('reports a module without a default export, or one that fails to load', async () => {
    const root = project({ 'wopt.config.mjs': '' });
    const missing = await rejection(() => loadConfig({ fs: nodeFs, root, importModule: async () => ({ config: {} }) }));
    expect(missing.message).toContain('has no default export. Write export default defineConfig({ ... }).');
    const failing = await rejection(() => loadConfig({ fs: nodeFs, root, importModule: async () => { throw new SyntaxError('Unexpected token'); } }));
    expect(failing.message).toContain('failed to load (Unexpected token)');
    expect(failing.cause).toBeInstanceOf(SyntaxError);
  });

  it('loads a real wopt.config.mjs with the default importModule', async () => {
    const root = project({ 'wopt.config.mjs': 'export default { templates: "tpl", durability: "process" };\n' });
    expect((await loadConfig({ fs: nodeFs, root })).config).toMatchObject({ templates: 'tpl', durability: 'process' });
  });
});
