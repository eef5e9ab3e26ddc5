/**
 * A given value that would end the string it is written in: a template that writes
 * `title: '{{title}}'`, given `It's open`, writes `title: 'It's open'`, which nothing parses. The
 * value may be meant so (escaped already, or code on purpose), so this is a warning naming the
 * file, the line and the quote, never a change.
 */

/** A quote that ends a string: `'`, `"` or a backquote, not escaped by a backslash before it. */
const QUOTES = new Set(["'", '"', '`']);

/** Where a line's text is inside a string: the quote that opened it at each mustache of `param`, else none. */
function enclosingQuotes(line: string, param: string): string[] {
  const mustache = new RegExp(`^\\{\\{\\{?\\s*${param.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\}?\\}\\}`);
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
const endsString = (value: string, quote: string): boolean => new RegExp(`(^|[^\\\\])${quote === '`' ? '`' : quote}`).test(value);

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
    for (const file of files) {
      const lines = file.source.split('\n');
      const hit = lines.flatMap((line, index) => enclosingQuotes(line, param).filter((quote) => endsString(value, quote)).map((quote) => ({ line: index + 1, quote })))[0];
      if (hit === undefined) continue;
      warnings.push(
        `${file.path}, line ${hit.line} of its template: the value of ${param}, ${JSON.stringify(value)}, holds ${hit.quote}, which ends the ${hit.quote}…${hit.quote} string it is written in. Escape it as the file's language does (\\${hit.quote} in JavaScript), or pass a value without it.`,
      );
      break;
    }
  }
  return warnings;
}
