/**
 * A given value written after its own first word: a template that writes `bookstore-{{kebabCase
 * name}}` (every member of its family a `bookstore-…` image) given `BookstoreWebapp` writes
 * `bookstore-bookstore-webapp`. The value may be meant with that word (a template cannot know), so
 * this is a warning naming the text, the file and the value to give instead, never a change.
 */
import { camelCase, constantCase, kebabCase, pascalCase, snakeCase, words } from '../render/case.js';

interface Spelling {
  /** The value in this form, after its first word in the same form: `bookstore-bookstore-webapp`. */
  readonly doubled: string;
  /** Characters that would make the text before it part of the first word (`xbookstore-…`); none for PascalCase, whose capital starts a word. */
  readonly wordChar?: RegExp;
}

const LOWER_OR_DIGIT = /[\p{Ll}\p{N}]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const UPPER_OR_DIGIT = /[\p{Lu}\p{N}]/u;

function spellings(value: string): Spelling[] {
  const [first = '', second] = words(value);
  // A value of one word, or one that doubles its word itself (`Bookstore Bookstore`), says nothing.
  if (second === undefined || first.toLowerCase() === second.toLowerCase()) return [];
  return [
    { doubled: `${pascalCase(first)}${pascalCase(value)}` },
    { doubled: `${camelCase(first)}${pascalCase(value)}`, wordChar: LETTER_OR_DIGIT },
    { doubled: `${kebabCase(first)}-${kebabCase(value)}`, wordChar: LOWER_OR_DIGIT },
    { doubled: `${snakeCase(first)}_${snakeCase(value)}`, wordChar: LOWER_OR_DIGIT },
    { doubled: `${constantCase(first)}_${constantCase(value)}`, wordChar: UPPER_OR_DIGIT },
  ];
}

/** Where `text` holds `doubled` starting a word. */
function holds(text: string, { doubled, wordChar }: Spelling): boolean {
  for (let at = text.indexOf(doubled); at >= 0; at = text.indexOf(doubled, at + 1)) {
    if (at === 0 || wordChar === undefined || !wordChar.test(text[at - 1] ?? '')) return true;
  }
  return false;
}

/**
 * Warnings for the string values given (not defaults) that the rendered files write after their
 * own first word, one per value: the first doubled text, the files holding one, the value without
 * its first word (which the user may rather give, knowing it changes the value's other places too).
 *
 * @example doubledWordWarnings({ name: 'BookstoreWebapp' }, [{ path: 'ci.yml', content: 'image: bookstore-bookstore-webapp' }])
 * // ['ci.yml: "bookstore-bookstore-webapp" repeats the first word of name "BookstoreWebapp": …']
 */
export function doubledWordWarnings(given: Readonly<Record<string, unknown>>, files: ReadonlyArray<{ readonly path: string; readonly content: string }>): string[] {
  const warnings: string[] = [];
  for (const [param, value] of Object.entries(given)) {
    if (typeof value !== 'string') continue;
    const forms = spellings(value);
    if (forms.length === 0) continue;
    const found: Array<{ path: string; doubled: string }> = [];
    for (const file of files) {
      const form = forms.find((each) => holds(file.path, each) || holds(file.content, each));
      if (form !== undefined) found.push({ path: file.path, doubled: form.doubled });
    }
    const [head, ...rest] = found;
    if (head === undefined) continue;
    const others = rest.length === 0 ? '' : ` (and ${rest.length} more file${rest.length === 1 ? '' : 's'})`;
    const without = words(value).slice(1).join(' ');
    warnings.push(
      `${head.path}${others}: ${JSON.stringify(head.doubled)} repeats the first word of ${param} ${JSON.stringify(value)}: the template writes that word before the value. Check those lines; a value without the word (${JSON.stringify(pascalCase(without))}) writes it once there, and changes every other place the value is written.`,
    );
  }
  return warnings;
}
