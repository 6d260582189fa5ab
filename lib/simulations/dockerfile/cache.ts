/**
 * Docker's layer cache, modelled: an instruction is reused (CACHED) when an earlier
 * build ran the same instruction on the same parent; for COPY and ADD the copied
 * files' checksums must match too, and for RUN the build args. Once one instruction
 * of a stage is rebuilt, everything after it in that stage is rebuilt.
 */
import { simulateBuild, type DockerfileInput } from './build';
import type { ContextChange } from './context';
import type { BuildModel } from './model';

/** A few edits the lab offers. */
export const CODE_CHANGE: ContextChange[] = [{ path: 'pkg/plugin/query.go' }];
export const DEPENDENCY_CHANGE: ContextChange[] = [{ path: 'go.mod' }, { path: 'go.sum' }];

export interface CacheStep {
  stage: number;
  stageName?: string;
  line: number;
  keyword: string;
  source: string;
  status: 'CACHED' | 'rebuilt';
  /** Bytes of the layer this step writes (0 for config-only steps). */
  sizeBytes: number;
}

export interface RebuildReport {
  /** The build after the change (undefined steps when it failed). */
  after: BuildModel;
  steps: CacheStep[];
  /** Bytes of layers rebuilt (work and upload the change costs). */
  rebuiltBytes: number;
}

/** Builds the Dockerfile, applies `changes` to the repository, builds again, and says what the cache reused. */
export function rebuildAfter(input: DockerfileInput, changes: ContextChange[]): RebuildReport {
  const before = simulateBuild({ ...input, changes: [] });
  const after = simulateBuild({ ...input, changes });
  return compareBuilds(before, after);
}

export function compareBuilds(before: BuildModel, after: BuildModel): RebuildReport {
  const known = new Set(before.stages.flatMap((s) => s.steps.map((step) => step.cacheKey)));
  const steps = after.stages.flatMap((s) => s.steps.map((step): CacheStep => ({
    stage: s.index, stageName: s.name, line: step.line, keyword: step.keyword, source: step.source,
    status: known.has(step.cacheKey) ? 'CACHED' : 'rebuilt', sizeBytes: step.layer?.sizeBytes ?? 0,
  })));
  return { after, steps, rebuiltBytes: steps.filter((s) => s.status === 'rebuilt').reduce((n, s) => n + s.sizeBytes, 0) };
}
