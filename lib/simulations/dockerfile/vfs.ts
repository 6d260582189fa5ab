/**
 * The image filesystem: a stack of layers, each a set of added (or replaced)
 * entries and of removals (whiteouts). What a container sees is the merged view;
 * what the image ships is every layer, so a file removed in a later layer is still
 * in the image's bytes.
 */
import { isUnder } from './paths';

/** Where an entry's bytes came from. */
export type FileOrigin =
  | { kind: 'base'; image: string }
  | { kind: 'context'; path: string }
  | { kind: 'stage'; stage: string; path: string }
  | { kind: 'image'; image: string; path: string }
  | { kind: 'run'; line: number; command: string };

/** One file or directory in the image. */
export interface FileEntry {
  /** Absolute, normalised path. */
  path: string;
  type: 'file' | 'dir';
  /** Bytes (0 for directories and for files of a base image, whose bytes count in its size). */
  size: number;
  /** Permission bits, e.g. 0o755. */
  mode: number;
  uid: number;
  gid: number;
  /** Content checksum (model); changes when the bytes change. */
  digest: string;
  origin: FileOrigin;
  /** For binaries built by `go build`: how they were linked. */
  binary?: { linkage: 'static' | 'dynamic'; libc?: 'glibc' | 'musl' };
  /** Text, for the few files whose content the model knows (context files with content). */
  content?: string;
}

/** A layer's changes before they are applied. */
export interface LayerChanges {
  added: Map<string, FileEntry>;
  /** Paths hidden by whiteouts (files or directories). */
  removed: Set<string>;
}

export function emptyChanges(): LayerChanges {
  return { added: new Map(), removed: new Set() };
}

/** The merged view of a stage's layers. */
export class LayeredFs {
  private readonly entries = new Map<string, FileEntry>();

  constructor(initial: Iterable<FileEntry> = []) {
    for (const e of initial) this.entries.set(e.path, e);
  }

  get(path: string): FileEntry | undefined {
    return this.entries.get(path);
  }

  /** A file or directory entry exists, or some entry lies under `path`. */
  exists(path: string): boolean {
    return this.entries.has(path) || this.isDir(path);
  }

  isDir(path: string): boolean {
    if (this.entries.get(path)?.type === 'dir' || path === '/') return true;
    const prefix = path + '/';
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) return true;
    return false;
  }

  /** Entries at or under `dir`, sorted by path. */
  list(dir = '/'): FileEntry[] {
    return [...this.entries.values()].filter((e) => isUnder(e.path, dir)).sort((a, b) => a.path.localeCompare(b.path));
  }

  /** Applies a layer: removals first (whiteouts), then additions. */
  apply(changes: LayerChanges): void {
    for (const removed of changes.removed) {
      for (const key of [...this.entries.keys()]) if (isUnder(key, removed)) this.entries.delete(key);
    }
    for (const entry of changes.added.values()) this.entries.set(entry.path, entry);
  }

  /** A view with a pending layer on top, for commands that read what earlier commands of the same RUN wrote. */
  withPending(changes: LayerChanges): LayeredFs {
    const copy = new LayeredFs(this.entries.values());
    copy.apply(changes);
    return copy;
  }
}

/** Adds an entry to a pending layer (it replaces any earlier removal of the same path). */
export function addEntry(changes: LayerChanges, entry: FileEntry): void {
  changes.removed.delete(entry.path);
  changes.added.set(entry.path, entry);
}

/**
 * Removes `path` (and what lies under it) in a pending layer: entries added by the
 * same layer simply disappear; entries of lower layers get a whiteout.
 */
export function removeEntry(changes: LayerChanges, lower: LayeredFs, path: string): void {
  for (const key of [...changes.added.keys()]) if (isUnder(key, path)) changes.added.delete(key);
  if (lower.exists(path)) changes.removed.add(path);
}
