/**
 * The shapes frame preparation works on: what one query (refId) answered, as wire
 * JSON, and the frames decoded from it. Plain data, shared by lib/view and the views.
 */
import type { DataFrame, DataFrameJSON } from '@grafana/data';

/** An error one query reported, as the lab runtime passes it on. */
export interface QueryErrorView {
  /** Failure class, e.g. `upstream`, `validation`. */
  category: string;
  /** The handler's user-facing message. Untrusted text: render as text only. */
  message: string;
  /** HTTP-like status the handler set, e.g. 502. */
  status?: number;
}

/** The outcome of one query (one refId), in request order. */
export interface QueryResultView {
  /** The query's refId, e.g. `A`. */
  refId: string;
  /** Frames in Grafana's wire format (`{ schema, data }`), as `dataFrameToJSON` produces. */
  frames: DataFrameJSON[];
  /** Set when the query failed; frames may still hold partial data. */
  error?: QueryErrorView;
}

/** A decoded frame and where it came from. */
export interface ParsedFrame {
  /** `<refId>-<index>`, e.g. `A-0`: a stable key and the frame's name in the UI. */
  key: string;
  refId: string;
  /** Position of the frame within its query's `frames`. */
  index: number;
  frame: DataFrame;
  /** Settings of the handler's field config left out because the page cannot evaluate them safely (e.g. regex value mappings). */
  notes?: string[];
}

/** A frame that could not be decoded, with the reason in learner terms. */
export interface FrameProblem {
  key: string;
  refId: string;
  index: number;
  message: string;
}
