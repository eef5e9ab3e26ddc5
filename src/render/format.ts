/**
 * Optional prettier formatting of rendered files.
 *
 * prettier is loaded lazily (a dynamic import, on the first file formatted), so rendering without
 * formatting never pays for it. The project's prettier config is found through the FsPort, walking
 * up from each file's directory, and resolved once per directory. JSON configs (`.prettierrc`,
 * `.prettierrc.json`, `package.json#prettier`) and flat YAML ones are read here, overrides
 * included; any other kind (JS/TS/TOML/JSON5, nested YAML, shared configs named in package.json)
 * is handed to `prettier.resolveConfig`, which loads it itself. `.editorconfig` and
 * `.prettierignore` are not consulted.
 */
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Options as PrettierOptions, SupportLanguage } from 'prettier';
import type { FsPort } from '../fs/port.js';
import { renderErrors } from './errors.js';

/** The parts of prettier's API the formatter uses (the `prettier` module satisfies it). */
export interface PrettierApi {
  format(source: string, options?: PrettierOptions): Promise<string>;
  resolveConfig(fileUrlOrPath: string, options?: { config?: string; editorconfig?: boolean }): Promise<PrettierOptions | null>;
  getSupportInfo(options?: { plugins?: PrettierOptions['plugins'] }): Promise<{ languages: SupportLanguage[] }>;
}

/** Counters a test (or a curious user) can read. */
export interface FormatStats {
  /** Times prettier was imported (0 or 1 per renderer). */
  prettierLoads: number;
  /** Directories whose prettier config was resolved (once each). */
  configResolutions: number;
  /** Files formatted by prettier. */
  formatted: number;
  /** Files prettier has no parser for, returned unchanged. */
  passedThrough: number;
}

export interface FormatterOptions {
  readonly fs: FsPort;
  /** Relative paths are resolved against this directory. Default: the process's working directory. */
  readonly root?: string | undefined;
  /** How prettier is loaded. Default: `import('prettier')`. */
  readonly loadPrettier?: (() => Promise<PrettierApi>) | undefined;
  readonly stats: FormatStats;
}

/** Prettier options as a template stores them (JSON values only). */
export type PrettierSettings = Readonly<Record<string, string | number | boolean>>;

export interface Formatter {
  /**
   * Formats one file's content; content of files prettier has no parser for comes back unchanged.
   * @throws WoptError E_FORMAT naming the file, with prettier's message, line and column, when the
   *   content does not parse.
   */
  format(path: string, content: string): Promise<string>;
  /**
   * Formats one file's content with exactly these options (the project's config is not read);
   * undefined when prettier has no parser for the file.
   * @throws WoptError E_FORMAT as {@link Formatter.format}.
   */
  formatWith(path: string, content: string, settings: PrettierSettings): Promise<string | undefined>;
  /** The project's prettier options for a file (its config, overrides applied); undefined without one. */
  projectSettings(path: string): Promise<PrettierSettings | undefined>;
}

interface Override {
  readonly files: readonly string[];
  readonly excludeFiles: readonly string[];
  readonly options: PrettierOptions;
}

type FoundConfig =
  | { readonly kind: 'none' }
  | { readonly kind: 'static'; readonly dir: string; readonly options: PrettierOptions; readonly overrides: readonly Override[] }
  | { readonly kind: 'delegate'; readonly file: string };

// prettier 3's search order (src/config/prettier-config/config-searcher.js).
const CONFIG_FILES = [
  'package.json',
  'package.yaml',
  '.prettierrc',
  '.prettierrc.json',
  '.prettierrc.yml',
  '.prettierrc.yaml',
  '.prettierrc.json5',
  '.prettierrc.js',
  'prettier.config.js',
  '.prettierrc.ts',
  'prettier.config.ts',
  '.prettierrc.mjs',
  'prettier.config.mjs',
  '.prettierrc.mts',
  'prettier.config.mts',
  '.prettierrc.cjs',
  'prettier.config.cjs',
  '.prettierrc.cts',
  'prettier.config.cts',
  '.prettierrc.toml',
];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Flat `key: value` YAML (what most `.prettierrc` files are); `undefined` for anything richer. */
export function parseFlatYaml(text: string): Record<string, unknown> | undefined {
  const result: Record<string, unknown> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line.trim() === '' || line.trimStart().startsWith('#') || line === '---') continue;
    const match = /^([A-Za-z_$][\w$-]*)\s*:\s*(.*)$/.exec(line);
    if (match === null) return undefined;
    const [, key = '', rawValue = ''] = match;
    let value = rawValue.replace(/\s+#.*$/, '');
    if (value === '') return undefined; // a nested map or list
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
    else if (value === 'true' || value === 'false') {
      result[key] = value === 'true';
      continue;
    } else if (value === 'null' || value === '~') {
      result[key] = null;
      continue;
    } else if (/^-?\d+(\.\d+)?$/.test(value)) {
      result[key] = Number(value);
      continue;
    } else if (/^[[{&*!|>]/.test(value)) return undefined;
    result[key] = value;
  }
  return result;
}

/** A glob as prettier's overrides use them (micromatch with dot: true): *, **, ?, {a,b}, [...]. */
export function globToRegExp(glob: string): RegExp {
  const convert = (pattern: string): string => {
    let out = '';
    for (let i = 0; i < pattern.length; i++) {
      const char = pattern.charAt(i);
      if (char === '*') {
        if (pattern[i + 1] === '*') {
          const slash = pattern[i + 2] === '/';
          out += slash ? '(?:.*/)?' : '.*';
          i += slash ? 2 : 1;
        } else out += '[^/]*';
      } else if (char === '?') out += '[^/]';
      else if (char === '{') {
        let depth = 1;
        let j = i + 1;
        for (; j < pattern.length && depth > 0; j++) {
          if (pattern[j] === '{') depth++;
          else if (pattern[j] === '}') depth--;
        }
        const body = pattern.slice(i + 1, j - 1);
        const alternatives: string[] = [];
        let level = 0;
        let start = 0;
        for (let k = 0; k < body.length; k++) {
          if (body[k] === '{') level++;
          else if (body[k] === '}') level--;
          else if (body[k] === ',' && level === 0) {
            alternatives.push(body.slice(start, k));
            start = k + 1;
          }
        }
        alternatives.push(body.slice(start));
        out += `(?:${alternatives.map(convert).join('|')})`;
        i = j - 1;
      } else if (char === '[') {
        const end = pattern.indexOf(']', i + 1);
        if (end === -1) out += '\\[';
        else {
          const body = pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
          out += `[${body}]`;
          i = end;
        }
      } else out += /[\\^$.|+()]/.test(char) ? `\\${char}` : char;
    }
    return out;
  };
  return new RegExp(`^${convert(glob.replace(/^\.\//, ''))}$`);
}

const toList = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

function matchesGlobs(relativePath: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => globToRegExp(pattern).test(pattern.includes('/') ? relativePath : basename(relativePath)));
}

function staticConfig(dir: string, raw: Record<string, unknown>): FoundConfig {
  const { overrides, $schema: _schema, ...options } = raw;
  const fixPlugins = (opts: Record<string, unknown>): PrettierOptions => {
    const plugins = opts.plugins;
    if (!Array.isArray(plugins)) return opts as PrettierOptions;
    return {
      ...opts,
      plugins: plugins.map((plugin: unknown) => (typeof plugin === 'string' && plugin.startsWith('.') ? resolve(dir, plugin) : plugin)),
    } as PrettierOptions;
  };
  const list = Array.isArray(overrides) ? overrides.filter(isRecord) : [];
  return {
    kind: 'static',
    dir,
    options: fixPlugins(options),
    overrides: list.map((override) => ({
      files: toList(override.files),
      excludeFiles: toList(override.excludeFiles),
      options: fixPlugins(isRecord(override.options) ? override.options : {}),
    })),
  };
}

/**
 * Creates a formatter over a port. The config of each directory is resolved once.
 *
 * @example
 * const formatter = createFormatter({ fs: nodeFs, root: '/repo', stats });
 * await formatter.format('src/a.ts', 'const a = "x"');
 */
export function createFormatter(options: FormatterOptions): Formatter {
  const { fs, stats } = options;
  const load = options.loadPrettier ?? (async () => (await import('prettier')) as PrettierApi);
  let prettier: Promise<PrettierApi> | undefined;
  const prettierApi = (): Promise<PrettierApi> =>
    (prettier ??= (async () => {
      stats.prettierLoads++;
      try {
        return await load();
      } catch (error) {
        prettier = undefined;
        throw renderErrors.format('(any file)', 'prettier could not be loaded. Install it (npm i -D prettier) or turn formatting off.', error);
      }
    })());

  const searched = new Map<string, Promise<FoundConfig>>();
  const perDirectory = new Map<string, Promise<FoundConfig>>();
  const supportByPlugins = new Map<string, Promise<SupportLanguage[]>>();

  const readText = async (file: string): Promise<string | undefined> => {
    const stat = await fs.stat(file);
    if (stat?.kind !== 'file') return undefined;
    return (await fs.readFile(file)).toString('utf8');
  };

  async function configIn(dir: string): Promise<FoundConfig | undefined> {
    for (const name of CONFIG_FILES) {
      const file = join(dir, name);
      const text = await readText(file);
      if (text === undefined) continue;
      if (name === 'package.json') {
        let pkg: unknown;
        try {
          pkg = JSON.parse(text);
        } catch {
          continue; // prettier skips a package.json it cannot read, too
        }
        const value = isRecord(pkg) ? pkg.prettier : undefined;
        if (isRecord(value)) return staticConfig(dir, value);
        if (typeof value === 'string') return { kind: 'delegate', file };
        continue;
      }
      if (name === 'package.yaml') {
        if (/^prettier\s*:/m.test(text)) return { kind: 'delegate', file };
        continue;
      }
      if (name === '.prettierrc' || name === '.prettierrc.json') {
        try {
          const value: unknown = JSON.parse(text);
          if (isRecord(value)) return staticConfig(dir, value);
        } catch {
          // not JSON: YAML below, or prettier's own loader
        }
      }
      if (name === '.prettierrc' || name === '.prettierrc.yml' || name === '.prettierrc.yaml') {
        const value = parseFlatYaml(text);
        if (value !== undefined) return staticConfig(dir, value);
      }
      return { kind: 'delegate', file };
    }
    return undefined;
  }

  // Walks up from a directory; each directory's answer is remembered, so siblings share the walk.
  function search(dir: string): Promise<FoundConfig> {
    let found = searched.get(dir);
    if (found === undefined) {
      found = (async () => {
        const here = await configIn(dir);
        if (here !== undefined) return here;
        const parent = dirname(dir);
        return parent === dir ? { kind: 'none' } : search(parent);
      })();
      searched.set(dir, found);
    }
    return found;
  }

  function configFor(dir: string): Promise<FoundConfig> {
    let config = perDirectory.get(dir);
    if (config === undefined) {
      stats.configResolutions++;
      config = search(dir);
      perDirectory.set(dir, config);
    }
    return config;
  }

  async function optionsFor(file: string): Promise<PrettierOptions> {
    const config = await configFor(dirname(file));
    if (config.kind === 'none') return {};
    if (config.kind === 'delegate') {
      // prettier loads the file (and caches it); it also applies the file's overrides.
      return (await (await prettierApi()).resolveConfig(file, { config: config.file, editorconfig: false })) ?? {};
    }
    const merged: PrettierOptions = { ...config.options };
    const relativePath = relative(config.dir, file).split(sep).join('/');
    for (const override of config.overrides) {
      if (matchesGlobs(relativePath, override.files) && !matchesGlobs(relativePath, override.excludeFiles)) Object.assign(merged, override.options);
    }
    return merged;
  }

  async function languages(api: PrettierApi, plugins: PrettierOptions['plugins']): Promise<SupportLanguage[]> {
    const key = JSON.stringify(plugins ?? []);
    let list = supportByPlugins.get(key);
    if (list === undefined) {
      list = api.getSupportInfo(plugins === undefined ? {} : { plugins }).then((info) => info.languages);
      supportByPlugins.set(key, list);
    }
    return list;
  }

  // prettier's own inference (by file name, then extension), minus the interpreter sniffing that
  // would read the file from disk.
  async function inferParser(api: PrettierApi, file: string, opts: PrettierOptions): Promise<string | undefined> {
    if (typeof opts.parser === 'string') return opts.parser;
    const name = basename(file).toLowerCase();
    const list = await languages(api, opts.plugins);
    const language =
      list.find((lang) => lang.filenames?.some((f) => f.toLowerCase() === name)) ??
      list.find((lang) => lang.extensions?.some((ext) => name.endsWith(ext)));
    return language?.parsers[0];
  }

  const absolute = (path: string) => (isAbsolute(path) ? path : resolve(options.root ?? '.', path));
  /** Formats with these options; undefined when prettier has no parser for the file. */
  async function formatFile(path: string, content: string, opts: PrettierOptions): Promise<string | undefined> {
    const file = absolute(path);
    const api = await prettierApi();
    const parser = await inferParser(api, file, opts);
    if (parser === undefined) return undefined;
    try {
      const formatted = await api.format(content, { ...opts, parser, filepath: file });
      stats.formatted++;
      return formatted;
    } catch (error) {
      throw renderErrors.format(path, describePrettierError(parser, error), error);
    }
  }
  return {
    formatWith: (path, content, settings) => formatFile(path, content, settings as PrettierOptions),
    async projectSettings(path) {
      const file = absolute(path);
      if ((await configFor(dirname(file))).kind === 'none') return undefined;
      const settings: Record<string, string | number | boolean> = {};
      for (const [key, value] of Object.entries(await optionsFor(file))) {
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') settings[key] = value;
      }
      return settings;
    },
    async format(path, content) {
      const formatted = await formatFile(path, content, await optionsFor(absolute(path)));
      if (formatted !== undefined) return formatted;
      stats.passedThrough++;
      return content;
    },
  };
}

function describePrettierError(parser: string, error: unknown): string {
  const loc = (error as { loc?: { start?: { line?: number; column?: number } } } | undefined)?.loc?.start;
  const message = error instanceof Error ? error.message : String(error);
  const at = loc?.line === undefined ? '' : ` at line ${loc.line}${loc.column === undefined ? '' : `, column ${loc.column}`}`;
  return `prettier (parser "${parser}") could not parse it${at}. The rendered file is not valid; fix the template or its params.\n${message}`;
}
