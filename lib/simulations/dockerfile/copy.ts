/**
 * COPY and ADD: which files land where. Sources come from the build context (after
 * .dockerignore), an earlier stage (`--from=build`) or an image (`--from=alpine:3.20`).
 * Rules follow Docker's: a directory source copies its contents; several sources or
 * a glob need a destination ending in "/"; a relative destination is under WORKDIR.
 */
import type { BuildContext } from './context';
import { checksum } from './hash';
import { basename, globToRegExp, hasGlob, normalizePath, resolvePath } from './paths';
import type { FileEntry, FileOrigin, LayeredFs } from './vfs';

/** One candidate file before it is placed: path relative to the source root. */
interface SourceFile {
  rel: string;
  entry: Omit<FileEntry, 'path' | 'origin'>;
  origin: FileOrigin;
}

export type CopyResult =
  | { ok: true; added: FileEntry[]; notes: string[] }
  | { ok: false; message: string };

export interface CopyRequest {
  keyword: 'COPY' | 'ADD';
  sources: string[];
  dest: string;
  workdir: string;
  /** Where sources are read: the context, or an earlier stage's / image's filesystem. */
  from: { kind: 'context'; context: BuildContext } | { kind: 'fs'; fs: LayeredFs; label: string; image?: boolean };
  owner: { uid: number; gid: number };
  chmod?: number;
}

function contextFiles(context: BuildContext): SourceFile[] {
  return [...context.files.values()].map((f) => ({
    rel: f.path,
    entry: { type: 'file', size: f.size, mode: f.mode, uid: 0, gid: 0, digest: f.digest, content: f.content },
    origin: { kind: 'context', path: f.path },
  }));
}

function fsFiles(fs: LayeredFs, label: string, image: boolean): SourceFile[] {
  return fs.list('/').map(({ path, ...entry }) => ({
    rel: path.slice(1),
    entry,
    origin: image ? { kind: 'image', image: label, path } : { kind: 'stage', stage: label, path },
  }));
}

/** Files a source selects, with the path each gets under the destination. */
function select(all: SourceFile[], source: string): { file: SourceFile; under: string }[] {
  const src = normalizePath(source).slice(1);
  if (src === '') return all.map((file) => ({ file, under: file.rel }));
  if (hasGlob(src)) {
    const re = globToRegExp(src);
    const depth = src.split('/').length;
    return all.flatMap((file) => {
      const parts = file.rel.split('/');
      const head = parts.slice(0, depth).join('/');
      if (!re.test(head)) return [];
      return [{ file, under: [basename(head), ...parts.slice(depth)].join('/') }];
    });
  }
  const exact = all.find((f) => f.rel === src);
  if (exact) return [{ file: exact, under: basename(src) }];
  return all.filter((f) => f.rel.startsWith(src + '/')).map((file) => ({ file, under: file.rel.slice(src.length + 1) }));
}

export function copyFiles(req: CopyRequest): CopyResult {
  const notes: string[] = [];
  const all = req.from.kind === 'context' ? contextFiles(req.from.context) : fsFiles(req.from.fs, req.from.label, Boolean(req.from.image));
  const destDir = req.dest.endsWith('/') || req.dest === '.' || req.sources.length > 1;
  const dest = resolvePath(req.workdir, req.dest);
  const added: FileEntry[] = [];
  for (const source of req.sources) {
    if (req.keyword === 'ADD' && /^(https?|git):\/\/|^git@/.test(source)) {
      notes.push(`ADD ${source}: downloads are not modelled; the model adds an empty file.`);
      added.push({ path: destDir ? `${dest}/${basename(source)}` : dest, type: 'file', size: 0, mode: 0o600, ...req.owner, digest: checksum(source), origin: { kind: 'run', line: 0, command: 'ADD' } });
      continue;
    }
    if (req.keyword === 'ADD' && /\.(tar|tar\.gz|tgz|tar\.xz)$/.test(source)) notes.push(`ADD ${source}: archive extraction is not modelled; the file is copied as is.`);
    const hits = select(all, source);
    if (hits.length === 0) return { ok: false, message: missing(req, source) };
    const single = hits.length === 1 && hits[0].under === basename(normalizePath(source)) && !hasGlob(source);
    for (const { file, under } of hits) {
      const path = single && !destDir ? dest : `${dest === '/' ? '' : dest}/${under}`;
      added.push({ ...file.entry, path, ...req.owner, mode: req.chmod ?? file.entry.mode, origin: file.origin });
    }
  }
  return { ok: true, added, notes };
}

function missing(req: CopyRequest, source: string): string {
  if (req.from.kind === 'fs') {
    return `${req.keyword} --from=${req.from.label}: "${source}" does not exist in ${req.from.label}. Check the path the earlier stage wrote (go build -o …).`;
  }
  const src = normalizePath(source).slice(1);
  const excluded = req.from.context.ignored.filter((p) => p === src || p.startsWith(src + '/') || (hasGlob(src) && globToRegExp(src).test(p)));
  return excluded.length
    ? `${req.keyword} ${source}: not in the build context because .dockerignore excludes it (${excluded.slice(0, 3).join(', ')}). Remove it from .dockerignore, or stop copying it.`
    : `${req.keyword} ${source}: "${source}" not found in the build context. Paths are relative to the repository root (go.mod, pkg/, plugin.json…).`;
}

/** The part of a COPY's cache key that depends on content: each copied file's destination and checksum. */
export function copyChecksum(added: FileEntry[]): string {
  return checksum(...added.map((e) => `${e.path}:${e.digest}:${e.mode}:${e.uid}`).sort());
}
