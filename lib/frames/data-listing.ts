/**
 * What the Data tab lays out: the first refIds and the first frames, a page at a time.
 * Each frame becomes a header and one of Grafana's Tables (a sizeable React tree), and
 * each refId a section, so a handler answering with thousands of frames (or refIds)
 * is listed `DATA_FRAMES_PER_PAGE` frames at a time, up to the frames decoded
 * (`DECODED_FRAME_LIMIT`); the JSON tab has every one. Pure.
 */
import type { ParsedResults } from './decode';
import type { FrameProblem, ParsedFrame, QueryResultView } from './types';

/** Frames the Data tab shows at first, and adds on each "Show more". */
export const DATA_FRAMES_PER_PAGE = 20;
/** refIds listed at most, frames or not: each is a section with its own errors and notes. */
export const DATA_RESULT_LIMIT = 50;

/** One refId's section of the Data tab. */
export interface DataSection {
  result: QueryResultView;
  /** The decoded frames of this refId that are shown. */
  frames: ParsedFrame[];
  /** This refId's frames that could not be read (among those decoded). */
  problems: FrameProblem[];
  /** Frames this refId answered with, shown or not. */
  count: number;
}

export interface DataListing {
  sections: DataSection[];
  /** Frames shown, over all sections. */
  shownFrames: number;
  /** Frames in all the results. */
  totalFrames: number;
  /** refIds not listed. */
  hiddenResults: number;
  /** True when "Show more" would add frames (decoded ones not shown yet). */
  more: boolean;
}

/** The sections of the Data tab with at most `frameLimit` frames shown. */
export function listForDataTab(results: readonly QueryResultView[], parsed: ParsedResults, frameLimit: number): DataListing {
  const framesOf = group(parsed.frames);
  const problemsOf = group(parsed.problems);
  const sections: DataSection[] = [];
  let shown = 0;
  for (const result of results) {
    if (sections.length >= DATA_RESULT_LIMIT || (shown >= frameLimit && sections.length > 0)) break;
    const all = framesOf.get(result.refId) ?? [];
    const frames = all.slice(0, Math.max(0, frameLimit - shown));
    shown += frames.length;
    sections.push({ result, frames, problems: problemsOf.get(result.refId) ?? [], count: Array.isArray(result.frames) ? result.frames.length : 0 });
  }
  // Decoded frames the tab could reach with more pages: those of the first refIds it lists.
  const reachable = results.slice(0, DATA_RESULT_LIMIT).reduce((n, r) => n + (framesOf.get(r.refId)?.length ?? 0), 0);
  return {
    sections,
    shownFrames: shown,
    totalFrames: parsed.total,
    hiddenResults: results.length - sections.length,
    more: shown < reachable,
  };
}

/** Items by refId, in order. A Map: refIds such as `toString` are keys like any other. */
function group<T extends { refId: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.refId);
    if (list) list.push(item);
    else out.set(item.refId, [item]);
  }
  return out;
}
