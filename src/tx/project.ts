/**
 * Opening a project: the root resolved to its real path once, so every path wopt records (journal
 * targets, conflicts) is spelled one way however the root was named.
 */
import { errors, isWoptError } from '../errors.js';
import type { FsPort } from '../fs/port.js';
import type { Layout } from './layout.js';
import { layoutOf } from './layout.js';

export async function openProject(fs: FsPort, root: string): Promise<Layout> {
  let real: string;
  try {
    real = await fs.realpath(root);
  } catch (error) {
    if (isWoptError(error, 'E_NOT_FOUND')) throw errors.notFound(root, 'root directory');
    throw error;
  }
  if ((await fs.stat(real))?.kind !== 'directory') throw errors.invalidInput(`The root ${JSON.stringify(root)} is not a directory`, 'Pass a directory as root (--root).', root);
  return layoutOf(real);
}
