/**
 * Which case form of the name to write where members leave it open: one-word members spell `cart`
 * the same in camelCase, kebab-case, snake_case and lower-case words, so the form comes from the
 * context of the occurrence (the characters around it, the language, the region) and from the rest
 * of the file.
 */
import { CASE_HELPERS, findOccurrences, formKey, nameVariants, spell, type CaseHelper, type NameForm } from './variants.js';

/**
 * Replaces every case variant of `from` in `text` by the same form of `to`: what a user does by hand
 * with sed when copying a member (the rename-copy baseline).
 */
export function renameText(text: string, from: string, to: string, prose = false): string {
  const snakeFiles = !prose && usesSnakeFileNames(text);
  const occurrences = findOccurrences(text, nameVariants(from));
  let out = '';
  let at = 0;
  for (const occurrence of occurrences) {
    out += text.slice(at, occurrence.start);
    out += spell(to, chooseForm(occurrence.forms, occurrence.before, occurrence.after, prose, snakeFiles));
    at = occurrence.end;
  }
  return out + text.slice(at);
}

/** Languages whose file names are snake_case by convention (Go, Python and its reStructuredText docs, Ruby, Rust, Elixir, C, Dart). */
export const usesSnakeFileNames = (path: string): boolean => /\.(?:go|py|pyi|rst|rb|rs|ex|exs|c|h|dart)$/.test(path.replace(/\.hbs$/, ''));

/** Languages whose folders are packages, named in lower-case words run together (Java, Kotlin, Scala, Groovy). */
export const usesPackageFolders = (path: string): boolean => /\.(?:java|kt|kts|scala|groovy)$/.test(path.replace(/\.hbs$/, ''));

/** What is around an occurrence of the name, beyond the characters right before and after it. */
export interface FormContext {
  /** In the path of a file whose folders are packages (see usesPackageFolders). */
  readonly packageFolders?: boolean | undefined;
  /** In the code of a language whose folders are packages. */
  readonly packageCode?: boolean | undefined;
  /** In the code of Python, Ruby, Rust, Elixir or SQL (snake_case identifiers). */
  readonly snakeCode?: boolean | undefined;
  /** In a style sheet's code (kebab-case selectors). */
  readonly kebabCode?: boolean | undefined;
  /** The character after `after`. */
  readonly next?: string | undefined;
  /** Up to 16 characters before the occurrence. */
  readonly lead?: string | undefined;
  /** The form the file's other strings holding the name show. */
  readonly stringForm?: CaseHelper | undefined;
  readonly comment?: boolean | undefined;
  /** The form (formKey) a rule gave the same spelling elsewhere in the file. */
  readonly settled?: string | undefined;
}

/** Words a title in Title Case keeps in lower case. */
const TITLE_SMALL_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'nor', 'but', 'of', 'to', 'for', 'in', 'on', 'at', 'by', 'from', 'with', 'as', 'into', 'per', 'via', 'vs']);

/** Whether `lead` ends with a word in lower case (not a small word a title keeps so) and a space. */
function afterLowerWord(lead: string | undefined): boolean {
  const word = /(?:^|[^\p{L}\p{N}_$])(\p{Ll}+) $/u.exec(lead ?? '')?.[1];
  return word !== undefined && !TITLE_SMALL_WORDS.has(word);
}

/**
 * The form the context rules pick among those that fit: `kebabCase` next to `-` or `/`, `snakeCase`
 * next to `_`, words in prose (`noCase`, `titleCase`)...; undefined when no rule decides.
 */
export function ruledForm(forms: readonly NameForm[], before: string, after: string, prose: boolean, snakeFiles = false, context: FormContext = {}): NameForm | undefined {
  const has = (helper: CaseHelper) => forms.find((form) => form.helper === helper);
  const pick = (...helpers: CaseHelper[]): NameForm | undefined => {
    for (const helper of helpers) {
      const form = has(helper);
      if (form !== undefined) return form;
    }
    return undefined;
  };
  const spaced = (ch: string) => ch === ' ' || ch === '' || ch === '\n' || /[.,;:!?'"`()]/.test(ch);
  const quote = (ch: string) => /["'`]/.test(ch);
  const capitalized = has('pascalCase') !== undefined || has('titleCase') !== undefined;
  // Inside a code span of a comment (`` `acme add-user --email` ``) the name is code, not words.
  const words = prose && !(context.comment === true && ((context.lead ?? '').split('`').length - 1) % 2 === 1);
  // The first rule that applies and has a fitting form wins.
  const rules: Array<[boolean, CaseHelper[]]> = [
    // In the path of a Python or Go file, folders are packages too, and a package name cannot hold `-`.
    [snakeFiles && (before === '/' || before === '') && (after === '.' || after === '_' || after === '/'), ['snakeCase']],
    // In Java, Kotlin and Scala a package is lower-case words run together (`demo/saleitem/`,
    // `package com.example.demo.saleitem;`).
    [context.packageFolders === true && before === '/' && after === '/', ['lowerCase']],
    [context.packageCode === true && before === '.' && /^[.;]?$/.test(after) && /^[\w.]*$/.test(context.lead ?? ''), ['lowerCase']],
    // Glued to a capitalized word, the name is one word of an identifier (`cartSlice`, `useCartStore`).
    [/\p{Lu}/u.test(after), ['camelCase', 'pascalCase']],
    // A BEM block (`cart__title`, `cart--open`) is kebab-case.
    [after === '_' && context.next === '_', ['kebabCase']],
    // A file or folder name that goes on with `_` (`models/cart_model.dart`, `/order_test/`) joins
    // its words with `_` too: the `/` on the other side says only that a name starts there.
    [(before === '/' && after === '_') || (before === '_' && after === '/'), ['snakeCase']],
    // Not before an arrow: `$team->delete()` (PHP, C) is a variable, `$orderItem->`, not `$order-item->`.
    [before === '-' || (after === '-' && context.next !== '>') || before === '/' || after === '/', ['kebabCase']],
    [before === '_' || after === '_', ['snakeCase', 'constantCase']],
    // CSS classes and selectors, custom properties and keyframes are kebab-case.
    [(context.kebabCode === true && !prose) || /\bclass(?:Name)?\s*=\s*["'`{][^"'`=]*$/.test(context.lead ?? ''), ['kebabCase']],
    // Collection and table names are snake_case (`collection: 'order_items'`, `@Entity('order_items')`).
    [/(?:\b(?:collection|collectionName|table|tableName|db_table)["']?\s*[:=]|@Entity\()\s*["'`]$/.test(context.lead ?? ''), ['snakeCase']],
    // Labels for people: words, a capital first (`aria-label="Activity feed"`, `"title": "Order Item"`,
    // `verbose_name = _("order item")`); not `label`, an identifier as often as not (Django apps).
    [/\b(?:aria-label|alt|placeholder|help_text)["']?\s*[:=]\s*_?\(?\s*["'`]$/.test(context.lead ?? ''), ['noCase', 'sentenceCase', 'titleCase']],
    [/(?:\b(?:title|verbose_name(?:_plural)?|header|caption)["']?\s*[:=]\s*|\b_\(\s*)["'`]$/.test(context.lead ?? ''), ['noCase', 'titleCase', 'sentenceCase']],
    // OpenAPI tags are section labels in the docs (`tags=["shipping addresses"]`, `@ApiTags('order items')`).
    [/(?:\btags["']?\s*[:=]\s*\[\s*|@ApiTags\(\s*)["'`]$/.test(context.lead ?? ''), ['noCase', 'titleCase', 'sentenceCase']],
    // A string that is just the name follows the other strings of the file that hold it.
    [context.stringForm !== undefined && quote(before) && quote(after), context.stringForm === undefined ? [] : [context.stringForm]],
    // A doc comment's parameter is an identifier (`@param typeMedicament the …`, `:param order_item:`).
    [context.comment === true && /(?:@(?:param|arg|argument|prop|property)\s+(?:\{[^}]*\}\s*)?|:param\s+(?:\w+\s+)?)$/.test(context.lead ?? ''), context.snakeCode === true ? ['snakeCase', 'camelCase'] : ['camelCase', 'snakeCase']],
    // In a comment, a capitalized name is the code symbol it documents (`UserCard shows ...`).
    [context.comment === true && capitalized, ['pascalCase']],
    // In a string, a capitalized name after a word in lower case and before code (`:`, `{`, `(`) is
    // the code symbol it names (`"Request to save JobHistory : {}"`, `"class ModelApiResponse {"`):
    // a label would capitalize the words around it too (small words stay lower case there: `Back to
    // Order Items`), and ends a sentence (`Unable to create Order Item.`).
    [words && context.comment !== true && capitalized && before === ' ' && after === ' ' && /^[:{(=<[]$/.test(context.next ?? '') && afterLowerWord(context.lead), ['pascalCase']],
    // The text of an element (`<h2>Shopping Cart</h2>`) is words.
    [words && before === '>' && after === '<', ['noCase', 'titleCase', 'sentenceCase']],
    // The first words of a sentence (`"Shipping address not found"`): only the first is capitalized.
    [words && /^["'`>\n]?$/.test(before) && after === ' ' && /[\p{Ll}\p{N}$]/u.test(context.next ?? ''), ['noCase', 'sentenceCase', 'titleCase']],
    [words && (before === ' ' || after === ' ') && spaced(before) && spaced(after), ['noCase', 'titleCase', 'sentenceCase']],
    // Python, Ruby, Rust and Elixir write variables, functions and string keys in snake_case; SQL its tables.
    [context.snakeCode === true, ['snakeCase']],
  ];
  for (const [applies, helpers] of rules) {
    if (!applies) continue;
    const preferred = pick(...helpers);
    if (preferred !== undefined) return preferred;
  }
  return undefined;
}

/**
 * Picks one form among those that fit: the one a context rule picks (see ruledForm), else the one a
 * rule gave the same spelling elsewhere in the file (an identifier written twice is one identifier),
 * else identifiers (`pascalCase`, `camelCase`, `constantCase`) before the rest.
 */
export function chooseForm(forms: readonly NameForm[], before: string, after: string, prose: boolean, snakeFiles = false, context: FormContext = {}): NameForm {
  const settled = context.settled === undefined ? undefined : forms.find((form) => formKey(form) === context.settled);
  return (
    ruledForm(forms, before, after, prose, snakeFiles, context) ??
    settled ??
    CASE_HELPERS.map((helper) => forms.find((form) => form.helper === helper)).find((form) => form !== undefined) ??
    forms[0] ?? { helper: 'pascalCase', plural: false }
  );
}
