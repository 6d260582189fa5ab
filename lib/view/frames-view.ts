/**
 * Everything the Panel, Data and JSON tabs show for a set of query results, prepared
 * once by lib/frames: decoded frames, the panel plan (series, legend names, tables,
 * notes), the x range, per-frame summaries and the data-plane reports. The views only
 * lay this out, so two tabs cannot disagree about a frame.
 */
import type { ResponseReport } from '../dataplane';
import { inspectResults } from '../frames/contract-summary';
import { parseResults, type ParsedResults } from '../frames/decode';
import { planPanel, type PanelPlan } from '../frames/plan-panel';
import { summarizeFrame, type FrameSummary } from '../frames/summary';
import { drawRange, timeExtent } from '../frames/time-range';
import type { QueryResultView } from '../frames/types';

/** The frames of a run, ready for every frame view. */
export interface FramesView {
  /** One entry per refId, requested ones first, in request order; frames as wire JSON. */
  results: QueryResultView[];
  /** Most points drawn per series (the request's maxDataPoints). */
  maxDataPoints?: number;
  /** The range the queries asked for, epoch ms. */
  timeRange?: { from: number; to: number };
  /**
   * The first frames (DECODED_FRAME_LIMIT over all refIds) decoded into `DataFrame`s,
   * those that could not be read, and how many frames there are in all.
   */
  parsed: ParsedResults;
  /**
   * What the time series panel draws, with the legend names. Computed on first read
   * (it decimates every series: tens of ms for a million points), so the Data and JSON
   * tabs do not pay for it, and the Panel tab pays for it in a render of its own.
   */
  readonly panel: PanelPlan;
  /** The x range the panel draws, with a note when the data lies outside the request. Computed on first read, as `panel`. */
  readonly range: { from: number; to: number; note?: string };
  /**
   * The Data tab's header of each decoded frame, by frame key (`A-0`). A Map: keys come
   * from the handler's refIds, and `toString` or `__proto__` are refIds like any other.
   */
  summaries: ReadonlyMap<string, FrameSummary>;
  /**
   * The data-plane report of each refId's frames, as the handler sent them (the decoded
   * ones only). Computed on first read (it checks every value: about a second for a
   * million points), so a run whose Data tab stays closed does not pay for it.
   */
  readonly contracts: ReadonlyMap<string, ResponseReport>;
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
  let panel: PanelPlan | undefined;
  let range: FramesView['range'] | undefined;
  let contracts: ReadonlyMap<string, ResponseReport> | undefined;
  const planned = () => (panel ??= planPanel(results, parsed.frames, options.maxDataPoints, parsed.decoded));
  return {
    results,
    maxDataPoints: options.maxDataPoints,
    timeRange: options.timeRange,
    parsed,
    get panel() {
      return planned();
    },
    get range() {
      return (range ??= drawRange(options.timeRange, timeExtent(planned().series), options.now));
    },
    summaries: new Map(parsed.frames.map((p) => [p.key, summarizeFrame(p)])),
    get contracts() {
      return (contracts ??= inspectResults(results));
    },
  };
}
