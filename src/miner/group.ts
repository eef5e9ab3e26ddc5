/**
 * Step 1: group the example files into members.
 *
 * - `file`: files side by side that share a stem are one member (`Foo.tsx`, `Foo.test.tsx`,
 *   `Foo.module.css`; Go's `order_item.go` + `order_item_test.go`; Angular's
 *   `x.component.ts/.html/.spec.ts/.css`). The stem is the file name up to its first dot, without a
 *   trailing `_test`; when that is every file's (`environment.dev.ts`, `environment.prod.ts`), the
 *   dotted parts every name starts with are skipped (`dev`, `prod`). A suffix files add to the
 *   stems of files beside them (`delete_account_parameters.go`, `delete_account_responses.go` beside
 *   `delete_account.go`), or a test word glued to a PascalCase stem (`AuthorityTest.java`,
 *   `AuthorityTestSamples.java`), marks companions too.
 * - `folder`: everything below one per-member folder is one member, nested folders included. The
 *   member folders are the first path segment below the folder all examples share, or a deeper
 *   one where the first holds kinds (`components/footer/footer.component.ts`,
 *   `views/home/home.component.ts`: see memberDepth).
 * - `auto`: `file` when every example sits in one folder, `folder` otherwise.
 */
import type { Example } from './types.js';
import { byString } from '../util/text.js';
import { countValues } from '../util/collect.js';

export type Unit = 'file' | 'folder';

export interface MemberGroup {
  /** The member folder (unit `folder`) or the folder plus stem (unit `file`): what identifies it. */
  readonly key: string;
  /** The folder (unit `folder`) or stem (unit `file`) the name is read from. */
  readonly label: string;
  /** The member's files, sorted by path. */
  readonly files: readonly Example[];
}

export interface Grouping {
  readonly unit: Unit;
  readonly members: readonly MemberGroup[];
  /** Why this unit was chosen (for the report). */
  readonly why: string;
}

const dirname = (path: string): string => {
  const at = path.lastIndexOf('/');
  return at < 0 ? '' : path.slice(0, at);
};
const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** The stem of a file name: up to the first dot (ignoring a leading one), without a trailing `_test`. */
export function stemOf(path: string): string {
  const base = basename(path);
  const dot = base.indexOf('.', 1);
  const stem = dot < 0 ? base : base.slice(0, dot);
  return stem.endsWith('_test') && stem.length > '_test'.length ? stem.slice(0, -'_test'.length) : stem;
}

/**
 * How to read stems for a set of files: up to the first dot (stemOf), unless that gives every file
 * the same stem, as in `environment.dev.ts`, `environment.prod.ts`: then the dotted parts every
 * file name starts with are skipped (`dev`, `prod`). A suffix that files of one folder add to the
 * stems of others (`delete_account_parameters.go` beside `delete_account.go`, or beside
 * `delete_account_responses.go`) is a companion's (see companionSuffixes), and is left out of the
 * stem too.
 */
export function stemsOf(paths: readonly string[], base: (path: string) => string = dottedStems(paths)): (path: string) => string {
  const stems = paths.map((path) => `${dirname(path)}/${base(path)}`);
  const suffixes = [...new Set([...companionSuffixes(stems), ...uniformGluedSuffixes(stems)])].sort(longestFirst);
  if (suffixes.length === 0) return base;
  return (path) => withoutSuffix(base(path), suffixes);
}

/** Suffixes in the order they are tried: longest first, then by code unit. */
const longestFirst = (a: string, b: string): number => b.length - a.length || byString(a, b);

/** The stem without the first of `suffixes` (longest first) it ends with at a split. */
const withoutSuffix = (stem: string, suffixes: readonly string[]): string => {
  const suffix = suffixes.find((candidate) => {
    const at = stem.length - candidate.length;
    return stem.endsWith(candidate) && at > 0 && (isSplit(stem, at) || isGlued(stem, at));
  });
  return suffix === undefined ? stem : stem.slice(0, -suffix.length);
};

/** Whether a PascalCase word starts at `at` (`XGet200Response|Payload`). */
const isGlued = (stem: string, at: number): boolean => /[\p{Ll}\p{N}]/u.test(stem[at - 1] ?? '') && /\p{Lu}/u.test(stem[at] ?? '');

/** Members a glued suffix must extend, every one of them, to be a companion's (see uniformGluedSuffixes). */
const GLUED_SUFFIX_MEMBERS = 3;

/**
 * PascalCase suffixes that EVERY stem standing alone has a companion for, three members or more
 * (openapi-generator's `LocationsGet200Response.kt` beside `LocationsGet200ResponsePayload.kt`):
 * what a generator writes per entity. Words such as `Payload` or `List` also end names of their own
 * (`ChevronUp` beside `Chevron`), so unlike the suffixes of companionSuffixes they count only when
 * no member goes without them.
 */
export function uniformGluedSuffixes(stems: readonly string[]): string[] {
  const known = new Set(stems);
  const basesOf = new Map<string, Set<string>>();
  for (const stem of known) {
    const start = stem.lastIndexOf('/') + 2;
    for (let at = start; at < stem.length; at++) {
      if (!isGlued(stem, at) || !known.has(stem.slice(0, at))) continue;
      const suffix = stem.slice(at);
      basesOf.set(suffix, (basesOf.get(suffix) ?? new Set()).add(stem.slice(0, at)));
    }
  }
  const extensions = new Set([...basesOf].flatMap(([suffix, bases]) => [...bases].map((base) => base + suffix)));
  const members = [...known].filter((stem) => !extensions.has(stem));
  if (members.length < GLUED_SUFFIX_MEMBERS) return [];
  return [...basesOf]
    .filter(([, bases]) => members.every((member) => bases.has(member)))
    .map(([suffix]) => suffix)
    .sort(longestFirst);
}

function dottedStems(paths: readonly string[]): (path: string) => string {
  const keys = new Set(paths.map((path) => `${dirname(path)}/${stemOf(path)}`));
  if (keys.size > 1 || paths.length < 2) return stemOf;
  const parts = paths.map((path) => basename(path).split('.'));
  let shared = 0;
  while (parts.every((part) => part.length > shared + 1 && part[shared] === parts[0]?.[shared])) shared++;
  if (shared === 0) return stemOf;
  return (path) => stemOf(basename(path).split('.').slice(shared).join('.'));
}

/** Words that start a companion's suffix glued to a PascalCase stem (`AuthorityTest`, `ButtonStories`). */
const COMPANION_WORDS = /^(?:Tests?|Specs?|Asserts?|Mocks?|Stubs?|Fixtures?|Samples|Stories|Story|Styles?)(?:[A-Z]|$)/;

/** Whether a stem may split at `at`: a `_` or `-`, or a companion word glued to a PascalCase stem. */
const isSplit = (stem: string, at: number): boolean =>
  stem[at] === '_' || stem[at] === '-' || (/[\p{Ll}\p{N}]/u.test(stem[at - 1] ?? '') && COMPANION_WORDS.test(stem.slice(at)));

/**
 * Suffixes (`_parameters`, `-styles`, `Test`) that stems (folder-qualified) add to a stem of their
 * own beside them, or to a stem another suffix is added to as well: the companions of generated
 * code (go-swagger's `x.go`, `x_parameters.go`, `x_responses.go`; JHipster's `XTest.java`,
 * `XTestSamples.java`), when two stems or more and half of the members show it. Longest first.
 */
export function companionSuffixes(stems: readonly string[]): string[] {
  const known = new Set(stems);
  const suffixesOf = new Map<string, Set<string>>();
  for (const stem of known) {
    const start = stem.lastIndexOf('/') + 2;
    for (let at = start; at < stem.length - 1; at++) {
      if (!isSplit(stem, at)) continue;
      const prefix = stem.slice(0, at);
      suffixesOf.set(prefix, (suffixesOf.get(prefix) ?? new Set()).add(stem.slice(at)));
    }
  }
  // A prefix is a member's stem when it stands alone or takes two suffixes or more, unless those
  // all extend one that makes a stem standing alone: `delete` before `_account`,
  // `_account_parameters` is part of the stem `delete_account`, not a member of its own.
  const isMember = (prefix: string, suffixes: ReadonlySet<string>, among: (suffix: string) => boolean) => {
    if (known.has(prefix)) return true;
    const taken = [...suffixes].filter(among);
    const extendsOneStem = taken.some((stem) => known.has(prefix + stem) && taken.every((suffix) => suffix.startsWith(stem)));
    return taken.length >= 2 && !extendsOneStem;
  };
  const supportOf = (among: (suffix: string) => boolean) => {
    const members = [...suffixesOf].filter(([prefix, suffixes]) => isMember(prefix, suffixes, among));
    return countValues(members.flatMap(([, suffixes]) => [...suffixes].filter(among)));
  };
  const loose = supportOf(() => true);
  const candidates = new Set([...loose].filter(([, count]) => count >= 2).map(([suffix]) => suffix));
  const support = supportOf((suffix) => candidates.has(suffix));
  const ordered = [...candidates].sort(longestFirst);
  const memberCount = new Set([...known].map((stem) => withoutSuffix(stem, ordered))).size;
  return ordered.filter((suffix) => (support.get(suffix) ?? 0) >= 2 && (support.get(suffix) ?? 0) * 2 >= memberCount);
}

/** The longest folder every path is in ('' for the root). */
export function commonFolder(paths: readonly string[]): string {
  const dirs = paths.map((path) => dirname(path).split('/').filter((part) => part !== ''));
  const first = dirs[0] ?? [];
  let length = first.length;
  for (const dir of dirs) {
    let i = 0;
    while (i < length && i < dir.length && dir[i] === first[i]) i++;
    length = i;
  }
  return first.slice(0, length).join('/');
}

const byPath = (a: Example, b: Example): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** Groups examples into members; members come sorted by key, files by path. */
export function groupMembers(examples: readonly Example[], unit: Unit | 'auto'): Grouping {
  const sorted = [...examples].sort(byPath);
  const paths = sorted.map((example) => example.path);
  const common = commonFolder(paths);
  let chosen: Unit;
  let why: string;
  if (unit !== 'auto') {
    chosen = unit;
    why = `unit "${unit}" was given`;
  } else if (paths.every((path) => dirname(path) === common)) {
    chosen = 'file';
    why = `every file is in ${JSON.stringify(common || '.')}: members are files sharing a stem`;
  } else {
    chosen = 'folder';
    why = `the files are in different folders below ${JSON.stringify(common || '.')}: a member is everything below one of them`;
  }

  const groups = new Map<string, { label: string; files: Example[] }>();
  const add = (key: string, label: string, example: Example) => {
    const group = groups.get(key) ?? { label, files: [] };
    group.files.push(example);
    groups.set(key, group);
  };
  // In folder mode a file directly in the shared folder means that folder is the (only) member.
  const oneFolder = chosen === 'folder' && paths.some((path) => dirname(path) === common);
  const depth = chosen === 'folder' && !oneFolder ? memberDepth(paths, common) : 1;
  if (depth > 1) why += `; the member folders are ${depth} levels down, named as the files in them`;
  const plain = chosen === 'file' ? dottedStems(paths) : stemOf;
  let stem = chosen === 'file' ? stemsOf(paths, plain) : stemOf;
  if (chosen === 'file' && !companionsDiffer(sorted, stem, plain)) {
    stem = plain;
    why += '; files whose names extend another\'s are members of their own (they are as alike as members are)';
  }
  for (const example of sorted) {
    if (chosen === 'file') {
      const label = stem(example.path);
      add(`${dirname(example.path)}/${label}`, label, example);
    } else if (oneFolder) {
      add(common, basename(common) || stemOf(example.path), example);
    } else {
      const rest = common === '' ? example.path : example.path.slice(common.length + 1);
      const folder = rest.split('/').slice(0, depth).join('/');
      const label = basename(folder);
      add(common === '' ? folder : `${common}/${folder}`, label, example);
    }
  }
  const members = [...groups.entries()]
    .sort(([a], [b]) => byString(a, b))
    .map(([key, group]) => ({ key, label: group.label, files: group.files }));
  return { unit: chosen, members, why };
}

/** Members compared beside each file's role in companionsDiffer, at most (the next few by path). */
const COMPANION_CHECK_NEIGHBOURS = 6;

/**
 * Whether the companions that `stem` groups beyond `plain` (files whose names extend a member's stem:
 * `delete_account_parameters.go`, `AuthorityTestSamples.java`) are files of other kinds than their
 * member's other files: less than half as alike to them (shared lines, trimmed) as the files of one
 * kind are across members. go-swagger's parameters and responses share 8-10% of their lines and
 * 39-42% with those of other operations; `db_create_user.go` beside `db_create.go` (cobra commands
 * and their subcommands) shares 20%, against 30% across: members of their own. True when no
 * companion is grouped or nothing can be compared.
 */
function companionsDiffer(examples: readonly Example[], stem: (path: string) => string, plain: (path: string) => string): boolean {
  if (stem === plain) return true;
  const groups = new Map<string, { role: string; lines: Set<string> }[]>();
  const roles = new Map<string, Set<string>>();
  for (const example of examples) {
    const label = stem(example.path);
    const key = `${dirname(example.path)}/${label}`;
    const role = basename(example.path).replace(label, '\u0000');
    roles.set(key, (roles.get(key) ?? new Set()).add(role));
    const lines = new Set(example.content.split('\n').map((line) => line.trim()).filter((line) => line !== ''));
    // An empty file tells nothing of its kind.
    if (lines.size > 0) groups.set(key, [...(groups.get(key) ?? []), { role, lines }]);
  }
  // Every member extended by the same suffixes (`XGet200Response.kt` with `XGet200ResponsePayload.kt`,
  // each operation with its `_parameters.go` and `_responses.go`) is what a generator writes per
  // entity, however alike its boilerplate makes the files; subcommands extend some commands, each
  // its own way (`db_create_user.go`, `db_backup_schema.go`).
  const roleSets = [...roles.values()].map((set) => [...set].sort().join('\n'));
  const [first] = roleSets;
  // (A line break joins two roles or more: file names hold none.)
  if (roleSets.length > 1 && first?.includes('\n') === true && roleSets.every((set) => set === first)) return true;
  const alike = (a: ReadonlySet<string>, b: ReadonlySet<string>) => {
    let shared = 0;
    for (const line of a) if (b.has(line)) shared++;
    return shared / (a.size + b.size - shared);
  };
  const members = [...groups.values()];
  let within = 0;
  let withinPairs = 0;
  let across = 0;
  let acrossPairs = 0;
  members.forEach((files, m) => {
    for (let i = 0; i < files.length; i++) {
      const file = files[i];
      if (file === undefined) continue;
      for (const other of files.slice(i + 1)) {
        within += alike(file.lines, other.lines);
        withinPairs++;
      }
      for (const next of members.slice(m + 1, m + 1 + COMPANION_CHECK_NEIGHBOURS)) {
        const same = next.find((candidate) => candidate.role === file.role);
        if (same === undefined) continue;
        across += alike(file.lines, same.lines);
        acrossPairs++;
      }
    }
  });
  if (withinPairs === 0 || acrossPairs === 0) return true;
  return within / withinPairs < (across / acrossPairs) / 2;
}

/**
 * How many levels below the shared folder the member folders are: 1, unless the first level holds
 * kinds (`src/app/components/footer/footer.component.ts`, `src/app/views/home/home.component.ts`)
 * and a deeper level is named as the files in it in every member folder, where the first is so in
 * none: then that level (`footer`, `home`), with every file below it.
 */
function memberDepth(paths: readonly string[], common: string): number {
  const below = paths.map((path) => (common === '' ? path : path.slice(common.length + 1)).split('/'));
  const letters = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  const namedLike = (depth: number) => {
    const folders = new Map<string, boolean>();
    for (const parts of below) {
      if (parts.length <= depth) return { all: false, any: false, count: 0 };
      const folder = parts.slice(0, depth).join('/');
      const named = letters(stemOf(parts.slice(depth).join('/'))) === letters(parts[depth - 1] ?? '');
      folders.set(folder, (folders.get(folder) ?? false) || named);
    }
    const flags = [...folders.values()];
    return { all: flags.every(Boolean), any: flags.some(Boolean), count: flags.length };
  };
  if (namedLike(1).any) return 1;
  for (let depth = 2; depth <= 3; depth++) {
    const level = namedLike(depth);
    if (level.count >= 2 && level.all) return depth;
  }
  return 1;
}

/** The member folder to read the name from and make relative paths against (unit `folder`). */
export function memberFolderOf(grouping: Grouping, member: MemberGroup): string {
  if (grouping.unit === 'folder') return member.key;
  return dirname(member.files[0]?.path ?? '');
}
