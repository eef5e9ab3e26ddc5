import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WoptError } from '../../src/errors.js';
import { checkManifest, parseManifest, validateManifest } from '../../src/library/validate.js';
import { ANNOTATIONS, IMPLEMENTED, keywordsOf, validates } from './json-schema.js';

const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'templates', 'template.schema.json'), 'utf8')) as Record<string, unknown>;

const sha = 'a'.repeat(64);

interface Case {
  readonly title: string;
  readonly manifest: unknown;
  /** The JSON path of the first problem the validator reports, or undefined when valid. */
  readonly error?: string;
  /** Set when JSON Schema cannot express the rule (the schema accepts, the validator refuses). */
  readonly beyondSchema?: true;
}

const cases: readonly Case[] = [
  { title: 'minimal', manifest: { name: 'a' } },
  { title: 'full', manifest: {
    $schema: '../template.schema.json', name: 'react-component', description: 'd', version: '1.2.3-beta.1+b5',
    params: {
      name: { type: 'string', description: 'n', prompt: 'Name?', pattern: '^[a-z]+$', default: 'abc', required: true },
      count: { type: 'number', default: 3 },
      flag: { type: 'boolean', default: false, required: false },
      tags: { type: 'string[]', default: ['x', 'y'], pattern: '^[a-z]$' },
      path: { type: 'string', default: '/{{kebabCase name}}', pattern: '^/' },
    },
    source: { kind: 'mined', from: 'src/*.ts', files: [{ path: 'src/a.ts', sha256: sha }], minedAt: '2025-01-01T00:00:00Z', tool: 'wopt 0.1.0' },
  } },
  { title: 'version 1.2', manifest: { name: 'a', version: '1.2' } },
  { title: 'name missing', manifest: { params: {} }, error: 'name' },
  { title: 'name with capitals', manifest: { name: 'React' }, error: 'name' },
  { title: 'name starting with a dash', manifest: { name: '-a' }, error: 'name' },
  { title: 'name not a string', manifest: { name: 3 }, error: 'name' },
  { title: 'not an object', manifest: [], error: '(top level)' },
  { title: 'bad version', manifest: { name: 'a', version: 'v1' }, error: 'version' },
  { title: 'version as a number', manifest: { name: 'a', version: 1 }, error: 'version' },
  { title: 'unknown top-level key', manifest: { name: 'a', parms: {} }, error: 'parms' },
  { title: 'params not an object', manifest: { name: 'a', params: [] }, error: 'params' },
  { title: 'param name not an identifier', manifest: { name: 'a', params: { 'my-name': { type: 'string' } } }, error: 'params["my-name"]' },
  { title: 'param name starting with a digit', manifest: { name: 'a', params: { '1x': { type: 'string' } } }, error: 'params["1x"]' },
  // As JSON.parse reads it: an own key, which an object literal would make the prototype.
  { title: 'param named __proto__', manifest: JSON.parse('{ "name": "a", "params": { "__proto__": { "type": "string" } } }') as unknown, error: 'params.__proto__', beyondSchema: true },
  { title: 'param not an object', manifest: { name: 'a', params: { x: 'string' } }, error: 'params.x' },
  { title: 'type missing', manifest: { name: 'a', params: { x: {} } }, error: 'params.x.type' },
  { title: 'unknown type', manifest: { name: 'a', params: { x: { type: 'int' } } }, error: 'params.x.type' },
  { title: 'unknown param key', manifest: { name: 'a', params: { x: { type: 'string', reqired: true } } }, error: 'params.x.reqired' },
  { title: 'string default for a number', manifest: { name: 'a', params: { x: { type: 'number', default: '3' } } }, error: 'params.x.default' },
  { title: 'number default for a string', manifest: { name: 'a', params: { x: { type: 'string', default: 3 } } }, error: 'params.x.default' },
  { title: 'string default for a boolean', manifest: { name: 'a', params: { x: { type: 'boolean', default: 'true' } } }, error: 'params.x.default' },
  { title: 'string default for a string[]', manifest: { name: 'a', params: { x: { type: 'string[]', default: 'a' } } }, error: 'params.x.default' },
  { title: 'mixed array default for a string[]', manifest: { name: 'a', params: { x: { type: 'string[]', default: ['a', 1] } } }, error: 'params.x.default' },
  { title: 'required as a string', manifest: { name: 'a', params: { x: { type: 'string', required: 'yes' } } }, error: 'params.x.required' },
  { title: 'description as a number', manifest: { name: 'a', params: { x: { type: 'string', description: 1 } } }, error: 'params.x.description' },
  { title: 'pattern on a number', manifest: { name: 'a', params: { x: { type: 'number', pattern: '^1$' } } }, error: 'params.x.pattern' },
  { title: 'pattern on a boolean', manifest: { name: 'a', params: { x: { type: 'boolean', pattern: 'x' } } }, error: 'params.x.pattern' },
  { title: 'pattern not a string', manifest: { name: 'a', params: { x: { type: 'string', pattern: 1 } } }, error: 'params.x.pattern' },
  { title: 'pattern that does not compile', manifest: { name: 'a', params: { x: { type: 'string', pattern: '([a-z' } } }, error: 'params.x.pattern', beyondSchema: true },
  { title: 'default not matching the pattern', manifest: { name: 'a', params: { x: { type: 'string', pattern: '^[a-z]+$', default: 'ABC' } } }, error: 'params.x.default', beyondSchema: true },
  { title: 'array default item not matching the pattern', manifest: { name: 'a', params: { x: { type: 'string[]', pattern: '^[a-z]$', default: ['a', 'BB'] } } }, error: 'params.x.default[1]', beyondSchema: true },
  { title: 'affixes on the entity name', manifest: { name: 'a', params: { name: { type: 'string', affixes: { prefix: 'use', suffix: 'Store' } } } } },
  { title: 'kept affixes', manifest: { name: 'a', params: { name: { type: 'string', affixes: { suffix: 'Icon', keep: true } } } } },
  { title: 'keep not a boolean', manifest: { name: 'a', params: { x: { type: 'string', affixes: { suffix: 'Icon', keep: 'yes' } } } }, error: 'params.x.affixes.keep' },
  { title: 'a boolean default that follows another param', manifest: { name: 'a', params: { a: { type: 'boolean', default: false }, b: { type: 'boolean', default: '{{not a}}' } } } },
  { title: 'the kinds a kind suffix keeps', manifest: { name: 'a', params: { name: { type: 'string', affixes: { suffix: 'service', ownKinds: ['frontend'] } } } } },
  { title: 'ownKinds not a list of words', manifest: { name: 'a', params: { x: { type: 'string', affixes: { suffix: 'service', ownKinds: 'frontend' } } } }, error: 'params.x.affixes.ownKinds' },
  { title: 'affixes not an object', manifest: { name: 'a', params: { x: { type: 'string', affixes: 'App' } } }, error: 'params.x.affixes' },
  { title: 'affixes with an unknown key', manifest: { name: 'a', params: { x: { type: 'string', affixes: { before: 'App' } } } }, error: 'params.x.affixes.before' },
  { title: 'affix not a string', manifest: { name: 'a', params: { x: { type: 'string', affixes: { prefix: 1 } } } }, error: 'params.x.affixes.prefix' },
  { title: 'affixes on a number', manifest: { name: 'a', params: { x: { type: 'number', affixes: { prefix: 'a' } } } }, error: 'params.x.affixes' },
  { title: 'affixes on a string[]', manifest: { name: 'a', params: { x: { type: 'string[]', affixes: { prefix: 'a' } } } }, error: 'params.x.affixes' },
  { title: 'a name read in PascalCase', manifest: { name: 'a', params: { name: { type: 'string', case: 'pascal' } } } },
  { title: 'case other than pascal', manifest: { name: 'a', params: { x: { type: 'string', case: 'camel' } } }, error: 'params.x.case' },
  { title: 'case on a number', manifest: { name: 'a', params: { x: { type: 'number', case: 'pascal' } } }, error: 'params.x.case' },
  { title: 'case on a string[]', manifest: { name: 'a', params: { x: { type: 'string[]', case: 'pascal' } } }, error: 'params.x.case' },
  { title: 'a name given in the singular', manifest: { name: 'a', params: { name: { type: 'string', number: 'singular' } } } },
  { title: 'number other than singular', manifest: { name: 'a', params: { x: { type: 'string', number: 'plural' } } }, error: 'params.x.number' },
  { title: 'number on a boolean', manifest: { name: 'a', params: { x: { type: 'boolean', number: 'singular' } } }, error: 'params.x.number' },
  { title: 'number on a string[]', manifest: { name: 'a', params: { x: { type: 'string[]', number: 'singular' } } }, error: 'params.x.number' },
  { title: 'a default that sees names in the number given', manifest: { name: 'a', params: { name: { type: 'string', number: 'singular' }, file: { type: 'string', default: '{{snakeCase name}}', numberAsGiven: true } } } },
  { title: 'numberAsGiven other than true', manifest: { name: 'a', params: { file: { type: 'string', numberAsGiven: 'yes' } } }, error: 'params.file.numberAsGiven' },
  { title: 'numberAsGiven without a default', manifest: { name: 'a', params: { file: { type: 'string', numberAsGiven: true } } }, error: 'params.file.numberAsGiven', beyondSchema: true },
  { title: 'numberAsGiven on a plain default', manifest: { name: 'a', params: { file: { type: 'string', default: 'products', numberAsGiven: true } } }, error: 'params.file.numberAsGiven', beyondSchema: true },
  { title: 'prettier options for the generated files', manifest: { name: 'a', format: { prettier: { singleQuote: true, printWidth: 100, trailingComma: 'all' } } } },
  { title: 'format not an object', manifest: { name: 'a', format: 'prettier' }, error: 'format' },
  { title: 'format without prettier', manifest: { name: 'a', format: {} }, error: 'format.prettier' },
  { title: 'format with an unknown key', manifest: { name: 'a', format: { prettier: {}, eslint: {} } }, error: 'format.eslint' },
  { title: 'a prettier option that is no plain value', manifest: { name: 'a', format: { prettier: { plugins: ['x'] } } }, error: 'format.prettier.plugins' },
  { title: 'plurals the template spells its own way', manifest: { name: 'a', plurals: { fornecedor: 'fornecedores', lector: 'lectores' } } },
  { title: 'plurals not an object', manifest: { name: 'a', plurals: ['fornecedores'] }, error: 'plurals' },
  { title: 'a plural that is no lower-case word', manifest: { name: 'a', plurals: { fornecedor: 'Fornecedores' } }, error: 'plurals.fornecedor' },
  { title: 'a singular that is no lower-case word', manifest: { name: 'a', plurals: { 'big-box': 'big-boxes' } }, error: 'plurals["big-box"]' },
  { title: 'examples of the params', manifest: { name: 'a', params: { method: { type: 'string', default: 'get' }, flag: { type: 'boolean', default: false } }, examples: [{ method: 'get', flag: true }, { method: 'post' }] } },
  { title: 'examples not an array', manifest: { name: 'a', examples: { method: 'get' } }, error: 'examples' },
  { title: 'an example that is no object', manifest: { name: 'a', examples: ['get'] }, error: 'examples[0]' },
  { title: 'an example of an undeclared param', manifest: { name: 'a', params: { method: { type: 'string' } }, examples: [{ verb: 'get' }] }, error: 'examples[0].verb', beyondSchema: true },
  { title: 'an example value that is an object', manifest: { name: 'a', params: { method: { type: 'string' } }, examples: [{ method: { verb: 'get' } }] }, error: 'examples[0].method' },
  { title: 'an example value of the wrong type', manifest: { name: 'a', params: { flag: { type: 'boolean' } }, examples: [{ flag: 'yes' }] }, error: 'examples[0].flag', beyondSchema: true },
  { title: 'source with the wrong kind', manifest: { name: 'a', source: { kind: 'copied', files: [] } }, error: 'source.kind' },
  { title: 'source without files', manifest: { name: 'a', source: { kind: 'mined' } }, error: 'source.files' },
  { title: 'source file with a bad sha256', manifest: { name: 'a', source: { kind: 'mined', files: [{ path: 'a', sha256: 'xyz' }] } }, error: 'source.files[0].sha256' },
  { title: 'source with an unknown key', manifest: { name: 'a', source: { kind: 'mined', files: [], when: 'now' } }, error: 'source.when' },
];

const errorOf = (run: () => unknown): WoptError => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WoptError);
    return error as WoptError;
  }
  throw new Error('expected a WoptError');
};

describe('template.json validator', () => {
  it.each(cases)('$title', ({ manifest, error }) => {
    const { issues } = checkManifest(manifest);
    if (error === undefined) expect(issues).toEqual([]);
    else {
      const thrown = errorOf(() => validateManifest(manifest, 'tpl/template.json'));
      expect(thrown.code).toBe('E_TEMPLATE_INVALID');
      expect(thrown.message).toContain('"tpl/template.json"');
      expect(thrown.message).toContain(`, ${error}:`);
    }
  });

  it('agrees with template.schema.json on every case (except the rules JSON Schema cannot express)', () => {
    const disagreements = cases.filter(({ manifest, error, beyondSchema }) => validates(schema, manifest) !== (error === undefined || beyondSchema === true));
    expect(disagreements.map(({ title }) => title)).toEqual([]);
    // The validator-only rules really are stricter than the schema.
    expect(cases.filter((c) => c.beyondSchema).every(({ manifest }) => validates(schema, manifest) && checkManifest(manifest).issues.length > 0)).toBe(true);
  });

  it('the schema is draft 2020-12, describes its fields, and uses only keywords the agreement check implements', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const unknown = [...keywordsOf(schema)].filter((keyword) => !IMPLEMENTED.has(keyword) && !ANNOTATIONS.has(keyword));
    expect(unknown).toEqual([]);
    const properties = schema.properties as Record<string, { description?: string }>;
    expect(Object.entries(properties).filter(([, value]) => typeof value.description !== 'string').map(([key]) => key)).toEqual([]);
  });

  it('says what is wrong, where, and how to fix it, with a "did you mean" for a misspelt key', () => {
    const error = errorOf(() => validateManifest({ name: 'a', params: { name: { type: 'string', reqired: true } } }, 'x/template.json'));
    expect(error.message).toBe(
      'Template "x/template.json", params.name.reqired: unknown key in a param. Did you mean "required"? Allowed keys: type, description, prompt, default, pattern, required, affixes, case, number, numberAsGiven.',
    );
    const type = errorOf(() => validateManifest({ name: 'a', params: { n: { type: 'strng' } } }, 't.json'));
    expect(type.message).toContain('params.n.type: must be one of "string", "number", "boolean", "string[]", got the string "strng". Did you mean "string"?');
    expect(errorOf(() => validateManifest({ name: 'My Card' }, 't.json')).message).toContain('(e.g. "my-card")');
  });

  it('reports further problems after the first', () => {
    const error = errorOf(() => validateManifest({ name: 'A', version: 'x' }, 't.json'));
    expect(error.message).toContain('name: "A" is not a valid template name (1 more: version "x" is not a version)');
  });

  it('names the line of a JSON syntax error', () => {
    const error = errorOf(() => parseManifest('{\n  "name": "a",\n}', 't.json'));
    expect(error.code).toBe('E_TEMPLATE_INVALID');
    expect(error.message).toMatch(/^Template "t\.json", \(top level\): is not valid JSON/);
  });

  it('returns a new, normalized manifest and leaves the input alone', () => {
    const input = { name: 'a', params: { tags: { type: 'string[]', default: ['x'] } } };
    const frozen = JSON.stringify(input);
    const manifest = validateManifest(input, 't.json');
    expect(manifest).toEqual(input);
    expect(manifest.params.tags?.default).not.toBe(input.params.tags.default);
    expect(JSON.stringify(input)).toBe(frozen);
    expect(validateManifest({ name: 'b' }, 't.json')).toEqual({ name: 'b', params: {} });
  });
});
