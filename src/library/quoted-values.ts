/**
 * A given value that would end the string it is written in: a template that writes
 * `title: '{{title}}'`, given `It's open`, writes `title: 'It's open'`, which nothing parses. The
 * value may be meant so (escaped already, or code on purpose), so this is a warning naming the
 * file, the line and the quote, never a change.
 */
import { escapeRegExp } from '../util/text.js';

/** The quotes code writes strings in. */
const QUOTES = new Set(["'", '"', '`']);

/** The mustache that writes `param` as it is (`{{title}}`, `{{{title}}}`), at the start of a text. */
const mustacheOf = (param: string): RegExp => new RegExp(`^\\{\\{\\{?\\s*${escapeRegExp(param)}\\s*\\}?\\}\\}`);

/** The quote of the string each `mustache` on a line is inside (none for one outside strings). */
function enclosingQuotes(line: string, mustache: RegExp): string[] {
  const found: string[] = [];
  let quote = '';
  for (let at = 0; at < line.length; at++) {
    const char = line.charAt(at);
    if (line.startsWith('{{', at)) {
      if (quote !== '' && mustache.test(line.slice(at))) found.push(quote);
      // A mustache's own quotes (`{{eq kind "admin"}}`) are no string of the file.
      const close = line.indexOf('}}', at + 2);
      if (close < 0) break;
      at = close + 1;
      continue;
    }
    if (char === '\\') {
      at++;
      continue;
    }
    if (quote === '') {
      // An apostrophe after a letter is prose (`Don't`), not a string opening.
      if (QUOTES.has(char) && !/[\p{L}\p{N}]/u.test(line.charAt(at - 1))) quote = char;
    } else if (char === quote) {
      quote = '';
    }
  }
  return found;
}

/** Whether `value` holds `quote` with no backslash before it. */
const endsString = (value: string, quote: string): boolean => new RegExp(`(^|[^\\\\])${quote}`).test(value);

/** The first line (1-based) writing `param` inside a string whose quote `value` holds, and that quote. */
function firstEndedString(source: string, param: string, mustache: RegExp, value: string): { line: number; quote: string } | undefined {
  const lines = source.split('\n');
  for (const [index, line] of lines.entries()) {
    // Only the lines that write the param are read.
    if (!line.includes(param)) continue;
    const quote = enclosingQuotes(line, mustache).find((enclosing) => endsString(value, enclosing));
    if (quote !== undefined) return { line: index + 1, quote };
  }
  return undefined;
}

/**
 * Warnings for given text values that hold the quote of a string a template writes them in.
 *
 * @param given the values given (not the defaults, which are the template's)
 * @param files each template file's source and the path it rendered to
 */
export function quotedValueWarnings(given: Readonly<Record<string, unknown>>, files: ReadonlyArray<{ readonly path: string; readonly source: string }>): string[] {
  const warnings: string[] = [];
  for (const [param, value] of Object.entries(given)) {
    if (typeof value !== 'string' || ![...QUOTES].some((quote) => value.includes(quote))) continue;
    const mustache = mustacheOf(param);
    for (const file of files) {
      const hit = firstEndedString(file.source, param, mustache, value);
      if (hit === undefined) continue;
      warnings.push(
        `${file.path}, line ${hit.line} of its template: the value of ${param}, ${JSON.stringify(value)}, holds ${hit.quote}, which ends the ${hit.quote}…${hit.quote} string it is written in. Escape it as the file's language does (\\${hit.quote} in JavaScript), or pass a value without it.`,
      );
      break;
    }
  }
  return warnings;
}
