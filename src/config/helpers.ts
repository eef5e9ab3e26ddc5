/**
 * The project's own Handlebars helpers: the module named by the config's `helpers` field, loaded
 * when a command renders (gen, update), never at start-up otherwise.
 *
 * The module may export helpers by name (`export function shout(s) {...}`), a default object of
 * helpers (`export default { shout }`), or both. A name the built-ins also have replaces the
 * built-in (with a warning), so a project can change, say, how `kebabCase` treats digits.
 */
import { isAbsolute, posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FsPort } from '../fs/port.js';
import { libraryErrors } from '../library/errors.js';
import { builtinHelpers, type Helper } from '../render/helpers.js';
import type { ResolvedConfig } from './config.js';

export interface LoadHelpersOptions {
  readonly fs: FsPort;
  /** The project root (absolute); a relative `helpers` path is resolved against it. */
  readonly root: string;
  readonly config: Pick<ResolvedConfig, 'helpers'>;
  /** Where the `helpers` setting came from, for error messages. @default '<root>/wopt.config' */
  readonly configFile?: string | undefined;
  /** @default (path) => import(pathToFileURL(path).href) */
  readonly importModule?: ((path: string) => Promise<unknown>) | undefined;
}

export interface LoadedHelpers {
  /** Undefined when the config names no helpers module. */
  readonly helpers: Readonly<Record<string, Helper>> | undefined;
  readonly file: string | undefined;
  readonly warnings: readonly string[];
}

// What Handlebars accepts as a helper name in a mustache without brackets.
const HELPER_NAME = /^[A-Za-z_$][\w$-]*$/;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Loads the helpers module of a project config.
 *
 * @example const { helpers } = await loadHelpers({ fs, root, config }); createRenderer({ helpers })
 * @throws WoptError E_CONFIG_INVALID naming the module when it is missing, fails to load, exports
 *   no helper, or exports a non-function under a helper's name.
 */
export async function loadHelpers(options: LoadHelpersOptions): Promise<LoadedHelpers> {
  const setting = options.config.helpers;
  if (setting === undefined) return { helpers: undefined, file: undefined, warnings: [] };
  const configFile = options.configFile ?? posix.join(options.root, 'wopt.config');
  const file = isAbsolute(setting) ? setting : posix.join(options.root, setting);
  const where = `"helpers": ${JSON.stringify(setting)}`;
  const stat = await options.fs.stat(file);
  if (stat?.kind !== 'file') {
    throw libraryErrors.configInvalid(configFile, where, `the helpers module ${JSON.stringify(file)} ${stat === undefined ? 'does not exist' : 'is not a file'}`, 'Create it (export a function per helper), or fix the path (relative to the project root).');
  }
  const importModule = options.importModule ?? ((path: string) => import(pathToFileURL(path).href) as Promise<unknown>);
  let namespace: unknown;
  try {
    namespace = await importModule(file);
  } catch (error) {
    throw libraryErrors.configInvalid(configFile, where, `the helpers module failed to load (${error instanceof Error ? error.message : String(error)})`, 'Fix the error in that module; it must be an ES module Node can import (.mjs, or .js in a "type": "module" package).', error);
  }
  if (!isObject(namespace)) throw libraryErrors.configInvalid(configFile, where, 'the helpers module has no exports', 'Export a function per helper.');

  const helpers: Record<string, Helper> = {};
  const warnings: string[] = [];
  const take = (name: string, value: unknown, origin: string): void => {
    if (typeof value !== 'function') {
      throw libraryErrors.configInvalid(configFile, where, `${origin} ${JSON.stringify(name)} is ${value === null ? 'null' : typeof value}, not a function`, 'Every export of the helpers module must be a helper function (keep other values in another module).');
    }
    if (!HELPER_NAME.test(name)) {
      throw libraryErrors.configInvalid(configFile, where, `${JSON.stringify(name)} is not a name a template can call`, 'Name helpers with letters, digits, _ , $ or -, not starting with a digit.');
    }
    helpers[name] = value as Helper;
  };
  const { default: defaults, ...named } = namespace;
  if (isObject(defaults)) for (const [name, value] of Object.entries(defaults)) take(name, value, 'the default export\'s');
  else if (defaults !== undefined) {
    throw libraryErrors.configInvalid(configFile, where, `the default export is ${typeof defaults}, not an object of helpers`, 'Write export default { myHelper }, or export each helper by name.');
  }
  for (const [name, value] of Object.entries(named)) take(name, value, 'the export');
  if (Object.keys(helpers).length === 0) throw libraryErrors.configInvalid(configFile, where, 'the helpers module exports no helper', 'Export a function per helper.');

  const builtins = builtinHelpers();
  const replaced = Object.keys(helpers).filter((name) => Object.hasOwn(builtins, name)).sort();
  if (replaced.length > 0) warnings.push(`${file} replaces the built-in helper${replaced.length === 1 ? '' : 's'} ${replaced.join(', ')}.`);
  return { helpers, file, warnings };
}
