/**
 * Planning: everything that can be decided before the first write. Paths are resolved (symlinks
 * followed only inside the root), collisions and aliases found, pre-images read, writes that change
 * nothing dropped, and free space checked. A batch that fails here has touched nothing.
 */
import { posix } from 'node:path';
import { errors, isWoptError } from '../errors.js';
import { SMALL_FILE_BYTES, type FileStat, type FsPort } from '../fs/port.js';
import type { Content, NormalizedChange } from './changes.js';
import { isStreamContent } from './changes.js';
import { applyConventions, detectConventions } from './content.js';
import type { PreImage } from './journal.js';
import { foldKey, isInside, portabilityWarnings, WOPT_DIR } from './paths.js';

export type FileStatus = 'created' | 'updated' | 'deleted' | 'unchanged' | 'skipped';

export interface FileReport {
  readonly path: string;
  readonly status: FileStatus;
  /** Bytes of new content (0 for deletes and skips). */
  readonly bytes: number;
  /** For the destination of a rename: where the content came from. */
  readonly renamedFrom?: string;
  /** Why a file was skipped or left unchanged, when it is not obvious. */
  readonly note?: string;
}

export type OnExisting = 'overwrite' | 'keep' | 'error';

export interface PlanOptions {
  readonly onExisting: OnExisting;
  readonly strict: boolean;
  readonly preserve: { readonly eol: boolean; readonly bom: boolean; readonly mode: boolean };
}

/** One file the transaction will change. */
export interface PlannedEntry {
  readonly i: number;
  readonly path: string;
  readonly target: string;
  readonly op: 'write' | 'delete';
  readonly pre: (PreImage & { readonly uid: number; readonly gid: number; readonly nlink: number }) | null;
  /** New content, for writes that are not rename destinations. */
  readonly content?: Content;
  /** Size of the new content when known before staging. */
  readonly size: number | undefined;
  /** For a rename destination: the absolute path linked in as the new content. */
  readonly linkFrom?: string;
  readonly mode: number | undefined;
  readonly status: 'created' | 'updated' | 'deleted';
  readonly renamedFrom?: string;
}

const contentless = new WeakMap<PlannedEntry, PlannedEntry>();

/**
 * The entry without its content, once staged. The planner and the transaction both hold every
 * entry of a batch; this gives them one shared copy (per-file bookkeeping is what a 100,000-file
 * batch keeps in memory).
 */
export function withoutContent(entry: PlannedEntry): PlannedEntry {
  if (entry.content === undefined) return entry;
  let stripped = contentless.get(entry);
  if (stripped === undefined) {
    stripped = { ...entry, content: undefined };
    contentless.set(entry, stripped);
  }
  return stripped;
}

export interface Plan {
  readonly root: string;
  readonly entries: readonly PlannedEntry[];
  /** Every input path's outcome, in input order (unchanged and skipped included). */
  readonly files: readonly FileReport[];
  /** Directories to create, parents first. */
  readonly createDirs: readonly string[];
  readonly warnings: readonly string[];
}

const WHOLE_READ_LIMIT = 1 << 20;
const HEAD_BYTES = 64 * 1024;

interface Probe extends Located {
  /** The existing file's bytes, when it is small enough to have been read ahead. */
  readonly existing: Promise<Buffer> | undefined;
}

/** An existing file's bytes: whole when small enough to compare, else its head (for conventions). */
function readExisting(fs: FsPort, target: string, size: number): Promise<Buffer> {
  if (size <= SMALL_FILE_BYTES) return fs.readSmallFile(target, size);
  return size <= WHOLE_READ_LIMIT ? fs.readFile(target) : fs.readHead(target, HEAD_BYTES);
}

interface ResolvedDir {
  readonly real: string;
  readonly exists: boolean;
}

/** Resolves paths against the real root, following symlinks only where they stay inside it. */
class Resolver {
  private readonly dirs = new Map<string, Promise<ResolvedDir>>();
  private readonly listings = new Map<string, Promise<Map<string, string[]>>>();
  readonly missingDirs = new Set<string>();

  constructor(
    private readonly fs: FsPort,
    readonly root: string,
  ) {}

  dir(relativeDir: string, forPath: string): Promise<ResolvedDir> {
    let cached = this.dirs.get(relativeDir);
    if (cached === undefined) {
      cached = this.resolveDir(relativeDir, forPath);
      this.dirs.set(relativeDir, cached);
    }
    return cached;
  }

  private async resolveDir(relativeDir: string, forPath: string): Promise<ResolvedDir> {
    if (relativeDir === '.' || relativeDir === '') return { real: this.root, exists: true };
    const parent = await this.dir(posix.dirname(relativeDir), forPath);
    const real = posix.join(parent.real, posix.basename(relativeDir));
    if (!parent.exists) {
      this.missingDirs.add(real);
      return { real, exists: false };
    }
    const stat = await this.fs.lstat(real);
    if (stat === undefined) {
      this.missingDirs.add(real);
      return { real, exists: false };
    }
    if (stat.kind === 'directory') return { real, exists: true };
    if (stat.kind === 'symlink') {
      const followed = await this.followLink(real, forPath);
      const target = await this.fs.stat(followed);
      if (target === undefined) throw errors.pathInvalid(forPath, `its directory ${JSON.stringify(relativeDir)} is a dangling symlink`);
      if (target.kind !== 'directory') throw errors.notADirectory(forPath, relativeDir);
      return { real: followed, exists: true };
    }
    throw errors.notADirectory(forPath, relativeDir);
  }

  /** Resolves a symlink fully and refuses it when it leaves the root. */
  async followLink(link: string, forPath: string): Promise<string> {
    let resolved: string;
    try {
      resolved = await this.fs.realpath(link);
    } catch (error) {
      if (!isWoptError(error, 'E_NOT_FOUND')) throw error;
      // A dangling link: resolve its text by hand so a create through it still lands where it points.
      const text = await this.fs.readlink(link);
      resolved = posix.resolve(posix.dirname(link), text);
    }
    if (!isInside(this.root, resolved)) {
      throw errors.pathOutsideRoot(forPath, this.root, `it goes through a symlink to ${JSON.stringify(resolved)}, outside`);
    }
    if (isInside(posix.join(this.root, WOPT_DIR), resolved)) throw errors.pathReserved(forPath);
    return resolved;
  }

  /** Names in an existing directory, grouped by their case- and normalization-folded key. */
  listing(realDir: string): Promise<Map<string, string[]>> {
    let cached = this.listings.get(realDir);
    if (cached === undefined) {
      cached = this.fs.readdir(realDir).then((names) => {
        const byKey = new Map<string, string[]>();
        for (const name of names) {
          const key = foldKey(name);
          byKey.set(key, [...(byKey.get(key) ?? []), name]);
        }
        return byKey;
      });
      this.listings.set(realDir, cached);
    }
    return cached;
  }
}

interface Located {
  readonly target: string;
  readonly stat: FileStat | undefined;
}

async function locate(resolver: Resolver, fs: FsPort, path: string, followFinal: boolean): Promise<Located> {
  const dir = await resolver.dir(posix.dirname(path), path);
  const name = posix.basename(path);
  let target = posix.join(dir.real, name);
  if (!dir.exists) return { target, stat: undefined };

  const siblings = (await resolver.listing(dir.real)).get(foldKey(name));
  if (siblings !== undefined && !siblings.includes(name)) {
    throw errors.pathCollision([path, posix.join(posix.dirname(path), siblings[0] ?? '')], 'differ only in case or Unicode normalization from an existing file');
  }
  let stat = await fs.lstat(target);
  if (stat?.kind === 'symlink' && followFinal) {
    target = await resolver.followLink(target, path);
    stat = await fs.lstat(target);
    if (stat === undefined) {
      const parent = await fs.stat(posix.dirname(target));
      if (parent?.kind !== 'directory') throw errors.pathInvalid(path, 'it is a symlink into a directory that does not exist');
    }
  }
  if (stat?.kind === 'directory') throw errors.isADirectory(path);
  if (stat !== undefined && stat.kind === 'other') throw errors.pathInvalid(path, 'it is not a regular file (a device, FIFO or socket)');
  return { target, stat };
}

const preImageOf = (stat: FileStat, sha256?: string): NonNullable<PlannedEntry['pre']> => ({
  ino: stat.ino,
  dev: stat.dev,
  size: stat.size,
  mode: stat.mode,
  mtimeMs: stat.mtimeMs,
  uid: stat.uid,
  gid: stat.gid,
  nlink: stat.nlink,
  ...(sha256 === undefined ? {} : { sha256 }),
});

/** What a planned change turned into, to be staged by the engine. */
export interface PlanStep {
  /** Entries to stage: new ones, or replacements (same index) of entries staged before. */
  readonly entries: readonly PlannedEntry[];
  /** Entries staged before that must no longer be applied (a later change made them no-ops). */
  readonly withdrawn: readonly number[];
  /** Directories to create before these entries are staged, parents first. */
  readonly createDirs: readonly string[];
}

interface PathClaim {
  readonly path: string;
  /** The change that claimed it (its report index). */
  readonly change: number;
  /** The entry it produced, if any. */
  entry: number | undefined;
  readonly renamed: boolean;
}

/**
 * Plans changes one at a time, so a batch can be planned whole (arrays: everything is checked
 * before anything is written) or in chunks as a lazy source produces it (streams: memory stays
 * bounded). A later change to a path replaces the earlier one (last wins) unless `strict`.
 */
export class Planner {
  private readonly resolver: Resolver;
  private readonly warnings: string[] = [];
  private readonly reports: (FileReport | FileReport[])[] = [];
  private readonly entries = new Map<number, PlannedEntry>();
  private readonly dirty = new Map<number, PlannedEntry>();
  private readonly withdrawn = new Set<number>();
  private readonly byPath = new Map<string, PathClaim>();
  private readonly byFold = new Map<string, string>();
  private readonly byTarget = new Map<string, string>();
  private readonly byInode = new Map<string, string>();
  private readonly announcedDirs = new Set<string>();
  private readonly probes = new Map<NormalizedChange, Promise<Probe>>();
  private nextEntry = 0;

  constructor(
    private readonly fs: FsPort,
    readonly root: string,
    private readonly options: PlanOptions,
  ) {
    this.resolver = new Resolver(fs, root);
  }

  /** Plans one change. @throws WoptError for a change that cannot be applied (nothing of it is staged). */
  async add(change: NormalizedChange): Promise<void> {
    const changeIndex = this.reports.length;
    this.reports.push([]);
    if (change.kind === 'rename') {
      this.claimPath(change.from, changeIndex, true);
      this.claimPath(change.to, changeIndex, true);
      await this.planRename(change, changeIndex);
      return;
    }
    const previous = this.claimPath(change.path, changeIndex, false);
    if (change.kind === 'write') await this.planWrite(change, changeIndex, previous);
    else await this.planDelete(change, changeIndex, previous);
  }

  /** Entries planned since the last call, and the directories they need. */
  drain(): PlanStep {
    const entries = [...this.dirty.values()].sort((a, b) => a.i - b.i);
    this.dirty.clear();
    const withdrawn = [...this.withdrawn];
    this.withdrawn.clear();
    const createDirs = [...this.resolver.missingDirs]
      .filter((dir) => !this.announcedDirs.has(dir))
      .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
    for (const dir of createDirs) this.announcedDirs.add(dir);
    return { entries, withdrawn, createDirs };
  }

  /** Forgets the content of entries once staged (it lives in their temp files from then on). */
  release(entries: readonly PlannedEntry[]): void {
    for (const entry of entries) {
      if (this.entries.get(entry.i) === entry) this.entries.set(entry.i, withoutContent(entry));
    }
  }

  /** Every change's outcome, in input order (a rename reports its destination, then its source). */
  files(): FileReport[] {
    return this.reports.flatMap((report) => report);
  }

  allWarnings(): string[] {
    return [...this.warnings];
  }

  get plannedEntries(): ReadonlyMap<number, PlannedEntry> {
    return this.entries;
  }

  private claimPath(path: string, change: number, renamed: boolean): PathClaim | undefined {
    const previous = this.byPath.get(path);
    if (previous !== undefined) {
      if (renamed || previous.renamed) {
        throw errors.invalidInput(
          `Change #${change} touches ${JSON.stringify(path)}, which another change of the batch ${previous.renamed ? 'renames' : 'also touches'}`,
          'Put the rename and the other change in separate batches.',
          path,
        );
      }
      if (this.options.strict) throw errors.duplicate(path);
    } else {
      const fold = foldKey(path);
      const other = this.byFold.get(fold);
      if (other !== undefined && other !== path) throw errors.pathCollision([other, path], 'differ only in case or Unicode normalization');
      this.byFold.set(fold, path);
    }
    this.byPath.set(path, { path, change, entry: previous?.entry, renamed });
    if (previous !== undefined) this.report(previous.change, { path, status: 'skipped', bytes: 0, note: 'superseded by a later change to the same path' });
    return previous;
  }

  private report(change: number, report: FileReport | FileReport[]): void {
    this.reports[change] = report;
  }

  /** The same target may be named once: through a symlink, ./ segments or a hard link it is refused. */
  private claimTarget(target: string, path: string, stat: FileStat | undefined): void {
    const previous = this.byTarget.get(target);
    if (previous !== undefined && previous !== path) {
      throw errors.pathCollision([previous, path], 'resolve to the same file (through a symlink or ./ segments)');
    }
    this.byTarget.set(target, path);
    if (stat !== undefined && stat.nlink > 1 && stat.kind === 'file') {
      const key = `${stat.dev}:${stat.ino}`;
      const other = this.byInode.get(key);
      if (other !== undefined && other !== path) throw errors.pathCollision([other, path], 'are hard links to one file');
      this.byInode.set(key, path);
    }
  }

  private put(entry: Omit<PlannedEntry, 'i'>, reuse: number | undefined): number {
    const i = reuse ?? this.nextEntry++;
    const planned = { ...entry, i };
    this.entries.set(i, planned);
    this.dirty.set(i, planned);
    this.withdrawn.delete(i);
    return i;
  }

  /** A later change left nothing to do for an earlier one's entry. */
  private withdraw(i: number | undefined): void {
    if (i === undefined || !this.entries.has(i)) return;
    this.entries.delete(i);
    this.dirty.delete(i);
    this.withdrawn.add(i);
  }

  /**
   * Looks up many changes' targets (and reads small existing files) in parallel ahead of planning
   * them one by one: planning is sequential, but its I/O need not be.
   */
  prefetch(changes: readonly NormalizedChange[], concurrency: number): void {
    const queue = changes.filter((change): change is Exclude<NormalizedChange, { kind: 'rename' }> => change.kind !== 'rename' && !this.probes.has(change));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < queue.length) {
        const change = queue[next++] as Exclude<NormalizedChange, { kind: 'rename' }>;
        const probe = this.lookUp(change);
        this.probes.set(change, probe);
        // Errors surface when the change is planned; here they only must not go unhandled.
        await probe.catch(() => undefined);
      }
    };
    for (let i = 0; i < Math.min(concurrency, queue.length); i++) void worker();
  }

  /** The prefetched lookup of a change, or a fresh one. */
  private probe(change: Exclude<NormalizedChange, { kind: 'rename' }>): Promise<Probe> {
    const prefetched = this.probes.get(change);
    this.probes.delete(change);
    return prefetched ?? this.lookUp(change);
  }

  private async lookUp(change: Exclude<NormalizedChange, { kind: 'rename' }>): Promise<Probe> {
    const located = await locate(this.resolver, this.fs, change.path, change.kind === 'write');
    const wantsBytes = change.kind === 'write' && located.stat !== undefined && !isStreamContent(change.content) && located.stat.size <= SMALL_FILE_BYTES;
    const existing = wantsBytes ? this.fs.readSmallFile(located.target, located.stat?.size ?? 0) : undefined;
    existing?.catch(() => undefined);
    return { ...located, existing };
  }

  private async planWrite(change: Extract<NormalizedChange, { kind: 'write' }>, changeIndex: number, previous: PathClaim | undefined): Promise<void> {
    const fs = this.fs;
    const options = this.options;
    this.warnings.push(...portabilityWarnings(change.path));
    const probe = await this.probe(change);
    const { target, stat } = probe;
    this.claimTarget(target, change.path, stat);
    const claim = this.byPath.get(change.path) as PathClaim;
    if (stat !== undefined && options.onExisting === 'keep') {
      this.withdraw(previous?.entry);
      claim.entry = undefined;
      this.report(changeIndex, { path: change.path, status: 'skipped', bytes: 0, note: 'exists (onExisting: keep)' });
      return;
    }
    if (stat !== undefined && options.onExisting === 'error') throw errors.exists(change.path);

    let content = change.content;
    let size: number | undefined;
    let unchanged = false;
    if (stat !== undefined && !isStreamContent(content)) {
      const whole = stat.size <= WHOLE_READ_LIMIT;
      const existing = await (probe.existing ?? readExisting(fs, target, stat.size));
      if (typeof content === 'string' && (options.preserve.eol || options.preserve.bom)) {
        content = applyConventions(content, detectConventions(existing.subarray(0, HEAD_BYTES)), options.preserve);
      }
      const bytes: Uint8Array = typeof content === 'string' ? Buffer.from(content) : (content as Uint8Array);
      content = bytes;
      size = bytes.length;
      const modeChanges = change.mode !== undefined && change.mode !== stat.mode;
      if (bytes.length === stat.size && !modeChanges) {
        const current = whole ? existing : await fs.readFile(target);
        unchanged = Buffer.compare(current, bytes) === 0;
      }
    } else if (typeof content === 'string') {
      content = Buffer.from(content);
      size = content.length;
    } else if (content instanceof Uint8Array) {
      size = content.length;
    }
    if (unchanged) {
      this.withdraw(previous?.entry);
      claim.entry = undefined;
      this.report(changeIndex, { path: change.path, status: 'unchanged', bytes: 0 });
      return;
    }
    const mode = change.mode ?? (stat !== undefined && options.preserve.mode ? stat.mode : undefined);
    const status = stat === undefined ? 'created' : 'updated';
    claim.entry = this.put({ path: change.path, target, op: 'write', pre: stat ? preImageOf(stat) : null, content, size, mode, status }, previous?.entry);
    this.report(changeIndex, { path: change.path, status, bytes: size ?? 0 });
  }

  private async planDelete(change: Extract<NormalizedChange, { kind: 'delete' }>, changeIndex: number, previous: PathClaim | undefined): Promise<void> {
    const { target, stat } = await this.probe(change);
    this.claimTarget(target, change.path, stat);
    const claim = this.byPath.get(change.path) as PathClaim;
    if (stat === undefined) {
      this.withdraw(previous?.entry);
      claim.entry = undefined;
      this.report(changeIndex, { path: change.path, status: 'unchanged', bytes: 0, note: 'already absent' });
      return;
    }
    claim.entry = this.put({ path: change.path, target, op: 'delete', pre: preImageOf(stat), size: 0, mode: undefined, status: 'deleted' }, previous?.entry);
    this.report(changeIndex, { path: change.path, status: 'deleted', bytes: 0 });
  }

  private async planRename(change: Extract<NormalizedChange, { kind: 'rename' }>, changeIndex: number): Promise<void> {
    this.warnings.push(...portabilityWarnings(change.to));
    const source = await locate(this.resolver, this.fs, change.from, false);
    if (source.stat === undefined) throw errors.notFound(change.from, 'file to rename');
    const destination = await locate(this.resolver, this.fs, change.to, true);
    this.claimTarget(source.target, change.from, source.stat);
    this.claimTarget(destination.target, change.to, destination.stat);
    if (destination.stat !== undefined && this.options.onExisting === 'keep') {
      this.report(changeIndex, { path: change.to, status: 'skipped', bytes: 0, renamedFrom: change.from, note: 'destination exists (onExisting: keep)' });
      return;
    }
    if (destination.stat !== undefined && this.options.onExisting === 'error') throw errors.exists(change.to);
    const status = destination.stat === undefined ? 'created' : 'updated';
    this.put(
      {
        path: change.to,
        target: destination.target,
        op: 'write',
        pre: destination.stat ? preImageOf(destination.stat) : null,
        linkFrom: source.target,
        size: source.stat.size,
        mode: undefined,
        status,
        renamedFrom: change.from,
      },
      undefined,
    );
    this.put({ path: change.from, target: source.target, op: 'delete', pre: preImageOf(source.stat), size: 0, mode: undefined, status: 'deleted' }, undefined);
    this.report(changeIndex, [
      { path: change.to, status, bytes: source.stat.size, renamedFrom: change.from },
      { path: change.from, status: 'deleted', bytes: 0 },
    ]);
  }
}

/** Refuses a batch that cannot fit before writing anything (streams of unknown size count as 0). */
export async function checkFreeSpace(fs: FsPort, plan: Pick<Plan, 'root' | 'entries' | 'createDirs'>): Promise<void> {
  if (plan.entries.length === 0) return;
  const space = await fs.statfs(plan.root);
  if (space === undefined) return;
  const block = 4096;
  let bytes = 64 * 1024; // journal and lock
  let inodes = plan.createDirs.length + 3;
  for (const entry of plan.entries) {
    if (entry.op !== 'write' || entry.linkFrom !== undefined) continue;
    bytes += Math.ceil((entry.size ?? 0) / block) * block;
    inodes += 1;
  }
  if (bytes > space.freeBytes) {
    throw errors.noSpace(plan.root, `the batch needs about ${bytes} bytes and ${space.freeBytes} are free`);
  }
  if (space.freeInodes > 0 && inodes > space.freeInodes) {
    throw errors.noSpace(plan.root, `the batch needs ${inodes} new inodes and ${space.freeInodes} are free`);
  }
}
