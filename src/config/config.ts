/**
 * The project config: `wopt.config.json`, `wopt.config.mjs` / `wopt.config.js`, or the `wopt` key
 * of package.json. Precedence, highest first:
 *
 *   command-line flags  >  wopt.config.*  >  package.json#wopt  >  defaults
 *
 * Flags are merged by the caller ({@link applyFlags}). Fields are merged one by one, so a config
 * file that sets only `prettier` keeps the `templates` of package.json#wopt. Every read goes through
 * the injected fs port, and modules are loaded through the injected `importModule`.
 */
import { posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FsPort } from '../fs/port.js';
import type { Durability } from '../tx/journal.js';
import { libraryErrors } from '../library/errors.js';
import { didYouMean } from '../library/suggest.js';

/** What a config may set. Every field is optional. */
export interface WoptConfig {
  /**
   * The project's template folder, relative to the root: the project layer of the library.
   * @default 'templates'
   * @example { templates: 'tools/templates' }
   */
  readonly templates?: string | undefined;
  /**
   * A module (relative to the root) whose exports are Handlebars helpers, registered on the
   * renderer by `wopt gen` and `wopt update` (see loadHelpers).
   * @example { helpers: './wopt.helpers.mjs' }
   */
  readonly helpers?: string | undefined;
  /** Format generated files with prettier (using the project's prettier config). @default false */
  readonly prettier?: boolean | undefined;
  /** How hard writes are made durable: `full` (survives power loss), `process`, `none`. @default 'full' */
  readonly durability?: Durability | undefined;
  /** How many committed transactions keep their backups for `wopt undo`. @default 1 */
  readonly backup?: number | undefined;
}

/** The config with every default filled in. */
export interface ResolvedConfig {
  readonly templates: string;
  readonly helpers: string | undefined;
  readonly prettier: boolean;
  readonly durability: Durability;
  readonly backup: number;
}

export const configDefaults: ResolvedConfig = { templates: 'templates', helpers: undefined, prettier: false, durability: 'full', backup: 1 };

/** The config files looked for in the root, in this order; at most one may exist. */
export const CONFIG_FILES = ['wopt.config.json', 'wopt.config.mjs', 'wopt.config.js'] as const;
/** Config files wopt cannot load itself; found alone, they are an error rather than ignored. */
const UNSUPPORTED_FILES = ['wopt.config.ts', 'wopt.config.mts', 'wopt.config.cjs', 'wopt.config.cts'] as const;

const FIELDS = ['templates', 'helpers', 'prettier', 'durability', 'backup'] as const;
const DURABILITIES: readonly Durability[] = ['full', 'process', 'none'];

/**
 * Types a config in `wopt.config.mjs` / `.js` (an identity function).
 *
 * @example
 * // wopt.config.mjs
 * import { defineConfig } from 'wopt';
 * export default defineConfig({ templates: 'tools/templates', prettier: true });
 */
export function defineConfig(config: WoptConfig): WoptConfig {
  return config;
}

export interface LoadConfigOptions {
  readonly fs: FsPort;
  /** The project root (absolute). */
  readonly root: string;
  /**
   * Loads a config module by absolute path and returns its namespace. Injected so tests need no
   * real import. @default (path) => import(pathToFileURL(path).href)
   */
  readonly importModule?: ((path: string) => Promise<unknown>) | undefined;
}

export interface LoadedConfig {
  readonly config: ResolvedConfig;
  /** The config file used (absolute), if any. */
  readonly file: string | undefined;
  /** Whether package.json had a `wopt` key. */
  readonly fromPackageJson: boolean;
  /** Unknown keys (with "did you mean"), and the like. */
  readonly warnings: readonly string[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const describe = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : `${typeof value} ${JSON.stringify(value)}`);

/**
 * Checks a config object and returns its known fields (a new object).
 *
 * @throws WoptError E_CONFIG_INVALID naming the source, the field and the fix.
 */
export function checkConfig(value: unknown, source: string, warnings: string[] = []): WoptConfig {
  if (!isObject(value)) {
    throw libraryErrors.configInvalid(source, '', `must be an object, got ${describe(value)}`, 'Export an object, e.g. export default defineConfig({ templates: "templates" }).');
  }
  const result: { -readonly [K in keyof WoptConfig]: WoptConfig[K] } = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined) continue;
    switch (key) {
      case 'templates':
      case 'helpers':
        if (typeof field !== 'string' || field === '') throw libraryErrors.configInvalid(source, key, `must be a non-empty path, got ${describe(field)}`, `Give a path relative to the project root, e.g. "${key}": "${key === 'templates' ? 'templates' : './wopt.helpers.mjs'}".`);
        result[key] = field;
        break;
      case 'prettier':
        if (typeof field !== 'boolean') throw libraryErrors.configInvalid(source, key, `must be true or false, got ${describe(field)}`, 'Write "prettier": true or "prettier": false.');
        result.prettier = field;
        break;
      case 'durability':
        if (typeof field !== 'string' || !(DURABILITIES as readonly string[]).includes(field)) {
          throw libraryErrors.configInvalid(source, key, `must be one of ${DURABILITIES.map((d) => `"${d}"`).join(', ')}, got ${describe(field)}`, `${typeof field === 'string' ? didYouMean(field, DURABILITIES).trim() : ''} "full" survives power loss; "process" survives a killed process; "none" keeps only per-file atomicity.`.trim());
        }
        result.durability = field as Durability;
        break;
      case 'backup':
        if (typeof field !== 'number' || !Number.isInteger(field) || field < 0) throw libraryErrors.configInvalid(source, key, `must be a whole number of at least 0, got ${describe(field)}`, 'Give how many transactions to keep for undo, e.g. "backup": 1.');
        result.backup = field;
        break;
      default:
        warnings.push(`${JSON.stringify(source)}: unknown config key ${JSON.stringify(key)} is ignored.${didYouMean(key, FIELDS)}`);
    }
  }
  return result;
}

/** Fields set in `over` replace those of `base`; undefined fields do not. Returns a new object. */
function merge<T extends object>(base: T, over: WoptConfig): T {
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(over)) if (value !== undefined) result[key] = value;
  return result as T;
}

/**
 * Applies command-line flags (the highest precedence) to a loaded config; returns a new object.
 *
 * @example applyFlags(loaded.config, { durability: 'process' })
 */
export function applyFlags(config: ResolvedConfig, flags: WoptConfig): ResolvedConfig {
  return merge(config, checkConfig(flags, 'command-line flags'));
}

async function readText(fs: FsPort, path: string): Promise<string | undefined> {
  const stat = await fs.stat(path);
  if (stat === undefined) return undefined;
  return (await fs.readFile(path)).toString('utf8');
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw libraryErrors.configInvalid(file, '', `is not valid JSON (${(error as Error).message})`, 'Fix the JSON syntax (no comments, no trailing commas).', error);
  }
}

/**
 * Loads the project config (defaults < package.json#wopt < wopt.config.*).
 *
 * @example const { config } = await loadConfig({ fs: createNodeFs(), root: '/abs/project' });
 * @throws WoptError E_CONFIG_INVALID when a config is malformed, when two config files exist, when
 *   only a config file wopt cannot load (wopt.config.ts) exists, or when a module fails to load.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const { fs, root } = options;
  const importModule = options.importModule ?? ((path: string) => import(pathToFileURL(path).href) as Promise<unknown>);
  const warnings: string[] = [];
  let config: ResolvedConfig = configDefaults;

  const packagePath = posix.join(root, 'package.json');
  const packageText = await readText(fs, packagePath);
  let fromPackageJson = false;
  if (packageText !== undefined) {
    const pkg = parseJson(packageText, packagePath);
    if (isObject(pkg) && pkg.wopt !== undefined) {
      fromPackageJson = true;
      config = merge(config, checkConfig(pkg.wopt, `${packagePath}#wopt`, warnings));
    }
  }

  const present: string[] = [];
  for (const name of [...CONFIG_FILES, ...UNSUPPORTED_FILES]) if ((await fs.stat(posix.join(root, name))) !== undefined) present.push(name);
  const supported = present.filter((name) => (CONFIG_FILES as readonly string[]).includes(name));
  const unsupported = present.filter((name) => !supported.includes(name));
  if (supported.length > 1) {
    throw libraryErrors.configInvalid(posix.join(root, supported[0] as string), '', `${supported.join(' and ')} both exist, and only one is read`, 'Keep one config file and delete the others.');
  }
  for (const name of unsupported) {
    const message = `${name} cannot be loaded by Node without a TypeScript loader`;
    if (supported.length === 0) throw libraryErrors.configInvalid(posix.join(root, name), '', message, 'Rename it to wopt.config.mjs (defineConfig works the same; types come from a JSDoc @type or from defineConfig).');
    warnings.push(`${name} is ignored: ${supported[0]} is used.`);
  }
  const chosen = supported[0];
  let file: string | undefined;
  if (chosen !== undefined) {
    file = posix.join(root, chosen);
    let value: unknown;
    if (chosen.endsWith('.json')) value = parseJson((await readText(fs, file)) ?? '', file);
    else {
      let namespace: unknown;
      try {
        namespace = await importModule(file);
      } catch (error) {
        throw libraryErrors.configInvalid(file, '', `failed to load (${error instanceof Error ? error.message : String(error)})`, 'Fix the error in the config module.', error);
      }
      if (!isObject(namespace) || namespace.default === undefined) {
        throw libraryErrors.configInvalid(file, '', 'has no default export', 'Write export default defineConfig({ ... }).');
      }
      value = await namespace.default;
    }
    config = merge(config, checkConfig(value, file, warnings));
  }
  return { config, file, fromPackageJson, warnings };
}
