/**
 * Errors of the template library and the config loader.
 *
 *   E_TEMPLATE_INVALID    a template.json (or a template folder) breaks the format
 *   E_TEMPLATE_NOT_FOUND  no template (or no version of it) answers a reference
 *   E_TEMPLATE_AMBIGUOUS  a version or hash prefix matches more than one saved version
 *   E_ARCHIVE_INVALID     a tarball is damaged or is not a tar file
 *   E_ARCHIVE_UNSAFE      a tarball entry would escape its folder or is a link or device
 *   E_CONFIG_INVALID      wopt.config.* or package.json#wopt is malformed
 *   E_EXISTS              (existing code) adding over a different template without force
 */
import { WoptError } from '../errors.js';

export type LibraryErrorCode =
  | 'E_TEMPLATE_INVALID'
  | 'E_TEMPLATE_NOT_FOUND'
  | 'E_TEMPLATE_AMBIGUOUS'
  | 'E_ARCHIVE_INVALID'
  | 'E_ARCHIVE_UNSAFE'
  | 'E_CONFIG_INVALID';

const quote = (value: string): string => JSON.stringify(value);

const make = (code: LibraryErrorCode, message: string, path?: string, cause?: unknown, paths?: readonly string[]): WoptError =>
  new WoptError(code, message, { path, cause, paths });

/** Where in a JSON document: `params.name.type`, or `(top level)`. */
export const jsonPath = (segments: readonly (string | number)[]): string =>
  segments.length === 0
    ? '(top level)'
    : segments
        .map((segment, index) =>
          typeof segment === 'number' ? `[${segment}]` : /^[A-Za-z_$][\w$]*$/.test(segment) ? `${index === 0 ? '' : '.'}${segment}` : `[${quote(segment)}]`,
        )
        .join('');

export const libraryErrors = {
  /** One problem in a manifest: the file, the JSON path, what is wrong and the fix. */
  templateInvalid: (file: string, where: readonly (string | number)[], why: string, fix: string, cause?: unknown) =>
    make('E_TEMPLATE_INVALID', `Template ${quote(file)}, ${jsonPath(where)}: ${why}. ${fix}`, file, cause),

  /** A problem with a template folder rather than one field of its manifest. */
  folderInvalid: (dir: string, why: string, fix: string, cause?: unknown) =>
    make('E_TEMPLATE_INVALID', `Template folder ${quote(dir)}: ${why}. ${fix}`, dir, cause),

  templateNotFound: (ref: string, closest: readonly string[], searched: readonly string[]) =>
    make(
      'E_TEMPLATE_NOT_FOUND',
      `No template ${quote(ref)} in the library (searched ${searched.map(quote).join(', ') || 'no layer'}).${
        closest.length > 0 ? ` Did you mean ${closest.map(quote).join(' or ')}?` : ''
      } Run \`wopt templates list\` to see every template, or add one with \`wopt templates add <folder>\`.`,
      ref,
    ),

  versionNotFound: (name: string, version: string, available: readonly string[]) =>
    make(
      'E_TEMPLATE_NOT_FOUND',
      `Template ${quote(name)} has no version ${quote(version)}.${
        available.length > 0 ? ` Saved versions: ${available.join(', ')}.` : ''
      } Use a \`version\` value or at least 7 characters of a content hash (\`wopt templates list\` shows them).`,
      name,
    ),

  ambiguous: (ref: string, matches: readonly string[]) =>
    make(
      'E_TEMPLATE_AMBIGUOUS',
      `${quote(ref)} matches ${matches.length} saved versions (${matches.join(', ')}). Give more characters of the hash.`,
      ref,
    ),

  archiveInvalid: (archive: string, why: string) =>
    make('E_ARCHIVE_INVALID', `Cannot read the archive ${quote(archive)}: ${why}. Check that it is a .tar, .tgz or .tar.gz file (e.g. made by \`npm pack\` or \`tar -czf\`).`, archive),

  archiveUnsafe: (archive: string, entry: string, why: string) =>
    make(
      'E_ARCHIVE_UNSAFE',
      `Refusing the archive ${quote(archive)}: entry ${quote(entry)} ${why}. Nothing was written. A template archive may hold only plain files and directories below one folder; rebuild it without that entry.`,
      archive,
    ),

  configInvalid: (file: string, where: string, why: string, fix: string, cause?: unknown) =>
    make('E_CONFIG_INVALID', `Config ${quote(file)}${where === '' ? '' : `, ${where}`}: ${why}. ${fix}`, file, cause),

  exists: (name: string, layer: string, dir: string, currentHash: string, newHash: string) =>
    new WoptError(
      'E_EXISTS',
      `The ${layer} library already has a different template ${quote(name)} (${quote(dir)}, hash ${currentHash.slice(0, 12)}; the new one is ${newHash.slice(0, 12)}). Pass force (CLI: --force) to replace it: the current version is kept and stays reachable as ${name}@${currentHash.slice(0, 12)}. Or rename the new template.`,
      { path: dir },
    ),
} as const;
