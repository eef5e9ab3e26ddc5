/**
 * loadHelpers: the project's helpers module, imported for real from temp folders.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHelpers } from '../../src/config/index.js';
import { createNodeFs } from '../../src/fs/node.js';
import { tempProject } from '../helpers/temp.js';
import { rejection } from '../library/helpers.js';

const nodeFs = createNodeFs();
const project = (files: Record<string, string>): string => tempProject('helpers', files);

const load = (root: string, helpers: string | undefined) => loadHelpers({ fs: nodeFs, root, config: { helpers }, configFile: join(root, 'wopt.config.json') });

describe('loadHelpers', () => {
  it('loads nothing (and imports nothing) when the config names no module', async () => {
    const root = project({});
    expect(await load(root, undefined)).toEqual({ helpers: undefined, file: undefined, warnings: [] });
  });

  it('takes named exports and the default object, relative to the root', async () => {
    const root = project({
      'tools/helpers.mjs': 'export const shout = (s) => `${s}!`;\nexport default { whisper: (s) => s.toLowerCase() };\n',
    });
    const { helpers, file, warnings } = await load(root, './tools/helpers.mjs');
    expect(file).toBe(join(root, 'tools/helpers.mjs'));
    expect(Object.keys(helpers ?? {}).sort()).toEqual(['shout', 'whisper']);
    expect((helpers?.shout as unknown as (s: string) => string)('hi')).toBe('hi!');
    expect(warnings).toEqual([]);
  });

  it('warns when a helper replaces a built-in one', async () => {
    const root = project({ 'h.mjs': 'export function kebabCase(s) { return s; }\n' });
    const { warnings } = await load(root, 'h.mjs');
    expect(warnings).toEqual([`${join(root, 'h.mjs')} replaces the built-in helper kebabCase.`]);
  });

  it.each([
    ['a missing module', {}, 'missing.mjs', /the helpers module ".*missing\.mjs" does not exist\. Create it/],
    ['a module that throws', { 'h.mjs': 'throw new Error("boom");\n' }, 'h.mjs', /failed to load \(boom\)/],
    ['a module with a syntax error', { 'h.mjs': 'export const = 1;\n' }, 'h.mjs', /failed to load/],
    ['a non-function export', { 'h.mjs': 'export const version = 3;\n' }, 'h.mjs', /the export "version" is number, not a function/],
    ['a default export that is not an object', { 'h.mjs': 'export default 42;\n' }, 'h.mjs', /the default export is number, not an object of helpers/],
    ['a module without helpers', { 'h.mjs': 'export {};\n' }, 'h.mjs', /exports no helper/],
    ['a name no template can call', { 'h.mjs': 'export default { "two words": () => 1 };\n' }, 'h.mjs', /"two words" is not a name a template can call/],
  ])('refuses %s, naming the config and the module', async (_label, files, setting, message) => {
    const root = project(files as Record<string, string>);
    const error = await rejection(() => load(root, setting));
    expect(error).toMatchObject({ code: 'E_CONFIG_INVALID' });
    expect(error.message).toContain(join(root, 'wopt.config.json'));
    expect(error.message).toContain(`"helpers": "${setting}"`);
    expect(error.message).toMatch(message);
  });
});
