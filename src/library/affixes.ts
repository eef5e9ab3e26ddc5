/**
 * A string param's affixes (ParamSpec.affixes): words around what a value names, as the files of a
 * family are named. Either the words are not part of the name (`AppFooter.vue` names a `Footer`:
 * a given `AppSidebar` is read as `Sidebar`), or, with `keep`, they are part of every name
 * (`BellIcon.tsx`, `BookIcon.tsx`: a given `Avatar` is read as `AvatarIcon`).
 */
import { keepAcronyms, words } from '../render/case.js';
import type { ParamAffixes } from './template.js';

const lowerWords = (text: string | undefined): string[] => words(text ?? '').map((word) => word.toLowerCase());

/**
 * The value as the members' names are written: without the affixes, when it starts (ends) with
 * them as whole words in any case and holds more words than them; with `keep`, with the affixes,
 * added where it lacks them. Otherwise the value as given.
 *
 * @example applyAffixes('AppSidebar', { prefix: 'App' }) // 'Sidebar'
 * @example applyAffixes('use-auth-store', { prefix: 'use', suffix: 'Store' }) // 'Auth'
 * @example applyAffixes('App', { prefix: 'App' }) // 'App'
 * @example applyAffixes('Avatar', { suffix: 'Icon', keep: true }) // 'AvatarIcon'
 */
export function applyAffixes(value: string, affixes: ParamAffixes | undefined): string {
  if (affixes === undefined) return value;
  const given = words(value);
  const prefix = lowerWords(affixes.prefix);
  const suffix = lowerWords(affixes.suffix);
  const startsWith = (at: number, expected: readonly string[]) => expected.every((word, i) => given[at + i]?.toLowerCase() === word);
  if (affixes.keep === true) {
    if (given.length === 0) return value;
    const head = prefix.length > 0 && !startsWith(0, prefix) ? words(affixes.prefix ?? '') : [];
    const tail = suffix.length > 0 && !(given.length >= suffix.length && startsWith(given.length - suffix.length, suffix)) ? words(affixes.suffix ?? '') : [];
    if (head.length === 0 && tail.length === 0) return value;
    return keepAcronyms([...head, ...given, ...tail].join(' '), value);
  }
  let start = 0;
  let end = given.length;
  if (prefix.length > 0 && end - start > prefix.length && startsWith(0, prefix)) start = prefix.length;
  if (suffix.length > 0 && end - start > suffix.length && startsWith(end - suffix.length, suffix)) end -= suffix.length;
  if (start === 0 && end === given.length) return value;
  return keepAcronyms(given.slice(start, end).join(' '), value);
}
