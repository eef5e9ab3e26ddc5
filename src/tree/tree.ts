/**
 * The Tree: staged file changes as data. It reads through a read-only source (the disk, or memory
 * in tests), records writes, deletes and renames without touching anything, lets reads see the
 * staged state, and hands the writer a list of changes. Repeated writes to one path coalesce.
 */
import { errors } from '../errors.js';
import type { Change } from '../tx/changes.js';
import { normalizePath } from '../tx/paths.js';

/** Where a Tree reads files it has not staged. */
export interface TreeSource {
  read(path: string): Promise<Uint8Array | undefined>;
}

/** A change as the Tree records it; kinds are spelled out. */
export type FileChange =
  | { readonly kind: 'create'; readonly path: string; readonly content: Uint8Array }
  | { readonly kind: 'update'; readonly path: string; readonly content: Uint8Array }
  | { readonly kind: 'delete'; readonly path: string }
  | { readonly kind: 'rename'; readonly from: string; readonly path: string };

type Staged = { readonly kind: 'write'; readonly content: Uint8Array } | { readonly kind: 'delete' } | { readonly kind: 'rename-from'; readonly to: string };

export const emptySource: TreeSource = { read: async () => undefined };

/** A source over an object of paths to contents (for tests and dry runs). */
export function memorySource(files: Readonly<Record<string, string | Uint8Array>>): TreeSource {
  const map = new Map(Object.entries(files).map(([path, content]) => [normalizePath(path, '/'), typeof content === 'string' ? Buffer.from(content) : content]));
  return { read: async (path) => map.get(path) };
}

const toBytes = (content: string | Uint8Array): Uint8Array => (typeof content === 'string' ? Buffer.from(content) : content);

export class Tree {
  private readonly staged = new Map<string, Staged>();
  /** Renames by destination: `to` → `from`, while the source is untouched since. */
  private readonly renames = new Map<string, string>();
  private committed = false;

  constructor(private readonly source: TreeSource = emptySource) {}

  private key(path: string): string {
    if (this.committed) throw errors.invalidInput('This transaction has already committed', 'Start a new transaction for further changes.');
    return normalizePath(path, '/');
  }

  /** The content at a path as the transaction sees it: staged, renamed, or from the source. */
  async read(path: string): Promise<Buffer | undefined> {
    const key = normalizePath(path, '/');
    const staged = this.staged.get(key);
    if (staged?.kind === 'write') return Buffer.from(staged.content);
    if (staged?.kind === 'delete' || staged?.kind === 'rename-from') return undefined;
    const renamedFrom = this.renames.get(key);
    const content = await this.source.read(renamedFrom ?? key);
    return content === undefined ? undefined : Buffer.from(content);
  }

  async readText(path: string): Promise<string | undefined> {
    return (await this.read(path))?.toString('utf8');
  }

  async exists(path: string): Promise<boolean> {
    return (await this.read(path)) !== undefined;
  }

  write(path: string, content: string | Uint8Array): void {
    const key = this.key(path);
    if (typeof content !== 'string' && !(content instanceof Uint8Array)) {
      throw errors.invalidInput(`Content for ${JSON.stringify(path)} is ${typeof content}`, 'Write a string or bytes.', path);
    }
    this.renames.delete(key);
    this.staged.set(key, { kind: 'write', content: toBytes(content) });
  }

  delete(path: string): void {
    const key = this.key(path);
    this.renames.delete(key);
    this.staged.set(key, { kind: 'delete' });
  }

  /** Moves a file. An untouched file is renamed on disk (no copy); a staged one moves as a write. */
  async rename(from: string, to: string): Promise<void> {
    const source = this.key(from);
    const destination = this.key(to);
    const content = await this.read(source);
    if (content === undefined) throw errors.notFound(from, 'file to rename');
    if (!this.staged.has(source) && !this.renames.has(source) && !this.staged.has(destination)) {
      this.staged.set(source, { kind: 'rename-from', to: destination });
      this.renames.set(destination, source);
      return;
    }
    this.delete(source);
    this.write(destination, content);
  }

  /** The changes recorded so far, with create and update told apart by the source. */
  async changes(): Promise<FileChange[]> {
    const result: FileChange[] = [];
    for (const [path, staged] of this.staged) {
      if (staged.kind === 'rename-from') {
        result.push({ kind: 'rename', from: path, path: staged.to });
      } else if (staged.kind === 'delete') {
        if ((await this.source.read(path)) !== undefined) result.push({ kind: 'delete', path });
      } else {
        const existing = await this.source.read(path);
        if (existing !== undefined && Buffer.compare(Buffer.from(existing), Buffer.from(staged.content)) === 0) continue;
        result.push({ kind: existing === undefined ? 'create' : 'update', path, content: staged.content });
      }
    }
    return result;
  }

  /** The batch for the writer. */
  async toBatch(): Promise<Change[]> {
    return (await this.changes()).map((change): Change => {
      switch (change.kind) {
        case 'create':
        case 'update':
          return { path: change.path, content: change.content };
        case 'delete':
          return { path: change.path, delete: true };
        case 'rename':
          return { from: change.from, to: change.path };
      }
    });
  }

  /** The staged state as a plain object (path → text, or null for a delete), sorted: for snapshots. */
  async dump(): Promise<Record<string, string | null>> {
    const out: Record<string, string | null> = {};
    for (const change of (await this.changes()).sort((a, b) => a.path.localeCompare(b.path))) {
      if (change.kind === 'delete') out[change.path] = null;
      else if (change.kind === 'rename') {
        out[change.from] = null;
        out[change.path] = `<renamed from ${change.from}>`;
      }
      else out[change.path] = Buffer.from(change.content).toString('utf8');
    }
    return out;
  }

  /** Locks the tree: later changes are refused. */
  seal(): void {
    this.committed = true;
  }
}
