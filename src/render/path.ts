/**
 * Path templates: file paths in a template folder are Handlebars too
 * (`src/{{kebabCase name}}/{{pascalCase name}}.tsx.hbs`). This module holds the pure parts: the
 * `.hbs` suffix and the check of a rendered path.
 */
import { posix } from 'node:path';
import { WoptError } from '../errors.js';

const quote = (value: string): string => JSON.stringify(value);

/**
 * Drops one trailing `.hbs` (the marker that a file is a template).
 *
 * @example stripTemplateSuffix('src/{{name}}.ts.hbs') // 'src/{{name}}.ts'
 */
export function stripTemplateSuffix(path: string): string {
  return path.endsWith('.hbs') ? path.slice(0, -'.hbs'.length) : path;
}

/**
 * Checks a rendered path and returns it normalized (POSIX separators, no `.` or empty segments).
 * Relative paths only: they are resolved against the output root by the writer.
 *
 * @example checkRenderedPath('src/{{name}}.ts', 'src/./a.ts') // 'src/a.ts'
 * @throws WoptError E_PATH_INVALID when the path is empty, holds a NUL or ends in a separator;
 *   E_PATH_OUTSIDE_ROOT when it is absolute or its `..` segments climb out of the root. Both name
 *   the template and the rendered value.
 */
export function checkRenderedPath(template: string, rendered: string): string {
  const invalid = (why: string) =>
    new WoptError('E_PATH_INVALID', `Path template ${quote(template)} rendered ${quote(rendered)}, which ${why}. Check the params it uses.`, {
      path: rendered,
    });
  const outside = (why: string) =>
    new WoptError(
      'E_PATH_OUTSIDE_ROOT',
      `Path template ${quote(template)} rendered ${quote(rendered)}, which ${why}. Template paths must stay inside the output root; check the params it uses.`,
      { path: rendered },
    );

  if (rendered.includes('\0')) throw invalid('contains a NUL character');
  if (rendered.trim() === '') throw invalid('is empty');
  if (rendered.startsWith('/') || rendered.startsWith('\\') || /^[A-Za-z]:/.test(rendered)) throw outside('is absolute');
  const segments = rendered.split(/[\\/]/);
  let depth = 0;
  for (const segment of segments) {
    if (segment === '..') depth -= 1;
    else if (segment !== '.' && segment !== '') depth += 1;
    if (depth < 0) throw outside('climbs out of the root with ".."');
  }
  if (/[\\/]$/.test(rendered)) throw invalid('ends in a separator (a directory, not a file)');
  const normalized = posix.normalize(segments.join('/'));
  if (normalized === '.' || normalized === '') throw invalid('names the root itself, not a file');
  return normalized;
}
