/**
 * The compiled-template cache: keyed by the sha256 of the source and everything that changes the
 * compiled code (Handlebars version, compile options, wopt's AST pass), in memory per renderer and
 * optionally on disk, through the FsPort, as Handlebars `precompile` output.
 */
import { createHash, randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import type { FsPort } from '../fs/port.js';

/** Bump when the entry layout or wopt's compile pipeline changes: old entries then miss. */
export const CACHE_FORMAT = 1;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The cache key of a template source under given compile settings.
 *
 * @example templateKey('Hello {{name}}', { handlebars: '4.7.8', noEscape: true, strict: true })
 */
export function templateKey(source: string, settings: Readonly<Record<string, unknown>>): string {
  return sha256(JSON.stringify({ format: CACHE_FORMAT, settings, source }));
}

/** A bounded map that forgets the least recently used entry first. */
export class MemoryCache<V> {
  readonly #entries = new Map<string, V>();
  constructor(readonly maxEntries: number) {}

  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    while (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** What a disk cache entry holds: the precompiled spec and what wopt learned while compiling. */
export interface CachedTemplate {
  /** Handlebars `precompile` output: the source text of a template spec object. */
  readonly spec: string;
  /** Names the template calls as helpers (to tell a missing helper from a missing param). */
  readonly helperCalls: readonly string[];
}

interface StoredEntry extends CachedTemplate {
  readonly format: number;
  readonly key: string;
  readonly specSha256: string;
}

export type DiskRead = { readonly kind: 'hit'; readonly entry: CachedTemplate } | { readonly kind: 'miss' } | { readonly kind: 'corrupt' };

function parseEntry(key: string, text: string): CachedTemplate | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const entry = value as Partial<StoredEntry>;
  if (entry.format !== CACHE_FORMAT || entry.key !== key || typeof entry.spec !== 'string') return undefined;
  if (!Array.isArray(entry.helperCalls) || !entry.helperCalls.every((name) => typeof name === 'string')) return undefined;
  if (entry.specSha256 !== sha256(entry.spec)) return undefined;
  return { spec: entry.spec, helperCalls: entry.helperCalls };
}

/**
 * Compiled templates on disk, one JSON file per key, written atomically (temp + rename) through
 * the port. Every failure is swallowed and reported as a miss or `false`: a cache is never fatal.
 */
export class DiskCache {
  #usable: Promise<boolean> | undefined;

  constructor(
    readonly fs: FsPort,
    readonly dir: string,
  ) {}

  #file(key: string): string {
    return posix.join(this.dir, `${key}.json`);
  }

  /**
   * Whether the directory is fit to load code from: it must be a directory (created if missing)
   * and not writable by everyone, since its entries are evaluated (see the renderer).
   */
  #ready(): Promise<boolean> {
    this.#usable ??= (async () => {
      try {
        await this.#mkdirp(this.dir);
        const stat = await this.fs.stat(this.dir);
        return stat?.kind === 'directory' && (stat.mode & 0o002) === 0;
      } catch {
        return false;
      }
    })();
    return this.#usable;
  }

  async #mkdirp(dir: string): Promise<void> {
    const stat = await this.fs.stat(dir);
    if (stat !== undefined) return;
    const parent = posix.dirname(dir);
    if (parent !== dir) await this.#mkdirp(parent);
    try {
      await this.fs.mkdir(dir);
    } catch (error) {
      if ((await this.fs.stat(dir))?.kind !== 'directory') throw error;
    }
  }

  async read(key: string): Promise<DiskRead> {
    if (!(await this.#ready())) return { kind: 'miss' };
    let text: string;
    try {
      const stat = await this.fs.stat(this.#file(key));
      if (stat === undefined) return { kind: 'miss' };
      // Entries are a few KiB: one synchronous read beats four thread-pool round trips at start-up.
      text = (await this.fs.readSmallFile(this.#file(key), stat.size)).toString('utf8');
    } catch {
      return { kind: 'corrupt' };
    }
    const entry = parseEntry(key, text);
    return entry === undefined ? { kind: 'corrupt' } : { kind: 'hit', entry };
  }

  /** Stores an entry; `false` when it could not (the caller counts it, nothing else happens). */
  async write(key: string, entry: CachedTemplate): Promise<boolean> {
    if (!(await this.#ready())) return false;
    const stored: StoredEntry = { format: CACHE_FORMAT, key, spec: entry.spec, helperCalls: entry.helperCalls, specSha256: sha256(entry.spec) };
    const data = Buffer.from(JSON.stringify(stored), 'utf8');
    const temp = posix.join(this.dir, `.${key}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await this.fs.open(temp, 'create-exclusive', 0o644);
      try {
        let offset = 0;
        while (offset < data.length) {
          const written = await this.fs.write(handle, data, offset, data.length - offset);
          if (written <= 0) throw new Error('the write made no progress');
          offset += written;
        }
      } finally {
        await this.fs.close(handle);
      }
      await this.fs.rename(temp, this.#file(key));
      return true;
    } catch {
      await this.fs.unlink(temp).catch(() => undefined);
      return false;
    }
  }
}
