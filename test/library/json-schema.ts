/**
 * A tiny JSON Schema (2020-12) evaluator for the keywords template.schema.json uses, so the test can
 * check the schema and the hand-written validator agree without a schema dependency. It refuses a
 * schema that uses any keyword it does not implement, so the check cannot pass by ignoring one.
 */
type Schema = boolean | { readonly [keyword: string]: unknown };

export const IMPLEMENTED = new Set([
  'type', 'enum', 'const', 'pattern', 'required', 'properties', 'additionalProperties', 'propertyNames',
  'items', 'allOf', 'if', 'then', 'not', '$ref', '$defs',
]);
/** Keywords that only annotate (or, like `format`, only assert when a validator opts in). */
export const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'examples', 'default', 'format']);

/** Every keyword used anywhere in the schema (in schema positions). */
export function keywordsOf(schema: Schema, found = new Set<string>()): Set<string> {
  if (typeof schema === 'boolean') return found;
  for (const [keyword, value] of Object.entries(schema)) {
    found.add(keyword);
    if (['properties', '$defs'].includes(keyword)) for (const sub of Object.values(value as Record<string, Schema>)) keywordsOf(sub, found);
    else if (['additionalProperties', 'propertyNames', 'items', 'if', 'then', 'not'].includes(keyword)) keywordsOf(value as Schema, found);
    else if (keyword === 'allOf') for (const sub of value as Schema[]) keywordsOf(sub, found);
  }
  return found;
}

const typeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value;

const deepEqual = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export function validates(root: Schema, value: unknown): boolean {
  const resolveRef = (ref: string): Schema => {
    const match = /^#\/\$defs\/(.+)$/.exec(ref);
    if (match === null || typeof root === 'boolean') throw new Error(`unsupported $ref ${ref}`);
    return (root.$defs as Record<string, Schema>)[match[1] as string] as Schema;
  };
  const check = (schema: Schema, instance: unknown): boolean => {
    if (typeof schema === 'boolean') return schema;
    for (const keyword of Object.keys(schema)) {
      if (!IMPLEMENTED.has(keyword) && !ANNOTATIONS.has(keyword)) throw new Error(`keyword ${keyword} is not implemented`);
    }
    if (schema.$ref !== undefined && !check(resolveRef(schema.$ref as string), instance)) return false;
    if (schema.type !== undefined) {
      const actual = typeOf(instance);
      const wanted = schema.type as string;
      if (!(actual === wanted || (wanted === 'number' && actual === 'integer'))) return false;
    }
    if (schema.enum !== undefined && !(schema.enum as unknown[]).some((item) => deepEqual(item, instance))) return false;
    if (schema.const !== undefined && !deepEqual(schema.const, instance)) return false;
    if (schema.pattern !== undefined && typeof instance === 'string' && !new RegExp(schema.pattern as string, 'u').test(instance)) return false;
    if (schema.not !== undefined && check(schema.not as Schema, instance)) return false;
    if (schema.allOf !== undefined && !(schema.allOf as Schema[]).every((sub) => check(sub, instance))) return false;
    if (schema.if !== undefined) {
      const branch = check(schema.if as Schema, instance) ? schema.then : undefined;
      if (branch !== undefined && !check(branch as Schema, instance)) return false;
    }
    if (Array.isArray(instance) && schema.items !== undefined && !instance.every((item) => check(schema.items as Schema, item))) return false;
    if (typeOf(instance) === 'object') {
      const object = instance as Record<string, unknown>;
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      if (schema.required !== undefined && !(schema.required as string[]).every((key) => Object.hasOwn(object, key))) return false;
      for (const [key, item] of Object.entries(object)) {
        if (schema.propertyNames !== undefined && !check(schema.propertyNames as Schema, key)) return false;
        if (Object.hasOwn(properties, key)) {
          if (!check(properties[key] as Schema, item)) return false;
        } else if (schema.additionalProperties !== undefined && !check(schema.additionalProperties as Schema, item)) return false;
      }
    }
    return true;
  };
  return check(root, value);
}
