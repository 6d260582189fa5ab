/** What the lab's checks report: one finding per problem, tied to the instruction that caused it. */
import type { BuildModel, StageModel } from './model';
import type { FileEntry } from './vfs';

export const FINDING_KINDS = [
  'toolchain-in-final',
  'source-in-final',
  'secret-file',
  'secret-arg',
  'secret-env',
  'runs-as-root',
  'unpinned-base',
  'binary-missing',
  'binary-not-runnable',
  'no-ca-certs',
  'deps-not-cached',
] as const;

/** A kind of problem the lab looks for (each has a check). */
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface Finding {
  kind: FindingKind;
  /** 1-based line of the instruction that caused it (FROM of the final stage when it comes from the base image). */
  line: number;
  /** What is wrong and why it matters, in plain words; never contains a secret's value. */
  message: string;
  /** Paths or names involved (safe to show). */
  subjects: string[];
}

/** An entry the final image ships, and the line of the instruction that put it there. */
export interface ShippedEntry {
  entry: FileEntry;
  line: number;
  /** The line of a later instruction that removed it (the bytes still ship). */
  removedOn?: number;
}

/** The stages whose layers make up `stage`'s image (it and the stages it is based on), base first. */
export function stageChain(model: BuildModel, stage: StageModel): StageModel[] {
  const chain = [stage];
  for (let s = stage; s.base.stage !== undefined; ) {
    s = model.stages[s.base.stage];
    chain.unshift(s);
  }
  return chain;
}

/**
 * Everything the final image ships: the base image's files and every file any layer
 * added, even those a later layer removed (whiteouts hide files, they do not shrink
 * the image or take the bytes out of `docker save`).
 */
export function shippedEntries(model: BuildModel, final: StageModel): ShippedEntry[] {
  const chain = stageChain(model, final);
  const out: ShippedEntry[] = [];
  for (const e of final.fs.list('/')) if (e.origin.kind === 'base') out.push({ entry: e, line: chain[0].fromLine });
  for (const step of final.layers) {
    for (const entry of step.layer?.added ?? []) {
      const removal = final.layers.find((later) => later.line > step.line && later.layer?.removed.some((r) => entry.path === r || entry.path.startsWith(r + '/')));
      out.push({ entry, line: step.line, removedOn: removal?.line });
    }
  }
  return out;
}

/** The line of the layer that last wrote `path` in the final image, or the final FROM line. */
export function lineOf(final: StageModel, path: string): number {
  for (let i = final.layers.length - 1; i >= 0; i--) {
    if (final.layers[i].layer?.added.some((e) => e.path === path)) return final.layers[i].line;
  }
  return final.fromLine;
}
