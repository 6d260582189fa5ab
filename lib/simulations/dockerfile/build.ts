/**
 * Builds the image model of a Dockerfile: parse, build context, then every stage in
 * order on a layered virtual filesystem, as BuildKit would (except that it runs
 * every stage, used or not). A failing instruction stops the build with its line
 * and message, as `docker build` does. Never throws.
 */
import { buildContext, type ContextChange } from './context';
import { baseCatalogue, contextManifest } from './content';
import { diag } from './diagnostics';
import { expand } from './expand';
import { checksum } from './hash';
import { isValidDigest, parseImageRef } from './image-ref';
import { baseFiles, resolveBase } from './base-image';
import type { BuildModel, StageModel } from './model';
import { parseDockerfile, type ParsedDockerfile } from './parse';
import { executeStep, type StageState, type StepEnv } from './steps';
import { LayeredFs } from './vfs';
import type { ParsedStage } from './instructions';

/** What the learner hands in. */
export interface DockerfileInput {
  dockerfile: string;
  /** The .dockerignore text; undefined when there is none. */
  dockerignore?: string;
  /** `--build-arg NAME=value` overrides. */
  buildArgs?: Record<string, string>;
  /** Edits to the repository since the "previous" build (cache model). */
  changes?: ContextChange[];
}

export const MODEL_NOTE =
  'This is a model of docker build, not a build: no Docker engine runs in the browser. Files are modelled by path, size and checksum; RUN commands are simulated from a small catalogue; base image sizes are approximate.';

export function simulateBuild(input: DockerfileInput): BuildModel {
  const manifest = contextManifest();
  const catalogue = baseCatalogue();
  const parsed = parseDockerfile(input.dockerfile);
  const context = buildContext(manifest, input);
  const ignoreWarnings = context.ignoreProblems.map((p) => ({ ...diag('dockerignore-pattern', p.line, 1, p.message, 'warning'), file: '.dockerignore' as const }));
  const model: BuildModel = { diagnostics: [...parsed.diagnostics, ...ignoreWarnings], stages: [], context, globalArgs: [], sizesLabel: `${catalogue.sizesLabel} (${catalogue.asOf})`, notes: [MODEL_NOTE] };
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return model;
  try {
    run(parsed, input, model);
  } catch (error) {
    // A bug in the model must not take the page down: report it as the build's failure.
    model.failure = { line: 1, message: `The model failed: ${String(error)}` };
    model.diagnostics.push(diag('model-failed', 1, 1, model.failure.message));
  }
  return model;
}

function run(parsed: ParsedDockerfile, input: DockerfileInput, model: BuildModel): void {
  const buildArgs = input.buildArgs ?? {};
  const globalArgs = new Map<string, string | undefined>();
  for (const a of parsed.globalArgs) {
    const value = buildArgs[a.name] ?? (a.defaultValue !== undefined ? expand(a.defaultValue, globalArgs).value : undefined);
    globalArgs.set(a.name, value);
    model.globalArgs.push({ name: a.name, line: a.line, stage: -1, value, usedOn: [] });
  }
  const env: StepEnv = { context: model.context, manifest: contextManifest(), stages: model.stages, globalArgs, buildArgs, cacheMounts: new Map() };
  for (const parsedStage of parsed.stages) {
    const state = startStage(parsedStage, model, globalArgs);
    if (!state) return;
    model.stages.push(state.model);
    for (const instruction of parsedStage.instructions) {
      const outcome = executeStep(instruction, state, env);
      if (!outcome.ok) {
        model.failure = { line: instruction.line, message: outcome.message };
        model.diagnostics.push(diag('build-failed', instruction.line, instruction.column, outcome.message));
        return;
      }
      if (outcome.warning) model.diagnostics.push(diag('user-unknown', instruction.line, instruction.column, outcome.warning));
    }
    state.model.sizeBytes = state.model.base.sizeBytes + state.model.steps.reduce((n, s) => n + (s.layer?.sizeBytes ?? 0), 0);
  }
  model.final = model.stages.at(-1);
}

function startStage(p: ParsedStage, model: BuildModel, globalArgs: Map<string, string | undefined>): StageState | undefined {
  const expanded = expand(p.from.image, globalArgs);
  for (const name of expanded.used) {
    model.globalArgs.filter((a) => a.name === name).forEach((a) => a.usedOn.push(p.from.line));
  }
  const ref = parseImageRef(expanded.value);
  const fail = (message: string) => {
    model.failure = { line: p.from.line, message };
    model.diagnostics.push(diag('build-failed', p.from.line, p.from.column, message));
    return undefined;
  };
  if (!expanded.value) return fail(`FROM ${p.from.image}: the image name is empty after substituting build args. Give the ARG a default before the first FROM.`);
  if (ref.digest && !isValidDigest(ref.digest)) return fail(`FROM ${ref.raw}: "${ref.digest}" is not a digest; a digest is sha256: followed by 64 hex digits (docker buildx imagetools inspect shows it).`);
  const earlier = !ref.tag && !ref.digest ? model.stages.find((s) => s.name?.toLowerCase() === ref.repository.toLowerCase()) : undefined;
  const stage: StageModel = {
    index: p.index, name: p.from.stageName, fromLine: p.from.line,
    base: { ref, sizeBytes: 0 },
    steps: [], layers: [], fs: new LayeredFs(), users: [], groups: [], args: [], sizeBytes: 0,
    config: { user: '', uid: 0, workdir: '/', exposedPorts: [], env: {}, labels: {} },
  };
  let parentKey: string;
  if (earlier) {
    stage.base = { ref, stage: earlier.index, image: earlier.base.image, sizeBytes: earlier.sizeBytes };
    stage.fs = new LayeredFs(earlier.fs.list('/'));
    stage.layers = [...earlier.layers];
    stage.users = earlier.users.map((u) => ({ ...u }));
    stage.groups = earlier.groups.map((g) => ({ ...g }));
    stage.config = structuredClone({ ...earlier.config, userLine: undefined });
    parentKey = earlier.steps.at(-1)?.cacheKey ?? checksum('stage', String(earlier.index));
  } else {
    const { image, note } = resolveBase(baseCatalogue(), ref);
    if (note) model.notes.push(`line ${p.from.line}: ${note}`);
    stage.base = { ref, image, note, sizeBytes: image?.sizeBytes ?? 0 };
    if (image) {
      stage.fs = new LayeredFs(baseFiles(image));
      stage.users = image.users.map((u) => ({ ...u }));
      stage.groups = image.users.map((u) => ({ name: u.name, gid: u.gid }));
      const uid = image.user === '' ? 0 : image.users.find((u) => u.name === image.user || String(u.uid) === image.user)?.uid;
      stage.config = { user: image.user, uid, workdir: image.workdir, exposedPorts: [], env: { ...image.env }, labels: {} };
    }
    parentKey = checksum('FROM', ref.raw);
  }
  return { model: stage, parentKey, args: new Map(), env: new Map(Object.entries(stage.config.env)), cmdInherited: Boolean(stage.config.cmd) };
}
