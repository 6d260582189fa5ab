/**
 * A plain-data summary of a lab report for the results views (and for saving with
 * the run): stages, layers with their sizes and biggest files, the final config,
 * the cache after a code change, findings and diagnostics. No classes, no functions.
 */
import type { LabReport } from './lab';
import type { Finding } from './findings';
import type { DockerfileDiagnostic } from './diagnostics';
import type { ImageConfig } from './model';
import type { CacheStep } from './cache';

/** Files listed per layer at most (biggest first); the rest are counted. */
export const FILES_PER_LAYER = 12;

export interface LayerPicture {
  line: number;
  keyword: string;
  source: string;
  sizeBytes: number;
  fileCount: number;
  /** Biggest files first, at most FILES_PER_LAYER. */
  files: { path: string; sizeBytes: number; origin: string }[];
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
  baseSizeBytes: number;
  layers: LayerPicture[];
  sizeBytes: number;
  /** True for the stage that is the image. */
  final: boolean;
}

export interface DockerfilePicture {
  /** The model's disclaimer and what it did not simulate. */
  notes: string[];
  sizesLabel: string;
  diagnostics: DockerfileDiagnostic[];
  failure?: { line: number; message: string };
  context: { sentBytes: number; fileCount: number; ignored: string[] };
  stages: StagePicture[];
  final?: { sizeBytes: number; config: ImageConfig };
  cacheAfterCodeChange?: { steps: CacheStep[]; rebuiltBytes: number };
  findings: Finding[];
}

function origin(o: { kind: string } & Record<string, unknown>): string {
  if (o.kind === 'context') return `context ${String(o.path)}`;
  if (o.kind === 'stage') return `stage ${String(o.stage)}`;
  if (o.kind === 'image') return `image ${String(o.image)}`;
  if (o.kind === 'run') return 'RUN';
  return `base ${String(o.image)}`;
}

export function picture(report: LabReport): DockerfilePicture {
  const m = report.model;
  return {
    notes: [...m.notes, ...m.stages.flatMap((s) => s.steps.flatMap((step) => step.notes.map((n) => (n.startsWith('line ') ? n : `line ${step.line}: ${n}`))))],
    sizesLabel: m.sizesLabel,
    diagnostics: m.diagnostics,
    failure: m.failure,
    context: { sentBytes: m.context.sizeBytes, fileCount: m.context.files.size, ignored: m.context.ignored },
    stages: m.stages.map((s) => ({
      index: s.index, name: s.name, fromLine: s.fromLine,
      base: s.base.ref.raw, modelledAs: s.base.stage === undefined ? s.base.image?.ref : undefined, baseNote: s.base.note,
      baseSizeBytes: s.base.sizeBytes, sizeBytes: s.sizeBytes, final: s === m.final,
      layers: s.steps.filter((step) => step.layer).map((step) => ({
        line: step.line, keyword: step.keyword, source: step.source,
        sizeBytes: step.layer!.sizeBytes, fileCount: step.layer!.added.length, removed: step.layer!.removed, notes: step.notes,
        files: [...step.layer!.added].sort((a, b) => b.size - a.size).slice(0, FILES_PER_LAYER)
          .map((e) => ({ path: e.path, sizeBytes: e.size, origin: origin(e.origin) })),
      })),
    })),
    final: m.final ? { sizeBytes: m.final.sizeBytes, config: structuredClone(m.final.config) } : undefined,
    cacheAfterCodeChange: report.codeChange ? { steps: report.codeChange.steps, rebuiltBytes: report.codeChange.rebuiltBytes } : undefined,
    findings: report.findings,
  };
}
