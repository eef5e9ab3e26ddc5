/** What the template's params and the report read off a mined param: its typed values, where it has a place, what its default is written from. */
import { mentionsName, valueParamsIn, type Piece } from './emit.js';
import type { Built, MinedParam } from './ir.js';
import type { ParamValue } from './types.js';

/** A param's default, typed as template.json holds it. */
export function typedDefault(param: MinedParam): ParamValue {
  if (param.kind === 'flag') return param.default;
  if (param.kind === 'items') return [...param.default];
  return typed(param.type, param.default);
}

/** A value written in the template, typed. */
export const typed = (type: 'string' | 'number' | 'boolean', value: string): ParamValue =>
  type === 'number' ? Number(value) : type === 'boolean' ? value === 'true' : value;

/**
 * What a default is written from, as the report says it: the name, the params it goes with, or
 * both. The name's plural (see plural-param.ts) is the name.
 */
export function writtenFrom(pieces: readonly Piece[], params: readonly MinedParam[]): string {
  const plurals = new Set(params.flatMap((param) => (param.kind === 'value' && param.plural === true ? [param.name] : [])));
  const written = valueParamsIn(pieces);
  const others = written.filter((name) => !plurals.has(name));
  const name = mentionsName(pieces) || others.length < written.length;
  return name ? (others.length > 0 ? 'the name and the params it goes with' : 'the name') : 'the params it goes with';
}

/** The defaults written from the name or other params, by param. */
export const valueTemplates = (built: Built): Map<string, readonly Piece[]> =>
  new Map(built.params.flatMap((param) => (param.kind === 'value' && param.template !== undefined ? [[param.name, param.template] as const] : [])));

/** Whether member `m` has a place for `param`: a value param's place may be in some members only. */
export const hasPlace = (param: MinedParam, m: number): boolean => param.kind !== 'value' || param.values[m] !== undefined;
