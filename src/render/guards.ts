/**
 * Where a template reads a param, and under which conditions each place renders: the places inside
 * `{{#if hasEncoding}}` render only where `hasEncoding` is truthy, those in its `{{else}}` only
 * where it is not. Only conditions on a param's own value are known; a place under any other block
 * (`{{#if (eq method "get")}}`, `{{#each items}}`, whose context changes, a custom helper's) or in a
 * template that calls partials (which read what they like) may render whatever the values, and is
 * reported so.
 */
import { parseTemplate } from './renderer.js';

/** A condition a place renders under: `param`'s value truthy (`{{#if param}}`) or not (its `{{else}}`, `{{#unless param}}`). */
export interface Guard {
  readonly param: string;
  readonly truthy: boolean;
}

/** The conditions a place renders under, all of them known; `undefined` where some is not. */
export type Guards = readonly Guard[] | undefined;

type Node = { readonly type?: unknown; readonly [key: string]: unknown };

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A plain param's name (`hasEncoding`; not `this`, `@index`, `../x` or `a.b`), else undefined. */
function paramPath(node: unknown): string | undefined {
  if (!isNode(node) || node.type !== 'PathExpression' || node.data === true || node.depth !== 0) return undefined;
  const parts = node.parts as readonly string[] | undefined;
  return parts?.length === 1 && node.original === parts[0] ? parts[0] : undefined;
}

/** Whether a mustache calls a helper (`{{pascalCase name}}`) rather than reads a value (`{{name}}`). */
const calls = (node: Node): boolean => ((node.params as readonly unknown[] | undefined)?.length ?? 0) > 0 || isNode(node.hash);

/** The params `node` (a value's path, a call's arguments and their subexpressions) reads, added to `into`. */
function readsInto(node: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(node)) {
    for (const child of node) readsInto(child, into);
  } else if (isNode(node)) {
    if (node.type === 'PathExpression') {
      const head = (node.parts as readonly string[] | undefined)?.[0];
      if (node.data !== true && node.depth === 0 && head !== undefined) into.add(head);
    } else if (node.type === 'SubExpression') readsInto([node.params, node.hash], into);
    else if (node.type === 'Hash') readsInto(node.pairs, into);
    else if (node.type === 'HashPair') readsInto(node.value, into);
  }
  return into;
}

/**
 * For each param `source` reads (in a mustache, a block's condition or a helper's argument), the
 * conditions each place reading it renders under; a place that renders whatever the values gives
 * `[]`. A template calling partials adds an unknown place to every param: a partial reads what it likes.
 *
 * @example placesOf('{{#if a}}{{b}}{{else}}{{b}}{{/if}}').get('b') // [[{ param: 'a', truthy: true }], [{ param: 'a', truthy: false }]]
 * @example placesOf('{{#each items}}{{b}}{{/each}}').get('b') // [undefined]
 * @throws Handlebars' own error where the source does not parse.
 */
export function placesOf(source: string): ReadonlyMap<string, Guards[]> {
  const places = new Map<string, Guards[]>();
  const place = (node: unknown, guards: Guards): void => {
    for (const param of readsInto(node, new Set())) places.set(param, [...(places.get(param) ?? []), guards]);
  };
  let partials = false;
  const visit = (node: unknown, guards: Guards): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child, guards);
      return;
    }
    if (!isNode(node)) return;
    switch (node.type) {
      case 'Program':
        visit(node.body, guards);
        return;
      case 'MustacheStatement':
        place(calls(node) ? [node.params, node.hash] : node.path, guards);
        return;
      case 'BlockStatement': {
        place([node.params, node.hash], guards);
        const helper = paramPath(node.path);
        const params = (node.params as readonly unknown[] | undefined) ?? [];
        const condition = params.length === 1 && (helper === 'if' || helper === 'unless') ? paramPath(params[0]) : undefined;
        const under = (truthy: boolean): Guards =>
          guards === undefined || condition === undefined ? undefined : [...guards, { param: condition, truthy: helper === 'if' ? truthy : !truthy }];
        visit(node.program, under(true));
        visit(node.inverse, under(false));
        return;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement':
        partials = true;
        return;
      default:
        return;
    }
  };
  visit(parseTemplate(source), []);
  if (partials) for (const list of places.values()) list.push(undefined);
  return places;
}
