/**
 * Template folders: `template.json`, an optional `README.md`, and `files/**`, read into a
 * {@link Template} and written back as batch changes.
 *
 * ```
 * my-template/
 *   template.json        the manifest (validated; see templates/template.schema.json)
 *   README.md            optional documentation, carried along (not part of the hash)
 *   files/**             the files; paths and contents are Handlebars, a trailing .hbs is dropped
 * ```
 *
 * Nothing is ignored silently: any other file beside them is reported as a warning, and a link or
 * special file below `files/` is refused.
 */
import { posix } from 'node:path';
import { SMALL_FILE_BYTES, type FsPort } from '../fs/port.js';
import type { WriteChange } from '../tx/changes.js';
import { libraryErrors } from './errors.js';
import { MANIFEST_KEYS, validateManifest, parseManifest } from './validate.js';
import type { Template, TemplateFile, TemplateManifest } from './template.js';

export const MANIFEST_FILE = 'template.json';
export const README_FILE = 'README.md';
export const FILES_DIR = 'files';

/** The mode written for an executable template file; every other file is written 0o644. */
export const EXECUTABLE_MODE = 0o755;
export const REGULAR_MODE = 0o644;

/** Limits that stop a wrong folder (a whole project, node_modules) from being read into memory. */
export const MAX_TEMPLATE_FILES = 5000;
export const MAX_TEMPLATE_BYTES = 64 * 1024 * 1024;

/** A template read from a folder or an archive, with what was found beside it. */
export interface TemplateFolder extends Template {
  /** Files that are not part of the template (outside `files/`), empty directories, and the like. */
  readonly warnings: readonly string[];
}

/** One entry of a folder or an archive, relative to the template folder (POSIX separators). */
export interface FolderEntry {
  readonly path: string;
  readonly kind: 'file' | 'directory' | 'symlink' | 'other';
  readonly content?: Uint8Array;
  readonly mode?: number;
}

const quote = (value: string): string => JSON.stringify(value);
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Checks a template file path: relative, POSIX separators, no `.`/`..`/empty segments, no NUL.
 * Returns a reason when it is refused.
 */
export function templatePathProblem(path: string): string | undefined {
  if (path === '') return 'is empty';
  if (path.includes('\0')) return 'contains a NUL character';
  if (path.includes('\\')) return 'contains a backslash (use "/" between folders)';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'is absolute';
  for (const segment of path.split('/')) {
    if (segment === '..') return 'climbs out of the folder with ".."';
    if (segment === '.' || segment === '') return 'has an empty or "." segment';
  }
  return undefined;
}

/** Normalizes a file mode to what a template keeps: executable or not (as git does). */
export const templateMode = (mode: number | undefined): number | undefined =>
  mode !== undefined && (mode & 0o111) !== 0 ? EXECUTABLE_MODE : undefined;

/**
 * Checks an in-memory template (e.g. built in code before `library.add`): a valid manifest and
 * safe, unique file paths. Returns a new, normalized template.
 *
 * @throws WoptError E_TEMPLATE_INVALID naming the template and the problem.
 */
export function checkTemplate(template: Template, label = `template ${quote(template.manifest?.name ?? '?')}`): Template {
  const manifest = validateManifest(template.manifest, label);
  const seen = new Set<string>();
  const files: TemplateFile[] = [];
  for (const file of template.files) {
    const problem = templatePathProblem(file.path);
    if (problem !== undefined) throw libraryErrors.folderInvalid(label, `the file path ${quote(file.path)} ${problem}`, 'Use a relative path below files/, with "/" between folders.');
    if (seen.has(file.path)) throw libraryErrors.folderInvalid(label, `the file ${quote(file.path)} appears twice`, 'Keep one of them.');
    if (typeof file.content !== 'string') throw libraryErrors.folderInvalid(label, `the file ${quote(file.path)} has no text content`, 'Template files are text (Handlebars); give content as a string.');
    seen.add(file.path);
    const mode = templateMode(file.mode);
    files.push(mode === undefined ? { path: file.path, content: file.content } : { path: file.path, content: file.content, mode });
  }
  return template.readme === undefined ? { manifest, files } : { manifest, files, readme: template.readme };
}

/**
 * Builds a template from the entries of a folder or an archive.
 *
 * @throws WoptError E_TEMPLATE_INVALID when template.json is missing or invalid, a file below files/
 *   is a link or special file or is not UTF-8 text.
 */
export function templateFromEntries(entries: readonly FolderEntry[], label: string): TemplateFolder {
  const warnings: string[] = [];
  const files: TemplateFile[] = [];
  let manifest: TemplateManifest | undefined;
  let readme: string | undefined;
  const nonEmptyDirs = new Set<string>();
  for (const entry of entries) {
    const parent = posix.dirname(entry.path);
    if (parent !== '.') nonEmptyDirs.add(parent);
  }
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifestFile = posix.join(label, MANIFEST_FILE);
  for (const entry of sorted) {
    const { path } = entry;
    const inFiles = path.startsWith(`${FILES_DIR}/`);
    if (entry.kind === 'directory') {
      if (path !== FILES_DIR && !nonEmptyDirs.has(path)) {
        warnings.push(`${quote(path)} is an empty directory; it is not part of the template (templates hold files). Put a file in it (e.g. .gitkeep) or delete it.`);
      }
      continue;
    }
    if (entry.kind !== 'file') {
      const what = entry.kind === 'symlink' ? 'a symbolic link' : 'not a regular file';
      if (inFiles || path === MANIFEST_FILE) {
        throw libraryErrors.folderInvalid(label, `${quote(path)} is ${what}`, 'Templates hold plain files only: replace it with a copy of the file it points to.');
      }
      warnings.push(`${quote(path)} is ${what} outside files/; it is not part of the template. Delete it.`);
      continue;
    }
    const content = entry.content ?? new Uint8Array();
    const decode = (): string => {
      try {
        return utf8.decode(content);
      } catch (error) {
        throw libraryErrors.folderInvalid(label, `${quote(path)} is not UTF-8 text`, 'Template files are Handlebars text; convert it to UTF-8 or leave binary assets out of the template.', error);
      }
    };
    if (path === MANIFEST_FILE) manifest = parseManifest(decode(), manifestFile);
    else if (path === README_FILE) readme = decode();
    else if (inFiles) {
      const relative = path.slice(FILES_DIR.length + 1);
      const problem = templatePathProblem(relative);
      if (problem !== undefined) throw libraryErrors.folderInvalid(label, `the file ${quote(path)} ${problem}`, 'Rename it.');
      const mode = templateMode(entry.mode);
      const text = decode();
      files.push(mode === undefined ? { path: relative, content: text } : { path: relative, content: text, mode });
    } else {
      warnings.push(
        `${quote(path)} is outside files/ and is not part of the template (a template folder holds template.json, README.md and files/**). Move it into files/ to generate it, or delete it.`,
      );
    }
  }
  if (manifest === undefined) {
    throw libraryErrors.folderInvalid(label, 'has no template.json', 'Add a template.json with at least { "name": "my-template" } (see templates/template.schema.json), or point at the template folder itself.');
  }
  if (files.length === 0) warnings.push(`${quote(label)} has no files below files/; rendering it generates nothing.`);
  const template: Template = readme === undefined ? { manifest, files } : { manifest, files, readme };
  return { ...template, warnings };
}

/** Reads every entry below `dir` (lstat: links are reported as links, never followed). */
export async function readFolderEntries(fs: FsPort, dir: string): Promise<FolderEntry[]> {
  const entries: FolderEntry[] = [];
  let bytes = 0;
  const walk = async (absolute: string, relative: string): Promise<void> => {
    const names = (await fs.readdir(absolute)).sort();
    for (const name of names) {
      const path = relative === '' ? name : `${relative}/${name}`;
      const full = posix.join(absolute, name);
      const stat = await fs.lstat(full);
      if (stat === undefined) continue; // removed while we read: it is not part of what we read
      if (entries.length >= MAX_TEMPLATE_FILES) {
        throw libraryErrors.folderInvalid(dir, `has more than ${MAX_TEMPLATE_FILES} entries`, 'Point at a template folder (template.json and files/), not a whole project.');
      }
      if (stat.kind === 'directory') {
        entries.push({ path, kind: 'directory' });
        await walk(full, path);
      } else if (stat.kind === 'file') {
        bytes += stat.size;
        if (bytes > MAX_TEMPLATE_BYTES) {
          throw libraryErrors.folderInvalid(dir, `holds more than ${MAX_TEMPLATE_BYTES} bytes`, 'Point at a template folder (template.json and files/), not a whole project.');
        }
        // Template files are small: one synchronous read each (see FsPort.readSmallFile).
        const content = stat.size <= SMALL_FILE_BYTES ? await fs.readSmallFile(full, stat.size) : await fs.readFile(full);
        entries.push({ path, kind: 'file', content, mode: stat.mode });
      } else entries.push({ path, kind: stat.kind, mode: stat.mode });
    }
  };
  const top = await fs.stat(dir);
  if (top === undefined) throw libraryErrors.folderInvalid(dir, 'does not exist', 'Check the path.');
  if (top.kind !== 'directory') throw libraryErrors.folderInvalid(dir, 'is not a directory', 'Point at the folder holding template.json.');
  await walk(dir, '');
  return entries;
}

/**
 * Reads a template folder: `template.json` (validated), `README.md`, and every file below `files/`
 * with its mode (executable or not).
 *
 * @example const template = await readTemplateFolder(createNodeFs(), '/abs/templates/react-component');
 * @throws WoptError E_TEMPLATE_INVALID (missing or invalid template.json, a link or non-UTF-8 file
 *   below files/, a folder far too big); the fs port's errors when the folder cannot be read.
 */
export async function readTemplateFolder(fs: FsPort, dir: string): Promise<TemplateFolder> {
  return templateFromEntries(await readFolderEntries(fs, dir), dir);
}

/** The manifest as written to disk: conventional key order, two-space JSON, final newline. */
export function manifestText(manifest: TemplateManifest): string {
  const ordered: Record<string, unknown> = {};
  for (const key of MANIFEST_KEYS) {
    if (manifest[key] !== undefined) ordered[key] = manifest[key];
  }
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/**
 * The changes that write a template as a folder at `dir` (relative to the batch root): template.json,
 * README.md when there is one, and files/**, with mode 0o755 for executable files and 0o644 for the
 * rest. Files already in `dir` that the template does not hold are not deleted here (the library
 * adds those deletes when it replaces a template).
 *
 * @example await batchWrite(templateToChanges(template, 'templates/card'), { root })
 */
export function templateToChanges(template: Template, dir: string): WriteChange[] {
  const changes: WriteChange[] = [{ path: posix.join(dir, MANIFEST_FILE), content: manifestText(template.manifest), mode: REGULAR_MODE }];
  if (template.readme !== undefined) changes.push({ path: posix.join(dir, README_FILE), content: template.readme, mode: REGULAR_MODE });
  for (const file of template.files) {
    changes.push({ path: posix.join(dir, FILES_DIR, file.path), content: file.content, mode: file.mode === undefined ? REGULAR_MODE : file.mode });
  }
  return changes;
}
