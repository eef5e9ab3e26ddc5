import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNodeFs } from '../../src/fs/node.js';
import { templateHash } from '../../src/library/hash.js';
import { openLibrary } from '../../src/library/library.js';
import type { LibraryOptions } from '../../src/library/library.js';
import { builtinTemplatesDir, userTemplatesDir } from '../../src/library/locations.js';
import type { Template } from '../../src/library/template.js';
import { rawTar, readFiles, rejection, tempDir, templateFiles, writeFiles } from './helpers.js';

const nodeFs = createNodeFs();


/** Three layers in temp dirs: project root, WOPT_HOME, and a built-in folder. */
function setup(extra: Partial<LibraryOptions> = {}) {
  const root = tempDir('project');
  const home = tempDir('home');
  const builtin = tempDir('builtin');
  const warnings: string[] = [];
  const library = openLibrary({ fs: nodeFs, root, env: { WOPT_HOME: home }, homeDir: '/nonexistent-home', builtinDir: builtin, onWarning: (m) => warnings.push(m), ...extra });
  return { root, home, builtin, library, warnings, user: join(home, 'templates'), project: join(root, 'templates') };
}

const card = (version: string, body = 'card', extra: Record<string, unknown> = {}) =>
  templateFiles({ name: 'card', version, description: `card ${version}`, params: { name: { type: 'string' } }, ...extra }, { 'src/{{kebabCase name}}.ts.hbs': `// ${body}\n` });

const cardTemplate = (version: string, body = 'card'): Template => ({
  manifest: { name: 'card', version, params: { name: { type: 'string' } } },
  files: [{ path: 'src/{{kebabCase name}}.ts.hbs', content: `// ${body}\n` }],
});

describe('layers', () => {
  it('finds the built-in folder from the module URL, from src/ and from dist/', () => {
    expect(builtinTemplatesDir()).toBe(join(import.meta.dirname, '..', '..', 'templates'));
    expect(builtinTemplatesDir('file:///pkg/dist/library/library.js')).toBe('/pkg/templates');
    expect(fs.existsSync(join(builtinTemplatesDir(), 'template.schema.json'))).toBe(true);
  });

  it('puts the user library at $WOPT_HOME, else $XDG_CONFIG_HOME/wopt, else ~/.config/wopt', () => {
    expect(userTemplatesDir({ WOPT_HOME: '/w', XDG_CONFIG_HOME: '/x' }, '/h')).toBe('/w/templates');
    expect(userTemplatesDir({ XDG_CONFIG_HOME: '/x' }, '/h')).toBe('/x/wopt/templates');
    expect(userTemplatesDir({}, '/h')).toBe('/h/.config/wopt/templates');
    const warnings: string[] = [];
    expect(userTemplatesDir({ XDG_CONFIG_HOME: 'relative' }, '/h', (m) => warnings.push(m))).toBe('/h/.config/wopt/templates');
    expect(warnings).toEqual(['XDG_CONFIG_HOME="relative" is not an absolute path; it is ignored for the user template library.']);
    expect(userTemplatesDir({}, undefined)).toBeUndefined();
  });

  it('nearer wins: project > user > built-in', async () => {
    const { library, project, user, builtin } = setup();
    writeFiles(join(builtin, 'card'), card('1.0.0', 'builtin'));
    writeFiles(join(builtin, 'only-builtin'), templateFiles({ name: 'only-builtin' }, { 'a.txt': 'a' }));
    writeFiles(join(user, 'card'), card('2.0.0', 'user'));
    writeFiles(join(user, 'only-user'), templateFiles({ name: 'only-user' }, { 'a.txt': 'a' }));
    writeFiles(join(project, 'card'), card('3.0.0', 'project'));

    const listed = await library.list();
    expect(listed.map(({ name, layer, version, shadows }) => ({ name, layer, version, shadows }))).toEqual([
      { name: 'card', layer: 'project', version: '3.0.0', shadows: ['user', 'builtin'] },
      { name: 'only-builtin', layer: 'builtin', version: undefined, shadows: [] },
      { name: 'only-user', layer: 'user', version: undefined, shadows: [] },
    ]);
    const got = await library.get('card');
    expect(got.layer).toBe('project');
    expect(got.template.files[0]?.content).toBe('// project\n');
    expect(got.hash).toBe(templateHash(got.template));

    fs.rmSync(join(project, 'card'), { recursive: true });
    expect((await library.get('card')).layer).toBe('user');
    fs.rmSync(join(user, 'card'), { recursive: true });
    expect((await library.get('card')).layer).toBe('builtin');
  });

  it('uses the project folder set in the config', async () => {
    const root = tempDir('project');
    const configured = openLibrary({ fs: nodeFs, root, config: { templates: 'tools/tpl' }, builtinDir: false });
    writeFiles(join(root, 'tools/tpl/card'), card('1.0.0'));
    expect((await configured.get('card')).dir).toBe(join(root, 'tools/tpl/card'));
    expect(configured.layers.map((layer) => layer.name)).toEqual(['project']);
  });

  it('lists a broken template as a warning and refuses it on get, without falling back to a farther layer', async () => {
    const { library, project, builtin, warnings } = setup();
    writeFiles(join(builtin, 'card'), card('1.0.0'));
    writeFiles(join(project, 'card'), { 'template.json': '{"name":"card","params":{"n":{"type":"text"}}}' });
    expect(await library.list()).toEqual([]);
    expect(warnings.join('\n')).toContain('The project template "card" is broken and was left out');
    expect((await rejection(() => library.get('card'))).code).toBe('E_TEMPLATE_INVALID');
  });

  it('names the closest templates when one is not found', async () => {
    const { library, builtin } = setup();
    writeFiles(join(builtin, 'react-component'), templateFiles({ name: 'react-component' }, { 'a.txt': 'a' }));
    const error = await rejection(() => library.get('react-componnet'));
    expect(error.code).toBe('E_TEMPLATE_NOT_FOUND');
    expect(error.message).toContain('Did you mean "react-component"?');
  });
});

describe('versions', () => {
  it('keeps the replaced version and resolves name@version and name@<hash prefix>', async () => {
    const { library, project, root } = setup();
    const source1 = join(root, 'in1');
    const source2 = join(root, 'in2');
    writeFiles(source1, card('1.0.0', 'one'));
    writeFiles(source2, card('2.0.0', 'two'));
    const first = await library.add('in1', { layer: 'project' });
    expect(first.status).toBe('created');

    const refused = await rejection(() => library.add('in2', { layer: 'project' }));
    expect(refused.code).toBe('E_EXISTS');
    expect(refused.message).toContain('Pass force (CLI: --force) to replace it');
    expect((await library.get('card')).template.manifest.version).toBe('1.0.0');

    const second = await library.add('in2', { layer: 'project', force: true });
    expect(second).toMatchObject({ status: 'replaced', previousHash: first.hash });
    expect(fs.existsSync(join(project, '.versions/card', first.hash.slice(0, 12), 'template.json'))).toBe(true);

    expect((await library.get('card')).hash).toBe(second.hash);
    expect((await library.get('card@2.0.0')).current).toBe(true);
    const old = await library.get('card@1.0.0');
    expect(old).toMatchObject({ current: false, hash: first.hash, layer: 'project' });
    expect(old.template.files[0]?.content).toBe('// one\n');
    expect((await library.get(`card@${first.hash.slice(0, 7)}`)).hash).toBe(first.hash);
    expect((await library.get(`card@${second.hash}`)).hash).toBe(second.hash);

    const short = await rejection(() => library.get(`card@${first.hash.slice(0, 6)}`));
    expect(short.code).toBe('E_TEMPLATE_NOT_FOUND');
    expect(short.message).toContain(`Saved versions: ${second.hash.slice(0, 12)} (2.0.0), ${first.hash.slice(0, 12)} (1.0.0)`);
    expect((await library.versions('card')).map((v) => [v.version, v.current])).toEqual([
      ['2.0.0', true],
      ['1.0.0', false],
    ]);
  });

  it('refuses a version value two saved versions share, naming their hashes', async () => {
    const { library } = setup();
    await library.add(cardTemplate('1.0.0', 'a'), { layer: 'project' });
    await library.add(cardTemplate('2.0.0', 'b'), { layer: 'project', force: true });
    await library.add(cardTemplate('1.0.0', 'c'), { layer: 'project', force: true });
    // The current one wins when it matches ...
    expect((await library.get('card@1.0.0')).current).toBe(true);
    await library.add(cardTemplate('3.0.0', 'd'), { layer: 'project', force: true });
    // ... but two archived versions with one label are ambiguous.
    const error = await rejection(() => library.get('card@1.0.0'));
    expect(error.code).toBe('E_TEMPLATE_AMBIGUOUS');
  });

  it('adding the same content again changes nothing', async () => {
    const { library, project } = setup();
    await library.add(cardTemplate('1.0.0'), { layer: 'project' });
    const again = await library.add(cardTemplate('1.0.0'), { layer: 'project' });
    expect(again.status).toBe('unchanged');
    expect(again.report).toBeUndefined();
    expect(fs.existsSync(join(project, '.versions'))).toBe(false);
  });
});

describe('add, remove, export, import', () => {
  it('adds to the user layer, creating its folders, and reports the layers it shadows', async () => {
    const { library, user, builtin } = setup();
    writeFiles(join(builtin, 'card'), card('0.1.0'));
    const added = await library.add(cardTemplate('1.0.0'), { layer: 'user' });
    expect(added.shadows).toEqual(['builtin']);
    expect(Object.keys(readFiles(join(user, 'card')))).toEqual(['files/src/{{kebabCase name}}.ts.hbs', 'template.json']);
    expect((await library.get('card')).layer).toBe('user');
  });

  it('removes a template and its versions, leaving no empty folders and files that are not its own', async () => {
    const { library, project } = setup();
    await library.add(cardTemplate('1.0.0', 'a'), { layer: 'project' });
    await library.add(cardTemplate('2.0.0', 'b'), { layer: 'project', force: true });
    writeFiles(project, { 'card/notes.txt': 'mine' });
    const removed = await library.remove('card', { layer: 'project' });
    expect(removed.removed).toHaveLength(2);
    expect(readFiles(project)).toEqual({ 'card/notes.txt': 'mine' });
    expect(removed.leftovers).toEqual([join(project, 'card/notes.txt')]);
    expect(fs.existsSync(join(project, '.versions'))).toBe(true); // the .versions folder itself stays; only card's entry goes
    expect(fs.readdirSync(join(project, '.versions'))).toEqual([]);

    const missing = await rejection(() => library.remove('card', { layer: 'user' }));
    expect(missing.code).toBe('E_TEMPLATE_NOT_FOUND');
  });

  it('replacing deletes the old version\'s files that the new one does not have', async () => {
    const { library, project } = setup();
    await library.add({ manifest: { name: 'card', params: {} }, files: [{ path: 'old.txt', content: 'o' }] }, { layer: 'project' });
    await library.add({ manifest: { name: 'card', params: {} }, files: [{ path: 'new.txt', content: 'n' }] }, { layer: 'project', force: true });
    expect(Object.keys(readFiles(join(project, 'card')))).toEqual(['files/new.txt', 'template.json']);
  });

  it('exports to a folder and imports it back, the same hash', async () => {
    const { library, root } = setup();
    const added = await library.add(cardTemplate('1.0.0'), { layer: 'user' });
    const exported = await library.export('card', 'out/card');
    expect(exported.path).toBe(join(root, 'out/card'));
    expect(fs.existsSync(join(root, 'out/card/.wopt'))).toBe(false);
    const exists = await rejection(() => library.export('card', 'out/card'));
    expect(exists.code).toBe('E_EXISTS');
    const imported = await library.import('out/card', { layer: 'project' });
    expect(imported.hash).toBe(added.hash);
    expect((await library.get('card')).layer).toBe('project');
  });

  it('exports a tarball with export --tar and imports it back', async () => {
    const { library, root } = setup();
    const added = await library.add({ ...cardTemplate('1.0.0'), readme: '# Card\n' }, { layer: 'user' });
    await library.export('card', 'out/card.tgz');
    const listing = execFileSync('tar', ['-tzf', join(root, 'out/card.tgz')], { encoding: 'utf8' }).trim().split('\n');
    expect(listing).toEqual(['card/template.json', 'card/README.md', 'card/files/src/{{kebabCase name}}.ts.hbs']);
    const imported = await library.import('out/card.tgz', { layer: 'project' });
    expect(imported.hash).toBe(added.hash);
    expect((await library.get('card')).template.readme).toBe('# Card\n');
  });

  it('imports a tarball made by tar -czf, with and without npm pack\'s package/ folder', async () => {
    const { library, root } = setup();
    writeFiles(join(root, 'pkg/package'), card('1.0.0'));
    writeFiles(join(root, 'pkg/package/files/bin'), { 'run.sh': ['#!/bin/sh\n', 0o755] });
    execFileSync('tar', ['-czf', join(root, 'card.tgz'), '-C', join(root, 'pkg'), 'package']);
    const fromPack = await library.import('card.tgz', { layer: 'project' });
    expect(fromPack.status).toBe('created');
    const got = await library.get('card');
    expect(got.template.files.find((file) => file.path === 'bin/run.sh')?.mode).toBe(0o755);

    execFileSync('tar', ['-cf', join(root, 'flat.tar'), '-C', join(root, 'pkg/package'), '.']);
    const flat = await library.import('flat.tar', { layer: 'user' });
    expect(flat.hash).toBe(fromPack.hash);
  });

  it('refuses unsafe archive entries with nothing written', async () => {
    const { library, root, project } = setup();
    const manifest = JSON.stringify({ name: 'card' });
    const unsafe: [string, Buffer, string][] = [
      ['absolute path', rawTar([{ name: 'template.json', content: manifest }, { name: '/etc/passwd', content: 'x' }]), 'has an absolute path'],
      ['.. segment', rawTar([{ name: 'template.json', content: manifest }, { name: 'files/../../evil', content: 'x' }]), 'climbs out of its folder'],
      ['symlink', rawTar([{ name: 'template.json', content: manifest }, { name: 'files/link', type: '2', linkname: '/etc/passwd' }]), 'is a symbolic link'],
      ['hard link', rawTar([{ name: 'template.json', content: manifest }, { name: 'files/link', type: '1', linkname: 'template.json' }]), 'is a hard link'],
      ['device', rawTar([{ name: 'template.json', content: manifest }, { name: 'files/dev', type: '3' }]), 'is a device'],
      ['fifo', rawTar([{ name: 'template.json', content: manifest }, { name: 'files/fifo', type: '6' }]), 'is a FIFO'],
      ['duplicate', rawTar([{ name: 'template.json', content: manifest }, { name: 'template.json', content: manifest }]), 'appears twice'],
    ];
    for (const [title, bytes, why] of unsafe) {
      fs.writeFileSync(join(root, 'bad.tar'), bytes);
      const error = await rejection(() => library.import('bad.tar', { layer: 'project' }));
      expect({ title, code: error.code, has: error.message.includes(why) }).toEqual({ title, code: 'E_ARCHIVE_UNSAFE', has: true });
      expect(error.message).toContain('Nothing was written');
    }
    expect(fs.existsSync(project)).toBe(false);
    expect(fs.existsSync(join(root, '.wopt'))).toBe(false);
  });

  it('refuses damaged archives clearly', async () => {
    const { library, root } = setup();
    const good = rawTar([{ name: 'template.json', content: JSON.stringify({ name: 'card' }) }]);
    const damaged = Buffer.from(good);
    damaged[10] = 0x41; // breaks the header checksum
    const cases: [string, Buffer, string][] = [
      ['checksum', damaged, 'bad checksum'],
      ['not tar', Buffer.from('hello world'.repeat(100)), 'bad checksum'],
      ['truncated', good.subarray(0, 512), 'truncated'],
      ['no template', rawTar([{ name: 'a/x.txt', content: 'x' }, { name: 'b/y.txt', content: 'y' }]), 'no template.json'],
    ];
    for (const [title, bytes, why] of cases) {
      fs.writeFileSync(join(root, 'bad.tar'), bytes);
      const error = await rejection(() => library.import('bad.tar', { layer: 'project' }));
      expect({ title, code: error.code, has: error.message.includes(why) }).toEqual({ title, code: 'E_ARCHIVE_INVALID', has: true });
    }
  });

  it('refuses to write to the built-in layer or to a user layer with no known location', async () => {
    const { root } = setup();
    const library = openLibrary({ fs: nodeFs, root, env: {}, builtinDir: false });
    const error = await rejection(() => library.add(cardTemplate('1.0.0'), { layer: 'user' }));
    expect(error.code).toBe('E_INVALID_INPUT');
    expect(error.message).toContain('set WOPT_HOME or XDG_CONFIG_HOME');
  });
});
