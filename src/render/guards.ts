/**
 * Where a template reads a param, and under which conditions each place renders: the places inside
 * `{{#if hasEncoding}}` render only where `hasEncoding` is truthy, those in its `{{else}}` only
 * where it is not. Only conditions on a param's own value are kept: a place under any other
 * condition (`{{#if (or hasEncoding hasTime)}}`, `{{#if (eq method "get")}}`) keeps those around
 * it and inside; under a block that changes the context (`{{#each items}}`, `{{#with}}`, a custom
 * helper's), whose conditions read the items and not the params, only those outside. A template
 * that calls partials (which read what they like) has every param it reads in a place of no
 * condition too.
 */
import { parseTemplate } from './renderer.js';

/** A condition a place renders under: `param`'s value truthy (`{{#if param}}`) or not (its `{{else}}`, `{{#unless param}}`). */
export interface Guard {
  readonly param: string;
  readonly truthy: boolean;
}

/** A place reading a param: the conditions on params' own values it needs to render (it may need others too). */
export type Place = readonly Guard[];

type Node = { readonly type?: unknown; readonly [key: string]: unknown };

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The param a path starts from (`user` of `user.id`; none for `@index`, `../x` or `this`), else undefined. */
function headParam(node: unknown): string | undefined {
  if (!isNode(node) || node.type !== 'PathExpression' || node.data === true || node.depth !== 0) return undefined;
  return (node.parts as readonly string[] | undefined)?.[0];
}

/** A plain param's name (`hasEncoding`; not `a.b` or `this.a`), else undefined. */
function paramPath(node: unknown): string | undefined {
  const head = headParam(node);
  return head !== undefined && isNode(node) && node.original === head ? head : undefined;
}

/** Whether a mustache calls a helper (`{{pascalCase name}}`) rather than reads a value (`{{name}}`). */
const calls = (node: Node): boolean => ((node.params as readonly unknown[] | undefined)?.length ?? 0) > 0 || isNode(node.hash);

/** The params `node` (a value's path, a call's arguments and their subexpressions) reads, added to `into`. */
function readsInto(node: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(node)) {
    for (const child of node) readsInto(child, into);
  } else if (isNode(node)) {
    const head = headParam(node);
    if (head !== undefined) into.add(head);
    else if (node.type === 'SubExpression') readsInto([node.params, node.hash], into);
    else if (node.type === 'Hash') readsInto(node.pairs, into);
    else if (node.type === 'HashPair') readsInto(node.value, into);
  }
  return into;
}

/**
 * For each param `source` reads (in a mustache, a block's condition or a helper's argument), the
 * places reading it (see the module comment).
 *
 * @example placesOf('{{#if a}}{{b}}{{else}}{{b}}{{/if}}').get('b') // [[{ param: 'a', truthy: true }], [{ param: 'a', truthy: false }]]
 * @example placesOf('{{#if a}}{{#each items}}{{#if b}}{{c}}{{/if}}{{/each}}{{/if}}').get('c') // [[{ param: 'a', truthy: true }]]
 * @throws Handlebars' own error where the source does not parse.
 */
export function placesOf(source: string): ReadonlyMap<string, Place[]> {
  const places = new Map<string, Place[]>();
  const place = (node: unknown, at: Place): void => {
    for (const param of readsInto(node, new Set())) places.set(param, [...(places.get(param) ?? []), at]);
  };
  let partials = false;
  // `inContext`: inside a block that changed the context, where conditions read items, not params.
  const visit = (node: unknown, at: Place, inContext: boolean): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child, at, inContext);
      return;
    }
    if (!isNode(node)) return;
    switch (node.type) {
      case 'Program':
        visit(node.body, at, inContext);
        return;
      case 'MustacheStatement':
        place(calls(node) ? [node.params, node.hash] : node.path, at);
        return;
      case 'BlockStatement': {
        place([node.params, node.hash], at);
        const helper = paramPath(node.path);
        const params = (node.params as readonly unknown[] | undefined) ?? [];
        const conditional = helper === 'if' || helper === 'unless';
        const condition = conditional && params.length === 1 && !inContext ? paramPath(params[0]) : undefined;
        const under = (truthy: boolean): Place => (condition === undefined ? at : [...at, { param: condition, truthy: helper === 'if' ? truthy : !truthy }]);
        visit(node.program, under(true), inContext || !conditional);
        visit(node.inverse, under(false), inContext || !conditional);
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
  visit(parseTemplate(source), [], false);
  if (partials) for (const list of places.values()) list.push([]);
  return places;
}
