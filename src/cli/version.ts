/**
 * The package version, read from package.json through the fs port (wopt's rule: nothing above
 * src/fs touches the disk directly). JSON import attributes would also work, but print an
 * ExperimentalWarning on Node 20, which a CLI must not do on every `--version`.
 */
import { fileURLToPath } from 'node:url';
import type { FsPort } from '../fs/port.js';

/** From src/cli/ and dist/cli/ alike, package.json is two levels up. */
const PACKAGE_JSON = fileURLToPath(new URL('../../package.json', import.meta.url));

export async function readVersion(fs: FsPort): Promise<string> {
  const { version } = JSON.parse((await fs.readFile(PACKAGE_JSON)).toString('utf8')) as { version?: unknown };
  return typeof version === 'string' ? version : 'unknown';
}
