/**
 * The renderer: Handlebars for code (no HTML escaping, strict params), case and plural helpers,
 * path templates, a compiled-template cache and optional prettier formatting.
 */
export { createRenderer } from './renderer.js';
export type {
  CacheOptions,
  CompileOptions,
  CompiledTemplate,
  FileContent,
  Params,
  RenderedFile,
  Renderer,
  RendererOptions,
  RendererStats,
  TemplateFile,
} from './renderer.js';
export type { Helper } from './helpers.js';
export type { PrettierApi, PrettierSettings } from './format.js';
export { checkRenderedPath, stripTemplateSuffix } from './path.js';
export {
  camelCase,
  caseConversions,
  constantCase,
  dotCase,
  kebabCase,
  lowerCase,
  lowerFirst,
  noCase,
  pascalCase,
  pathCase,
  sentenceCase,
  snakeCase,
  tagCase,
  titleCase,
  trainCase,
  upperCase,
  words,
} from './case.js';
export type { CaseName } from './case.js';
export { pluralize, singularize } from './inflect.js';
export type { RenderErrorCode } from './errors.js';
