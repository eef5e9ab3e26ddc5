/**
 * Errors of the renderer:
 *   E_TEMPLATE_SYNTAX  a template does not parse
 *   E_TEMPLATE_PARAM   a template uses a param (or helper) that was not given
 *   E_TEMPLATE_RENDER  a helper or partial failed while rendering
 *   E_FORMAT           prettier could not format a rendered file (it does not parse), or prettier is missing
 */
import { WoptError } from '../errors.js';

export type RenderErrorCode = 'E_TEMPLATE_SYNTAX' | 'E_TEMPLATE_PARAM' | 'E_TEMPLATE_RENDER' | 'E_FORMAT';

const quote = (value: string): string => JSON.stringify(value);

/** Where in a template: `"files/a.ts.hbs" line 3, column 5`. */
export interface TemplateLocation {
  readonly template: string;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
}

const where = ({ template, line, column }: TemplateLocation): string =>
  `${quote(template)}${line === undefined ? '' : ` line ${line}${column === undefined ? '' : `, column ${column}`}`}`;

function renderError(code: RenderErrorCode, message: string, path: string, cause?: unknown): WoptError {
  return new WoptError(code, message, { path, cause });
}

export const renderErrors = {
  templateSyntax: (location: TemplateLocation, detail: string, cause?: unknown) =>
    renderError(
      'E_TEMPLATE_SYNTAX',
      `Template ${where(location)} does not parse: ${detail}. Fix the Handlebars syntax; to output a literal {{, write \\{{ or use a {{{{raw}}}} block.`,
      location.template,
      cause,
    ),

  missingParam: (location: TemplateLocation, param: string, cause?: unknown) =>
    renderError(
      'E_TEMPLATE_PARAM',
      `Template ${where(location)} uses the param ${quote(param)}, which was not given. Pass ${quote(param)}, or give it a default in template.json.`,
      location.template,
      cause,
    ),

  missingHelper: (location: TemplateLocation, helper: string, cause?: unknown) =>
    renderError(
      'E_TEMPLATE_PARAM',
      `Template ${where(location)} calls the helper ${quote(helper)}, which is not registered. Register it through the renderer's \`helpers\` option, or fix its name.`,
      location.template,
      cause,
    ),

  helperArgument: (helper: string, got: string) =>
    renderError(
      'E_TEMPLATE_PARAM',
      `The helper ${quote(helper)} needs a string and got ${got}. Pass the param it converts (e.g. {{${helper} name}}).`,
      helper,
    ),

  helperArity: (helper: string, expected: string, got: number) =>
    renderError(
      'E_TEMPLATE_PARAM',
      `The helper ${quote(helper)} takes ${expected} and got ${got}. Write it as {{${helper} ${expected === 'one value' ? 'withStyles' : 'kind "admin"'}}}.`,
      helper,
    ),

  /** A helper given the wrong arguments: what it takes, what it got, and how it is written. */
  helperUsage: (helper: string, takes: string, got: string, usage: string) =>
    renderError('E_TEMPLATE_PARAM', `The helper ${quote(helper)} takes ${takes} and got ${got}. Write it as ${usage}.`, helper),

  /** A block helper given the wrong arguments: what it takes, what it got, and how it is written. */
  blockHelper: (helper: string, takes: string, got: string, usage: string) =>
    renderError('E_TEMPLATE_PARAM', `The block helper ${quote(helper)} takes ${takes} and got ${got}. Write it as ${usage}.`, helper),

  pkgMissing: (property: string) =>
    renderError(
      'E_TEMPLATE_PARAM',
      `{{pkg ${quote(property)}}} found no such property in the package data. Pass \`pkg\` (the parsed package.json) to createRenderer, or fix the property path.`,
      property,
    ),

  render: (location: TemplateLocation, detail: string, cause?: unknown) =>
    renderError('E_TEMPLATE_RENDER', `Rendering template ${where(location)} failed: ${detail}`, location.template, cause),

  format: (path: string, detail: string, cause?: unknown) =>
    renderError('E_FORMAT', `Cannot format ${quote(path)}: ${detail}`, path, cause),
} as const;
