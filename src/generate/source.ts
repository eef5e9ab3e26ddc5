/**
 * What to generate from: a {@link Template} in memory, a template the library loaded, or a name
 * (`name` or `name@version`) looked up in the library. Plus pinning: the version a generation used
 * is saved under the project library's `.versions/` in the same transaction, so `update` can always
 * reproduce the old render, even after the template folder was edited in place.
 */
import { posix, relative } from 'node:path';
import { errors } from '../errors.js';
import type { FsPort } from '../fs/port.js';
import { templateToChanges } from '../library/folder.js';
import { HASH_DIR_LENGTH, templateHash } from '../library/hash.js';
import type { Library, LoadedTemplate } from '../library/library.js';
import { VERSIONS_DIR } from '../library/library.js';
import type { Template } from '../library/template.js';
import type { WriteChange } from '../tx/changes.js';

/** A template, a loaded library template, or a library reference (`name`, `name@version`, `name@<hash prefix>`). */
export type TemplateSource = Template | LoadedTemplate | string;

export interface ResolvedTemplate {
  readonly name: string;
  readonly template: Template;
  /** sha256 (hex) of the template's content. */
  readonly hash: string;
}

const isLoaded = (source: Template | LoadedTemplate): source is LoadedTemplate => 'template' in source && 'hash' in source;

/**
 * @throws WoptError E_INVALID_INPUT for a name without a library; the library's E_TEMPLATE_NOT_FOUND.
 */
export async function resolveTemplate(source: TemplateSource, library: Library | undefined): Promise<ResolvedTemplate> {
  if (typeof source === 'string') {
    if (library === undefined) {
      throw errors.invalidInput(
        `The template ${JSON.stringify(source)} is a name, and no library was given`,
        'Pass options.library (openLibrary({ fs, root })), or pass the Template itself.',
      );
    }
    const loaded = await library.get(source);
    return { name: loaded.name, template: loaded.template, hash: loaded.hash };
  }
  if (typeof source !== 'object' || source === null)
    throw errors.invalidInput('The template must be a Template, a loaded template or a name', 'Pass e.g. await library.get("react-component").');
  if (isLoaded(source)) return { name: source.name, template: source.template, hash: source.hash };
  return {
    name: source.manifest.name,
    template: source,
    hash: templateHash(source),
  };
}

/** Where a version is kept in the project library, relative to the root; undefined when the project layer is not below the root. */
export function pinnedDir(library: Library, root: string, name: string, hash: string): string | undefined {
  const layer = library.layers.find((candidate) => candidate.name === 'project');
  if (layer?.writeRoot === undefined || posix.normalize(layer.writeRoot) !== posix.normalize(root)) return undefined;
  const rel = relative(root, layer.dir).split('\\').join('/');
  if (rel.startsWith('..')) return undefined;
  return posix.join(rel, VERSIONS_DIR, name, hash.slice(0, HASH_DIR_LENGTH));
}

/**
 * The changes that save this version under the project library's `.versions/<name>/<hash12>/`, or
 * none when it is already reachable there (or the project library is not inside the root).
 */
export async function pinChanges(fs: FsPort, library: Library, root: string, resolved: ResolvedTemplate): Promise<WriteChange[]> {
  const dir = pinnedDir(library, root, resolved.name, resolved.hash);
  if (dir === undefined) return [];
  if ((await fs.stat(posix.join(root, dir, 'template.json'))) !== undefined) return [];
  return templateToChanges(resolved.template, dir);
}
