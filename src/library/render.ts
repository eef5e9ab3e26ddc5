/**
 * Rendering a library template: params resolved against the manifest (types, patterns, defaults,
 * defaults that are themselves templates), then every file rendered with a caller's renderer.
 *
 * Optional files: a template file whose source is not empty but whose rendered content is empty
 * (or only whitespace) is skipped, not written. Wrap an optional file's whole content in
 * `{{#if withStyles}}…{{/if}}`. (Paths cannot hold block helpers: Handlebars closes them with
 * `{{/if}}`, and a file name cannot contain "/".) A template file that is empty in the template is
 * written empty (e.g. `.gitkeep`).
 */
import { WoptError } from '../errors.js';
import type { Params, PrettierSettings, RenderedFile, Renderer } from '../render/index.js';
import { ownValue } from '../util/own.js';
import { applyAffixes, readGiven } from './affixes.js';
import { doubledWordWarnings } from './doubled-words.js';
import { defaultsLikeGiven } from './example-defaults.js';
import { ignoredValueWarnings } from './ignored-values.js';
import { quotedValueWarnings } from './quoted-values.js';
import { paramsReadBack } from './read-back.js';
import { didYouMean } from './suggest.js';
import type { ParamSpec, Template, TemplateManifest } from './template.js';
import { circularDefaults, compilePattern, inDependencyOrder, isTemplatedDefault, type RenderDefault } from './validate.js';

export interface RenderTemplateResult {
  /** The files to write, in template order. */
  readonly files: readonly RenderedFile[];
  /** Template paths of optional files that rendered to nothing and are not written. */
  readonly skipped: readonly string[];
  /** The params used: the given ones plus defaults. */
  readonly params: Readonly<Record<string, unknown>>;
  /** Files the template's own formatting could not format (written as rendered). */
  readonly warnings: readonly string[];
  /** Defaults the template's examples chose by the values given (see TemplateManifest.examples). */
  readonly notes: readonly string[];
}

/**
 * A file formatted as the template asks (TemplateManifest.format). The format is a template's wish,
 * not the user's: a file prettier cannot parse is kept as rendered, with a warning.
 */
async function formatAsTemplate(renderer: Renderer, settings: PrettierSettings, path: string, content: string, warnings: string[]): Promise<string> {
  try {
    return await renderer.formatAs(path, content, settings);
  } catch (error) {
    if (!(error instanceof WoptError) || error.code !== 'E_FORMAT') throw error;
    warnings.push(`${path} is written unformatted: prettier could not parse it (${error.message.split('\n')[0] ?? ''})`);
    return content;
  }
}

const quote = (value: string): string => JSON.stringify(value);
const paramError = (template: string, message: string, fix: string): WoptError =>
  new WoptError('E_TEMPLATE_PARAM', `Template ${quote(template)}: ${message}. ${fix}`, { path: template });

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? `the array ${JSON.stringify(value)}` : `${typeof value} ${JSON.stringify(value)}`;

function checkValue(template: string, name: string, spec: ParamSpec, value: unknown): unknown {
  const ok =
    spec.type === 'string'
      ? typeof value === 'string'
      : spec.type === 'number'
        ? typeof value === 'number' && Number.isFinite(value)
        : spec.type === 'boolean'
          ? typeof value === 'boolean'
          : Array.isArray(value) && value.every((item) => typeof item === 'string');
  if (!ok) throw paramError(template, `the param ${quote(name)} must be a ${spec.type}, got ${describe(value)}`, `Pass a ${spec.type}${spec.type === 'string[]' ? ' (a list of strings)' : ''}.`);
  if (spec.pattern !== undefined) {
    const pattern = compilePattern(spec.pattern);
    for (const item of typeof value === 'string' ? [value] : Array.isArray(value) ? (value as string[]) : []) {
      if (!pattern.test(item)) throw paramError(template, `the param ${quote(name)} is ${item === '' ? 'empty' : quote(item)}, which does not match ${spec.pattern}`, spec.description === undefined ? 'Pass a value that matches.' : `Expected: ${spec.description.replace(/\.$/, '')}.`);
    }
  }
  return Array.isArray(value) ? [...(value as string[])] : value;
}

/**
 * A default that is a template renders to text; a boolean param's (`"{{not withStyles}}"`, which
 * follows another param) reads `true` or `false`.
 */
export function renderedDefault(template: string, name: string, spec: ParamSpec, text: string): unknown {
  if (spec.type !== 'boolean') return text;
  const word = text.trim();
  if (word === 'true' || word === 'false') return word === 'true';
  throw paramError(template, `the default of the boolean param ${quote(name)} renders to ${quote(text)}`, 'Write a default that renders to true or false, e.g. "{{not withStyles}}".');
}

/**
 * The params a template renders with: each given value checked against its type and pattern (and
 * a string read without its affixes, see ParamSpec.affixes),
 * defaults filled in (a string default holding `{{…}}` is rendered with the params before it and
 * every plain value, e.g. `"/{{kebabCase (pluralize name)}}"`; a boolean's renders to true or false,
 * e.g. `"{{not withStyles}}"`), required params enforced.
 * Returns a new object; `given` is not modified.
 *
 * @example await resolveParams(renderer, manifest, { name: 'user' }) // { name: 'user', path: '/users' }
 * @throws WoptError E_TEMPLATE_PARAM for an unknown param (with "did you mean"), a missing required
 *   one, a wrong type, or a value that does not match its pattern.
 */
export async function resolveParams(renderer: Renderer, manifest: TemplateManifest, given: Params): Promise<Record<string, unknown>> {
  return (await resolveParamsNoted(renderer, manifest, given)).params;
}

/** {@link resolveParams}, with a note of the defaults the template's examples chose (see defaultsLikeGiven). */
async function resolveParamsNoted(renderer: Renderer, manifest: TemplateManifest, given: Params): Promise<{ params: Record<string, unknown>; notes: string[] }> {
  const declared = Object.keys(manifest.params);
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(manifest.params, key)) {
      throw paramError(manifest.name, `there is no param ${quote(key)}`, `${didYouMean(key, declared).trim()} Params: ${declared.join(', ') || '(none)'}.`.trim());
    }
  }
  const { resolved, deferred, notes } = paramsBeforeDefaults(manifest, given, {
    read: (name, spec, value) => {
      const checked = checkValue(manifest.name, name, spec, value);
      return typeof checked === 'string' ? readGiven(checked, spec, manifest.plurals) : checked;
    },
    renderDefault: defaultRenderer(renderer, manifest),
    missing: (name, spec) => {
      throw paramError(manifest.name, `the param ${quote(name)} is required`, `Pass ${quote(name)} (${spec.type}${spec.description === undefined ? '' : `: ${spec.description}`}), or give it a default in template.json.`);
    },
  });
  for (const [index, { name, spec, source, asGiven }] of deferred.entries()) {
    let value: string;
    try {
      value = await renderer.render(source, { ...resolved, ...asGiven }, { name: `${manifest.name}: params.${name}.default`, plurals: manifest.plurals });
    } catch (error) {
      throw circleBehind(manifest.name, name, deferred.slice(index), error) ?? error;
    }
    resolved[name] = checkValue(manifest.name, name, spec, renderedDefault(manifest.name, name, spec, value));
  }
  return { params: resolved, notes };
}

/**
 * The error to give when the default of `name` failed to render for want of a param whose default
 * reads it back (`"folder": "{{kebabCase route}}"` beside `"route": "{{snakeCase folder}}"`): the
 * renderer's own says a param with a default was not given. Defaults that mention each other only
 * in branches not taken render, so only a render that failed is looked at.
 */
function circleBehind(template: string, name: string, pending: readonly DeferredDefault[], error: unknown): WoptError | undefined {
  if (!(error instanceof WoptError) || error.code !== 'E_TEMPLATE_PARAM') return undefined;
  const circle = circularDefaults(pending);
  if (circle === undefined || !circle.includes(name) || !circle.some((param) => error.message.includes(`uses the param ${quote(param)}`))) return undefined;
  return paramError(
    template,
    `the defaults of ${circle.map(quote).join(' and ')} read each other in a circle, so none of them renders`,
    `Pass one of them (--set ${circle[0] ?? ''}=…), or write one of the defaults in template.json without the others.`,
  );
}

/** Renders a default that is a template with `manifest`'s plural table, named for its errors. */
export const defaultRenderer =
  (renderer: Renderer, manifest: TemplateManifest) =>
  (source: string, params: Readonly<Record<string, unknown>>): string =>
    renderer.renderSync(source, params, { name: `${manifest.name}: a default`, plurals: manifest.plurals });

/** A default still to render (see {@link paramsBeforeDefaults}). */
export interface DeferredDefault {
  readonly name: string;
  readonly spec: ParamSpec;
  /** The default's template source, e.g. `"/{{kebabCase (pluralize name)}}"`. */
  readonly source: string;
  /**
   * Values it sees in place of the resolved ones: the names in the number they were given in,
   * for a default that asks for them (ParamSpec.numberAsGiven).
   */
  readonly asGiven?: Readonly<Record<string, unknown>>;
}

/**
 * The one way params meet a manifest, for the library's resolveParams (async, checked) and the
 * miner's withDefaults (sync, lenient): each declared param takes its given value (read by `read`,
 * from the object's own keys only: a param named `constructor` is not Object's), else its plain
 * default (lists copied; the value the template's examples like the given values mostly have, where
 * they say one, see defaultsLikeGiven; the value given values spell through their defaults, see
 * paramsReadBack), else `missing` is told of a required one; defaults that are templates
 * come back in the order they can be rendered in, each after the params it reads (one that writes
 * names in the number given with those values as given: ParamSpec.numberAsGiven).
 */
export function paramsBeforeDefaults(
  manifest: TemplateManifest,
  given: Readonly<Record<string, unknown>>,
  handlers: {
    readonly read: (name: string, spec: ParamSpec, value: unknown) => unknown;
    readonly missing?: (name: string, spec: ParamSpec) => void;
    readonly renderDefault?: (source: string, params: Readonly<Record<string, unknown>>) => string;
  },
): { resolved: Record<string, unknown>; deferred: DeferredDefault[]; notes: string[] } {
  const read: Record<string, unknown> = {};
  // A singular param's value with its affixes read, but in the number it was given in: only for
  // templates with a default that asks for it.
  const asGiven: Record<string, unknown> = {};
  const wantsAsGiven = Object.values(manifest.params).some((spec) => spec.numberAsGiven === true);
  for (const [name, spec] of Object.entries(manifest.params)) {
    const value = ownValue(given, name);
    if (value === undefined) continue;
    read[name] = handlers.read(name, spec, value);
    if (wantsAsGiven && spec.number === 'singular' && typeof value === 'string' && typeof read[name] === 'string') asGiven[name] = applyAffixes(value, spec.affixes);
  }
  const givenNames = new Set(Object.keys(read));
  // The read-back and the kinds render defaults with values of their own choosing (an example's, a
  // flag tried): one that does not render with them says nothing.
  const { renderDefault } = handlers;
  const tryRender: RenderDefault | undefined =
    renderDefault === undefined
      ? undefined
      : (source, params) => {
          try {
            return renderDefault(source, params);
          } catch {
            return undefined;
          }
        };
  const readBack = paramsReadBack(manifest, read, handlers.read, tryRender);
  const { values: likeGiven, note } = defaultsLikeGiven(manifest, read, givenNames, { renderDefault: tryRender, settled: new Set(Object.keys(readBack.values)) });
  const resolved: Record<string, unknown> = {};
  const deferred: DeferredDefault[] = [];
  for (const [name, spec] of Object.entries(manifest.params)) {
    if (givenNames.has(name)) {
      resolved[name] = read[name];
      continue;
    }
    if (Object.hasOwn(readBack.values, name)) {
      resolved[name] = readBack.values[name];
      continue;
    }
    const plain = Object.hasOwn(likeGiven, name) ? likeGiven[name] : spec.default;
    if (isTemplatedDefault(plain)) deferred.push({ name, spec, source: plain, ...(spec.numberAsGiven === true ? { asGiven } : {}) });
    else if (plain !== undefined) resolved[name] = Array.isArray(plain) ? [...(plain as string[])] : plain;
    else if (spec.required !== false) handlers.missing?.(name, spec);
  }
  return { resolved, deferred: inDependencyOrder(deferred), notes: [...(note === undefined ? [] : [note]), ...readBack.notes] };
}

/**
 * Renders a template with params: resolves them (see {@link resolveParams}), renders every file's
 * content and path, skips optional files that render to nothing, formats as the template asks
 * (TemplateManifest.format), else when the renderer does.
 *
 * @example
 * const { files } = await renderTemplate(createRenderer(), template, { name: 'user card' });
 * await batchWrite(files.map(({ path, content, mode }) => ({ path, content, mode })), { root });
 * @throws WoptError E_TEMPLATE_PARAM, E_TEMPLATE_SYNTAX, E_TEMPLATE_RENDER, E_PATH_INVALID,
 *   E_PATH_OUTSIDE_ROOT, E_FORMAT; E_PATH_COLLISION when two files render to one path.
 */
export async function renderTemplate(renderer: Renderer, template: Template, given: Params): Promise<RenderTemplateResult> {
  const { params, notes } = await resolveParamsNoted(renderer, template.manifest, given);
  const warnings: string[] = [];
  const files: RenderedFile[] = [];
  const skipped: string[] = [];
  const seen = new Map<string, string>();
  for (const file of template.files) {
    const content = await renderer.render(file.content, params, { name: file.path, plurals: template.manifest.plurals });
    if (file.content.trim() !== '' && content.trim() === '') {
      skipped.push(file.path);
      continue;
    }
    const path = await renderer.renderPath(file.path, params, { plurals: template.manifest.plurals });
    const other = seen.get(path);
    if (other !== undefined) {
      throw new WoptError(
        'E_PATH_COLLISION',
        `Template ${quote(template.manifest.name)}: files ${quote(other)} and ${quote(file.path)} both render to ${quote(path)}. Change one of the path templates or the params.`,
        { path, paths: [other, file.path] },
      );
    }
    seen.set(path, file.path);
    const formatted = template.manifest.format === undefined ? await renderer.format(path, content) : await formatAsTemplate(renderer, template.manifest.format.prettier, path, content, warnings);
    files.push(file.mode === undefined ? { path, content: formatted, template: file.path } : { path, content: formatted, mode: file.mode, template: file.path });
  }
  // The values given, as read (a name without its affixes), not the defaults: a default is the template's.
  const givenValues = Object.fromEntries(Object.keys(given).map((key) => [key, params[key]]));
  warnings.push(...doubledWordWarnings(givenValues, files));
  const sources = new Map(template.files.map((file) => [file.path, file.content]));
  warnings.push(...quotedValueWarnings(givenValues, files.map((file) => ({ path: file.path, source: sources.get(file.template) ?? '' }))));
  warnings.push(...ignoredValueWarnings(template, Object.keys(given).filter((key) => given[key] !== undefined), params));
  return { files, skipped, params, warnings, notes };
}
