/**
 * Where compiled templates are cached between runs: `$WOPT_CACHE_DIR`, else
 * `$XDG_CACHE_HOME/wopt/templates`, else `~/.cache/wopt/templates`; none without a home directory.
 * A warm cache lets `wopt gen` run templates without loading the Handlebars compiler at all.
 */
import { join } from 'node:path';

export function templateCacheDir(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.WOPT_CACHE_DIR) return env.WOPT_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'wopt', 'templates');
  const home = env.HOME ?? env.USERPROFILE;
  return home ? join(home, '.cache', 'wopt', 'templates') : undefined;
}
