/**
 * A string param's affixes (ParamSpec.affixes): words a value may carry around what it names, as
 * the files of a family are named (`AppFooter.vue` names a `Footer`).
 */
import { keepAcronyms, words } from '../render/case.js';
import type { ParamAffixes } from './template.js';

const lowerWords = (text: string | undefined): string[] => words(text ?? '').map((word) => word.toLowerCase());

/**
 * The value without its affixes, when it starts (ends) with them as whole words in any case and
 * holds more words than them; otherwise the value as given.
 *
 * @example stripAffixes('AppSidebar', { prefix: 'App' }) // 'Sidebar'
 * @example stripAffixes('use-auth-store', { prefix: 'use', suffix: 'Store' }) // 'Auth'
 * @example stripAffixes('App', { prefix: 'App' }) // 'App'
 */
export function stripAffixes(value: string, affixes: ParamAffixes | undefined): string {
  if (affixes === undefined) return value;
  const given = words(value);
  const prefix = lowerWords(affixes.prefix);
  const suffix = lowerWords(affixes.suffix);
  const startsWith = (at: number, expected: readonly string[]) => expected.every((word, i) => given[at + i]?.toLowerCase() === word);
  let start = 0;
  let end = given.length;
  if (prefix.length > 0 && end - start > prefix.length && startsWith(0, prefix)) start = prefix.length;
  if (suffix.length > 0 && end - start > suffix.length && startsWith(end - suffix.length, suffix)) end -= suffix.length;
  if (start === 0 && end === given.length) return value;
  return keepAcronyms(given.slice(start, end).join(' '), value);
}
