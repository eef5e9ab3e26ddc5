/**
 * The template library: template folders, their validation and content hashes, the layered
 * library (project > user > built-in) with saved versions, tarball import/export, and rendering a
 * library template with params.
 */
export type { ParamAffixes, ParamSpec, ParamType, Provenance, Template, TemplateFile, TemplateManifest } from './template.js';
export { applyAffixes, readGiven } from './affixes.js';
export { readTemplateFolder, templateToChanges, checkTemplate, manifestText } from './folder.js';
export type { TemplateFolder } from './folder.js';
export { checkManifest, parseManifest, validateManifest } from './validate.js';
export type { ManifestIssue } from './validate.js';
export { canonicalTemplate, templateHash } from './hash.js';
export { openLibrary, VERSIONS_DIR } from './library.js';
export type {
  AddOptions,
  AddResult,
  ExportOptions,
  ExportResult,
  Library,
  LibraryOptions,
  LoadedTemplate,
  RemoveOptions,
  RemoveResult,
  SavedVersion,
  TemplateInfo,
} from './library.js';
export { builtinTemplatesDir, userTemplatesDir } from './locations.js';
export type { Env, Layer, LayerName, WritableLayerName } from './locations.js';
export { readTar, writeTar } from './tar.js';
export type { TarFile } from './tar.js';
export { renderTemplate, resolveParams } from './render.js';
export type { RenderTemplateResult } from './render.js';
export type { LibraryErrorCode } from './errors.js';
