/**
 * The build context: the plugin repository's files (content/dockerfile/context/
 * manifest.json) plus the learner's Dockerfile and .dockerignore, filtered by the
 * .dockerignore with @balena/dockerignore (a port of Docker's own matcher), as the
 * Docker client does before it sends the context to the builder.
 */
import ignore from '@balena/dockerignore';
import { checksum } from './hash';
import type { ContextManifest } from './schema';

/** A file the builder can COPY. */
export interface ContextEntry {
  /** Relative to the context root, "/"-separated. */
  path: string;
  size: number;
  mode: number;
  /** Content checksum (model): what the layer cache compares for COPY and ADD. */
  digest: string;
  content?: string;
}

/** An edit to the repository between two builds, for the cache model. */
export interface ContextChange {
  /** Relative path of an existing (or new) context file. */
  path: string;
  /** New text; omit for "edited somehow" (a new checksum, same size). */
  content?: string;
}

export interface BuildContext {
  /** Files sent to the builder, by relative path. */
  files: Map<string, ContextEntry>;
  /** Files the .dockerignore kept out, sorted. */
  ignored: string[];
  /** Bytes sent to the builder (the "transferring context" figure). */
  sizeBytes: number;
  /** .dockerignore lines the matcher could not read (skipped), 1-based. */
  ignoreProblems: { line: number; message: string }[];
}

export interface ContextInput {
  dockerfile: string;
  /** The .dockerignore text; undefined when the learner has none. */
  dockerignore?: string;
  changes?: ContextChange[];
}

export function buildContext(manifest: ContextManifest, input: ContextInput): BuildContext {
  const all = new Map<string, ContextEntry>();
  for (const f of manifest.files) {
    all.set(f.path, { path: f.path, size: f.size, mode: f.mode ?? 0o644, content: f.content, digest: checksum(f.path, f.content ?? String(f.size)) });
  }
  const own = (path: string, text: string) => all.set(path, { path, size: text.length, mode: 0o644, content: text, digest: checksum(text) });
  own('Dockerfile', input.dockerfile);
  if (input.dockerignore !== undefined) own('.dockerignore', input.dockerignore);
  for (const change of input.changes ?? []) {
    const before = all.get(change.path);
    const content = change.content ?? before?.content;
    all.set(change.path, {
      path: change.path,
      size: change.content?.length ?? before?.size ?? 0,
      mode: before?.mode ?? 0o644,
      content,
      digest: checksum(change.path, 'edited', change.content ?? before?.digest ?? ''),
    });
  }
  const { patterns, problems } = dockerignorePatterns(input.dockerignore ?? '');
  const matcher = ignore().add(patterns);
  const files = new Map<string, ContextEntry>();
  const ignored: string[] = [];
  for (const [path, entry] of all) {
    if (matcher.ignores(path)) ignored.push(path);
    else files.set(path, entry);
  }
  let sizeBytes = 0;
  for (const f of files.values()) sizeBytes += f.size;
  return { files, ignored: ignored.sort(), sizeBytes, ignoreProblems: problems };
}

/**
 * .dockerignore patterns: comments and blank lines dropped, surrounding space trimmed
 * (as Docker does). A pattern the matcher cannot compile (it builds a RegExp, and
 * chokes on some characters Go would read literally, such as "(") is skipped and reported.
 */
function dockerignorePatterns(text: string): { patterns: string[]; problems: { line: number; message: string }[] } {
  const patterns: string[] = [];
  const problems: { line: number; message: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    try {
      ignore().add(line).ignores('probe/file');
      patterns.push(line);
    } catch (error) {
      problems.push({ line: i + 1, message: `.dockerignore line ${i + 1} ("${line.slice(0, 40)}") is not a pattern the lab can read (${String(error)}); it was skipped.` });
    }
  });
  return { patterns, problems };
}
