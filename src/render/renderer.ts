/**
 * `createRenderer()`: an isolated Handlebars environment for code.
 *
 * - Its own environment (`Handlebars.create()`); the global Handlebars is never touched.
 * - `noEscape`: this is code, not HTML; quotes, `<`, `&` and backticks come out verbatim.
 * - `strict`: a param the template uses but was not given is an error naming the param and the
 *   template (and line). Handlebars' strict mode alone lets helper arguments through as
 *   `undefined`, so `{{pascalCase name}}` would not fail; wopt marks the arguments of plain
 *   mustaches and subexpressions strict as well. Arguments of block helpers stay lenient, so
 *   `{{#if optional}}` and `{{#each maybe}}` still work on absent params.
 * - Compiled templates are cached by content hash, in memory and optionally on disk.
 */
import type Handlebars from 'handlebars';
import handlebarsRuntime from 'handlebars/runtime.js';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { WoptError } from '../errors.js';
import { nodeFs } from '../fs/node.js';
import type { FsPort } from '../fs/port.js';
import { DiskCache, MemoryCache, templateKey, type CachedTemplate } from './cache.js';
import { renderErrors, type TemplateLocation } from './errors.js';
import type { PluralTable } from './inflect.js';
import { createFormatter, type Formatter, type FormatStats, type PrettierApi, type PrettierSettings } from './format.js';
import { builtinHelpers, type Helper } from './helpers.js';
import { checkRenderedPath, stripTemplateSuffix } from './path.js';

/** Template params: what `{{name}}` looks up. */
export type Params = Readonly<Record<string, unknown>>;

export interface CacheOptions {
  /**
   * A directory for compiled templates, shared by every renderer pointed at it (e.g.
   * `~/.cache/wopt/templates`). Relative to `root`. Default: none (memory only).
   * @example { dir: '.wopt/cache/templates' }
   */
  readonly dir?: string | undefined;
  /** How many compiled templates a renderer keeps in memory. Default 1000. */
  readonly maxEntries?: number | undefined;
}

export interface RendererOptions {
  /**
   * Helpers from the user's config, registered once on this renderer (they may replace built-ins).
   * @example { helpers: { shout: (s: string) => `${s}!` } }
   */
  readonly helpers?: Readonly<Record<string, Helper>> | undefined;
  /**
   * Partials by name, as template sources (`{{> header}}`). Compiled when the renderer is made.
   * @example { partials: { header: '// {{name}}' } }
   */
  readonly partials?: Readonly<Record<string, string>> | undefined;
  /** Package data for `{{pkg "version"}}` (the parsed package.json). Never read from disk here. */
  readonly pkg?: Readonly<Record<string, unknown>> | undefined;
  /** The compiled-template cache; `false` turns even the memory cache off. */
  readonly cache?: CacheOptions | false | undefined;
  /** Format rendered files with prettier (loaded only when this is on). Default false. */
  readonly format?: boolean | undefined;
  /** The disk, for the disk cache and prettier config lookup. Default: the real filesystem. */
  readonly fs?: FsPort | undefined;
  /** Directory that relative paths (cache dir, files to format) are resolved against. Default: cwd. */
  readonly root?: string | undefined;
  /** How to load prettier. Default `import('prettier')`. */
  readonly loadPrettier?: (() => Promise<PrettierApi>) | undefined;
}

/** Counters, live: read them to see what a renderer did. */
export interface RendererStats extends FormatStats {
  /** Templates actually compiled (Handlebars precompile runs). */
  compiles: number;
  /** Compiles avoided by the memory cache. */
  memoryHits: number;
  /** Compiles avoided by the disk cache. */
  diskHits: number;
  /** Entries written to the disk cache. */
  diskWrites: number;
  /** Disk cache entries found corrupt (ignored and recompiled) or that could not be written. */
  diskErrors: number;
}

export interface CompileOptions {
  /** The template's name in error messages, usually its path in the template folder. */
  readonly name?: string | undefined;
  /**
   * Plurals the template spells its own way (template.json `plurals`: `{ "fornecedor":
   * "fornecedores" }`), which its `pluralize` and `singularize` use before English rules.
   */
  readonly plurals?: PluralTable | undefined;
}

/** A compiled template: call it with params. */
export interface CompiledTemplate {
  (params: Params): string;
  readonly key: string;
  /** The name errors use (from {@link CompileOptions.name}). */
  readonly templateName: string;
}

/** One file of a template folder: both path and content are templates. */
export interface TemplateFile {
  readonly path: string;
  readonly content: string;
  readonly mode?: number | undefined;
}

/** A rendered file, with the template it came from. */
export interface RenderedFile {
  readonly path: string;
  readonly content: string;
  readonly mode?: number | undefined;
  /** The template path it was rendered from. */
  readonly template: string;
}

/** A file to format. */
export interface FileContent {
  readonly path: string;
  readonly content: string;
}

export interface Renderer {
  /** Live counters (compiles, cache hits, prettier loads, config resolutions). */
  readonly stats: Readonly<RendererStats>;
  /**
   * Compiles a template, through the memory cache, then the disk cache.
   * @example const greet = await renderer.compile('Hello {{name}}', { name: 'greet.hbs' }); greet({ name: 'Ada' })
   * @throws WoptError E_TEMPLATE_SYNTAX when the source does not parse (template and line named).
   */
  compile(source: string, options?: CompileOptions): Promise<CompiledTemplate>;
  /** {@link Renderer.compile} without the disk cache (memory only), synchronously. */
  compileSync(source: string, options?: CompileOptions): CompiledTemplate;
  /**
   * Renders a template with params.
   * @example await renderer.render('export const {{camelCase name}} = 1;', { name: 'UserCard' })
   * @throws WoptError E_TEMPLATE_PARAM naming a missing param and the template; E_TEMPLATE_SYNTAX;
   *   E_TEMPLATE_RENDER when a helper or partial fails.
   */
  render(source: string, params: Params, options?: CompileOptions): Promise<string>;
  /** {@link Renderer.render} without the disk cache, synchronously. */
  renderSync(source: string, params: Params, options?: CompileOptions): string;
  /**
   * Renders a path template: drops a trailing `.hbs`, renders, checks and normalizes the result.
   * @example await renderer.renderPath('src/{{kebabCase name}}/{{pascalCase name}}.tsx.hbs', { name: 'user card' }) // 'src/user-card/UserCard.tsx'
   * @throws WoptError E_PATH_INVALID (empty, NUL) or E_PATH_OUTSIDE_ROOT (absolute, `..` escaping),
   *   naming the template and the rendered value; and every error of {@link Renderer.render}.
   */
  renderPath(template: string, params: Params, options?: CompileOptions): Promise<string>;
  /** {@link Renderer.renderPath} without the disk cache, synchronously. */
  renderPathSync(template: string, params: Params, options?: CompileOptions): string;
  /**
   * Renders one template file (path and content), formatting it when formatting is on.
   * @example await renderer.renderFile({ path: '{{name}}.ts.hbs', content: 'export {}' }, { name: 'a' })
   * @throws as {@link Renderer.renderPath}, {@link Renderer.render} and {@link Renderer.format}.
   */
  renderFile(file: TemplateFile, params: Params): Promise<RenderedFile>;
  /**
   * Renders every file of a template folder.
   * @example await renderer.renderTemplateFiles(template.files, { name: 'UserCard' })
   * @throws WoptError E_PATH_COLLISION when two templates render to the same path; and as
   *   {@link Renderer.renderFile}.
   */
  renderTemplateFiles(files: readonly TemplateFile[], params: Params): Promise<RenderedFile[]>;
  /**
   * Formats content with prettier when formatting is on (unchanged otherwise, and for files
   * prettier has no parser for). The config of each directory is resolved once.
   * @example await renderer.format('src/a.ts', 'const a = "x"')
   * @throws WoptError E_FORMAT naming the file with prettier's message, line and column.
   */
  format(path: string, content: string): Promise<string>;
  /**
   * Formats content with prettier and exactly these options, whether or not formatting is on
   * (unchanged for files prettier has no parser for): what a template that records how its files
   * are formatted asks for.
   * @example await renderer.formatAs('src/a.ts', 'const a = "x"', { singleQuote: true, printWidth: 100 })
   * @throws WoptError E_FORMAT naming the file with prettier's message, line and column.
   */
  formatAs(path: string, content: string, settings: PrettierSettings): Promise<string>;
  /**
   * {@link Renderer.format} over many files; returns new objects, in order.
   * @example await renderer.formatFiles([{ path: 'a.ts', content: 'let a=1' }])
   * @throws as {@link Renderer.format}.
   */
  formatFiles<T extends FileContent>(files: readonly T[]): Promise<T[]>;
}

type HandlebarsEnv = typeof Handlebars;

/**
 * Templates run on the Handlebars runtime; the compiler (parser, code generator, source maps:
 * three quarters of Handlebars' modules) is loaded only when a template must be compiled, so a
 * process whose templates all come from the disk cache never loads it.
 */
const runtime = handlebarsRuntime as HandlebarsEnv;

/**
 * What every object has (`toString`, `constructor`), denied by name: a template writing
 * `{{toString}}` for a param not given renders nothing, where Handlebars would look it up on the
 * helpers and the params, deny it as a prototype's, and print a warning on the user's terminal.
 */
const DENIED = Object.fromEntries(Object.getOwnPropertyNames(Object.prototype).map((name) => [name, false]));
const PROTO_DENIED = { allowedProtoMethods: DENIED, allowedProtoProperties: DENIED };
let compiler: HandlebarsEnv | undefined;
const loadCompiler = (): HandlebarsEnv => (compiler ??= createRequire(import.meta.url)('handlebars') as HandlebarsEnv);
type RawTemplate = (context: unknown, options?: unknown) => string;

/** A template's syntax tree (loads the compiler). @throws Handlebars' own error on bad syntax. */
export const parseTemplate = (source: string): hbs.AST.Program => loadCompiler().parse(source);

interface Compiled {
  readonly key: string;
  readonly template: RawTemplate;
  readonly helperCalls: ReadonlySet<string>;
}

// Everything that changes compiled code goes into the cache key.
const COMPILE_OPTIONS = { noEscape: true, strict: true } as const;
const KEY_SETTINGS = { handlebars: runtime.VERSION, ...COMPILE_OPTIONS, strictArguments: 1 };

// Errors already given their template location (by a partial, say), passed through untouched.
const located = new WeakSet<object>();

type AstNode = { type?: unknown; [key: string]: unknown };

/** Marks helper arguments strict (see the module comment) and collects the names called as helpers. */
function prepareAst(ast: hbs.AST.Program): Set<string> {
  const helperCalls = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const n = node as AstNode;
    const isCall = n.type === 'MustacheStatement' || n.type === 'SubExpression' || n.type === 'BlockStatement';
    if (isCall) {
      const params = (n.params ?? []) as AstNode[];
      const pairs = ((n.hash as { pairs?: AstNode[] } | undefined)?.pairs ?? []).map((pair) => pair.value as AstNode);
      const path = n.path as { type?: string; original?: string } | undefined;
      if ((params.length > 0 || pairs.length > 0) && path?.type === 'PathExpression' && path.original !== undefined) helperCalls.add(path.original);
      if (n.type !== 'BlockStatement') {
        for (const argument of [...params, ...pairs]) if (argument.type === 'PathExpression') argument.strict = true;
      }
    }
    for (const [key, value] of Object.entries(n)) if (key !== 'loc' && typeof value === 'object') visit(value);
  };
  visit(ast);
  return helperCalls;
}

function syntaxLocation(name: string, error: unknown): TemplateLocation {
  const e = error as { lineNumber?: number; column?: number; message?: string };
  if (typeof e.lineNumber === 'number') return { template: name, line: e.lineNumber, column: typeof e.column === 'number' ? e.column + 1 : undefined };
  const line = /Parse error on line (\d+)/.exec(e.message ?? '')?.[1];
  return { template: name, line: line === undefined ? undefined : Number(line) };
}

function precompile(source: string, name: string): CachedTemplate {
  const handlebars = loadCompiler();
  try {
    const ast = handlebars.parse(source);
    const helperCalls = prepareAst(ast);
    // Compiled code names helpers and partials; it runs against this renderer's own environment.
    const spec = handlebars.precompile(ast, COMPILE_OPTIONS) as unknown as string;
    return { spec, helperCalls: [...helperCalls].sort() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const detail = message.replace(/^Parse error on line \d+:\n?/, '').replace(/ - \d+:\d+$/, '');
    throw renderErrors.templateSyntax(syntaxLocation(name, error), detail.includes('\n') ? `\n${detail}` : detail, error);
  }
}

/**
 * Turns a spec (the text `precompile` produced) into a template function.
 *
 * Safety: this evaluates JavaScript text. It is the text Handlebars itself generates and would
 * evaluate in `compile()` (which builds the same code with `new Function`); here it may also come
 * from the disk cache. The cache directory is the user's own (their config or cache dir, never a
 * shared or world-writable one: DiskCache refuses a directory writable by others), so whoever can
 * write an entry there can already run code as the user (their wopt.config.ts, node_modules).
 * Entries carry a sha256 of the spec: that catches corruption, not malice, and a corrupt entry is
 * recompiled, never fatal.
 */
function instantiate(env: HandlebarsEnv, spec: string): RawTemplate {
  const specObject: unknown = new Function(`"use strict"; return (${spec});`)();
  if (typeof specObject !== 'object' || specObject === null || typeof (specObject as { main?: unknown }).main !== 'function') {
    throw new Error('not a template spec');
  }
  return env.template(specObject as Parameters<HandlebarsEnv['template']>[0]) as RawTemplate;
}

function locateRuntimeError(error: unknown, name: string, helperCalls: ReadonlySet<string>, env: HandlebarsEnv): unknown {
  if (typeof error === 'object' && error !== null && located.has(error)) return error;
  const e = error as { message?: unknown; lineNumber?: unknown; column?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(error);
  const location: TemplateLocation = {
    template: name,
    line: typeof e.lineNumber === 'number' ? e.lineNumber : undefined,
    column: typeof e.column === 'number' ? e.column + 1 : undefined,
  };
  let mapped: WoptError;
  const missing = /^"(.+)" not defined in /.exec(message)?.[1];
  const missingHelper = /^Missing helper: "(.+)"/.exec(message)?.[1];
  if (missing !== undefined) {
    mapped =
      helperCalls.has(missing) && env.helpers[missing] === undefined
        ? renderErrors.missingHelper(location, missing, error)
        : renderErrors.missingParam(location, missing, error);
  } else if (missingHelper !== undefined) {
    mapped = renderErrors.missingHelper(location, missingHelper, error);
  } else if (error instanceof WoptError) {
    mapped = new WoptError(error.code, `Template ${JSON.stringify(name)}: ${error.message}`, { cause: error, path: name });
  } else {
    mapped = renderErrors.render(location, message, error);
  }
  located.add(mapped);
  return mapped;
}

/**
 * Creates a renderer with its own Handlebars environment, helpers, partials and caches.
 *
 * @example
 * const renderer = createRenderer({ helpers: { year: () => '2025' } });
 * await renderer.renderPath('src/{{kebabCase name}}/{{pascalCase name}}.tsx.hbs', { name: 'userCard' });
 * // 'src/user-card/UserCard.tsx'
 * @throws WoptError E_TEMPLATE_SYNTAX when a partial does not parse.
 */
export function createRenderer(options: RendererOptions = {}): Renderer {
  const env = runtime.create();
  const fs = options.fs ?? nodeFs;
  const root = resolve(options.root ?? '.');
  const stats: RendererStats = {
    compiles: 0,
    memoryHits: 0,
    diskHits: 0,
    diskWrites: 0,
    diskErrors: 0,
    prettierLoads: 0,
    configResolutions: 0,
    formatted: 0,
    passedThrough: 0,
  };
  const cacheOptions = options.cache === false ? undefined : (options.cache ?? {});
  const memory = cacheOptions === undefined ? undefined : new MemoryCache<Compiled>(cacheOptions.maxEntries ?? 1000);
  const disk = cacheOptions?.dir === undefined ? undefined : new DiskCache(fs, resolve(root, cacheOptions.dir));
  const inflight = new Map<string, Promise<Compiled>>();
  const formatter = options.format === true ? createFormatter({ fs, root, loadPrettier: options.loadPrettier, stats }) : undefined;
  // Formatting a template asks for (formatAs) works whether or not formatting is on.
  let own: Formatter | undefined;
  const anyFormatter = (): Formatter => formatter ?? (own ??= createFormatter({ fs, root, loadPrettier: options.loadPrettier, stats }));

  env.registerHelper(builtinHelpers({ pkg: options.pkg }) as unknown as Handlebars.HelperDeclareSpec);
  if (options.helpers !== undefined) env.registerHelper({ ...options.helpers } as unknown as Handlebars.HelperDeclareSpec);

  const fresh = (key: string, source: string, name: string): Compiled => {
    const { spec, helperCalls } = precompile(source, name);
    stats.compiles++;
    return { key, template: instantiate(env, spec), helperCalls: new Set(helperCalls) };
  };

  const bind = (compiled: Compiled, name: string, plurals?: PluralTable): CompiledTemplate => {
    const runtime = plurals === undefined ? PROTO_DENIED : { ...PROTO_DENIED, data: { plurals } };
    const run = (params: Params): string => {
      try {
        return compiled.template(params, runtime);
      } catch (error) {
        throw locateRuntimeError(error, name, compiled.helperCalls, env);
      }
    };
    return Object.assign(run, { key: compiled.key, templateName: name });
  };

  function compiledSync(source: string, name: string): Compiled {
    const key = templateKey(source, KEY_SETTINGS);
    let compiled = memory?.get(key);
    if (compiled !== undefined) stats.memoryHits++;
    else {
      compiled = fresh(key, source, name);
      memory?.set(key, compiled);
    }
    return compiled;
  }

  function compileSync(source: string, compileOptions: CompileOptions = {}): CompiledTemplate {
    const name = compileOptions.name ?? '<inline template>';
    return bind(compiledSync(source, name), name, compileOptions.plurals);
  }

  async function load(key: string, source: string, name: string): Promise<Compiled> {
    if (disk !== undefined) {
      const read = await disk.read(key);
      if (read.kind === 'hit') {
        try {
          const compiled = { key, template: instantiate(env, read.entry.spec), helperCalls: new Set(read.entry.helperCalls) };
          stats.diskHits++;
          return compiled;
        } catch {
          stats.diskErrors++; // a spec that does not evaluate: recompile and overwrite it
        }
      } else if (read.kind === 'corrupt') stats.diskErrors++;
    }
    const { spec, helperCalls } = precompile(source, name);
    stats.compiles++;
    const compiled = { key, template: instantiate(env, spec), helperCalls: new Set(helperCalls) };
    if (disk !== undefined) {
      if (await disk.write(key, { spec, helperCalls })) stats.diskWrites++;
      else stats.diskErrors++;
    }
    return compiled;
  }

  async function compile(source: string, compileOptions: CompileOptions = {}): Promise<CompiledTemplate> {
    const name = compileOptions.name ?? '<inline template>';
    const key = templateKey(source, KEY_SETTINGS);
    const cached = memory?.get(key);
    if (cached !== undefined) {
      stats.memoryHits++;
      return bind(cached, name, compileOptions.plurals);
    }
    let pending = inflight.get(key);
    if (pending === undefined) {
      pending = load(key, source, name).finally(() => inflight.delete(key));
      inflight.set(key, pending);
      const compiled = await pending;
      memory?.set(key, compiled);
      return bind(compiled, name, compileOptions.plurals);
    }
    stats.memoryHits++;
    return bind(await pending, name, compileOptions.plurals);
  }

  // A source without mustaches renders to itself: no compile needed.
  const isStatic = (source: string): boolean => !source.includes('{{');

  const renderSync = (source: string, params: Params, compileOptions?: CompileOptions): string =>
    isStatic(source) ? source : compileSync(source, compileOptions)(params);

  const render = async (source: string, params: Params, compileOptions?: CompileOptions): Promise<string> =>
    isStatic(source) ? source : (await compile(source, compileOptions))(params);

  const renderPathSync = (template: string, params: Params, options?: CompileOptions): string =>
    checkRenderedPath(template, renderSync(stripTemplateSuffix(template), params, { ...options, name: template }));

  const renderPath = async (template: string, params: Params, options?: CompileOptions): Promise<string> =>
    checkRenderedPath(template, await render(stripTemplateSuffix(template), params, { ...options, name: template }));

  const format = async (path: string, content: string): Promise<string> =>
    formatter === undefined ? content : formatter.format(path, content);

  async function renderFile(file: TemplateFile, params: Params): Promise<RenderedFile> {
    const path = await renderPath(file.path, params);
    const content = await format(path, await render(file.content, params, { name: file.path }));
    return file.mode === undefined ? { path, content, template: file.path } : { path, content, mode: file.mode, template: file.path };
  }

  for (const [partialName, source] of Object.entries(options.partials ?? {})) {
    const name = `{{> ${partialName}}}`;
    const partial = compiledSync(source, name);
    // Handlebars calls a partial with (context, runtime options): pass both through, and locate
    // errors in the partial rather than in the template that included it.
    const run = (context: unknown, runtimeOptions?: unknown): string => {
      try {
        return partial.template(context, runtimeOptions);
      } catch (error) {
        throw locateRuntimeError(error, name, partial.helperCalls, env);
      }
    };
    env.registerPartial(partialName, run as unknown as Handlebars.Template);
  }

  return {
    stats,
    compile,
    compileSync,
    render,
    renderSync,
    renderPath,
    renderPathSync,
    renderFile,
    async renderTemplateFiles(files, params) {
      const rendered = await Promise.all(files.map((file) => renderFile(file, params)));
      const seen = new Map<string, string>();
      for (const file of rendered) {
        const other = seen.get(file.path);
        if (other !== undefined) {
          throw new WoptError(
            'E_PATH_COLLISION',
            `Templates ${JSON.stringify(other)} and ${JSON.stringify(file.template)} both render to ${JSON.stringify(file.path)}. Change one of the path templates or the params.`,
            { path: file.path, paths: [other, file.template] },
          );
        }
        seen.set(file.path, file.template);
      }
      return rendered;
    },
    format,
    async formatAs(path, content, settings) {
      return (await anyFormatter().formatWith(path, content, settings)) ?? content;
    },
    async formatFiles(files) {
      return Promise.all(files.map(async (file) => ({ ...file, content: await format(file.path, file.content) })));
    },
  };
}
