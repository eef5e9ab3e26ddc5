/**
 * A string param's affixes (ParamSpec.affixes): words around what a value names, as the files of a
 * family are named. Either the words are not part of the name (`AppFooter.vue` names a `Footer`:
 * a given `AppSidebar` is read as `Sidebar`), or, with `keep`, they are part of every name
 * (`BellIcon.tsx`, `BookIcon.tsx`: a given `Avatar` is read as `AvatarIcon`).
 */
import { keepAcronyms, words } from '../render/case.js';
import { pluralize, singularize, type PluralTable } from '../render/inflect.js';
import { COMPONENT_KINDS, componentKindOf } from '../render/kinds.js';
import type { ParamAffixes, ParamSpec } from './template.js';

const lowerWords = (text: string | undefined): string[] => words(text ?? '').map((word) => word.toLowerCase());

/**
 * The value as the members' names are written: without the affixes, when it starts (ends) with
 * them as whole words in any case and holds more words than them, or with their first (last) words
 * where it ends (starts); with `keep`, with the affixes, added where it lacks them (their words it
 * does not end or start with), but for a suffix naming a kind of deployable where the value ends
 * with another (see COMPONENT_KINDS). With `ownKinds`, a suffix stays on a value whose other words
 * say a kind not listed there. Otherwise the value as given.
 *
 * @example applyAffixes('AppSidebar', { prefix: 'App' }) // 'Sidebar'
 * @example applyAffixes('use-auth-store', { prefix: 'use', suffix: 'Store' }) // 'Auth'
 * @example applyAffixes('App', { prefix: 'App' }) // 'App'
 * @example applyAffixes('Avatar', { suffix: 'Icon', keep: true }) // 'AvatarIcon'
 * @example applyAffixes('ApiGateway', { suffix: 'Service', keep: true }) // 'ApiGateway'
 * @example applyAffixes('OrderService', { suffix: 'service postgres' }) // 'Order'
 * @example applyAffixes('FrontendService', { suffix: 'service', ownKinds: [] }) // 'FrontendService'
 */
export function applyAffixes(value: string, affixes: ParamAffixes | undefined): string {
  if (affixes === undefined) return value;
  const given = words(value);
  const prefix = lowerWords(affixes.prefix);
  const suffix = lowerWords(affixes.suffix);
  const startsWith = (at: number, expected: readonly string[]) => expected.every((word, i) => given[at + i]?.toLowerCase() === word);
  // How many of the affix's words the value already writes: all of them, or the first (last) ones
  // where the value ends (starts): `OrderService` given where labels end with `service-postgres`
  // writes `service` (the entity is a service), and is an `Order`, not an `OrderService`.
  // A word at least is left of the value: `from` words before them are not the affix's.
  const suffixWritten = (from = 0): number => {
    for (let k = Math.min(suffix.length, given.length - from - 1); k >= 1; k--) if (startsWith(given.length - k, suffix.slice(0, k))) return k;
    return 0;
  };
  const prefixWritten = (): number => {
    for (let k = Math.min(prefix.length, given.length - 1); k >= 1; k--) if (startsWith(0, prefix.slice(prefix.length - k))) return k;
    return 0;
  };
  if (affixes.keep === true) {
    if (given.length === 0) return value;
    const head = words(affixes.prefix ?? '').slice(0, prefix.length - prefixWritten());
    // Beside `cart-service` and `order-service`, an `ApiGateway` is a gateway: the system's parts
    // of another kind keep their own names (`api-gateway`, not `api-gateway-service`).
    const otherKind = COMPONENT_KINDS.has(suffix.at(-1) ?? '') && COMPONENT_KINDS.has(given.at(-1)?.toLowerCase() ?? '');
    const tail = otherKind ? [] : words(affixes.suffix ?? '').slice(suffixWritten());
    if (head.length === 0 && tail.length === 0) return value;
    return keepAcronyms([...head, ...given, ...tail].join(' '), value);
  }
  const start = prefixWritten();
  let end = given.length - suffixWritten(start);
  // Where the template writes the suffix with kindSuffix (ownKinds), a value whose words before it
  // say another kind is named with it (`FrontendService` is a service, no `Frontend`, which the
  // template writes without the suffix).
  if (affixes.ownKinds !== undefined) {
    const otherKind = componentKindOf(given.slice(start, end).join(' '));
    if (otherKind !== undefined && !affixes.ownKinds.includes(otherKind)) end = given.length;
  }
  if (start === 0 && end === given.length) return value;
  return keepAcronyms(given.slice(start, end).join(' '), value);
}

/**
 * A given string as the template's values are written: in PascalCase with its acronyms kept for a
 * `"case": "pascal"` param, without (or with) its affixes, then, for a param that names one thing
 * (`"number": "singular"`), in the singular when given as a plural.
 *
 * @example readGiven('Users', { type: 'string', number: 'singular' }) // 'User'
 * @example readGiven('Status', { type: 'string', number: 'singular' }) // 'Status'
 * @example readGiven('get-order-by-ID', { type: 'string', case: 'pascal' }) // 'GetOrderByID'
 */
export function readGiven(value: string, spec: Pick<ParamSpec, 'affixes' | 'number' | 'case'>, plurals?: PluralTable): string {
  const named = applyAffixes(spec.case === 'pascal' ? keepAcronyms(value) : value, spec.affixes);
  if (spec.number !== 'singular') return named;
  const singular = singularize(named, plurals);
  return singular !== named && pluralize(named, plurals) === named ? singular : named;
}
