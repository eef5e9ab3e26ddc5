/**
 * `wopt templates` through main(): list (table and JSON), show, add, export (folder and tarball),
 * import, rm.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanUp, project, read, run } from './helpers.js';

afterEach(cleanUp);

const folder = {
  'incoming/greet/template.json': JSON.stringify({
    name: 'greet',
    version: '1.0.0',
    description: 'A greeting',
    params: {
      name: { type: 'string', description: 'who' },
      loud: { type: 'boolean', default: false },
    },
  }),
  'incoming/greet/files/{{name}}.txt.hbs': 'Hello {{name}}\n',
};

describe('wopt templates', () => {
  it('adds a folder, lists it in a table and as JSON, and shows it', async () => {
    const dir = project(folder);
    const added = await run(['templates', 'add', 'incoming/greet'], {
      cwd: dir,
    });
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^greet [0-9a-f]{12}: added in the project library/);
    expect(existsSync(join(dir, 'templates/greet/files/{{name}}.txt.hbs'))).toBe(true);

    const list = await run(['templates', 'list'], { cwd: dir });
    expect(list.code).toBe(0);
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+VERSION\s+HASH\s+LAYER\s+PARAMS$/);
    expect(lines.find((line) => line.startsWith('greet'))).toMatch(/^greet\s+1\.0\.0\s+[0-9a-f]{12}\s+project\s+name, loud:boolean\?$/);

    const json = JSON.parse((await run(['templates', 'list', '--json'], { cwd: dir })).stdout) as { name: string; layer: string }[];
    expect(json.find((info) => info.name === 'greet')).toMatchObject({
      layer: 'project',
      version: '1.0.0',
    });

    const show = await run(['templates', 'show', 'greet'], { cwd: dir });
    expect(show.stdout).toMatch(/^greet 1\.0\.0/);
    expect(show.stdout).toMatch(/name\s+string\s+required\s+who/);
    expect(show.stdout).toContain('{{name}}.txt.hbs');
    expect(show.stdout).not.toContain('example');
  });

  it('show says how many examples a template records and what they do', async () => {
    const manifest = JSON.parse(folder['incoming/greet/template.json']) as Record<string, unknown>;
    const dir = project({ ...folder, 'incoming/greet/template.json': JSON.stringify({ ...manifest, examples: [{ name: 'Ann', loud: true }, { name: 'Bo', loud: false }] }) });
    expect((await run(['templates', 'add', 'incoming/greet'], { cwd: dir })).code).toBe(0);
    const show = await run(['templates', 'show', 'greet'], { cwd: dir });
    expect(show.stdout).toContain('2 examples: what is given picks their kind (a value two of them share, a flag one has, a name ending as some do)');
  });

  it('exports a folder and a tarball, imports the tarball into the user library, and removes', async () => {
    const dir = project(folder);
    expect((await run(['templates', 'add', 'incoming/greet'], { cwd: dir })).code).toBe(0);
    const out = await run(['templates', 'export', 'greet', 'out/greet'], {
      cwd: dir,
    });
    expect(out.code).toBe(0);
    expect(read(dir, 'out/greet/files/{{name}}.txt.hbs')).toBe('Hello {{name}}\n');
    const tar = await run(['templates', 'export', 'greet', 'out/greet-pack', '--tar'], { cwd: dir });
    expect(tar.code).toBe(0);
    expect(existsSync(join(dir, 'out/greet-pack.tgz'))).toBe(true);

    const env = { WOPT_HOME: join(dir, 'home') };
    const imported = await run(['templates', 'import', 'out/greet-pack.tgz', '--layer', 'user'], { cwd: dir, env });
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/added in the user library/);
    expect(existsSync(join(dir, 'home/templates/greet/template.json'))).toBe(true);

    const removed = await run(['templates', 'rm', 'greet'], { cwd: dir, env });
    expect(removed.code).toBe(0);
    expect(existsSync(join(dir, 'templates/greet'))).toBe(false);
    const list = await run(['templates', 'list', '--json'], { cwd: dir, env });
    expect((JSON.parse(list.stdout) as { name: string; layer: string }[]).find((info) => info.name === 'greet')?.layer).toBe('user');
  });

  it('reports a missing template with a suggestion, and a wrong subcommand as a usage error', async () => {
    const dir = project(folder);
    await run(['templates', 'add', 'incoming/greet'], { cwd: dir });
    const missing = await run(['templates', 'show', 'gret'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No template "gret".*Did you mean "greet"/);
    const bad = await run(['templates', 'frob'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown subcommand "frob"/);
  });
});
