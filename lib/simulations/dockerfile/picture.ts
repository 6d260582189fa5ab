/**
 * A plain-data summary of a lab report for the results views (and for the run record,
 * which crosses from a Worker): stages, layers with their sizes, what each adds and the
 * secrets it holds, the final config, the build context, the cache after a code change,
 * findings and diagnostics. No classes, no functions. Secret values are masked here
 * (instruction text, notes, ENV values), so nothing downstream can show one.
 */
import type { LabReport } from './lab';
import type { Finding } from './findings';
import type { DockerfileDiagnostic } from './diagnostics';
import type { ImageConfig, StageModel } from './model';
import type { CacheStep } from './cache';
import type { FileEntry } from './vfs';
import { CA_BUNDLE } from './commands-packages';
import { contextManifest } from './content';
import { isSecretFile, isSecretName, maskSecrets, MASK, tokenKind } from './secrets';

/** Files listed per layer at most (biggest first); the rest are counted. */
export const FILES_PER_LAYER = 12;

/** What a layer adds, grouped: "Go module cache", 215 MB in 9 files. */
export interface LayerPart {
  label: string;
  sizeBytes: number;
  count: number;
}

export interface LayerPicture {
  line: number;
  keyword: string;
  /** The instruction as written, secrets masked. */
  source: string;
  sizeBytes: number;
  fileCount: number;
  /** Biggest files first, at most FILES_PER_LAYER. */
  files: { path: string; sizeBytes: number; origin: string }[];
  /** What the layer adds, by kind, biggest first. */
  parts: LayerPart[];
  /** Secret files this layer wrote: they stay in its bytes even when a later line deletes them. */
  secrets: { path: string; removedOn?: number }[];
  removed: string[];
  notes: string[];
}

export interface StagePicture {
  index: number;
  name?: string;
  fromLine: number;
  /** As written, e.g. "golang:1.23-alpine"; for a stage base, the stage's name. */
  base: string;
  /** The catalogue entry modelled, and why if it differs from `base`. */
  modelledAs?: string;
  baseNote?: string;
  /** The catalogue's one-line description of the base (what it holds). */
  baseDescription?: string;
  /** Index of the earlier stage this one starts from (FROM build). */
  baseStage?: number;
  baseSizeBytes: number;
  layers: LayerPicture[];
  sizeBytes: number;
  /** True for the stage that is the image. */
  final: boolean;
}

export interface ContextFilePicture {
  /** Relative to the context root. */
  path: string;
  sizeBytes: number;
  /** True when .dockerignore keeps it out of the context. */
  ignored: boolean;
}

export interface DockerfilePicture {
  /** The model's disclaimer and what it did not simulate. */
  notes: string[];
  sizesLabel: string;
  diagnostics: DockerfileDiagnostic[];
  failure?: { line: number; message: string };
  context: { sentBytes: number; fileCount: number; ignored: string[]; files: ContextFilePicture[] };
  stages: StagePicture[];
  /** The image: its size, and its config with secret ENV values masked. */
  final?: { sizeBytes: number; config: ImageConfig; hasCaCertificates: boolean };
  cacheAfterCodeChange?: { steps: CacheStep[]; rebuiltBytes: number };
  findings: Finding[];
}

function origin(o: FileEntry['origin']): string {
  if (o.kind === 'context') return `context ${o.path}`;
  if (o.kind === 'stage') return `stage ${o.stage}`;
  if (o.kind === 'image') return `image ${o.image}`;
  if (o.kind === 'run') return 'RUN';
  return `base ${o.image}`;
}

/** The kind of thing a file is, for a layer's "adds" summary. */
export function partOf(e: FileEntry): string {
  const p = e.path;
  if (e.type === 'dir') return 'directories';
  if (isSecretFile(e)) return 'secrets';
  if (e.binary) return 'Go binary';
  if (p.includes('/pkg/mod/')) return 'Go module cache';
  if (p.includes('/go-build/')) return 'Go build cache';
  if (/^\/usr\/(local|lib)\/go[^/]*\//.test(p)) return 'Go toolchain';
  if (/\/bin\/(gcc|cc|g\+\+)$/.test(p)) return 'C compiler';
  if (p.endsWith('.go') || /\/go\.(mod|sum)$/.test(p)) return 'Go source';
  if (p.includes('/node_modules/')) return 'node_modules';
  if (p.includes('/.git/')) return 'Git history';
  if (p === CA_BUNDLE || p.startsWith('/etc/ssl/') || p.includes('ca-certificates')) return 'CA certificates';
  if (/^\/etc\/(passwd|group|shadow)$/.test(p)) return 'user accounts';
  if (/^\/var\/(cache\/(apk|apt)|lib\/apt)\//.test(p)) return 'package manager cache';
  if (p.endsWith('/plugin.json')) return 'plugin.json';
  if (/\.(js|map|ts|tsx|svg)$|package(-lock)?\.json$/.test(p)) return 'frontend files';
  return 'other files';
}

function partsOf(added: FileEntry[]): LayerPart[] {
  const parts = new Map<string, LayerPart>();
  for (const e of added) {
    const label = partOf(e);
    const part = parts.get(label) ?? { label, sizeBytes: 0, count: 0 };
    part.sizeBytes += e.size;
    part.count += 1;
    parts.set(label, part);
  }
  return [...parts.values()].sort((a, b) => b.sizeBytes - a.sizeBytes || a.label.localeCompare(b.label));
}

/** Secret files a layer of `stage` wrote, and the later line (of the same image) that hid each. */
function secretsOf(stage: StageModel, line: number, added: FileEntry[]): LayerPicture['secrets'] {
  return added.filter(isSecretFile).map((e) => {
    const removal = stage.layers.find((l) => l.line > line && l.layer?.removed.some((r) => e.path === r || e.path.startsWith(r + '/')));
    return removal ? { path: e.path, removedOn: removal.line } : { path: e.path };
  });
}

/** Bytes of a repository file (for files .dockerignore kept out, which the context does not hold). */
function manifestSize(path: string): number {
  return contextManifest().files.find((f) => f.path === path)?.size ?? 0;
}

function maskedConfig(config: ImageConfig): ImageConfig {
  const copy = structuredClone(config);
  copy.env = Object.fromEntries(Object.entries(copy.env).map(([k, v]) => [k, isSecretName(k) || tokenKind(v) ? MASK : v]));
  const maskArgv = (c: ImageConfig['entrypoint']) => (c ? { ...c, argv: c.argv.map(maskSecrets) } : c);
  copy.entrypoint = maskArgv(copy.entrypoint);
  copy.cmd = maskArgv(copy.cmd);
  return copy;
}

export function picture(report: LabReport): DockerfilePicture {
  const m = report.model;
  const ignored = new Set(m.context.ignored);
  return {
    notes: [...m.notes, ...m.stages.flatMap((s) => s.steps.flatMap((step) => step.notes.map((n) => (n.startsWith('line ') ? n : `line ${step.line}: ${n}`))))].map(maskSecrets),
    sizesLabel: m.sizesLabel,
    diagnostics: m.diagnostics.map((d) => ({ ...d, message: maskSecrets(d.message) })),
    failure: m.failure ? { ...m.failure, message: maskSecrets(m.failure.message) } : undefined,
    context: {
      sentBytes: m.context.sizeBytes, fileCount: m.context.files.size, ignored: m.context.ignored,
      files: [...[...m.context.files.values()].map((f) => ({ path: f.path, sizeBytes: f.size })), ...m.context.ignored.map((path) => ({ path, sizeBytes: manifestSize(path) }))]
        .map((f) => ({ ...f, ignored: ignored.has(f.path) }))
        .sort((a, b) => a.path.localeCompare(b.path)),
    },
    stages: m.stages.map((s) => ({
      index: s.index, name: s.name, fromLine: s.fromLine,
      base: s.base.ref.raw, modelledAs: s.base.stage === undefined ? s.base.image?.ref : undefined, baseNote: s.base.note,
      baseDescription: s.base.stage === undefined ? s.base.image?.note : undefined, baseStage: s.base.stage,
      baseSizeBytes: s.base.sizeBytes, sizeBytes: s.sizeBytes, final: s === m.final,
      layers: s.steps.filter((step) => step.layer).map((step) => ({
        line: step.line, keyword: step.keyword, source: maskSecrets(step.source),
        sizeBytes: step.layer!.sizeBytes, fileCount: step.layer!.added.length, removed: step.layer!.removed, notes: step.notes.map(maskSecrets),
        files: [...step.layer!.added].sort((a, b) => b.size - a.size).slice(0, FILES_PER_LAYER)
          .map((e) => ({ path: e.path, sizeBytes: e.size, origin: origin(e.origin) })),
        parts: partsOf(step.layer!.added),
        secrets: secretsOf(s, step.line, step.layer!.added),
      })),
    })),
    final: m.final ? { sizeBytes: m.final.sizeBytes, config: maskedConfig(m.final.config), hasCaCertificates: Boolean(m.final.fs.get(CA_BUNDLE)) } : undefined,
    cacheAfterCodeChange: report.codeChange
      ? { steps: report.codeChange.steps.map((s) => ({ ...s, source: maskSecrets(s.source) })), rebuiltBytes: report.codeChange.rebuiltBytes }
      : undefined,
    findings: report.findings,
  };
}
