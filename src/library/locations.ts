/**
 * Where the library's layers live. Nothing here reads `process`: the environment and the home
 * directory are passed in.
 *
 *   built-in  <package>/templates/             shipped with wopt (read-only)
 *   user      $WOPT_HOME/templates             when WOPT_HOME is set
 *             $XDG_CONFIG_HOME/wopt/templates  else, when XDG_CONFIG_HOME is set (absolute)
 *             <home>/.config/wopt/templates    else
 *   project   <root>/templates/                or the folder set by the config's `templates`
 *
 * Nearer wins: project > user > built-in.
 */
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type LayerName = 'project' | 'user' | 'builtin';
export type WritableLayerName = Exclude<LayerName, 'builtin'>;

/** Nearest first. */
export const LAYER_ORDER: readonly LayerName[] = ['project', 'user', 'builtin'];

export interface Layer {
  readonly name: LayerName;
  /** Absolute path of the layer's folder (it may not exist yet). */
  readonly dir: string;
  /**
   * The root batches into this layer are written under (their journal goes to `<writeRoot>/.wopt/`):
   * the project root for the project layer, the folder above `templates/` for the user layer.
   * Undefined for the read-only built-in layer.
   */
  readonly writeRoot: string | undefined;
}

/** The environment variables the library reads, as passed in. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * The built-in templates folder, found from this module's own URL: `src/library/` in tests and
 * `dist/library/` after the build both sit two levels below the package root.
 */
export function builtinTemplatesDir(moduleUrl: string = import.meta.url): string {
  return fileURLToPath(new URL('../../templates/', moduleUrl)).replace(/[\\/]$/, '');
}

/**
 * The user library folder, or undefined when neither the environment nor a home directory tells
 * where it is. Relative `WOPT_HOME` / `XDG_CONFIG_HOME` values are ignored (the XDG spec says so),
 * with a warning.
 *
 * @example userTemplatesDir({ XDG_CONFIG_HOME: '/home/ada/.config' }, '/home/ada') // '/home/ada/.config/wopt/templates'
 */
export function userTemplatesDir(env: Env, homeDir: string | undefined, warn: (message: string) => void = () => undefined): string | undefined {
  const usable = (name: string): string | undefined => {
    const value = env[name];
    if (value === undefined || value === '') return undefined;
    if (!isAbsolute(value)) {
      warn(`${name}=${JSON.stringify(value)} is not an absolute path; it is ignored for the user template library.`);
      return undefined;
    }
    return value;
  };
  const woptHome = usable('WOPT_HOME');
  if (woptHome !== undefined) return resolve(woptHome, 'templates');
  const xdg = usable('XDG_CONFIG_HOME');
  if (xdg !== undefined) return resolve(xdg, 'wopt', 'templates');
  if (homeDir === undefined || homeDir === '') return undefined;
  return resolve(homeDir, '.config', 'wopt', 'templates');
}

const isInside = (parent: string, child: string): boolean => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

export interface LayerOptions {
  /** The project root (absolute, or resolved against nothing: pass an absolute path). */
  readonly root: string;
  readonly env?: Env | undefined;
  readonly homeDir?: string | undefined;
  /** The project template folder, relative to the root (config `templates`). Default `templates`. */
  readonly projectTemplates?: string | undefined;
  /** Override the built-in folder (tests), or `false` for none. */
  readonly builtinDir?: string | false | undefined;
  readonly warn?: ((message: string) => void) | undefined;
}

/** The layers, nearest first (a layer whose location is unknown is left out). */
export function libraryLayers(options: LayerOptions): Layer[] {
  const root = resolve(options.root);
  const layers: Layer[] = [];
  const projectDir = resolve(root, options.projectTemplates ?? 'templates');
  layers.push({ name: 'project', dir: projectDir, writeRoot: isInside(root, projectDir) ? root : dirname(projectDir) });
  const userDir = userTemplatesDir(options.env ?? {}, options.homeDir, options.warn);
  if (userDir !== undefined) layers.push({ name: 'user', dir: userDir, writeRoot: dirname(userDir) });
  const builtin = options.builtinDir === undefined ? builtinTemplatesDir() : options.builtinDir;
  if (builtin !== false) layers.push({ name: 'builtin', dir: resolve(builtin), writeRoot: undefined });
  // One folder, one layer (the nearest): e.g. inside wopt's own repository the project folder is the built-in one.
  return layers.filter((layer, index) => layers.findIndex((other) => other.dir === layer.dir) === index);
}
