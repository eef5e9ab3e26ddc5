/**
 * Every runnable example is run here, so none of them rots. The demo behind `npm run demo` is the
 * README's first command; it must run end to end without a TTY.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..');

describe('examples', () => {
  it('npm run demo: generates from a built-in template, mines a family, writes a batch, refuses a bad one, undoes', () => {
    const output = execFileSync(process.execPath, [join(repo, 'examples', 'demo.mjs')], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
    expect(output).toMatch(/^react-component +1\.0\.0 +[0-9a-f]{12} +builtin/m);
    expect(output).toMatch(/generated \d+ files in \d+ ms \(created \d+/);
    expect(output).toContain('1 unchanged, not re-rendered');
    expect(output).toContain('Template "services" mined from 4 members');
    expect(output).toContain('+export class CustomerService {');
    expect(output).toContain('dry run: would commit 6 files');
    expect(output).toContain('+export { Card } from \'./Card\';');
    expect(output).toMatch(/committed 6 files in \d+ ms/);
    expect(output).toContain('[E_PATH_OUTSIDE_ROOT]');
    expect(output).toContain('kept for undo: 1 transaction');
    expect(output).toMatch(/undid transaction \d{8}-\d{9}-[0-9a-f]{8}: restored 6 files/);
  });
});
