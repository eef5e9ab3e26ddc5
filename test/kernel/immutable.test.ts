/**
 * An immutable target (reliability.md H5, matrix #12): `chattr +i` makes even root get EPERM. The
 * batch must fail with E_PERMISSION naming the file, and roll everything back.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { batchWrite } from '../../src/index.js';
import { fixture20, makeTempDir, removeDir } from '../helpers/fixtures.js';
import { checkInvariants } from '../helpers/invariants.js';
import { canChattr } from '../helpers/namespace.js';

const capability = canChattr();
if (!capability.ok) console.warn(`chattr +i test skipped: ${capability.reason}`);

const immutable: string[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const file of immutable) spawnSync('chattr', ['-i', file]);
  dirs.forEach(removeDir);
});

describe('chattr +i on one target', () => {
  it.skipIf(!capability.ok)('fails with E_PERMISSION naming the file, rolled back to all-old', async () => {
    const root = makeTempDir('immutable'); // under /tmp: ext4 here, which has the attribute
    dirs.push(root);
    const fixture = fixture20(root);
    const target = `${root}/src/u3.ts`;
    expect(spawnSync('chattr', ['+i', target]).status).toBe(0);
    immutable.push(target);

    const error = await batchWrite(fixture.changes, { root }).then(
      () => undefined,
      (e: unknown) => e as { code: string; rolledBack: boolean; message: string; path?: string },
    );
    expect(error, 'the batch committed over an immutable file').toBeDefined();
    expect(error?.code, error?.message).toBe('E_PERMISSION');
    expect(error?.rolledBack).toBe(true);
    expect(error?.message).toContain('u3.ts');
    expect(checkInvariants(root, fixture.before, fixture.intended, { expect: 'old' }).violations).toEqual([]);
  });
});
