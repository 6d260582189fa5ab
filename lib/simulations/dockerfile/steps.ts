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
import { resolvePath } from './paths';
import type { RunContext } from './run-context';
import type { ContextManifest } from './schema';
import { tokenise } from './shell';
import { baseFiles, resolveBase } from './base-image';
import { parseImageRef } from './image-ref';
import { baseCatalogue } from './content';
import { addEntry, emptyChanges, LayeredFs, type FileEntry } from './vfs';

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
      const result = copyFiles({
        keyword: i.keyword, sources: i.sources.map((s) => x(s, used)), dest: x(i.dest, used), workdir: m.config.workdir,
        from, owner, chmod: i.chmod ? parseInt(i.chmod, 8) : undefined,
      });
      if (!result.ok) return { ok: false, message: result.message };
      const changes = emptyChanges();
      for (const e of result.added) addEntry(changes, e);
      m.fs.apply(changes);
      step.layer = layerOf(result.added, []);
      step.notes.push(...result.notes);
      keyExtra = copyChecksum(result.added);
      break;
    }
    case 'RUN': {
      const ctx: RunContext = {
        lower: m.fs, changes: emptyChanges(), cwd: m.config.workdir,
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
      if (i.mounts.length) step.notes.push(`RUN --mount=${i.mounts.join(', --mount=')}: mounts are not modelled; files under the mount target are treated as part of the layer.`);
      const result = runCommands(commands, ctx);
      if (!result.ok) return { ok: false, message: `RUN exited with code ${result.exitCode}: ${result.message}` };
      m.fs.apply(ctx.changes);
      step.layer = layerOf([...ctx.changes.added.values()], [...ctx.changes.removed]);
      // Every build arg is in a RUN's environment, so any arg value is part of its cache key.
      keyExtra = [...state.args].map(([k, v]) => `${k}=${v ?? ''}`).join('\n');
      break;
    }
    case 'OTHER':
      step.notes.push(`${i.name} is recorded but not modelled.`);
      break;
    case 'FROM':
      break;
  }
  for (const name of new Set(used)) {
    if (!state.args.has(name) || state.env.has(name)) continue;
    step.argsUsed.push(name);
    m.args.filter((a) => a.name === name).at(-1)?.usedOn.push(i.line);
  }
  step.cacheKey = checksum(state.parentKey, i.keyword, i.source, expand(i.source, scope).value, keyExtra);
  state.parentKey = step.cacheKey;
  m.steps.push(step);
  if (step.layer) m.layers.push(step);
  return outcome;
}

type SourceStage = { kind: 'fs'; fs: LayeredFs; label: string; image?: boolean } | { error: string };

function sourceStage(name: string, env: StepEnv, current: number): SourceStage {
  const stage = /^\d+$/.test(name) ? env.stages[Number(name)] : env.stages.find((s) => s.name?.toLowerCase() === name.toLowerCase());
  if (stage && stage.index < current) return { kind: 'fs' as const, fs: stage.fs, label: stage.name ?? String(stage.index) };
  if (stage) return { error: `COPY --from=${name}: a stage can only copy from stages above it.` };
  const ref = parseImageRef(name);
  const { image } = resolveBase(baseCatalogue(), ref);
  if (image && !/^\d+$/.test(name)) return { kind: 'fs' as const, fs: new LayeredFs(baseFiles(image)), label: name, image: true };
  return { error: `COPY --from=${name}: there is no stage named "${name}" above this line (stages: ${env.stages.map((s) => s.name ?? s.index).join(', ') || 'none'}).` };
}
