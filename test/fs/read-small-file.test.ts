/**
 * The node port's readSmallFile: one read of the size a stat gave, and still the whole file when the
 * file changed size since that stat.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNodeFs } from '../../src/fs/node.js';
import { tempProject } from '../helpers/temp.js';

const fs = createNodeFs();

describe('readSmallFile', () => {
  it('reads a file of the size given', async () => {
    const dir = tempProject('fs', { 'a.txt': 'hello world\n' });
    expect((await fs.readSmallFile(join(dir, 'a.txt'), 12)).toString()).toBe('hello world\n');
  });

  it('reads all of a file that grew since its stat', async () => {
    const dir = tempProject('fs', { 'a.txt': 'hello' });
    writeFileSync(join(dir, 'a.txt'), 'hello, and a good deal more than before\n');
    expect((await fs.readSmallFile(join(dir, 'a.txt'), 5)).toString()).toBe('hello, and a good deal more than before\n');
  });

  it('reads what is left of a file that shrank since its stat', async () => {
    const dir = tempProject('fs', { 'a.txt': 'hi' });
    expect((await fs.readSmallFile(join(dir, 'a.txt'), 40)).toString()).toBe('hi');
    writeFileSync(join(dir, 'a.txt'), '');
    expect((await fs.readSmallFile(join(dir, 'a.txt'), 40)).length).toBe(0);
  });

  it('reads an empty file as empty, and a missing one is E_NOT_FOUND', async () => {
    const dir = tempProject('fs', { 'empty.txt': '' });
    expect((await fs.readSmallFile(join(dir, 'empty.txt'), 0)).length).toBe(0);
    await expect(fs.readSmallFile(join(dir, 'missing.txt'), 3)).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
  });
});
