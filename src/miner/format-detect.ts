/**
 * How a family's files are formatted: the prettier options every example prettier parses is
 * already formatted with, so that a mined template can format what it generates the same way (a
 * long new name then wraps where the examples' code would wrap it). Reads nothing but the
 * examples, and the project's prettier config through the formatter.
 */
import type { Formatter, PrettierSettings } from '../render/format.js';
import type { Example } from './types.js';

/** Prettier's print widths people use, most common first. */
const PRINT_WIDTHS = [80, 100, 120] as const;
const TRAILING_COMMAS = ['all', 'es5', 'none'] as const;
/** Files prettier formats without plugins. */
const PRETTIER_FILES = /\.(?:[cm]?[jt]sx?|json5?|jsonc|css|scss|less|vue|md|markdown|mdx|ya?ml|html?|graphql|gql)$/i;

/** Quotes, semicolons and indentation, read from the examples' text. */
function readStyle(examples: readonly Example[]): PrettierSettings {
  let single = 0;
  let double = 0;
  let semicolons = 0;
  let indent: string | undefined;
  for (const { content } of examples) {
    single += content.match(/'/g)?.length ?? 0;
    double += content.match(/"/g)?.length ?? 0;
    for (const line of content.split('\n')) {
      if (/;\s*$/.test(line)) semicolons++;
      const lead = /^[\t ]+(?=\S)/.exec(line)?.[0];
      if (lead !== undefined && (indent === undefined || (lead[0] === ' ' && lead.length < indent.length))) indent = lead;
    }
  }
  const style: Record<string, string | number | boolean> = { singleQuote: single > double, semi: semicolons > 0 };
  if (indent?.startsWith('\t') === true) style.useTabs = true;
  else if (indent !== undefined && indent.length >= 2 && indent.length <= 8) style.tabWidth = indent.length;
  return style;
}

/**
 * How many examples prettier formats, when every one of them is unchanged by these options; false
 * when one changes (or does not parse: it was not formatted with them).
 */
async function stableCount(examples: readonly Example[], formatter: Formatter, settings: PrettierSettings): Promise<number | false> {
  let parsed = 0;
  for (const example of examples) {
    let formatted: string | undefined;
    try {
      formatted = await formatter.formatWith(example.path, example.content, settings);
    } catch {
      return false;
    }
    if (formatted === undefined) continue;
    if (formatted !== example.content) return false;
    parsed++;
  }
  return parsed;
}

/**
 * The prettier options the examples are formatted with: the project's config when it leaves every
 * example unchanged, else the first of a few likely sets (the quotes, semicolons and indentation
 * the files use, with print width 80, 100 or 120 and each trailing-comma style) that does.
 * Undefined when none does, or when fewer than two examples are files prettier formats.
 *
 * @example await detectFormatting(examples, createFormatter({ fs, root, stats })) // { singleQuote: true, semi: false, printWidth: 80, trailingComma: 'all' }
 */
export async function detectFormatting(examples: readonly Example[], formatter: Formatter): Promise<PrettierSettings | undefined> {
  // prettier is not even loaded for a family of Go or Python files.
  if (examples.filter((example) => PRETTIER_FILES.test(example.path)).length < 2) return undefined;
  const first = examples[0];
  const project = first === undefined ? undefined : await formatter.projectSettings(first.path);
  const candidates: PrettierSettings[] = project === undefined ? [] : [project];
  const style = readStyle(examples);
  for (const printWidth of PRINT_WIDTHS) for (const trailingComma of TRAILING_COMMAS) candidates.push({ ...style, printWidth, trailingComma });
  for (const settings of candidates) {
    // One file first: most candidates fail there.
    if ((await stableCount(examples.slice(0, 1), formatter, settings)) === false) continue;
    const count = await stableCount(examples, formatter, settings);
    if (count === false) continue;
    return count >= 2 ? settings : undefined;
  }
  return undefined;
}
