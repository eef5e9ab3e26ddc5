/**
 * The project config (`wopt.config.json` / `.mjs` / `.js`, `package.json#wopt`) and `defineConfig`.
 */
export { applyFlags, checkConfig, configDefaults, CONFIG_FILES, defineConfig, loadConfig } from './config.js';
export type { LoadConfigOptions, LoadedConfig, ResolvedConfig, WoptConfig } from './config.js';
