/**
 * Params from outside: a `.json` file (one object, or an array of objects), a `.jsonl` file (one
 * object per line, read lazily so a list of any length streams), and `key=value` strings typed by
 * the manifest.
 */
import { WoptError } from '../errors.js';
import type { FsPort } from '../fs/port.js';
import type { ParamSpec } from '../library/template.js';
import type { ItemLabel } from './params.js';

export interface ParamsSource {
  /** The items, read on demand. */
  readonly items: AsyncIterable<unknown>;
  /** Names an item by its place in the file (`params.jsonl line 4`, `params.json [2]`). */
  readonly label: ItemLabel;
}

const quote = (value: string): string => JSON.stringify(value);

const bad = (file: string, where: string, why: string, cause?: unknown): WoptError =>
  new WoptError('E_INVALID_INPUT', `Params file ${quote(file)}${where}: ${why}. Give JSON objects of params, e.g. {"name": "user card"}.`, { path: file, cause });

async function* lines(fs: FsPort, path: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let rest = '';
  for await (const chunk of fs.readStream(path)) {
    rest += decoder.decode(chunk, { stream: true });
    let newline = rest.indexOf('\n');
    while (newline !== -1) {
      yield rest.slice(0, newline);
      rest = rest.slice(newline + 1);
      newline = rest.indexOf('\n');
    }
  }
  rest += decoder.decode();
  if (rest !== '') yield rest;
}

/**
 * Reads params from a file: `.jsonl` / `.ndjson` line by line (blank lines skipped), anything else
 * as one JSON document.
 *
 * @example const { items, label } = paramsFromFile(fs, '/abs/params.jsonl', 'params.jsonl');
 * @throws WoptError E_INVALID_INPUT (when the items are read) naming the file and line.
 */
export function paramsFromFile(fs: FsPort, path: string, shown: string = path): ParamsSource {
  if (/\.(jsonl|ndjson)$/i.test(path)) {
    const lineOf: number[] = [];
    async function* items(): AsyncGenerator<unknown> {
      let number = 0;
      for await (const line of lines(fs, path)) {
        number += 1;
        const text = line.replace(/\r$/, '').replace(/^\uFEFF/, '');
        if (text.trim() === '') continue;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (error) {
          throw bad(shown, ` line ${number}`, `not valid JSON (${(error as Error).message})`, error);
        }
        lineOf.push(number);
        yield value;
      }
    }
    return {
      items: items(),
      label: (index) => `${shown} line ${lineOf[index] ?? '?'}`,
    };
  }
  async function* items(): AsyncGenerator<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of fs.readStream(path)) chunks.push(Buffer.from(chunk));
    let value: unknown;
    try {
      value = JSON.parse(
        Buffer.concat(chunks)
          .toString('utf8')
          .replace(/^\uFEFF/, ''),
      );
    } catch (error) {
      throw bad(shown, '', `not valid JSON (${(error as Error).message})`, error);
    }
    if (Array.isArray(value)) yield* value;
    else yield value;
  }
  return { items: items(), label: (index) => `${shown} [${index}]` };
}

const TRUE = ['true', 'yes', 'y', '1', 'on'];
const FALSE = ['false', 'no', 'n', '0', 'off'];

/**
 * Types a string value (from `--set key=value` or a prompt) by the param's declared type:
 * numbers parsed strictly, booleans from true/false/yes/no/1/0, `string[]` split on commas.
 *
 * @example coerceParam('count', { type: 'number' }, '3') // 3
 * @throws WoptError E_TEMPLATE_PARAM naming the param and what it takes.
 */
export function coerceParam(name: string, spec: ParamSpec | undefined, raw: string): unknown {
  switch (spec?.type) {
    case 'number': {
      const value = raw.trim() === '' ? Number.NaN : Number(raw);
      if (!Number.isFinite(value)) throw new WoptError('E_TEMPLATE_PARAM', `The param ${quote(name)} is a number; ${quote(raw)} is not one.`);
      return value;
    }
    case 'boolean': {
      const word = raw.trim().toLowerCase();
      if (TRUE.includes(word)) return true;
      if (FALSE.includes(word)) return false;
      throw new WoptError('E_TEMPLATE_PARAM', `The param ${quote(name)} is true or false; got ${quote(raw)}.`);
    }
    case 'string[]':
      return raw === '' ? [] : raw.split(',').map((item) => item.trim());
    default:
      return raw;
  }
}
