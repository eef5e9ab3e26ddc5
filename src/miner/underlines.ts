/**
 * Title underlines as wide as their title: Markdown's setext headings and reStructuredText's
 * sections (`users.api` over `=========`, the Sphinx autodoc stub of each module), and the overline
 * reStructuredText titles may have as well (the same line above the title). The underline's
 * width follows the name, so members' underlines differ wherever their names do, and the alignment
 * would make each width a value of its own.
 *
 * Before the alignment, such underlines are replaced by a mark every member writes the same (the
 * adornment character between two private-use characters); the template then writes the title in
 * `{{#underline "="}}…{{/underline}}`, which renders the title and an underline as wide.
 */
import { widestLine } from '../render/helpers.js';
import type { Example } from './types.js';

/** The adornments of a title underline (quotes and backticks left out: they would need escaping in the template). */
const UNDERLINE = /^([=\-~^*+#:._])\1{2,}$/u;
const MARK = /^\u{E000}([=\-~^*+#:._])\u{E001}$/u;
const OVERLINE_MARK = /^\u{E002}([=\-~^*+#:._])\u{E001}$/u;

const mark = (adornment: string): string => `\u{E000}${adornment}\u{E001}`;
const overlineMark = (adornment: string): string => `\u{E002}${adornment}\u{E001}`;
/** Columns as the `underline` helper counts them. */
const width = widestLine;

const withoutCr = (line: string | undefined): string => (line ?? '').replace(/\r$/, '');

/**
 * The underlines of a text: line indexes whose line is an adornment as wide as the text line
 * above, each with the index of its overline when the line above the title is the same adornment.
 */
function underlines(lines: readonly string[]): Array<{ at: number; overline?: number }> {
  const found: Array<{ at: number; overline?: number }> = [];
  for (let i = 1; i < lines.length; i++) {
    const line = withoutCr(lines[i]);
    const title = withoutCr(lines[i - 1]);
    if (!UNDERLINE.test(line) || title.trim() === '' || UNDERLINE.test(title) || width(title) !== width(line)) continue;
    found.push(i >= 2 && withoutCr(lines[i - 2]) === line ? { at: i, overline: i - 2 } : { at: i });
  }
  return found;
}

/** Whether the examples have title underlines of more than one width (else they are text like any other). */
export function hasVaryingUnderlines(examples: readonly Example[]): boolean {
  const widths = new Set<number>();
  for (const example of examples) {
    const lines = example.content.split('\n');
    for (const { at } of underlines(lines)) widths.add(width(withoutCr(lines[at])));
  }
  return widths.size > 1;
}

/** `content` with each title underline (and overline) replaced by its mark. */
export function markUnderlines(content: string): string {
  const lines = content.split('\n');
  const cr = (line: string) => (line.endsWith('\r') ? '\r' : '');
  for (const { at, overline } of underlines(lines)) {
    const line = lines[at] ?? '';
    lines[at] = `${mark(line[0] ?? '=')}${cr(line)}`;
    if (overline !== undefined) lines[overline] = `${overlineMark(line[0] ?? '=')}${cr(lines[overline] ?? '')}`;
  }
  return lines.join('\n');
}

/**
 * Template text with each marked underline written as an `{{#underline}}` block around its title
 * (`{{#underline "=" overline=true}}` under an overline mark), or undefined when a mark is not
 * next to a line of text of its own (a block's tag line, another mark, an overline left alone).
 */
export function writeUnderlines(content: string): string | undefined {
  if (!content.includes('\u{E000}') && !content.includes('\u{E002}')) return content;
  const lines = content.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const marked = MARK.exec(line.replace(/\r$/, ''));
    if (marked === null) {
      out.push(line);
      continue;
    }
    const title = out.pop();
    if (title === undefined || title.trim() === '' || /\{\{[#/^]|\{\{else|\{\{~|[\u{E000}\u{E002}]/u.test(title)) return undefined;
    const overline = OVERLINE_MARK.exec(withoutCr(out.at(-1)));
    const withOverline = overline !== null && overline[1] === marked[1];
    if (withOverline) out.pop();
    // The title's line end is the helper's to write: the block closes on the title's line, and what
    // followed the underline (a CR) follows the block.
    out.push(`{{#underline "${marked[1]}"${withOverline ? ' overline=true' : ''}}}`, `${title}{{/underline}}${line.endsWith('\r') ? '\r' : ''}`);
  }
  if (out.some((line) => OVERLINE_MARK.test(withoutCr(line)))) return undefined;
  return out.join('\n');
}
