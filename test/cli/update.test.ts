/**
 * `wopt update` through main(): clean merge, conflicts refused (default) or written with markers.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanUp, hashTree, project, read, run, writeFiles } from './helpers.js';

afterEach(cleanUp);

const v1 = 'export function {{camelCase name}}() {\n  return 1;\n}\n';
const v2 = 'export function {{camelCase name}}() {\n  return 2;\n}\n';

async function generated(): Promise<string> {
  const dir = project({
    'templates/fn/template.json': JSON.stringify({
      name: 'fn',
      params: { name: { type: 'string' } },
    }),
    'templates/fn/files/src/{{kebabCase name}}.ts.hbs': v1,
  });
  for (const name of ['alpha', 'beta']) expect((await run(['gen', 'fn', '--name', name], { cwd: dir })).code).toBe(0);
  writeFiles(dir, { 'templates/fn/files/src/{{kebabCase name}}.ts.hbs': v2 });
  return dir;
}

describe('wopt update', () => {
  it('merges a user edit cleanly with the new template version', async () => {
    const dir = await generated();
    writeFileSync(join(dir, 'src/alpha.ts'), `// my note\n${read(dir, 'src/alpha.ts')}`);
    const result = await run(['update'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/merged\s+src\/alpha\.ts/);
    expect(result.stdout).toMatch(/replaced\s+src\/beta\.ts/);
    expect(result.stdout).toMatch(/updated \d+ files/);
    expect(read(dir, 'src/alpha.ts')).toBe('// my note\nexport function alpha() {\n  return 2;\n}\n');
    expect(read(dir, 'src/beta.ts')).toBe('export function beta() {\n  return 2;\n}\n');
  });

  it('refuses a conflicting update by default, listing the conflict, and writes nothing', async () => {
    const dir = await generated();
    writeFileSync(join(dir, 'src/alpha.ts'), read(dir, 'src/alpha.ts').replace('return 1;', 'return 42;'));
    const before = hashTree(dir, { exclude: ['.wopt'] });
    const result = await run(['update'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^wopt: Update refused: .*"src\/alpha\.ts \(1 conflicting region\)".*--conflict=markers.*\[E_CONFLICT\]\n$/);
    expect(hashTree(dir, { exclude: ['.wopt'] })).toBe(before);
  });

  it('writes git-style conflict markers with --conflict=markers', async () => {
    const dir = await generated();
    writeFileSync(join(dir, 'src/alpha.ts'), read(dir, 'src/alpha.ts').replace('return 1;', 'return 42;'));
    const result = await run(['update', '--conflict=markers', '--json'], {
      cwd: dir,
    });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      conflicts: { path: string }[];
    };
    expect(report.conflicts.map((file) => file.path)).toEqual(['src/alpha.ts']);
    expect(read(dir, 'src/alpha.ts')).toMatch(
      /^export function alpha\(\) \{\n<<<<<<< yours\n {2}return 42;\n=======\n {2}return 2;\n>>>>>>> template@[0-9a-f]{12}\n\}\n$/,
    );
    expect(read(dir, 'src/beta.ts')).toContain('return 2;');
  });

  it('limits the update to the named paths and rejects a bad --conflict value', async () => {
    const dir = await generated();
    const result = await run(['update', 'src/beta.ts', '--dry-run'], {
      cwd: dir,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/replaced\s+src\/beta\.ts/);
    expect(result.stdout).not.toContain('alpha');
    expect(result.stdout).toContain('dry run: nothing was written');
    expect(read(dir, 'src/beta.ts')).toContain('return 1;');
    const bad = await run(['update', '--conflict', 'theirs'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--conflict takes markers, refuse/);
  });
});
