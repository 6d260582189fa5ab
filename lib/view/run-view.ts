/**
 * One view model of a run: everything the handler kind's results tabs show, derived
 * from a `RunRecord` by one pure function, after the run's secrets have been masked
 * once (lib/view/mask.ts). Every tab reads this object, so the Lifecycle trace, the
 * Panel legend and the Data tab name a series the same way (`getFieldDisplayName`),
 * and no tab can show a secret another tab hides.
 */
import type { LogEntry } from '../runtime/wire';
import type { RunError } from '../runtime/errors';
import type { UpstreamCall } from '../runtime/upstream-bridge';
import type { RunRecord, UpstreamBodyPreview } from '../engine/run';
import type { CheckHealthResult, QueryDataRequest } from '../sdk/contract';
import type { WireQueryDataResponse } from '../runtime/wire';
import type { QueryResultView } from '../frames/types';
import { secretMasker } from '../redact';
import { toFramesView, type FramesView } from './frames-view';
import { maskDeep, maskRecord, secretsOfRecord } from './mask';
import { deriveTrace, type LifecycleTrace, type TraceOptions } from './trace';

/** The Save & test message of a health check, as Grafana shows it. */
export interface HealthView {
  ok: boolean;
  /** The handler's message, or Grafana's default for its status. */
  message: string;
  /** Each detail as `key: value` text. */
  details: string[];
}

/** One upstream request and, when recorded, the start of its answer. */
export interface UpstreamView extends UpstreamCall {
  body?: UpstreamBodyPreview;
}

/** Everything the results tabs of a handler run show, secrets masked (••••). */
export interface RunView {
  invocation: RunRecord['invocation'];
  /** Set when the run ended without an answer. */
  runError?: RunError;
  /** The Panel, Data and JSON tabs (empty results for a health check or a failed run). */
  frames: FramesView;
  /** The Save & test message, for a completed health check. */
  health?: HealthView;
  /** The Upstream tab, in request order. */
  upstream: UpstreamView[];
  /** The Logs tab. */
  logs: LogEntry[];
  /** The Lifecycle tab. */
  readonly trace: LifecycleTrace;
}

export type RunViewOptions = TraceOptions & { now?: number };

/** The view model of a run. Pure: the record is not changed. */
export function toRunView(record: RunRecord, options: RunViewOptions = {}): RunView {
  const mask = secretMasker(secretsOfRecord(record));
  const masked = maskRecord(record);
  const query = record.invocation === 'queryData' ? (masked.request as QueryDataRequest).queries[0] : undefined;
  const frames = toFramesView(queryResults(masked), { maxDataPoints: query?.maxDataPoints, timeRange: query?.timeRange, now: options.now });
  const bodies = new Map((masked.upstreamBodies ?? []).map((b) => [b.seq, b]));
  let trace: LifecycleTrace | undefined;
  return {
    invocation: masked.invocation,
    runError: masked.output.ok ? undefined : masked.output.error,
    frames,
    health: healthOf(masked),
    upstream: masked.upstream.map((call) => ({ ...call, body: bodies.get(call.seq) })),
    logs: masked.logs,
    // On first read, as it needs the panel's plan (frames.panel), which only the Panel
    // and Lifecycle tabs read. The trace decodes text (URL parameters, JSON bodies), which
    // could turn a form the masking did not recognise into the plain secret: what it
    // built is masked once more.
    get trace() {
      return (trace ??= maskDeep(deriveTrace(masked, masked.invocation === 'queryData' && masked.output.ok ? frames.panel : undefined, options), mask));
    },
  };
}

/** Per refId, requested ones first in order, then any the handler added; a missing answer becomes an error. */
function queryResults(record: RunRecord): QueryResultView[] {
  if (!record.output.ok || record.invocation !== 'queryData') return [];
  const { responses } = record.output.value as WireQueryDataResponse;
  const asked = (record.request as QueryDataRequest).queries.map((q) => q.refId);
  const refIds = [...asked, ...Object.keys(responses).filter((r) => !asked.includes(r))];
  return refIds.map((refId) => {
    // Own entries only: a refId such as `toString` (saved or imported queries) must not find Object.prototype's member.
    const response = Object.prototype.hasOwnProperty.call(responses, refId) ? responses[refId] : undefined;
    if (!response) return { refId, frames: [], error: { category: 'internal', message: `The handler returned no response for refId ${refId}.` } };
    return { refId, frames: response.frames as QueryResultView['frames'], ...(response.error ? { error: response.error } : {}) };
  });
}

function healthOf(record: RunRecord): HealthView | undefined {
  if (!record.output.ok || record.invocation !== 'checkHealth') return undefined;
  const result = record.output.value as CheckHealthResult;
  const ok = result.status === 'OK';
  return {
    ok,
    message: result.message || (ok ? 'Data source is working' : 'Health check failed'),
    details: Object.entries(result.details ?? {}).map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`),
  };
}
