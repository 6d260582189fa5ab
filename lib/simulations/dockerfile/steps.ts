/**
 * Executes one instruction of a stage on the model: updates the stage's filesystem,
 * config, ARG/ENV scope and layers, and computes the instruction's cache key.
 */
import { copyChecksum, copyFiles } from './copy';
import { runCommands } from './commands';
import type { BuildContext } from './context';
import { expand } from './expand';
import { checksum } from './hash';
import type { Instruction } from './instructions';
import type { BuildStep, StageModel } from './model';
import type { RunContext } from './run-context';
import type { BaseUser, ContextManifest } from './schema';
import { applyMode } from './commands-fs';
import { tokenise } from './shell';
import { baseFiles, resolveBase } from './base-image';
import { parseImageRef } from './image-ref';
import { baseCatalogue } from './content';
import { parseMount, type RunMount } from './mounts';
import { isUnder, resolvePath } from './paths';
import { addEntry, emptyChanges, LayeredFs, type FileEntry, type LayerChanges } from './vfs';

/** A stage while it is being built. */
export interface StageState {
  model: StageModel;
  /** Cache key of the last instruction (the parent of the next one). */
  parentKey: string;
  /** ARGs declared in this stage: name → value. */
  args: Map<string, string | undefined>;
  env: Map<string, string>;
  /** CMD still comes from the base image. */
  cmdInherited: boolean;
}

export interface StepEnv {
  context: BuildContext;
  manifest: ContextManifest;
  /** Stages built so far (for COPY --from). */
  stages: StageModel[];
  /** Values of global ARGs (before the first FROM), after build-arg overrides. */
  globalArgs: Map<string, string | undefined>;
  buildArgs: Record<string, string>;
  /** Contents of `RUN --mount=type=cache` directories by id, paths relative to the mount target. */
  cacheMounts: Map<string, FileEntry[]>;
}

export type StepOutcome = { ok: true; warning?: string } | { ok: false; message: string };

/** Predefined platform args BuildKit fills in (the lab builds for linux/amd64). */
const AUTOMATIC_ARGS: Record<string, string> = { TARGETPLATFORM: 'linux/amd64', TARGETOS: 'linux', TARGETARCH: 'amd64', BUILDPLATFORM: 'linux/amd64', BUILDOS: 'linux', BUILDARCH: 'amd64' };

function scopeOf(state: StageState): Map<string, string | undefined> {
  return new Map<string, string | undefined>([...state.args, ...state.env]);
}

function resolveUser(state: StageState, spec: string): { uid?: number; gid?: number } {
  const [user, group] = spec.split(':');
  const found = state.model.users.find((u) => u.name === user);
  const uid = found?.uid ?? (/^\d+$/.test(user) ? Number(user) : undefined);
  const gid = group ? (state.model.groups.find((g) => g.name === group)?.gid ?? (/^\d+$/.test(group) ? Number(group) : undefined)) : found?.gid ?? uid;
  return { uid, gid };
}

function layerOf(added: FileEntry[], removed: string[]): NonNullable<BuildStep['layer']> {
  return { added, removed, sizeBytes: added.reduce((n, e) => n + e.size, 0) };
}

export function executeStep(i: Instruction, state: StageState, env: StepEnv): StepOutcome {
  const m = state.model;
  const scope = scopeOf(state);
  const envBefore = new Set(state.env.keys());
  const x = (text: string, used?: string[]) => { const r = expand(text, scope); used?.push(...r.used); return r.value; };
  const used: string[] = [];
  const step: BuildStep = { stage: m.index, line: i.line, keyword: i.keyword === 'OTHER' ? i.name : i.keyword, source: i.source, cacheKey: '', argsUsed: [], notes: [] };
  let keyExtra = '';
  let outcome: StepOutcome = { ok: true };

  switch (i.keyword) {
    case 'ARG': {
      const fromBuild = env.buildArgs[i.name];
      const value = fromBuild ?? (i.defaultValue !== undefined ? x(i.defaultValue, used) : env.globalArgs.get(i.name) ?? AUTOMATIC_ARGS[i.name]);
      state.args.set(i.name, value);
      m.args.push({ name: i.name, line: i.line, stage: m.index, value, usedOn: [] });
      break;
    }
    case 'ENV':
      for (const [k, v] of i.pairs) {
        const value = x(v, used);
        state.env.set(k, value);
        m.config.env[k] = value;
      }
      step.envNames = i.pairs.map(([k]) => k);
      break;
    case 'LABEL':
      for (const [k, v] of i.pairs) m.config.labels[x(k, used)] = x(v, used);
      break;
    case 'WORKDIR': {
      m.config.workdir = resolvePath(m.config.workdir, x(i.path, used));
      if (!m.fs.isDir(m.config.workdir)) {
        const dir: FileEntry = { path: m.config.workdir, type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0, digest: checksum(m.config.workdir), origin: { kind: 'run', line: i.line, command: 'WORKDIR' } };
        const changes = emptyChanges();
        addEntry(changes, dir);
        m.fs.apply(changes);
        step.layer = layerOf([dir], []);
      }
      break;
    }
    case 'USER': {
      const spec = x(i.user, used);
      m.config.user = spec;
      m.config.userLine = i.line;
      m.config.uid = resolveUser(state, spec).uid;
      if (m.config.uid === undefined) outcome = { ok: true, warning: `USER ${spec}: there is no user "${spec.split(':')[0]}" in the image's /etc/passwd, so the container will not start ("unable to find user"). Create it first (adduser) or use a numeric uid such as 65532.` };
      break;
    }
    case 'EXPOSE':
      m.config.exposedPorts.push(...i.ports.map((p) => x(p, used)));
      break;
    case 'ENTRYPOINT':
    case 'CMD': {
      const cmd = { form: i.form, argv: i.form === 'exec' ? i.args : ['/bin/sh', '-c', i.args[0]], line: i.line };
      if (i.keyword === 'CMD') m.config.cmd = cmd;
      else {
        m.config.entrypoint = cmd;
        // Docker resets a CMD inherited from the base when the Dockerfile sets ENTRYPOINT.
        if (state.cmdInherited) m.config.cmd = undefined;
      }
      state.cmdInherited = false;
      break;
    }
    case 'HEALTHCHECK':
      m.config.healthcheck = i.none ? 'none' : { form: i.form ?? 'exec', argv: i.form === 'shell' ? ['/bin/sh', '-c', i.args[0]] : i.args, line: i.line };
      break;
    case 'COPY':
    case 'ADD': {
      let owner = { uid: 0, gid: 0 };
      if (i.chown) {
        const r = resolveUser(state, x(i.chown, used));
        if (r.uid === undefined) return { ok: false, message: `${i.keyword} --chown=${i.chown}: no such user in the stage's /etc/passwd. Create the user in this stage first, or use numeric ids (--chown=65532:65532).` };
        owner = { uid: r.uid, gid: r.gid ?? r.uid };
      }
      const fromName = i.from ? x(i.from, used) : undefined;
      const from = fromName === undefined ? { kind: 'context' as const, context: env.context } : sourceStage(fromName, env, m.index);
      if ('error' in from) return { ok: false, message: from.error };
      let chmod: number | undefined;
      if (i.chmod) {
        chmod = /^[0-7]{3,4}$/.test(i.chmod) ? parseInt(i.chmod, 8) : applyMode(0o644, i.chmod);
        if (chmod === undefined) return { ok: false, message: `${i.keyword} --chmod=${i.chmod}: not a mode. Use octal (--chmod=755) or symbolic (--chmod=u+x).` };
      }
      const result = copyFiles({
        keyword: i.keyword, sources: i.sources.map((s) => x(s, used)), dest: x(i.dest, used), workdir: m.config.workdir,
        from, owner, chmod,
      });
      if (!result.ok) return { ok: false, message: result.message };
      // A copied /etc/passwd or /etc/group brings its accounts (scratch images get users this way).
      if (from.kind === 'fs') {
        if (result.added.some((e) => e.path === '/etc/passwd')) m.users = from.users.map((u) => ({ ...u }));
        if (result.added.some((e) => e.path === '/etc/group')) m.groups = from.groups.map((g) => ({ ...g }));
      }
      const changes = emptyChanges();
      for (const e of result.added) addEntry(changes, e);
      m.fs.apply(changes);
      step.layer = layerOf(result.added, []);
      step.notes.push(...result.notes);
      keyExtra = copyChecksum(result.added);
      break;
    }
    case 'RUN': {
      const mounted = mountFiles(i.mounts.map((spec) => x(spec, used)), state, env);
      if ('error' in mounted) return { ok: false, message: mounted.error };
      const lower = mounted.mounts.length ? new LayeredFs([...m.fs.list('/').filter((e) => !mounted.mounts.some((mt) => isUnder(e.path, mt.target))), ...mounted.entries]) : m.fs;
      const ctx: RunContext = {
        lower, changes: emptyChanges(), cwd: m.config.workdir,
        env: new Map([...[...state.args].filter((e): e is [string, string] => e[1] !== undefined), ...state.env]),
        uid: m.config.uid ?? 0, gid: resolveUser(state, m.config.user || 'root').gid ?? 0,
        users: m.users, groups: m.groups, line: i.line, libc: m.base.image?.libc ?? null, manifest: env.manifest, notes: step.notes,
      };
      let commands;
      if (i.exec) commands = [{ argv: i.exec, assignments: {} }];
      else {
        if (!m.fs.get('/bin/sh')) return { ok: false, message: `RUN needs /bin/sh, and ${m.base.ref.raw} has no shell. Run commands in a build stage and COPY the results here.` };
        const t = tokenise(i.shell ?? '', scopeOf(state));
        used.push(...t.used);
        commands = t.commands;
        if (t.substitutions) step.notes.push('command substitutions ("$(…)") are not modelled: their output is taken as empty.');
      }
      const result = runCommands(commands, ctx);
      if (!result.ok) return { ok: false, message: `RUN exited with code ${result.exitCode}: ${result.message}` };
      unmount(ctx.changes, mounted.mounts, env);
      m.fs.apply(ctx.changes);
      step.layer = layerOf([...ctx.changes.added.values()], [...ctx.changes.removed]);
      // Every build arg is in a RUN's environment, so any arg value is part of its cache key;
      // so are the checksums of bind-mounted files, as in BuildKit.
      keyExtra = [...state.args].map(([k, v]) => `${k}=${v ?? ''}`).join('\n') + copyChecksum(mounted.bound);
      break;
    }
    case 'OTHER':
      step.notes.push(`${i.name} is recorded but not modelled.`);
      break;
    case 'FROM':
      break;
  }
  for (const name of new Set(used)) {
    // ENV beats ARG only for an ENV set before this instruction (ENV X=$X reads the arg).
    if (!state.args.has(name) || envBefore.has(name)) continue;
    step.argsUsed.push(name);
    m.args.filter((a) => a.name === name).at(-1)?.usedOn.push(i.line);
  }
  step.cacheKey = checksum(state.parentKey, i.keyword, i.source, expand(i.source, scope).value, keyExtra);
  state.parentKey = step.cacheKey;
  m.steps.push(step);
  if (step.layer) m.layers.push(step);
  return outcome;
}

interface Mounted {
  mounts: RunMount[];
  /** What the RUN sees under the mount targets. */
  entries: FileEntry[];
  /** Bind-mounted files (their checksums key the cache). */
  bound: FileEntry[];
}

/** The files a RUN's mounts show it: bind mounts from the context or a stage, cache mounts from earlier RUNs. */
function mountFiles(specs: string[], state: StageState, env: StepEnv): Mounted | { error: string } {
  const out: Mounted = { mounts: [], entries: [], bound: [] };
  for (const spec of specs) {
    const mount = parseMount(spec, state.model.config.workdir);
    if ('error' in mount) return mount;
    out.mounts.push(mount);
    if (mount.type === 'bind') {
      const from = mount.from === undefined ? { kind: 'context' as const, context: env.context } : sourceStage(mount.from, env, state.model.index);
      if ('error' in from) return { error: from.error.replace(/^COPY/, 'RUN --mount') };
      const copied = copyFiles({ keyword: 'COPY', sources: [mount.source], dest: mount.target, workdir: '/', from, owner: { uid: 0, gid: 0 } });
      if (!copied.ok) return { error: copied.message.replace(/^COPY/, `RUN --mount=${spec}:`) };
      out.entries.push(...copied.added);
      out.bound.push(...copied.added);
    } else if (mount.type === 'cache') {
      const kept = env.cacheMounts.get(mount.id) ?? [];
      out.entries.push(...kept.map((e) => ({ ...e, path: mount.target + e.path })));
    }
  }
  return out;
}

/** Takes what the RUN wrote under its mounts out of the layer; a cache mount keeps it for later RUNs. */
function unmount(changes: LayerChanges, mounts: RunMount[], env: StepEnv): void {
  for (const mount of mounts) {
    const under = [...changes.added.values()].filter((e) => isUnder(e.path, mount.target));
    for (const e of under) changes.added.delete(e.path);
    for (const r of [...changes.removed]) if (isUnder(r, mount.target)) changes.removed.delete(r);
    if (mount.type === 'cache') {
      const kept = new Map((env.cacheMounts.get(mount.id) ?? []).map((e) => [e.path, e]));
      for (const e of under) kept.set(e.path.slice(mount.target.length), { ...e, path: e.path.slice(mount.target.length) });
      env.cacheMounts.set(mount.id, [...kept.values()]);
    }
  }
}

/** Where COPY --from reads: an earlier stage's or an image's files, and its accounts (for a copied /etc/passwd). */
type SourceStage = { kind: 'fs'; fs: LayeredFs; label: string; image?: boolean; users: BaseUser[]; groups: { name: string; gid: number }[] } | { error: string };

function sourceStage(name: string, env: StepEnv, current: number): SourceStage {
  const stage = /^\d+$/.test(name) ? env.stages[Number(name)] : env.stages.find((s) => s.name?.toLowerCase() === name.toLowerCase());
  if (stage && stage.index < current) return { kind: 'fs' as const, fs: stage.fs, label: stage.name ?? String(stage.index), users: stage.users, groups: stage.groups };
  if (stage) return { error: `COPY --from=${name}: a stage can only copy from stages above it.` };
  const ref = parseImageRef(name);
  const { image } = resolveBase(baseCatalogue(), ref);
  if (image && !/^\d+$/.test(name)) return { kind: 'fs' as const, fs: new LayeredFs(baseFiles(image)), label: name, image: true, users: image.users, groups: image.users.map((u) => ({ name: u.name, gid: u.gid })) };
  return { error: `COPY --from=${name}: there is no stage named "${name}" above this line (stages: ${env.stages.map((s) => s.name ?? s.index).join(', ') || 'none'}).` };
}
