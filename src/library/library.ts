/**
 * The template library: three layers of template folders (project > user > built-in), every saved
 * version kept by content hash, and add / remove / export / import as all-or-nothing batches.
 *
 * On disk, in each layer folder:
 *
 * ```
 * <layer>/
 *   <name>/                       the current version: template.json, README.md, files/**
 *   .versions/<name>/<hash12>/    each earlier version, same folder shape, named by the first 12
 *                                 hex digits of its content hash
 * ```
 *
 * Every write goes through `batchWrite`, so adding, replacing or removing a template (current and
 * archived versions together) is one transaction: it happens entirely or not at all.
 */
import { basename, dirname, posix, relative, resolve } from 'node:path';
import { WoptError, errors, isWoptError } from '../errors.js';
import type { FsPort } from '../fs/port.js';
import type { BatchReport } from '../tx/batch-write.js';
import { batchWrite } from '../tx/batch-write.js';
import type { Change } from '../tx/changes.js';
import type { Durability } from '../tx/journal.js';
import { libraryErrors } from './errors.js';
import type { TemplateFolder } from './folder.js';
import { FILES_DIR, MANIFEST_FILE, README_FILE, checkTemplate, readTemplateFolder, templateFromEntries, templateToChanges } from './folder.js';
import { HASH_DIR_LENGTH, MIN_HASH_PREFIX, templateHash } from './hash.js';
import type { Env, Layer, LayerName, WritableLayerName } from './locations.js';
import { libraryLayers } from './locations.js';
import { closest } from './suggest.js';
import { readTar, templateEntries, writeTar } from './tar.js';
import type { ParamSpec, Template } from './template.js';
import { TEMPLATE_NAME } from './validate.js';

/** The folder holding earlier versions, inside each layer. */
export const VERSIONS_DIR = '.versions';

export interface LibraryOptions {
  /** The disk. */
  readonly fs: FsPort;
  /** The project root (absolute); the project layer and relative paths are resolved against it. */
  readonly root: string;
  /** The environment (`WOPT_HOME`, `XDG_CONFIG_HOME`), passed in; never read from `process` here. */
  readonly env?: Env | undefined;
  /** The user's home directory, for `~/.config/wopt/templates`. Without it (and without the env), there is no user layer. */
  readonly homeDir?: string | undefined;
  /** From the loaded config: the project template folder, and how library writes are made durable and kept for undo. */
  readonly config?:
    | { readonly templates?: string | undefined; readonly durability?: Durability | undefined; readonly backup?: number | undefined }
    | undefined;
  /** Override the built-in templates folder (tests), or `false` for no built-in layer. */
  readonly builtinDir?: string | false | undefined;
  /** Called with every warning (files outside files/, broken templates skipped by `list`, ...). */
  readonly onWarning?: ((message: string) => void) | undefined;
}

/** One template as `list()` shows it. */
export interface TemplateInfo {
  readonly name: string;
  readonly version: string | undefined;
  /** The content hash (sha256, hex) of the current version. */
  readonly hash: string;
  readonly layer: LayerName;
  readonly dir: string;
  readonly description: string | undefined;
  readonly params: Readonly<Record<string, ParamSpec>>;
  /** Farther layers that hold a template of the same name, hidden by this one. */
  readonly shadows: readonly LayerName[];
}

/** A template found by `get`, with where it came from. */
export interface LoadedTemplate {
  readonly name: string;
  readonly template: Template;
  readonly layer: LayerName;
  readonly dir: string;
  readonly hash: string;
  /** False when the reference named an earlier, archived version. */
  readonly current: boolean;
  readonly warnings: readonly string[];
}

/** One saved version of a template. */
export interface SavedVersion {
  readonly name: string;
  readonly layer: LayerName;
  readonly dir: string;
  readonly hash: string;
  readonly version: string | undefined;
  readonly current: boolean;
}

export interface AddOptions {
  /** Which library to add to. */
  readonly layer: WritableLayerName;
  /** Replace a different template of the same name (the replaced one is kept as an earlier version). */
  readonly force?: boolean | undefined;
  /** Plan only: report what would be written. */
  readonly dryRun?: boolean | undefined;
}

export interface AddResult {
  readonly name: string;
  readonly layer: WritableLayerName;
  readonly dir: string;
  readonly hash: string;
  /** `unchanged`: the same content was already there (only a changed README is rewritten). */
  readonly status: 'created' | 'replaced' | 'unchanged';
  /** The hash of the version that was replaced (now under `.versions/`). */
  readonly previousHash: string | undefined;
  /** The same name in farther layers, now hidden by this one. */
  readonly shadows: readonly LayerName[];
  readonly warnings: readonly string[];
  readonly report: BatchReport | undefined;
}

export interface RemoveOptions {
  readonly layer: WritableLayerName;
  /** Keep the archived versions under `.versions/<name>/` (they stay reachable as name@hash). Default false. */
  readonly keepVersions?: boolean | undefined;
  readonly dryRun?: boolean | undefined;
}

export interface RemoveResult {
  readonly name: string;
  readonly layer: WritableLayerName;
  /** Hashes of the versions removed (the current one first, when there was one). */
  readonly removed: readonly string[];
  readonly report: BatchReport;
  /** Files that were in the template's folder but not part of it, left in place. */
  readonly leftovers: readonly string[];
}

export interface ExportOptions {
  /** Write a gzipped tarball (`<name>/…` inside) instead of a folder. Default: true when the destination ends in .tgz, .tar.gz or .tar (gzip unless .tar). */
  readonly tar?: boolean | undefined;
  /** Overwrite existing files at the destination. Default false (E_EXISTS). */
  readonly force?: boolean | undefined;
}

export interface ExportResult {
  readonly name: string;
  readonly hash: string;
  /** The folder or archive written (absolute). */
  readonly path: string;
  readonly report: BatchReport;
}

export interface Library {
  /** The layers, nearest first. */
  readonly layers: readonly Layer[];
  /**
   * Every template, the nearest layer's when a name is in several; sorted by name. A broken
   * template is left out and reported through `onWarning`.
   */
  list(): Promise<TemplateInfo[]>;
  /**
   * A template by `name` (nearest layer) or `name@version`, where version is a `version` field value
   * or at least 7 hex digits of a content hash (the current version of the nearest layer first, then
   * every saved version of every layer).
   * @example await library.get('react-component@1.0.0')
   * @throws WoptError E_TEMPLATE_NOT_FOUND (with the closest names or the saved versions),
   *   E_TEMPLATE_AMBIGUOUS, E_TEMPLATE_INVALID.
   */
  get(ref: string): Promise<LoadedTemplate>;
  /** Every saved version of a template in every layer, nearest layer first, current first. */
  versions(name: string): Promise<SavedVersion[]>;
  /**
   * Adds a template (a folder path, relative to the root, or an in-memory template) to a layer.
   * @example await library.add('tmp/my-template', { layer: 'project' })
   * @throws WoptError E_EXISTS when a different template of that name is there and `force` is not
   *   set; E_TEMPLATE_INVALID; the writer's errors (nothing written).
   */
  add(source: string | Template, options: AddOptions): Promise<AddResult>;
  /**
   * Removes a template (and, unless `keepVersions`, its saved versions) from a layer.
   * @throws WoptError E_TEMPLATE_NOT_FOUND when the layer does not hold it.
   */
  remove(name: string, options: RemoveOptions): Promise<RemoveResult>;
  /**
   * Writes a template (`name` or `name@version`) to a folder, or to a tarball.
   * @example await library.export('node-module', 'out/node-module.tgz')
   * @throws WoptError E_EXISTS when files are there and `force` is not set; and as {@link Library.get}.
   */
  export(ref: string, destination: string, options?: ExportOptions): Promise<ExportResult>;
  /**
   * Adds a template from a folder or a `.tgz` / `.tar.gz` / `.tar` archive (holding the folder at its
   * top, or under one top directory such as npm pack's `package/`).
   * @throws WoptError E_ARCHIVE_INVALID, E_ARCHIVE_UNSAFE (nothing written), and as {@link Library.add}.
   */
  import(source: string, options: AddOptions): Promise<AddResult>;
}

const quote = (value: string): string => JSON.stringify(value);
const NO_PRESERVE = { eol: false, bom: false, mode: false } as const;
const HEX = /^[0-9a-f]+$/;
const ARCHIVE = /\.(tgz|tar\.gz|tar)$/i;

/** The files a template folder is made of, relative to the folder: ours to delete. */
const ownFiles = (template: Template): string[] => [
  MANIFEST_FILE,
  ...(template.readme === undefined ? [] : [README_FILE]),
  ...template.files.map((file) => `${FILES_DIR}/${file.path}`),
];

/**
 * Opens the template library of a project.
 *
 * @example
 * const library = openLibrary({ fs: createNodeFs(), root: process.cwd(), env: process.env, homeDir: os.homedir() });
 * const { template } = await library.get('react-component');
 * @throws never: layers are only read when a method is called.
 */
export function openLibrary(options: LibraryOptions): Library {
  const { fs } = options;
  const root = resolve(options.root);
  const warn = options.onWarning ?? (() => undefined);
  const layers = libraryLayers({
    root,
    env: options.env,
    homeDir: options.homeDir,
    projectTemplates: options.config?.templates,
    builtinDir: options.builtinDir,
    warn,
  });

  const layerOf = (name: LayerName): Layer | undefined => layers.find((layer) => layer.name === name);
  const writableLayer = (name: WritableLayerName): Layer & { writeRoot: string } => {
    const layer = layerOf(name);
    if (name !== 'project' && name !== 'user') {
      throw errors.invalidInput(`Cannot write to the ${quote(String(name))} template layer`, 'Add templates to the "project" or the "user" layer; the built-in layer is read-only.');
    }
    if (layer?.writeRoot === undefined) {
      throw errors.invalidInput(
        `There is no ${name} template library: its location is unknown`,
        'Pass homeDir to openLibrary, or set WOPT_HOME or XDG_CONFIG_HOME (absolute paths).',
      );
    }
    return layer as Layer & { writeRoot: string };
  };

  const isDir = async (path: string): Promise<boolean> => (await fs.stat(path))?.kind === 'directory';
  const exists = async (path: string): Promise<boolean> => (await fs.lstat(path)) !== undefined;

  async function ensureDir(path: string): Promise<void> {
    const stat = await fs.stat(path);
    if (stat?.kind === 'directory') return;
    if (stat !== undefined) throw errors.notADirectory(path, path);
    await ensureDir(dirname(path));
    try {
      await fs.mkdir(path);
    } catch (error) {
      if (!isWoptError(error, 'E_EXISTS')) throw error;
    }
  }

  const write = (layerRoot: string, changes: Change[], command: string, extra: { dryRun?: boolean | undefined; onExisting?: 'overwrite' | 'error' } = {}) =>
    batchWrite(changes, {
      fs,
      root: layerRoot,
      durability: options.config?.durability,
      backup: options.config?.backup,
      preserve: NO_PRESERVE,
      command,
      dryRun: extra.dryRun ?? false,
      onExisting: extra.onExisting ?? 'overwrite',
    });

  /** Names of the template folders in a layer (directories not starting with a dot). */
  async function namesIn(layer: Layer): Promise<string[]> {
    if (!(await isDir(layer.dir))) return [];
    const names: string[] = [];
    for (const name of (await fs.readdir(layer.dir)).sort()) {
      if (name.startsWith('.')) continue;
      if (await isDir(posix.join(layer.dir, name))) names.push(name);
    }
    return names;
  }

  async function loadFolder(dir: string, expectName: string, warnings: string[]): Promise<{ folder: TemplateFolder; hash: string }> {
    const folder = await readTemplateFolder(fs, dir);
    warnings.push(...folder.warnings.map((warning) => `${dir}: ${warning}`));
    if (folder.manifest.name !== expectName) {
      throw libraryErrors.templateInvalid(
        posix.join(dir, MANIFEST_FILE),
        ['name'],
        `is ${quote(folder.manifest.name)} but the folder is named ${quote(expectName)}`,
        'Rename the folder or change "name" so that they agree.',
      );
    }
    return { folder, hash: templateHash(folder) };
  }

  /** The current version of `name` in a layer, or undefined when the layer has no such folder. */
  async function current(layer: Layer, name: string, warnings: string[]): Promise<{ folder: TemplateFolder; hash: string; dir: string } | undefined> {
    const dir = posix.join(layer.dir, name);
    if (!(await isDir(dir))) return undefined;
    if (!(await exists(posix.join(dir, MANIFEST_FILE)))) {
      warnings.push(`${dir} has no template.json; it is not a template and was skipped.`);
      return undefined;
    }
    return { ...(await loadFolder(dir, name, warnings)), dir };
  }

  /** The archived versions of `name` in a layer. */
  async function archived(layer: Layer, name: string, warnings: string[]): Promise<{ folder: TemplateFolder; hash: string; dir: string }[]> {
    const base = posix.join(layer.dir, VERSIONS_DIR, name);
    if (!(await isDir(base))) return [];
    const found: { folder: TemplateFolder; hash: string; dir: string }[] = [];
    for (const entry of (await fs.readdir(base)).sort()) {
      const dir = posix.join(base, entry);
      if (!(await isDir(dir)) || !(await exists(posix.join(dir, MANIFEST_FILE)))) {
        warnings.push(`${dir} is not a saved template version (no template.json); skipped.`);
        continue;
      }
      const loaded = await loadFolder(dir, name, warnings);
      if (!loaded.hash.startsWith(entry)) warnings.push(`${dir}: its content hash is ${loaded.hash.slice(0, HASH_DIR_LENGTH)}, not ${entry}; it was edited after it was saved.`);
      found.push({ ...loaded, dir });
    }
    return found;
  }

  const flush = (warnings: readonly string[]): void => {
    for (const warning of warnings) warn(warning);
  };

  async function allNames(): Promise<string[]> {
    const names = new Set<string>();
    for (const layer of layers) for (const name of await namesIn(layer)) names.add(name);
    return [...names];
  }

  async function notFound(ref: string, name: string): Promise<WoptError> {
    return libraryErrors.templateNotFound(
      ref,
      closest(name, await allNames()),
      layers.map((layer) => layer.dir),
    );
  }

  async function list(): Promise<TemplateInfo[]> {
    const found = new Map<string, { info: Omit<TemplateInfo, 'shadows'>; shadows: LayerName[] }>();
    // A broken template still hides the same name in farther layers, as it does for `get`.
    const broken = new Set<string>();
    for (const layer of layers) {
      for (const name of await namesIn(layer)) {
        const known = found.get(name);
        if (known !== undefined) {
          known.shadows.push(layer.name);
          continue;
        }
        if (broken.has(name)) continue;
        const warnings: string[] = [];
        try {
          const loaded = await current(layer, name, warnings);
          if (loaded === undefined) continue;
          const { manifest } = loaded.folder;
          found.set(name, {
            info: { name, version: manifest.version, hash: loaded.hash, layer: layer.name, dir: loaded.dir, description: manifest.description, params: manifest.params },
            shadows: [],
          });
        } catch (error) {
          if (!isWoptError(error)) throw error;
          broken.add(name);
          warnings.push(`The ${layer.name} template ${quote(name)} is broken and was left out: ${error.message}`);
        } finally {
          flush(warnings);
        }
      }
    }
    return [...found.values()].map(({ info, shadows }) => ({ ...info, shadows })).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  function parseRef(ref: string): { name: string; version: string | undefined } {
    const at = ref.indexOf('@');
    return at === -1 ? { name: ref, version: undefined } : { name: ref.slice(0, at), version: ref.slice(at + 1) };
  }

  async function get(ref: string): Promise<LoadedTemplate> {
    const { name, version } = parseRef(ref);
    if (!TEMPLATE_NAME.test(name)) throw await notFound(ref, name);
    const warnings: string[] = [];
    try {
      if (version === undefined) {
        for (const layer of layers) {
          const loaded = await current(layer, name, warnings);
          if (loaded !== undefined) return { name, template: stripWarnings(loaded.folder), layer: layer.name, dir: loaded.dir, hash: loaded.hash, current: true, warnings };
        }
        throw await notFound(ref, name);
      }
      if (version === '') throw libraryErrors.versionNotFound(name, version, []);
      const candidates: { layer: Layer; folder: TemplateFolder; hash: string; dir: string; current: boolean }[] = [];
      for (const layer of layers) {
        const now = await current(layer, name, warnings);
        if (now !== undefined) candidates.push({ layer, ...now, current: true });
        for (const old of await archived(layer, name, warnings)) candidates.push({ layer, ...old, current: false });
      }
      if (candidates.length === 0) throw await notFound(ref, name);
      const byVersion = candidates.filter((candidate) => candidate.folder.manifest.version === version);
      const byHash = version.length >= MIN_HASH_PREFIX && HEX.test(version) ? candidates.filter((candidate) => candidate.hash.startsWith(version)) : [];
      // The nearest current version wins when it matches; otherwise the match must be one content.
      for (const matches of [byVersion, byHash]) {
        const first = matches[0];
        if (first === undefined) continue;
        const nearest = candidates[0];
        const pick = nearest !== undefined && nearest.current && matches.includes(nearest) ? nearest : first;
        const distinct = [...new Set(matches.map((match) => match.hash))];
        if (pick !== nearest && distinct.length > 1) {
          throw libraryErrors.ambiguous(
            ref,
            distinct.map((hash) => hash.slice(0, HASH_DIR_LENGTH)),
          );
        }
        return { name, template: stripWarnings(pick.folder), layer: pick.layer.name, dir: pick.dir, hash: pick.hash, current: pick.current, warnings };
      }
      const available = [...new Set(candidates.map((candidate) => `${candidate.hash.slice(0, HASH_DIR_LENGTH)}${candidate.folder.manifest.version === undefined ? '' : ` (${candidate.folder.manifest.version})`}`))];
      throw libraryErrors.versionNotFound(name, version, available);
    } finally {
      flush(warnings);
    }
  }

  async function versions(name: string): Promise<SavedVersion[]> {
    const warnings: string[] = [];
    const result: SavedVersion[] = [];
    try {
      for (const layer of layers) {
        const now = await current(layer, name, warnings);
        if (now !== undefined) result.push({ name, layer: layer.name, dir: now.dir, hash: now.hash, version: now.folder.manifest.version, current: true });
        for (const old of await archived(layer, name, warnings)) {
          result.push({ name, layer: layer.name, dir: old.dir, hash: old.hash, version: old.folder.manifest.version, current: false });
        }
      }
    } finally {
      flush(warnings);
    }
    return result;
  }

  const rel = (layer: Layer & { writeRoot: string }, path: string): string => relative(layer.writeRoot, path).split('\\').join('/');

  async function addTemplate(incoming: Template, warnings: string[], addOptions: AddOptions): Promise<AddResult> {
    const layer = writableLayer(addOptions.layer);
    const template = checkTemplate(incoming);
    const { name } = template.manifest;
    const hash = templateHash(template);
    const dir = posix.join(layer.dir, name);
    const existingWarnings: string[] = [];
    let existing: { folder: TemplateFolder; hash: string; dir: string } | undefined;
    let broken: WoptError | undefined;
    try {
      existing = await current(layer, name, existingWarnings);
    } catch (error) {
      if (!isWoptError(error)) throw error;
      broken = error;
    }
    const farther: LayerName[] = [];
    for (const other of layers.slice(layers.indexOf(layer) + 1)) if (await isDir(posix.join(other.dir, name))) farther.push(other.name);

    const changes: Change[] = [];
    let status: AddResult['status'] = 'created';
    let previousHash: string | undefined;
    if (existing !== undefined && existing.hash === hash) {
      status = 'unchanged';
      if (existing.folder.readme !== template.readme) {
        if (template.readme === undefined) changes.push({ path: rel(layer, posix.join(dir, README_FILE)), delete: true });
        else changes.push({ path: rel(layer, posix.join(dir, README_FILE)), content: template.readme, mode: 0o644 });
      }
    } else if (existing !== undefined || broken !== undefined || (await exists(dir))) {
      if (addOptions.force !== true) {
        if (existing !== undefined) throw libraryErrors.exists(name, layer.name, dir, existing.hash, hash);
        throw new WoptError(
          'E_EXISTS',
          `The ${layer.name} library already has a folder ${quote(dir)} that is not a valid template${broken === undefined ? '' : ` (${broken.message})`}. Pass force (CLI: --force) to replace its template files, or fix or remove it.`,
          { path: dir, cause: broken },
        );
      }
      status = 'replaced';
      if (existing !== undefined) {
        previousHash = existing.hash;
        const archive = posix.join(layer.dir, VERSIONS_DIR, name, existing.hash.slice(0, HASH_DIR_LENGTH));
        if (!(await exists(posix.join(archive, MANIFEST_FILE)))) {
          const { warnings: _ignored, ...old } = existing.folder;
          for (const change of templateToChanges(old, archive)) changes.push({ ...change, path: rel(layer, change.path) });
        }
        const keep = new Set(ownFiles(template));
        for (const file of ownFiles(existing.folder)) if (!keep.has(file)) changes.push({ path: rel(layer, posix.join(dir, file)), delete: true });
      }
    }
    if (status !== 'unchanged') for (const change of templateToChanges(template, dir)) changes.push({ ...change, path: rel(layer, change.path) });

    let report: BatchReport | undefined;
    if (changes.length > 0) {
      if (addOptions.dryRun !== true) await ensureDir(layer.writeRoot);
      // A new template refuses files that appeared since we looked (another process adding the same name).
      const onExisting = status === 'created' ? 'error' : 'overwrite';
      report =
        addOptions.dryRun === true && !(await isDir(layer.writeRoot))
          ? undefined
          : await write(layer.writeRoot, changes, `wopt templates add ${name}`, { dryRun: addOptions.dryRun, onExisting });
    }
    warnings.push(...existingWarnings);
    flush(warnings);
    return { name, layer: addOptions.layer, dir, hash, status, previousHash, shadows: farther, warnings, report };
  }

  async function add(source: string | Template, addOptions: AddOptions): Promise<AddResult> {
    if (typeof source === 'string') {
      const folder = await readTemplateFolder(fs, resolve(root, source));
      return addTemplate(stripWarnings(folder), [...folder.warnings], addOptions);
    }
    return addTemplate(source, [], addOptions);
  }

  async function importTemplate(source: string, addOptions: AddOptions): Promise<AddResult> {
    const path = resolve(root, source);
    const stat = await fs.stat(path);
    if (stat === undefined) throw errors.notFound(path, 'template folder or archive');
    if (stat.kind === 'directory') return add(path, addOptions);
    if (!ARCHIVE.test(path) && stat.kind !== 'file') throw errors.invalidInput(`${quote(path)} is neither a folder nor an archive`, 'Import a template folder or a .tgz/.tar.gz/.tar file.', path);
    const entries = templateEntries(readTar(await fs.readFile(path), path), path);
    const folder = templateFromEntries(entries, basename(path));
    return addTemplate(stripWarnings(folder), [...folder.warnings], addOptions);
  }

  async function remove(name: string, removeOptions: RemoveOptions): Promise<RemoveResult> {
    const layer = writableLayer(removeOptions.layer);
    const warnings: string[] = [];
    const now = TEMPLATE_NAME.test(name) ? await current(layer, name, warnings) : undefined;
    const old = removeOptions.keepVersions === true || !TEMPLATE_NAME.test(name) ? [] : await archived(layer, name, warnings);
    flush(warnings);
    if (now === undefined && old.length === 0) {
      throw libraryErrors.templateNotFound(`${name} (in the ${layer.name} library)`, closest(name, await namesIn(layer)), [layer.dir]);
    }
    const changes: Change[] = [];
    const folders: string[] = [];
    for (const version of [...(now === undefined ? [] : [now]), ...old]) {
      folders.push(version.dir);
      for (const file of ownFiles(version.folder)) changes.push({ path: rel(layer, posix.join(version.dir, file)), delete: true });
    }
    const report = await write(layer.writeRoot, changes, `wopt templates remove ${name}`, { dryRun: removeOptions.dryRun });
    const leftovers: string[] = [];
    if (removeOptions.dryRun !== true) {
      // Empty folders left by the deletes; anything else in them is not ours and stays.
      for (const folder of folders) await pruneEmpty(folder, leftovers);
      if (removeOptions.keepVersions !== true) await pruneEmpty(posix.join(layer.dir, VERSIONS_DIR, name), leftovers);
    }
    return { name, layer: removeOptions.layer, removed: [...(now === undefined ? [] : [now]), ...old].map((version) => version.hash), report, leftovers };
  }

  /** Removes empty directories bottom-up below (and including) `dir`; lists files found instead. */
  async function pruneEmpty(dir: string, leftovers: string[]): Promise<boolean> {
    const stat = await fs.lstat(dir);
    if (stat === undefined) return true;
    if (stat.kind !== 'directory') {
      leftovers.push(dir);
      return false;
    }
    let empty = true;
    for (const name of await fs.readdir(dir)) if (!(await pruneEmpty(posix.join(dir, name), leftovers))) empty = false;
    if (!empty) return false;
    await fs.rmdir(dir);
    return true;
  }

  async function exportTemplate(ref: string, destination: string, exportOptions: ExportOptions = {}): Promise<ExportResult> {
    const loaded = await get(ref);
    const path = resolve(root, destination);
    const asTar = exportOptions.tar ?? ARCHIVE.test(path);
    const parent = dirname(path);
    await ensureDir(parent);
    const onExisting = exportOptions.force === true ? 'overwrite' : 'error';
    let changes: Change[];
    if (asTar) {
      const files = templateToChanges(loaded.template, loaded.name).map((change) => ({ path: change.path, content: change.content as string, mode: change.mode }));
      changes = [{ path: basename(path), content: writeTar(files, { gzip: !/\.tar$/i.test(path) }), mode: 0o644 }];
    } else {
      changes = templateToChanges(loaded.template, basename(path));
    }
    // Written under the destination's parent, so the journal never lands inside the exported folder.
    const report = await write(parent, changes, `wopt templates export ${ref}`, { onExisting });
    return { name: loaded.name, hash: loaded.hash, path, report };
  }

  return { layers, list, get, versions, add, remove, export: exportTemplate, import: importTemplate };
}

/** A template without the reader's warnings. */
function stripWarnings(folder: TemplateFolder): Template {
  const { warnings: _warnings, ...template } = folder;
  return template;
}
