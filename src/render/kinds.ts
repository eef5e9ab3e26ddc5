/**
 * Kinds of deployable a system's parts are named by (`cart-service`, `api-gateway`, `web-frontend`),
 * and the `kindSuffix` helper that writes a kind's word after a name only where the name says no
 * kind of its own: beside `cart-service` and `order-service`, an `ApiGateway` is `api-gateway` and a
 * `Frontend` is `frontend`, not `api-gateway-service` or `frontend-service`; and `withoutKind`,
 * the name of a part given with the kind's word (`FrontendService`) where the template writes the
 * part's own name (`frontend`).
 */
import { keepAcronyms, words } from './case.js';
import { singularize } from './inflect.js';

/** The words that name a kind of deployable: a name ending with one is of that kind. */
export const COMPONENT_KINDS: ReadonlySet<string> = new Set([
  'service',
  'svc',
  'gateway',
  'proxy',
  'frontend',
  'backend',
  'bff',
  'worker',
  'server',
  'api',
  'app',
  'ui',
  'web',
  'daemon',
  'scheduler',
  'registry',
  'broker',
]);

/**
 * The kind of deployable a name says by its last word, in lower case, or undefined.
 * @example componentKindOf('ApiGateway') // 'gateway'
 * @example componentKindOf('Cart') // undefined
 */
export function componentKindOf(name: string): string | undefined {
  const last = words(name).at(-1)?.toLowerCase();
  if (last === undefined) return undefined;
  const kind = COMPONENT_KINDS.has(last) ? last : singularize(last);
  return COMPONENT_KINDS.has(kind) ? kind : undefined;
}

/**
 * `{{kindSuffix name "-service" "frontend"}}`: `text` (a kind's word as a template writes it after
 * the name), or nothing when the name says a kind of its own, but for the kinds listed after `text`
 * (those the members' own names say, whose `frontend-service` keeps the word).
 *
 * @example kindSuffix('Cart', '-service', []) // '-service'
 * @example kindSuffix('ApiGateway', '-service', []) // ''
 * @example kindSuffix('Frontend', '-service', ['frontend']) // '-service'
 */
export function kindSuffix(name: string, text: string, ownKinds: readonly string[]): string {
  const kind = componentKindOf(name);
  return kind !== undefined && !ownKinds.includes(kind) ? '' : text;
}

/**
 * `{{kebabCase (withoutKind name "service")}}`: the name without the kind's words it ends with,
 * where it has more words than them; as it is otherwise.
 *
 * @example withoutKind('FrontendService', 'service') // 'Frontend'
 * @example withoutKind('Cart', 'service') // 'Cart'
 * @example withoutKind('Service', 'service') // 'Service'
 */
export function withoutKind(name: string, kind: string): string {
  const given = words(name);
  const ending = words(kind).map((word) => word.toLowerCase());
  const at = given.length - ending.length;
  if (ending.length === 0 || at < 1 || !ending.every((word, i) => given[at + i]?.toLowerCase() === word)) return name;
  return keepAcronyms(given.slice(0, at).join(' '), name);
}
