/** What a modelled shell command sees and may change while one RUN executes. */
import type { BaseUser, ContextManifest } from './schema';
import { addEntry, removeEntry, type FileEntry, type LayerChanges, type LayeredFs } from './vfs';
import { checksum } from './hash';

export interface RunContext {
  /** The stage's filesystem before this RUN. */
  lower: LayeredFs;
  /** This RUN's layer so far. */
  changes: LayerChanges;
  /** Working directory (`cd` changes it for the rest of the RUN). */
  cwd: string;
  /** Environment: ENV, build args, and `export`s of this RUN. */
  env: Map<string, string>;
  uid: number;
  gid: number;
  /** /etc/passwd of the stage (adduser appends). */
  users: BaseUser[];
  /** /etc/group of the stage (addgroup appends). */
  groups: { name: string; gid: number }[];
  /** 1-based line of the RUN. */
  line: number;
  /** The C library of the stage's base image, for binaries linked with cgo. */
  libc: 'glibc' | 'musl' | null;
  manifest: ContextManifest;
  /** What the model did not simulate, in plain words. */
  notes: string[];
}

export type CommandResult = { ok: true } | { ok: false; exitCode: number; message: string };
export const OK: CommandResult = { ok: true };
export const failed = (exitCode: number, message: string): CommandResult => ({ ok: false, exitCode, message });

/** A command the model knows. */
export interface CommandModel {
  /** Program names it handles (basename of argv[0]). */
  names: string[];
  /** True for shell builtins, which need no file on PATH. */
  builtin?: boolean;
  run(argv: string[], ctx: RunContext, commandEnv: Map<string, string>): CommandResult;
}

/** The filesystem as this RUN sees it now. */
export function currentFs(ctx: RunContext): LayeredFs {
  return ctx.lower.withPending(ctx.changes);
}

/** Writes a file produced by the command into this RUN's layer. */
export function writeFile(ctx: RunContext, path: string, size: number, extra: Partial<FileEntry> = {}): void {
  addEntry(ctx.changes, {
    path, type: 'file', size, mode: 0o644, uid: ctx.uid, gid: ctx.gid,
    digest: checksum(path, String(size)), origin: { kind: 'run', line: ctx.line, command: '' }, ...extra,
  });
}

export function makeDir(ctx: RunContext, path: string): void {
  if (currentFs(ctx).isDir(path)) return;
  addEntry(ctx.changes, { path, type: 'dir', size: 0, mode: 0o755, uid: ctx.uid, gid: ctx.gid, digest: checksum(path), origin: { kind: 'run', line: ctx.line, command: 'mkdir' } });
}

export function remove(ctx: RunContext, path: string): void {
  removeEntry(ctx.changes, ctx.lower, path);
}

/** Whether the shell's user may change system files (package managers, users). */
export function isRoot(ctx: RunContext): boolean {
  return ctx.uid === 0;
}

/** Splits argv into flags (with their values for the options listed) and operands. */
export function splitArgs(argv: string[], withValue: string[] = []): { flags: Map<string, string>; operands: string[] } {
  const flags = new Map<string, string>();
  const operands: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('-') && a.length > 1) {
      const [name, inline] = a.split('=', 2);
      if (inline !== undefined) flags.set(name, inline);
      else if (withValue.includes(name)) flags.set(name, argv[++i] ?? '');
      else flags.set(name, '');
    } else operands.push(a);
  }
  return { flags, operands };
}
