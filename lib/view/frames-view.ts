/**
 * Everything the Panel, Data and JSON tabs show for a set of query results, prepared
 * once by lib/frames: decoded frames, the panel plan (series, legend names, tables,
 * notes), the x range, per-frame summaries and the data-plane reports. The views only
 * lay this out, so two tabs cannot disagree about a frame.
 */
import type { ResponseReport } from '../dataplane';
import { inspectResults } from '../frames/contract-summary';
import { parseResults } from '../frames/decode';
import { planPanel, type PanelPlan } from '../frames/plan-panel';
import { summarizeFrame, type FrameSummary } from '../frames/summary';
import { drawRange, timeExtent } from '../frames/time-range';
import type { FrameProblem, ParsedFrame, QueryResultView } from '../frames/types';

/** The frames of a run, ready for every frame view. */
export interface FramesView {
  /** One entry per refId, requested ones first, in request order; frames as wire JSON. */
  results: QueryResultView[];
  /** Most points drawn per series (the request's maxDataPoints). */
  maxDataPoints?: number;
  /** The range the queries asked for, epoch ms. */
  timeRange?: { from: number; to: number };
  /** Frames decoded into `DataFrame`s, and those that could not be read. */
  parsed: { frames: ParsedFrame[]; problems: FrameProblem[] };
  /** What the time series panel draws, with the legend names. */
  panel: PanelPlan;
  /** The x range the panel draws, with a note when the data lies outside the request. */
  range: { from: number; to: number; note?: string };
  /** The Data tab's header of each decoded frame, by frame key (`A-0`). */
  summaries: Record<string, FrameSummary>;
  /**
   * The data-plane report of each refId's frames, as the handler sent them. Computed on
   * first read (it checks every value: about a second for a million points), so a run
   * whose Data tab stays closed does not pay for it.
   */
  readonly contracts: Record<string, ResponseReport>;
}

export interface FramesViewOptions {
  maxDataPoints?: number;
  timeRange?: { from: number; to: number };
  /** The clock for a panel with no range and no data (epoch ms); default: now. */
  now?: number;
}

/** Prepares query results for the frame views. Pure: the results are not changed. */
export function toFramesView(results: QueryResultView[], options: FramesViewOptions = {}): FramesView {
  const parsed = parseResults(results);
  const panel = planPanel(results, parsed.frames, options.maxDataPoints);
  let contracts: Record<string, ResponseReport> | undefined;
  return {
    results,
    maxDataPoints: options.maxDataPoints,
    timeRange: options.timeRange,
    parsed,
    panel,
    range: drawRange(options.timeRange, timeExtent(panel.series), options.now),
    summaries: Object.fromEntries(parsed.frames.map((p) => [p.key, summarizeFrame(p)])),
    get contracts() {
      return (contracts ??= Object.fromEntries(inspectResults(results)));
    },
  };
}
