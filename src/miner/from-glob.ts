/**
 * `mineFromGlob`: the miner on files found by a glob, read through the fs port, with companions by
 * stem and a cache of mined templates keyed by the inputs.
 *
 * - The glob is expanded by fast-glob relative to `cwd` (`node_modules` and dotfiles excluded, but
 *   for dot folders the glob names, as `.github/workflows/*.yml`; results sorted); fast-glob walks
 *   the disk through an adapter over the port, so nothing here touches `node:fs`.
 * - When the glob matches one file per member (`src/app/*\/*.component.ts`), the files beside each
 *   one sharing its stem are members' files too (`*.component.html`, `*.component.spec.ts`).
 * - When the members are formatted by prettier (every file prettier parses is unchanged by the
 *   project's config, or by a likely set of options), the template records those options and
 *   formats what it generates with them (TemplateManifest.format).
 * - The mined result is cached under `<root>/.wopt/cache/mined/<sha256>.json`, the hash covering the
 *   miner version, the options and every path and content: the same files mine instantly the second
 *   time (`cached: true`), and any edit mines afresh. Entries are written through the port to a temp
 *   file renamed into place (atomic; a cache needs no journal).
 */
import { createHash, randomBytes } from 'node:crypto';
import { basename, dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import fg from 'fast-glob';
import { WoptError } from '../errors.js';
import type { FileStat, FsPort } from '../fs/port.js';
import type { Template } from '../library/template.js';
import { createFormatter, type FormatStats } from '../render/format.js';
import { detectFormatting } from './format-detect.js';
import { stemOf } from './group.js';
import { mineTemplate } from './mine.js';
import type { Example, MemberParams, MineReport } from './types.js';
import { byString, decodeText } from '../util/text.js';

/**
 * The version of the miner's output. Part of the cache key: bump it whenever a change to the miner
 * changes what it produces, so stale cached templates are never served.
 */
export const MINER_VERSION = '130';

export interface MineFromGlobOptions {
  /** The filesystem everything is read (and the cache written) through. */
  readonly fs: FsPort;
  /** The project root (absolute): example paths, template paths and provenance are relative to it. */
  readonly root: string;
  /** Where the glob is relative to (absolute). */
  readonly cwd: string;
  /**
   * The glob (fast-glob syntax; `*` stays in one path segment, `**` crosses them).
   * @example 'src/components/*\/*'
   */
  readonly pattern: string;
  /** How files form members (see MineOptions.unit). Default `auto`. */
  readonly unit?: 'file' | 'folder' | 'auto' | undefined;
  /** The template's name (default: derived from the shared folder). */
  readonly name?: string | undefined;
  /** Where mined templates are cached. Default `<root>/.wopt/cache/mined`; `false`: no cache. */
  readonly cacheDir?: string | false | undefined;
  /** Recorded in the template's provenance (`source.tool`), e.g. `wopt 0.1.0`. */
  readonly tool?: string | undefined;
  /** The clock for `source.minedAt`. Default `() => new Date()`. */
  readonly now?: (() => Date) | undefined;
  /**
   * Record the prettier options the examples are formatted with (see detectFormatting), so the
   * template formats its output the same way. Default true; false mines the text alone.
   */
  readonly detectFormat?: boolean | undefined;
  /** Told before a large input is mined (see LARGE_INPUT), which takes long: a CLI says so. */
  readonly onLargeInput?: ((input: LargeInput) => void) | undefined;
}

/**
 * Inputs large enough that mining takes long: more text in all, or one file longer, than this
 * (the members are aligned line by line; TypeScript's DOM typings, two files of 1.1 MB, take about
 * 45 s here, where 160 members of 100 lines take 1 s). A family is mostly a few to a few dozen
 * members of some hundred lines; a glob that matches this much was often not meant.
 */
export const LARGE_INPUT = { bytes: 2 * 1024 * 1024, fileBytes: 512 * 1024 } as const;

/** A large input about to be mined (see LARGE_INPUT). */
export interface LargeInput {
  readonly files: number;
  readonly bytes: number;
}

export interface MineFromGlobResult {
  readonly template: Template;
  readonly params: readonly MemberParams[];
  readonly report: MineReport;
  /** True when the result came from the cache (nothing was mined). */
  readonly cached: boolean;
  /** Every file mined (companions included), relative to the root, sorted. */
  readonly files: readonly string[];
}

/** The warning for binary files left out of a template. */
function leftOut(binary: readonly string[]): string {
  const [one, them] = binary.length === 1 ? ['', 'it'] : ['s', 'them'];
  const listed = `${binary.slice(0, 5).join(', ')}${binary.length > 5 ? ', ...' : ''}`;
  return `left out ${binary.length} binary file${one} (templates are text; copy ${them} by hand if a new member needs ${them}): ${listed}`;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const formatStats = (): FormatStats => ({ prettierLoads: 0, configResolutions: 0, formatted: 0, passedThrough: 0 });
const toPosix = (path: string): string => path.split(sep).join('/');
/**
 * Whether a path is skipped: one in node_modules, in wopt's own `.wopt/`, or below a dot folder or
 * at a dotfile the glob does not name (`.github/workflows/*.yml` names `.github`).
 */
const hiddenFor = (pattern: string): ((path: string) => boolean) => {
  const named = new Set(pattern.split('/').filter((part) => part.startsWith('.') && part !== '.' && part !== '..' && !/[*?[\]{}!]/.test(part)));
  return (path) => path.split('/').some((part) => part === 'node_modules' || part === '.wopt' || (part.startsWith('.') && !named.has(part)));
};

type Callback<T> = (error: NodeJS.ErrnoException | null, value?: T) => void;

/** A Stats/Dirent look-alike for fast-glob. */
function entryOf(name: string, stat: FileStat) {
  return {
    name,
    isFile: () => stat.kind === 'file',
    isDirectory: () => stat.kind === 'directory',
    isSymbolicLink: () => stat.kind === 'symlink',
    isBlockDevice: () => false,
    isCharacterDevice: () => false,
    isFIFO: () => false,
    isSocket: () => false,
    size: stat.size,
    mode: stat.mode,
    mtimeMs: stat.mtimeMs,
  };
}

function missing(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOENT: no such file or directory, '${path}'`), { code: 'ENOENT', path });
}

/** fast-glob's filesystem adapter over the port (its async API only calls these). */
function globAdapter(fs: FsPort) {
  const settle = <T>(promise: Promise<T>, callback: Callback<T>) => {
    promise.then(
      (value) => callback(null, value),
      (error: unknown) => callback(error instanceof Error ? (error as NodeJS.ErrnoException) : new Error(String(error))),
    );
  };
  const statWith = (how: 'lstat' | 'stat') => (path: string, callback: Callback<ReturnType<typeof entryOf>>) =>
    settle(
      fs[how](path).then((stat) => {
        if (stat === undefined) throw missing(path);
        return entryOf(path, stat);
      }),
      callback,
    );
  const syncUnsupported = () => {
    throw new Error('wopt reads globs through its fs port asynchronously only');
  };
  return {
    lstat: statWith('lstat'),
    stat: statWith('stat'),
    lstatSync: syncUnsupported,
    statSync: syncUnsupported,
    readdirSync: syncUnsupported,
    readdir: (path: string, ...rest: unknown[]) => {
      const callback = rest[rest.length - 1] as Callback<unknown[]>;
      const withTypes = (rest[0] as { withFileTypes?: boolean } | undefined)?.withFileTypes === true;
      settle(
        // A folder that is not there is no error to fast-glob (it skips ENOENT), only no matches.
        fs.readdir(path).catch((error: unknown) => {
          throw error instanceof WoptError && error.code === 'E_NOT_FOUND' ? missing(path) : error;
        }).then(async (names) => {
          const sorted = [...names].sort(byString);
          if (!withTypes) return sorted;
          const entries = [];
          for (const name of sorted) {
            const stat = await fs.lstat(join(path, name));
            if (stat !== undefined) entries.push(entryOf(name, stat));
          }
          return entries;
        }),
        callback,
      );
    },
  };
}

/**
 * The glob with folder names that only look like patterns taken literally: a parenthesized word
 * (Next.js route groups, `app/(docs)/`) is no alternation, and a bracketed word standing for a whole
 * segment (`app/blog/[id]/`, `[...slug]`) is no one-letter class. Real patterns keep their meaning:
 * `@(a|b)`, `(a|b)`, `[A-Z]*`.
 */
export function literalFolders(pattern: string): string {
  return pattern
    .split('/')
    .map((segment) => {
      if (/^\[{1,2}(?:\.\.\.)?[\w-]{2,}\]{1,2}$/u.test(segment)) return segment.replace(/[[\]]/g, '\\$&');
      return segment.replace(/(^|[^!@+*?\\])\(([\w.-]*)\)/gu, '$1\\($2\\)');
    })
    .join('/');
}

/** The files a glob matches, relative to `cwd`, sorted. */
export async function expandGlob(fs: FsPort, cwd: string, pattern: string): Promise<string[]> {
  const found = await fg(literalFolders(pattern), {
    cwd,
    dot: false,
    onlyFiles: true,
    ignore: ['**/node_modules/**'],
    followSymbolicLinks: false,
    fs: globAdapter(fs) as unknown as fg.FileSystemAdapter,
  });
  const hidden = hiddenFor(pattern);
  return found.map(toPosix).filter((path) => !hidden(path)).sort(byString);
}

/** The first folder of the glob's literal start that does not exist below `cwd` (`src/main/nope` of `src/main/nope/deeper/*.java`), if one does not. */
async function missingBase(fs: FsPort, cwd: string, pattern: string): Promise<string | undefined> {
  const segments = pattern.split('/');
  const literal: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (segment !== '' && fg.isDynamicPattern(segment)) break;
    literal.push(segment);
  }
  let missingFrom: number | undefined;
  for (let length = literal.length; length > 0; length--) {
    const folder = literal.slice(0, length).join('/');
    if (folder === '' || (await fs.stat(resolve(cwd, folder))) !== undefined) break;
    missingFrom = length;
  }
  return missingFrom === undefined ? undefined : literal.slice(0, missingFrom).join('/');
}

/** Adds the files beside each match that share its stem, when the glob matched one file per stem. */
async function withCompanions(fs: FsPort, rootRelative: readonly string[], root: string): Promise<string[]> {
  const keyOf = (path: string) => `${posix.dirname(path)}/${stemOf(path)}`;
  const keys = new Set(rootRelative.map(keyOf));
  if (keys.size !== rootRelative.length) return [...rootRelative];
  const out = new Set(rootRelative);
  const folders = [...new Set(rootRelative.map((path) => posix.dirname(path)))];
  for (const folder of folders) {
    const names = await fs.readdir(join(root, folder));
    for (const name of [...names].sort(byString)) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const path = folder === '.' ? name : `${folder}/${name}`;
      if (out.has(path) || !keys.has(keyOf(path))) continue;
      const stat = await fs.lstat(join(root, path));
      if (stat?.kind === 'file') out.add(path);
    }
  }
  return [...out].sort(byString);
}

async function mkdirp(fs: FsPort, dir: string): Promise<void> {
  if ((await fs.stat(dir)) !== undefined) return;
  const parent = dirname(dir);
  if (parent !== dir) await mkdirp(fs, parent);
  try {
    await fs.mkdir(dir);
  } catch (error) {
    if ((await fs.stat(dir))?.kind !== 'directory') throw error;
  }
}

/**
 * Stores a cache entry: written to a temp file, then renamed over the entry, so a reader never sees
 * half an entry. A cache is not a transaction (`.wopt/` is not the writer's to touch either), and a
 * failure to store it only costs the next run a mine: it is swallowed.
 */
async function storeEntry(fs: FsPort, file: string, text: string): Promise<boolean> {
  const data = Buffer.from(text, 'utf8');
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdirp(fs, dirname(file));
    const handle = await fs.open(temp, 'create-exclusive', 0o644);
    try {
      let offset = 0;
      while (offset < data.length) {
        const written = await fs.write(handle, data, offset, data.length - offset);
        if (written <= 0) throw new Error('the write made no progress');
        offset += written;
      }
    } finally {
      await fs.close(handle);
    }
    await fs.rename(temp, file);
    return true;
  } catch {
    await fs.unlink(temp).catch(() => undefined);
    return false;
  }
}

interface CacheEntry {
  readonly version: string;
  readonly key: string;
  readonly template: Template;
  readonly params: readonly MemberParams[];
  readonly report: MineReport;
  readonly files: readonly string[];
}

/**
 * Mines a template from the files a glob matches (see the module comment for grouping, companions
 * and the cache).
 *
 * @example
 * const { template, report, cached } = await mineFromGlob({ fs: nodeFs, root, cwd: root, pattern: 'src/routes/*.routes.ts' });
 * @throws WoptError E_NOT_FOUND when the glob matches nothing; E_PATH_OUTSIDE_ROOT when it matches
 *   files outside the root; E_NOT_A_FAMILY (see mineTemplate); the port's read errors.
 */
export async function mineFromGlob(options: MineFromGlobOptions): Promise<MineFromGlobResult> {
  const { fs, pattern } = options;
  const root = resolve(options.root);
  const cwd = resolve(options.cwd);
  const matched = await expandGlob(fs, cwd, pattern);
  if (matched.length === 0) {
    const base = await missingBase(fs, cwd, pattern);
    const why = base === undefined ? '' : ` (the folder ${JSON.stringify(base)} does not exist)`;
    throw new WoptError(
      'E_NOT_FOUND',
      `The glob ${JSON.stringify(pattern)} matches no file below ${JSON.stringify(cwd)}${why}. Quote the glob so the shell does not expand it, and check it from the working directory (node_modules and dotfiles are skipped unless the glob names them, as in '.github/workflows/*.yml').`,
      { path: cwd },
    );
  }
  const rootRelative = matched.map((path) => {
    const inRoot = toPosix(relative(root, join(cwd, path)));
    if (inRoot.startsWith('../') || inRoot === '..' || isAbsolute(inRoot)) {
      throw new WoptError('E_PATH_OUTSIDE_ROOT', `${JSON.stringify(path)} (matched by ${JSON.stringify(pattern)}) is outside the project root ${JSON.stringify(root)}. Pass --root or a glob below it.`, {
        path: join(cwd, path),
      });
    }
    return inRoot;
  });
  const found = await withCompanions(fs, [...new Set(rootRelative)].sort(byString), root);
  const examples: Example[] = [];
  const binary: string[] = [];
  for (const path of found) {
    const content = decodeText(await fs.readFile(join(root, path)), { keepByteOrderMark: true });
    if (content === undefined) binary.push(path);
    else examples.push({ path, content });
  }
  if (examples.length === 0) {
    throw new WoptError(
      'E_NOT_A_FAMILY',
      `The glob ${JSON.stringify(pattern)} matches only binary files (${binary.slice(0, 3).map((path) => JSON.stringify(path)).join(', ')}${binary.length > 3 ? ', ...' : ''}); templates are text. Point --from at the members' source files.`,
      { path: cwd },
    );
  }
  const files = examples.map((example) => example.path);

  const hash = createHash('sha256');
  hash.update(JSON.stringify({ miner: MINER_VERSION, unit: options.unit ?? 'auto', name: options.name ?? null, from: pattern, format: options.detectFormat !== false }));
  for (const example of examples) hash.update(`\0${example.path}\0${sha256(example.content)}`);
  const key = hash.digest('hex');

  const cacheDir = options.cacheDir === false ? undefined : resolve(root, options.cacheDir ?? join('.wopt', 'cache', 'mined'));
  const cacheFile = cacheDir === undefined ? undefined : join(cacheDir, `${key}.json`);
  if (cacheFile !== undefined && (await fs.lstat(cacheFile))?.kind === 'file') {
    try {
      const entry = JSON.parse((await fs.readFile(cacheFile)).toString('utf8')) as CacheEntry;
      if (entry.version === MINER_VERSION && entry.key === key) {
        return { template: entry.template, params: entry.params, report: entry.report, cached: true, files: entry.files };
      }
    } catch {
      // A damaged cache entry is mined again and overwritten.
    }
  }

  const sizes = examples.map((example) => Buffer.byteLength(example.content));
  const bytes = sizes.reduce((sum, size) => sum + size, 0);
  if (bytes > LARGE_INPUT.bytes || sizes.some((size) => size > LARGE_INPUT.fileBytes)) options.onLargeInput?.({ files: examples.length, bytes });
  const text = mineTemplate(examples, {
    name: options.name,
    unit: options.unit,
    provenance: { from: pattern, minedAt: (options.now ?? (() => new Date()))().toISOString(), tool: options.tool },
  });
  // Images, fonts and other binary files beside the members are left out, and said so: a template
  // is text, and the members' text is what a new member is made of.
  const plain = binary.length === 0 ? text : { ...text, report: { ...text.report, warnings: [...text.report.warnings, leftOut(binary)] } };
  // The examples' formatting, when prettier's: what the template formats its output with.
  const prettier = options.detectFormat === false ? undefined : await detectFormatting(examples, createFormatter({ fs, root, stats: formatStats() }));
  const mined = prettier === undefined ? plain : { ...plain, template: { ...plain.template, manifest: { ...plain.template.manifest, format: { prettier } } } };
  if (cacheFile !== undefined) {
    const entry: CacheEntry = { version: MINER_VERSION, key, template: mined.template, params: mined.params, report: mined.report, files };
    await storeEntry(fs, cacheFile, `${JSON.stringify(entry)}\n`);
  }
  return { ...mined, cached: false, files };
}
