/**
 * The Dockerfile lab's findings, each computed from the image model (what the image
 * contains, runs as and reuses), never from the Dockerfile's text. The lab's checks
 * call `labReport` once per Run and assert on `findingsOf(report, kind)`.
 *
 * Pinning rule the lab applies: every pulled base image needs a tag that names a
 * version (golang:1.23-alpine, alpine:3.20) or a digest; a digest is recommended
 * (tags move), and is the only pin for images whose tags carry no version
 * (distroless :nonroot). `scratch` is not pulled and needs no pin.
 */
import { simulateBuild, type DockerfileInput } from './build';
import { CODE_CHANGE, compareBuilds, type RebuildReport } from './cache';
import { contextManifest } from './content';
import { lineOf, shippedEntries, stageChain, type Finding, type FindingKind } from './findings';
import { pinStatus } from './image-ref';
import type { BuildModel, StageModel } from './model';
import { CA_BUNDLE } from './commands-packages';
import { isSecretFile, isSecretName, tokenKind } from './secrets';

export interface LabReport {
  model: BuildModel;
  /** When the Dockerfile cannot be parsed or built: the reason, and no findings. */
  blocking?: string;
  findings: Finding[];
  /** The cache after a one-line edit to a Go source file (undefined when blocked). */
  codeChange?: RebuildReport;
}

/** Where the lab wants the backend binary: <pluginDir>/<executable>_<os>_<arch>, as Grafana looks it up. */
export function expectedBinaryPath(): string {
  const m = contextManifest();
  const pluginJson = m.files.find((f) => f.path === 'plugin.json')?.content ?? '{}';
  const { executable } = JSON.parse(pluginJson) as { executable?: string };
  return `${m.target.pluginDir}/${executable ?? 'gpx_plugin'}_${m.target.os}_${m.target.arch}`;
}

/** The lab's files as the learner edits them: `Dockerfile` and (optional) `.dockerignore`. */
export function inputFromFiles(files: Record<string, string>): DockerfileInput {
  return { dockerfile: files['Dockerfile'] ?? '', dockerignore: files['.dockerignore'] };
}

/**
 * Builds the model, and (when it builds) the cache after CODE_CHANGE and every
 * finding. Never throws. The model holds class instances (the filesystem): keep
 * `picture(report)` in a saved run record, not the report itself.
 */
export function labReport(input: DockerfileInput): LabReport {
  const model = simulateBuild(input);
  const errors = model.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !model.final) {
    const first = errors[0];
    return { model, findings: [], blocking: first ? `Line ${first.line}: ${first.message}` : 'The Dockerfile builds no image.' };
  }
  const final = model.final;
  const codeChange = compareBuilds(model, simulateBuild({ ...input, changes: [...(input.changes ?? []), ...CODE_CHANGE] }));
  const findings = [
    ...toolchainInFinal(model, final),
    ...sourceInFinal(model, final),
    ...secretFiles(model, final),
    ...secretArgs(model),
    ...secretEnv(model, final),
    ...runsAsRoot(final),
    ...unpinnedBases(model),
    ...binaryFindings(final),
    ...caCertificates(final),
    ...depsNotCached(codeChange),
  ].sort((a, b) => a.line - b.line);
  return { model, findings, codeChange };
}

export function findingsOf(report: LabReport, kind: FindingKind): Finding[] {
  return report.findings.filter((f) => f.kind === kind);
}

/** A Go toolchain (the official image's, or a distribution package's) or a C compiler. */
const TOOLCHAIN = /^\/usr\/local\/go\/bin\/go$|^\/usr\/lib\/go[^/]*\/bin\/go$|\/bin\/(gcc|cc|g\+\+)$/;

export function toolchainInFinal(model: BuildModel, final: StageModel): Finding[] {
  const hits = shippedEntries(model, final).filter((s) => TOOLCHAIN.test(s.entry.path));
  if (!hits.length) return [];
  return [{ kind: 'toolchain-in-final', line: hits[0].line, subjects: hits.map((h) => h.entry.path),
    message: `The final image ships a compiler (${hits.map((h) => h.entry.path).join(', ')}): hundreds of MB an attacker can use and the plugin never needs at run time. Build in one stage and copy only the binary into a small final stage.` }];
}

export function sourceInFinal(model: BuildModel, final: StageModel): Finding[] {
  const hits = shippedEntries(model, final).filter((s) => s.entry.origin.kind !== 'base' && s.entry.type === 'file' &&
    (s.entry.path.endsWith('.go') || /\/(node_modules|\.git)\//.test(s.entry.path)));
  if (!hits.length) return [];
  const lines = [...new Set(hits.map((h) => h.line))];
  return [{ kind: 'source-in-final', line: lines[0], subjects: hits.map((h) => h.entry.path),
    message: `The final image carries source or build inputs (${hits.length} files: ${hits.slice(0, 3).map((h) => h.entry.path).join(', ')}${hits.length > 3 ? '…' : ''}) from line ${lines.join(', ')}. Only the binary (and what it reads at run time) belongs in the final stage.` }];
}

/**
 * Secret files in any layer: the final image's (shipped, even when a later layer deletes
 * them) and a build stage's (not shipped, but kept in the builder's cache, exported with
 * `--cache-to … mode=max`, and one `--target` away from being pushed).
 */
export function secretFiles(model: BuildModel, final: StageModel): Finding[] {
  const shipped = shippedEntries(model, final)
    .filter((s) => s.entry.type === 'file' && isSecretFile(s.entry))
    .map((s) => ({ kind: 'secret-file' as const, line: s.line, subjects: [s.entry.path],
      message: `${s.entry.path} holds a secret and is in the layer written by line ${s.line}${s.removedOn ? `; line ${s.removedOn} deletes it, but deleting in a later layer only hides it: the bytes stay in the earlier layer, and anyone with the image can extract them` : ''}. Keep it out of the build context (.dockerignore) or pass it with RUN --mount=type=secret.` }));
  const inFinal = new Set(stageChain(model, final));
  const built = model.stages.filter((s) => !inFinal.has(s)).flatMap((stage) => stage.steps.flatMap((step) =>
    (step.layer?.added ?? []).filter((e) => e.type === 'file' && isSecretFile(e)).map((e) => ({ kind: 'secret-file' as const, line: step.line, subjects: [e.path],
      message: `${e.path} holds a secret and is in the layer written by line ${step.line}, in build stage ${stage.name ?? stage.index}. The stage is not shipped, but its layers stay in the build cache, which CI often exports to a registry. Keep it out of the build context (.dockerignore) or pass it with RUN --mount=type=secret.` }))));
  return [...shipped, ...built];
}

/** ARGs whose name or value says secret, in any stage: build args are recorded in the image history and BuildKit's provenance. */
export function secretArgs(model: BuildModel): Finding[] {
  const all = [...model.globalArgs, ...model.stages.flatMap((s) => s.args)];
  return all
    .filter((a) => isSecretName(a.name) || (a.value !== undefined && tokenKind(a.value)))
    .map((a) => ({ kind: 'secret-arg' as const, line: a.line, subjects: [a.name],
      message: `ARG ${a.name} passes a secret as a build argument${a.usedOn.length ? ` (read on line ${a.usedOn.join(', ')})` : ''}. Build args are saved in the image history and build provenance for anyone to read. Use RUN --mount=type=secret,id=${a.name.toLowerCase()} instead.` }));
}

/** ENV values of the final image (and the stages it is based on) that are secrets: ENV ships in the image config. */
export function secretEnv(model: BuildModel, final: StageModel): Finding[] {
  const out: Finding[] = [];
  for (const stage of stageChain(model, final)) {
    for (const step of stage.steps.filter((s) => s.keyword === 'ENV')) {
      // An ENV that copies a secret build arg (ENV KEY=$API_TOKEN) ships the secret as well.
      const fromSecretArg = step.argsUsed.some(isSecretName);
      for (const name of step.envNames ?? []) {
        const value = final.config.env[name];
        // Empty here, but it holds whatever --build-arg passes when it comes from a secret arg.
        if (value === undefined || (!value && !fromSecretArg)) continue;
        if (isSecretName(name) || tokenKind(value) || fromSecretArg) {
          out.push({ kind: 'secret-env', line: step.line, subjects: [name],
            message: `ENV ${name} puts a secret into the image config: docker inspect shows it to anyone with the image. Give it to the container at run time (an environment variable or a mounted file), not at build time.` });
        }
      }
    }
  }
  return out;
}

export function runsAsRoot(final: StageModel): Finding[] {
  if (final.config.uid !== 0) return [];
  const line = final.config.userLine ?? final.fromLine;
  return [{ kind: 'runs-as-root', line, subjects: [final.config.user || 'root'],
    message: final.config.userLine
      ? `USER ${final.config.user} on line ${line} makes the container run as root (uid 0). Switch to an unprivileged user last.`
      : `The final image sets no USER, so the container runs as root (uid 0). Add a USER with a non-zero uid (an adduser user, or 65532 on distroless).` }];
}

export function unpinnedBases(model: BuildModel): Finding[] {
  return model.stages
    .filter((s) => s.base.stage === undefined && s.base.ref.repository !== 'scratch')
    .flatMap((s) => {
      const status = pinStatus(s.base.ref);
      if (status === 'digest' || status === 'version-tag') return [];
      return [{ kind: 'unpinned-base' as const, line: s.fromLine, subjects: [s.base.ref.raw],
        message: `FROM ${s.base.ref.raw} is not pinned: ${status === 'no-tag' ? 'no tag means latest' : `the tag "${s.base.ref.tag}" names no version`}, so the next build may get a different image. Use a tag with a version (golang:1.23-alpine) or, better, a digest (@sha256:…).` }];
    });
}

export function binaryFindings(final: StageModel): Finding[] {
  const path = expectedBinaryPath();
  const entry = final.fs.get(path);
  if (!entry || entry.type !== 'file') {
    const elsewhere = final.fs.list('/').filter((e) => e.binary).map((e) => e.path);
    return [{ kind: 'binary-missing', line: elsewhere.length ? lineOf(final, elsewhere[0]) : final.steps.at(-1)?.line ?? final.fromLine, subjects: [path, ...elsewhere],
      message: `Grafana runs the backend from ${path} (plugin.json's "executable" plus _linux_amd64, in the plugin directory), and the final image has no file there${elsewhere.length ? `; the binary is at ${elsewhere.join(', ')}` : ''}.` }];
  }
  const line = lineOf(final, path);
  const uid = final.config.uid ?? -1;
  const bit = uid === 0 ? 0o111 : entry.uid === uid ? 0o100 : 0o001;
  const problems: string[] = [];
  if (!entry.binary) problems.push('it is not the program go build produced');
  if ((entry.mode & bit) === 0) problems.push(`the final user cannot execute it (mode ${entry.mode.toString(8)})`);
  if (entry.binary?.linkage === 'dynamic') {
    const loader = entry.binary.libc === 'musl' ? '/lib/ld-musl-x86_64.so.1' : '/lib/x86_64-linux-gnu/libc.so.6';
    if (!final.fs.get(loader)) problems.push(`it was linked with cgo against ${entry.binary.libc ?? 'a C library'} and the final image has none, so starting it fails with "no such file or directory"; build with CGO_ENABLED=0`);
  }
  return problems.length ? [{ kind: 'binary-not-runnable', line, subjects: [path], message: `${path} will not run: ${problems.join('; ')}.` }] : [];
}

export function caCertificates(final: StageModel): Finding[] {
  if (final.fs.get(CA_BUNDLE)) return [];
  return [{ kind: 'no-ca-certs', line: final.fromLine, subjects: [CA_BUNDLE],
    message: `The final image has no CA certificates (${CA_BUNDLE}), so every HTTPS call the plugin makes to its upstream fails with "x509: certificate signed by unknown authority". Install ca-certificates, or copy the bundle from the build stage.` }];
}

/** After editing one Go file, the step that downloads modules must come from the cache. */
export function depsNotCached(report: RebuildReport): Finding[] {
  const downloads = report.after.stages.flatMap((s) => s.steps.filter((step) => step.layer?.added.some((e) => e.path.includes('/pkg/mod/cache/download/'))));
  const out: Finding[] = [];
  for (const step of downloads) {
    const status = report.steps.find((s) => s.line === step.line)?.status;
    if (status !== 'rebuilt') continue;
    const cause = report.steps.find((s) => s.stage === step.stage && s.status === 'rebuilt');
    const moduleBytes = (step.layer?.added ?? []).filter((e) => e.path.includes('/pkg/mod/cache/download/')).reduce((n, e) => n + e.size, 0);
    out.push({ kind: 'deps-not-cached', line: step.line, subjects: [step.source],
      message: `After a change to one Go source file, line ${step.line} downloads every module again (${Math.round(moduleBytes / 1048576)} MB): line ${cause?.line ?? step.line} (${cause?.source ?? step.source}) copies the source before the download, so the cache stops there. Copy go.mod and go.sum, run go mod download, then copy the source.` });
  }
  return out;
}
