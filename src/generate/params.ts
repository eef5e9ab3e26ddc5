/**
 * Params of one item, checked against the template's manifest with an error that names the item.
 */
import { WoptError, isWoptError } from '../errors.js';
import { resolveParams } from '../library/render.js';
import type { TemplateManifest } from '../library/template.js';
import type { Renderer } from '../render/index.js';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `item 3` by default; the CLI passes `params.jsonl line 4`. */
export type ItemLabel = (index: number) => string;
export const defaultItemLabel: ItemLabel = (index) => `item ${index}`;

/**
 * The given params of an item (a new object, `undefined` values dropped), checked to be an object.
 * @throws WoptError E_TEMPLATE_PARAM naming the item.
 */
export function givenParams(item: unknown, index: number, label: ItemLabel, template: string): Record<string, unknown> {
  if (!isObject(item)) {
    throw new WoptError(
      'E_TEMPLATE_PARAM',
      `${label(index)}: the params for template ${JSON.stringify(template)} must be an object (e.g. {"name": "user card"}), got ${item === null ? 'null' : Array.isArray(item) ? 'an array' : typeof item}.`,
    );
  }
  const given: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) if (value !== undefined) given[key] = value;
  return given;
}

/**
 * Resolves an item's params against the manifest (types, patterns, required, defaults including
 * templated ones); an error is rethrown with the item named first.
 * @throws WoptError E_TEMPLATE_PARAM `item 3: Template "x": the param "name" is required. …`
 */
export async function resolveItemParams(
  renderer: Renderer,
  manifest: TemplateManifest,
  given: Record<string, unknown>,
  index: number,
  label: ItemLabel,
): Promise<Record<string, unknown>> {
  try {
    return await resolveParams(renderer, manifest, given);
  } catch (error) {
    throw withItem(error, index, label);
  }
}

/** The same error with the item named in front (the code, path and cause are kept). */
export function withItem(error: unknown, index: number, label: ItemLabel): unknown {
  if (!isWoptError(error)) return error;
  const named = new WoptError(error.code, `${label(index)}: ${error.message}`, {
    cause: error,
    path: error.path,
    paths: error.paths,
    errno: error.errno,
  });
  named.rolledBack = error.rolledBack;
  return named;
}
