/**
 * The validator of `template.json`, written by hand for its fixed shape (no schema engine at run
 * time). `templates/template.schema.json` describes the same shape for editors; a test checks the
 * two agree on a table of manifests. The validator also checks what JSON Schema cannot: that a
 * `pattern` compiles, and that a default matches it.
 */
import type { WoptError } from '../errors.js';
import { circleIn } from '../util/circle.js';
import { jsonPath, libraryErrors } from './errors.js';
import { didYouMean } from './suggest.js';
import type { ParamAffixes, ParamDefault, ParamSpec, ParamType, Provenance, TemplateFormat, TemplateManifest } from './template.js';

/** One problem: where (JSON path segments), what is wrong, and how to fix it. */
export interface ManifestIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly fix: string;
}

export const TEMPLATE_NAME = /^[a-z0-9][a-z0-9-]*$/;
export const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Semver-ish: `1`, `1.2`, `1.2.3`, with an optional `-pre.1` and `+build`. */
export const VERSION = /^\d+(\.\d+){0,2}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
export const PARAM_TYPES: readonly ParamType[] = ['string', 'number', 'boolean', 'string[]'];
const SHA256 = /^[0-9a-f]{64}$/;

/** template.json's keys, in the order they are written. */
export const MANIFEST_KEYS = ['$schema', 'name', 'description', 'version', 'params', 'source', 'format', 'plurals', 'examples'] as const;
const PARAM_KEYS = ['type', 'description', 'prompt', 'default', 'pattern', 'required', 'affixes', 'case', 'number', 'numberAsGiven'] as const;
const AFFIX_KEYS = ['prefix', 'suffix', 'keep', 'ownKinds'] as const;
const SOURCE_KEYS = ['kind', 'from', 'files', 'minedAt', 'tool'] as const;
const SOURCE_FILE_KEYS = ['path', 'sha256'] as const;

type Path = readonly (string | number)[];
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'string' ? `the string ${JSON.stringify(value)}` : `${typeof value} ${JSON.stringify(value)}`;

/** True when a string default is itself a template (`/{{kebabCase name}}`), rendered with the other params. */
export const isTemplatedDefault = (value: unknown): value is string => typeof value === 'string' && value.includes('{{');

/** Renders a default that is a template with some values; undefined where it does not render with them (a param it reads missing). */
export type RenderDefault = (source: string, params: Readonly<Record<string, unknown>>) => string | undefined;

/** The names a templated default's mustaches read (`route` in `{{titleCase route}}`; not `z` of `y.z`). */
export function defaultReads(source: string): Set<string> {
  const mustaches = source.match(/\{\{[^}]*\}\}/g)?.join(' ') ?? '';
  return new Set(mustaches.match(/(?<![\w$.])[\p{L}_$][\w$]*/gu) ?? []);
}

/** For each default, the defaults it reads (itself included, when it does). */
function readsAmong<T extends { readonly name: string; readonly source: string }>(deferred: readonly T[]): Map<string, string[]> {
  return new Map(
    deferred.map((entry) => {
      const read = defaultReads(entry.source);
      return [entry.name, deferred.filter((other) => read.has(other.name)).map((other) => other.name)];
    }),
  );
}

/**
 * Templated defaults in the order they can be rendered: one that uses another's param after it
 * (`"label": "{{titleCase route}}"` before `"route": "{{kebabCase name}}"`), the manifest's order
 * otherwise. A cycle keeps its order (see {@link circularDefaults}).
 */
export function inDependencyOrder<T extends { readonly name: string; readonly source: string }>(deferred: readonly T[]): T[] {
  const pending = new Set(deferred.map((entry) => entry.name));
  const uses = readsAmong(deferred);
  const ordered: T[] = [];
  while (ordered.length < deferred.length) {
    const ready = deferred.find((entry) => pending.has(entry.name) && (uses.get(entry.name) ?? []).every((name) => name === entry.name || !pending.has(name)));
    const next = ready ?? deferred.find((entry) => pending.has(entry.name));
    if (next === undefined) break;
    pending.delete(next.name);
    ordered.push(next);
  }
  return ordered;
}

/**
 * The first defaults that read each other in a circle, in reading order (`"a": "{{b}}-x"` beside
 * `"b": "{{a}}-y"`: neither renders before the other), or undefined when none do.
 */
export function circularDefaults<T extends { readonly name: string; readonly source: string }>(deferred: readonly T[]): string[] | undefined {
  return circleIn(readsAmong(deferred));
}

class Checker {
  readonly issues: ManifestIssue[] = [];

  add(path: Path, message: string, fix: string): void {
    this.issues.push({ path, message, fix });
  }

  keys(value: Json, path: Path, allowed: readonly string[], what: string): void {
    for (const key of Object.keys(value)) {
      if (allowed.includes(key)) continue;
      const hint = didYouMean(key, allowed);
      this.add([...path, key], `unknown key in ${what}`, `${hint === '' ? '' : `${hint.trim()} `}Allowed keys: ${allowed.join(', ')}.`);
    }
  }

  string(value: Json, key: string, path: Path, required = false): string | undefined {
    const field = value[key];
    if (field === undefined) {
      if (required) this.add([...path, key], 'is missing', `Add "${key}": "..." (a string).`);
      return undefined;
    }
    if (typeof field !== 'string') {
      this.add([...path, key], `must be a string, got ${describe(field)}`, `Write it as "${key}": "...".`);
      return undefined;
    }
    return field;
  }
}

function defaultMatchesType(type: ParamType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
  }
}

/** A value of each type, as a fix writes it. */
const exampleValue: Record<ParamType, string> = {
  string: '"text"',
  number: '3',
  boolean: 'false',
  'string[]': '["a", "b"]',
};
const exampleDefault = (type: ParamType): string => `"default": ${exampleValue[type]}`;

/** Compiles a param's pattern the way the validator and the param resolver do (Unicode mode). */
export function compilePattern(pattern: string): RegExp {
  return new RegExp(pattern, 'u');
}

function checkAffixes(check: Checker, value: unknown, path: Path, type: ParamType | undefined): ParamAffixes | undefined {
  if (value === undefined) return undefined;
  const at = [...path, 'affixes'];
  if (!isObject(value)) {
    check.add(at, `must be an object, got ${describe(value)}`, 'Write it as "affixes": { "prefix": "App" } (a "prefix" and/or a "suffix").');
    return undefined;
  }
  check.keys(value, at, AFFIX_KEYS, '"affixes"');
  if (type !== undefined && type !== 'string') check.add(at, `applies to strings, but the param is a ${type}`, 'Remove "affixes", or change "type" to "string".');
  const prefix = check.string(value, 'prefix', at);
  const suffix = check.string(value, 'suffix', at);
  const keep = value.keep;
  if (keep !== undefined && typeof keep !== 'boolean') check.add([...at, 'keep'], `must be true or false, got ${describe(keep)}`, 'Write "keep": true or "keep": false (without quotes).');
  const ownKinds = value.ownKinds;
  const kindList = Array.isArray(ownKinds) && ownKinds.every((kind) => typeof kind === 'string') ? (ownKinds as string[]) : undefined;
  if (ownKinds !== undefined && kindList === undefined) check.add([...at, 'ownKinds'], `must be a list of words, got ${describe(ownKinds)}`, 'Write it as "ownKinds": ["frontend"] (the kinds the members\' names say), or [].');
  return {
    ...(prefix === undefined ? {} : { prefix }),
    ...(suffix === undefined ? {} : { suffix }),
    ...(typeof keep === 'boolean' ? { keep } : {}),
    ...(kindList === undefined ? {} : { ownKinds: kindList }),
  };
}

/**
 * A key of a string param that holds one word (`"number": "singular"`, `"case": "pascal"`):
 * `meaning` says what it does, for the fix.
 */
function checkStringWord<Word extends string>(check: Checker, value: unknown, path: Path, type: ParamType | undefined, key: string, word: Word, meaning: string): Word | undefined {
  if (value === undefined) return undefined;
  const at = [...path, key];
  if (value !== word) {
    check.add(at, `must be "${word}", got ${describe(value)}`, `Write "${key}": "${word}" (${meaning}), or remove it.`);
    return undefined;
  }
  if (type !== undefined && type !== 'string') {
    check.add(at, `applies to strings, but the param is a ${type}`, `Remove "${key}", or change "type" to "string".`);
    return undefined;
  }
  return word;
}

function checkNumberAsGiven(check: Checker, value: unknown, path: Path): true | undefined {
  if (value === undefined) return undefined;
  if (value !== true) {
    check.add([...path, 'numberAsGiven'], `must be true, got ${describe(value)}`, 'Write "numberAsGiven": true (the default sees singular params in the number given), or remove it.');
    return undefined;
  }
  return value;
}

function checkParam(check: Checker, name: string, spec: unknown): ParamSpec | undefined {
  const path = ['params', name];
  if (!PARAM_NAME.test(name)) {
    check.add(path, 'is not a valid param name', 'Use letters, digits and underscores, not starting with a digit (e.g. "componentName"), so templates can write {{componentName}}.');
  } else if (name === '__proto__') {
    // An object's prototype, not a key of its own: params are passed around as plain objects.
    check.add(path, 'is reserved (a JavaScript object cannot hold it as a param)', 'Rename the param, e.g. "proto".');
  }
  if (!isObject(spec)) {
    check.add(path, `must be an object, got ${describe(spec)}`, `Write it as "${name}": { "type": "string" }.`);
    return undefined;
  }
  check.keys(spec, path, PARAM_KEYS, 'a param');
  const rawType = spec.type;
  let type: ParamType | undefined;
  if (rawType === undefined) check.add([...path, 'type'], 'is missing', `Add "type": one of ${PARAM_TYPES.map((t) => `"${t}"`).join(', ')}.`);
  else if (typeof rawType !== 'string' || !(PARAM_TYPES as readonly string[]).includes(rawType)) {
    const hint = typeof rawType === 'string' ? didYouMean(rawType, PARAM_TYPES) : '';
    check.add([...path, 'type'], `must be one of ${PARAM_TYPES.map((t) => `"${t}"`).join(', ')}, got ${describe(rawType)}`, `${hint === '' ? '' : `${hint.trim()} `}Pick one of the four types.`);
  } else type = rawType as ParamType;

  const description = check.string(spec, 'description', path);
  const prompt = check.string(spec, 'prompt', path);

  const required = spec.required;
  if (required !== undefined && typeof required !== 'boolean') {
    check.add([...path, 'required'], `must be true or false, got ${describe(required)}`, 'Write "required": true or "required": false (without quotes).');
  }

  let pattern: RegExp | undefined;
  const patternSource = spec.pattern;
  if (patternSource !== undefined) {
    if (typeof patternSource !== 'string') check.add([...path, 'pattern'], `must be a string, got ${describe(patternSource)}`, 'Write the regular expression as a JSON string, e.g. "^[a-z]+$".');
    else {
      if (type !== undefined && type !== 'string' && type !== 'string[]') {
        check.add([...path, 'pattern'], `applies to strings, but the param is a ${type}`, 'Remove "pattern", or change "type" to "string" or "string[]".');
      }
      try {
        pattern = compilePattern(patternSource);
      } catch (error) {
        check.add([...path, 'pattern'], `does not compile: ${(error as Error).message}`, 'Fix the regular expression (JavaScript syntax, Unicode mode; backslashes doubled in JSON: "\\\\d").');
      }
    }
  }

  const value = spec.default;
  if (value !== undefined && type !== undefined) {
    if (!defaultMatchesType(type, value) && !(type === 'boolean' && isTemplatedDefault(value))) {
      check.add([...path, 'default'], `must be a ${type} like the param, got ${describe(value)}`, `Write e.g. ${exampleDefault(type)}, or change "type".`);
    } else if (pattern !== undefined && typeof patternSource === 'string') {
      const values = typeof value === 'string' ? [value] : Array.isArray(value) ? (value as string[]) : [];
      for (const [index, item] of values.entries()) {
        if (isTemplatedDefault(item)) continue; // checked after rendering, when params are resolved
        if (!pattern.test(item)) {
          check.add(Array.isArray(value) ? [...path, 'default', index] : [...path, 'default'], `${JSON.stringify(item)} does not match "pattern" ${JSON.stringify(patternSource)}`, 'Change the default or the pattern so that they agree.');
        }
      }
    }
  }

  const affixes = checkAffixes(check, spec.affixes, path, type);
  const readCase = checkStringWord(check, spec.case, path, type, 'case', 'pascal', 'a value given in any case is read in PascalCase, acronyms kept');
  const number = checkStringWord(check, spec.number, path, type, 'number', 'singular', 'a plural given is read as its singular');
  const numberAsGiven = checkNumberAsGiven(check, spec.numberAsGiven, path);
  // It says how a default is rendered: on a param without one written from params it says nothing.
  if (numberAsGiven === true && !(typeof value === 'string' && isTemplatedDefault(value))) {
    check.add(
      [...path, 'numberAsGiven'],
      `applies to a default written from params, but the default is ${value === undefined ? 'missing' : describe(value)}`,
      'Write the default from the name (e.g. "default": "{{snakeCase name}}"), or remove "numberAsGiven".',
    );
  }

  if (type === undefined) return undefined;
  const result: { -readonly [K in keyof ParamSpec]: ParamSpec[K] } = { type };
  if (affixes !== undefined) result.affixes = affixes;
  if (readCase !== undefined) result.case = readCase;
  if (number !== undefined) result.number = number;
  if (numberAsGiven !== undefined) result.numberAsGiven = numberAsGiven;
  if (description !== undefined) result.description = description;
  if (prompt !== undefined) result.prompt = prompt;
  if (value !== undefined) result.default = Array.isArray(value) ? [...(value as string[])] : (value as string | number | boolean);
  if (typeof patternSource === 'string') result.pattern = patternSource;
  if (typeof required === 'boolean') result.required = required;
  return result;
}

function checkFormat(check: Checker, format: unknown): TemplateFormat | undefined {
  if (!isObject(format)) {
    check.add(['format'], `must be an object, got ${describe(format)}`, 'Write "format": { "prettier": { "singleQuote": true } }.');
    return undefined;
  }
  check.keys(format, ['format'], ['prettier'], '"format"');
  const prettier = format.prettier;
  if (!isObject(prettier)) {
    check.add(['format', 'prettier'], prettier === undefined ? 'is missing' : `must be an object of prettier options, got ${describe(prettier)}`, 'Write "prettier": { "singleQuote": true, "printWidth": 100 } ({} for prettier\'s defaults).');
    return undefined;
  }
  const options: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(prettier)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') options[key] = value;
    else check.add(['format', 'prettier', key], `must be a string, number or boolean, got ${describe(value)}`, 'Give prettier options as plain values; plugins and overrides belong in the project\'s prettier config.');
  }
  return { prettier: options };
}

function checkPlurals(check: Checker, plurals: unknown): Record<string, string> | undefined {
  const fix = 'Write "plurals": { "fornecedor": "fornecedores" }: lower-case words, singular to plural.';
  if (!isObject(plurals)) {
    check.add(['plurals'], `must be an object of words, got ${describe(plurals)}`, fix);
    return undefined;
  }
  const table: Record<string, string> = {};
  for (const [singular, plural] of Object.entries(plurals)) {
    if (!/^\p{Ll}+$/u.test(singular)) check.add(['plurals', singular], 'must be a lower-case word (letters only)', fix);
    else if (typeof plural !== 'string' || !/^\p{Ll}+$/u.test(plural)) check.add(['plurals', singular], `must be a lower-case word, got ${describe(plural)}`, fix);
    else table[singular] = plural;
  }
  return table;
}

function checkExamples(check: Checker, examples: unknown, params: Readonly<Record<string, ParamSpec>>): Record<string, ParamDefault>[] | undefined {
  const fix = 'Write "examples": [{ "name": "GetAll", "method": "get" }, ...]: one object per instance, its values for declared params.';
  if (!Array.isArray(examples)) {
    check.add(['examples'], `must be an array of objects, got ${describe(examples)}`, fix);
    return undefined;
  }
  return examples.flatMap((example: unknown, index) => {
    if (!isObject(example)) {
      check.add(['examples', index], `must be an object of param values, got ${describe(example)}`, fix);
      return [];
    }
    for (const [param, value] of Object.entries(example)) {
      const spec = params[param];
      if (spec === undefined) check.add(['examples', index, param], 'is not a declared param', `Declare ${JSON.stringify(param)} in "params" or remove it from the example.`);
      else if (!defaultMatchesType(spec.type, value)) check.add(['examples', index, param], `must be a ${spec.type} like the param, got ${describe(value)}`, `Write e.g. ${exampleValue[spec.type]}.`);
    }
    return [example as Record<string, ParamDefault>];
  });
}

function checkSource(check: Checker, source: unknown): Provenance | undefined {
  const path = ['source'];
  if (!isObject(source)) {
    check.add(path, `must be an object, got ${describe(source)}`, 'Remove "source" (it is written by `wopt mine`), or give { "kind": "mined", "files": [...] }.');
    return undefined;
  }
  check.keys(source, path, SOURCE_KEYS, '"source"');
  if (source.kind !== 'mined') check.add([...path, 'kind'], `must be "mined", got ${describe(source.kind)}`, 'Write "kind": "mined".');
  const from = check.string(source, 'from', path);
  const minedAt = check.string(source, 'minedAt', path);
  const tool = check.string(source, 'tool', path);
  const files: { path: string; sha256: string }[] = [];
  if (!Array.isArray(source.files)) {
    check.add([...path, 'files'], source.files === undefined ? 'is missing' : `must be an array, got ${describe(source.files)}`, 'List the mined files as [{ "path": "...", "sha256": "..." }].');
  } else {
    for (const [index, file] of source.files.entries()) {
      const at = [...path, 'files', index];
      if (!isObject(file)) {
        check.add(at, `must be an object, got ${describe(file)}`, 'Write { "path": "...", "sha256": "..." }.');
        continue;
      }
      check.keys(file, at, SOURCE_FILE_KEYS, 'a source file');
      const filePath = check.string(file, 'path', at, true);
      const sha = check.string(file, 'sha256', at, true);
      if (sha !== undefined && !SHA256.test(sha)) check.add([...at, 'sha256'], 'must be 64 lowercase hex digits', 'Write the sha256 of the file content in hex.');
      if (filePath !== undefined && sha !== undefined) files.push({ path: filePath, sha256: sha });
    }
  }
  const result: { -readonly [K in keyof Provenance]: Provenance[K] } = { kind: 'mined', files };
  if (from !== undefined) result.from = from;
  if (minedAt !== undefined) result.minedAt = minedAt;
  if (tool !== undefined) result.tool = tool;
  return result;
}

/**
 * Every problem of a parsed `template.json`, in document order, and the normalized manifest when
 * there are none (a new object; `params` defaults to `{}`).
 *
 * @example checkManifest({ name: 'Bad Name' }).issues[0].path // ['name']
 */
export function checkManifest(value: unknown): { manifest: TemplateManifest | undefined; issues: readonly ManifestIssue[] } {
  const check = new Checker();
  if (!isObject(value)) {
    check.add([], `must be a JSON object, got ${describe(value)}`, 'Write { "name": "my-template", "params": { ... } }.');
    return { manifest: undefined, issues: check.issues };
  }
  check.keys(value, [], MANIFEST_KEYS, 'template.json');
  const schema = check.string(value, '$schema', []);
  const name = check.string(value, 'name', [], true);
  if (name !== undefined && !TEMPLATE_NAME.test(name)) {
    const suggestion = name
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '');
    check.add(['name'], `${JSON.stringify(name)} is not a valid template name`, `Use lowercase letters, digits and dashes, starting with a letter or digit${suggestion === '' ? '' : ` (e.g. ${JSON.stringify(suggestion)})`}.`);
  }
  const description = check.string(value, 'description', []);
  const version = check.string(value, 'version', []);
  if (version !== undefined && !VERSION.test(version)) {
    check.add(['version'], `${JSON.stringify(version)} is not a version`, 'Use a semver-like version such as "1.0.0" (or "1.2", "2.0.0-beta.1").');
  }
  const params: Record<string, ParamSpec> = {};
  if (value.params !== undefined) {
    if (!isObject(value.params)) {
      check.add(['params'], `must be an object keyed by param name, got ${describe(value.params)}`, 'Write "params": { "name": { "type": "string" } }.');
    } else {
      for (const [paramName, spec] of Object.entries(value.params)) {
        const checked = checkParam(check, paramName, spec);
        if (checked !== undefined) params[paramName] = checked;
      }
    }
  }
  const source = value.source === undefined ? undefined : checkSource(check, value.source);
  const format = value.format === undefined ? undefined : checkFormat(check, value.format);
  const plurals = value.plurals === undefined ? undefined : checkPlurals(check, value.plurals);
  const examples = value.examples === undefined ? undefined : checkExamples(check, value.examples, params);
  if (check.issues.length > 0 || name === undefined) return { manifest: undefined, issues: check.issues };
  const manifest: { -readonly [K in keyof TemplateManifest]: TemplateManifest[K] } = { name, params };
  if (schema !== undefined) manifest.$schema = schema;
  if (description !== undefined) manifest.description = description;
  if (version !== undefined) manifest.version = version;
  if (source !== undefined) manifest.source = source;
  if (format !== undefined) manifest.format = format;
  if (plurals !== undefined) manifest.plurals = plurals;
  if (examples !== undefined) manifest.examples = examples;
  return { manifest, issues: [] };
}

/** The error for a list of issues: the first in full, the others summarized. */
export function manifestError(file: string, issues: readonly ManifestIssue[]): WoptError {
  const [first, ...rest] = issues;
  if (first === undefined) return libraryErrors.templateInvalid(file, [], 'is invalid', 'Check it against template.schema.json.');
  const more = rest.length === 0 ? '' : ` (${rest.length} more: ${rest.map((issue) => `${jsonPath(issue.path)} ${issue.message}`).join('; ')})`;
  return libraryErrors.templateInvalid(file, first.path, `${first.message}${more}`, first.fix);
}

/**
 * Validates a parsed `template.json` and returns it normalized (a new object).
 *
 * @example validateManifest(JSON.parse(text), 'templates/card/template.json')
 * @throws WoptError E_TEMPLATE_INVALID naming the file, the JSON path (`params.name.type`), what is
 *   wrong and the fix (with a "did you mean" for misspelt keys); further problems are summarized.
 */
export function validateManifest(value: unknown, file: string): TemplateManifest {
  const { manifest, issues } = checkManifest(value);
  if (manifest === undefined) throw manifestError(file, issues);
  return manifest;
}

/**
 * Parses and validates the text of a `template.json`.
 *
 * @throws WoptError E_TEMPLATE_INVALID when it is not JSON (line and column named) or breaks the format.
 */
export function parseManifest(text: string, file: string): TemplateManifest {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw libraryErrors.templateInvalid(file, [], `is not valid JSON (${(error as Error).message})`, 'Fix the JSON syntax (no comments, no trailing commas).', error);
  }
  return validateManifest(value, file);
}
