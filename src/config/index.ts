/**
 * The project config (`wopt.config.json` / `.mjs` / `.js`, `package.json#wopt`) and `defineConfig`.
 */
export { loadHelpers } from './helpers.js';
export type { LoadedHelpers, LoadHelpersOptions } from './helpers.js';
export { applyFlags, checkConfig, configDefaults, CONFIG_FILES, defineConfig, loadConfig } from './config.js';
export type { LoadConfigOptions, LoadedConfig, ResolvedConfig, WoptConfig } from './config.js';
