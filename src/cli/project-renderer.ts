/**
 * The renderer of a project, as `wopt gen` and `wopt update` use it: the project's helpers module
 * (config `helpers`), its prettier setting, and the compiled-template cache in the user's cache dir.
 */
import { loadHelpers } from '../config/helpers.js';
import type { LoadedConfig } from '../config/index.js';
import { createRenderer, type Renderer } from '../render/index.js';
import { templateCacheDir } from './cache-dir.js';
import type { CommandContext } from './io.js';

export async function projectRenderer(ctx: CommandContext, root: string, loaded: LoadedConfig): Promise<Renderer> {
  const { helpers, warnings } = await loadHelpers({ fs: ctx.fs, root, config: loaded.config, configFile: loaded.file ?? `${root}/package.json#wopt` });
  for (const warning of warnings) ctx.io.stderr.write(`wopt: warning: ${warning}\n`);
  return createRenderer({ fs: ctx.fs, root, helpers, format: loaded.config.prettier, cache: { dir: templateCacheDir(ctx.io.env) } });
}
