/**
 * The lifecycle trace: one run told as the journey of a query, stage by stage, from
 * the query editor to the drawn panel, with what crossed each boundary and when.
 * Derived from a RunRecord by a pure function, so every lab gets it for free and the
 * rules are unit tested. It is built by `toRunView` from the record after masking
 * (lib/view/mask.ts), so it shows exactly what the other tabs show, secrets hidden,
 * and its "what the panel drew" stage lists the Panel tab's own legend (`PanelPlan`).
 */
import { plural } from '../format';
import { formatLabels } from '@grafana/data';
import type { PanelPlan } from '../frames/plan-panel';
import type { QueryDataRequest } from '../sdk/contract';
import type { WireDataResponse, WireQueryDataResponse } from '../runtime/wire';
import type { RunRecord } from '../engine/run';

/**
 * refIds, frames and fields described one by one in a stage; the rest are counted. A
 * handler may answer with thousands of frames, and the trace is text the page lays out.
 */
export const TRACE_LIST_LIMIT = 20;

export type TraceStageId = 'editor' | 'query-model' | 'request' | 'upstream-request' | 'upstream-response' | 'frames' | 'panel';

/** One readable item of what crossed a boundary, e.g. the JSON of query A. */
export interface TraceDetail {
  /** Short heading, e.g. "Query A". */
  label: string;
  /** Plain text (often pretty JSON), secrets already hidden. */
  text: string;
}

/** A bar inside a stage, e.g. one upstream call. Times in ms since Run. */
export interface TraceSpan {
  label: string;
  startMs: number;
  durationMs: number;
  ok: boolean;
}

export interface TraceStage {
  id: TraceStageId;
  /** e.g. "QueryData request". */
  title: string;
  /** The boundary in one line: who hands what to whom. */
  boundary: string;
  /** What happened in this run, in one line. */
  summary: string;
  status: 'ok' | 'error' | 'skipped';
  /** Start on the run's clock (ms since Run); undefined when the stage is not timed. */
  startMs?: number;
  /** How long the work that produced this crossing took; undefined when not timed. */
  durationMs?: number;
  /** What the time measures, so nobody mistakes it for something else. */
  timing: string;
  spans: TraceSpan[];
  details: TraceDetail[];
}

export interface LifecycleTrace {
  stages: TraceStage[];
  /** From Run to the result being back, in ms: the timeline's width. */
  totalMs: number;
}

export interface TraceOptions {
  /** The query editor form's fields, so the editor stage can say which control set what. */
  editorFields?: readonly { key: string; label: string }[];
}

/**
 * The trace of a run. `record` must already be masked (`maskRecord`): nothing here
 * hides secrets again (`toRunView` masks the finished trace once more, for text that
 * decoding could turn back into a secret, such as a percent-encoded query parameter). `panel` is the Panel tab's plan for the run's frames (undefined
 * when the run has none), so the last stage names the series as the legend does.
 */
export function deriveTrace(record: RunRecord, panel: PanelPlan | undefined, options: TraceOptions = {}): LifecycleTrace {
  const totalMs = round(record.timing?.doneMs ?? record.durationMs);
  const sandboxStartMs = round(record.timing?.sandboxStartMs ?? 0);
  const calls = record.upstream;
  const firstCall = calls.length ? Math.min(...calls.map((c) => c.startedAtMs)) : undefined;
  const lastEnd = calls.length ? Math.max(...calls.map((c) => c.startedAtMs + c.durationMs)) : undefined;
  const isQuery = record.invocation === 'queryData';
  const queries = isQuery ? (record.request as QueryDataRequest).queries : [];

  const editor: TraceStage = {
    id: 'editor',
    title: 'Query editor',
    boundary: 'The person edits the query; the editor saves it as JSON text.',
    summary: isQuery ? `${plural(queries.length, 'query', 'queries')} saved: ${queries.map((q) => q.refId).join(', ')}` : 'A health check ("Save & test") has no query editor.',
    status: isQuery ? 'ok' : 'skipped',
    ...(isQuery ? { startMs: 0, durationMs: 0 } : {}),
    timing: 'Saved as you typed; Run read it at once.',
    spans: [],
    details: queries.map((q) => ({ label: `Query ${q.refId}`, text: editorText(q.json, options.editorFields) })),
  };

  const modelProblems = queries.filter((q) => parseJson(q.json) === undefined).map((q) => q.refId);
  const queryModel: TraceStage = {
    id: 'query-model',
    title: 'Query model (DataQuery.json)',
    boundary: 'Grafana wraps the saved text, untouched, in a DataQuery with refId, time range, maxDataPoints and interval.',
    summary: !isQuery
      ? 'No query model: a health check carries only the data source settings.'
      : modelProblems.length
        ? `Not valid JSON for ${modelProblems.join(', ')}: the handler receives it as it is and must answer with a validation error.`
        : queries.map((q) => `${q.refId}: ${compactJson(q.json)}`).join(' · '),
    status: !isQuery ? 'skipped' : modelProblems.length ? 'error' : 'ok',
    ...(isQuery ? { startMs: 0, durationMs: 0 } : {}),
    timing: 'No time of its own: the text goes into the request as it is.',
    spans: [],
    details: queries.map((q) => ({
      label: `Query ${q.refId}`,
      text: [
          `refId: ${q.refId}${q.queryType ? ` · queryType: ${q.queryType}` : ''}`,
          `timeRange: ${iso(q.timeRange.from)} → ${iso(q.timeRange.to)} (${Math.round((q.timeRange.to - q.timeRange.from) / 60_000)} min)`,
          `maxDataPoints: ${q.maxDataPoints} · intervalMs: ${q.intervalMs}`,
          `json: ${prettyJson(q.json)}`,
      ].join('\n'),
    })),
  };

  const settings = record.request.pluginContext.dataSourceInstanceSettings;
  const request: TraceStage = {
    id: 'request',
    title: isQuery ? 'QueryData request' : 'CheckHealth request',
    boundary: isQuery
      ? "Grafana calls the plugin's QueryData once for this panel refresh, with every query of the panel and the data source's settings."
      : "Grafana calls the plugin's CheckHealth when someone presses Save & test.",
    summary: `${isQuery ? `${plural(queries.length, 'query', 'queries')} for ` : ''}"${settings.name}" (uid ${settings.uid}, org ${record.request.pluginContext.orgId}), secure settings: ${Object.keys(settings.decryptedSecureJsonData).join(', ') || 'none'}`,
    status: 'ok',
    startMs: 0,
    durationMs: sandboxStartMs,
    timing: 'From pressing Run until the sandbox took the request (waiting for an earlier run included).',
    spans: [],
    details: [{ label: 'The request your handler received', text: JSON.stringify(record.request, null, 2) }],
  };

  const upstreamRequest: TraceStage = {
    id: 'upstream-request',
    title: 'Upstream request(s)',
    boundary: 'The handler turns the query model into requests to the upstream API, with credentials from the secure settings.',
    summary: calls.length ? calls.map((c) => `${c.method} ${pathOf(c.url)}`).join(' · ') : 'The handler made no upstream request.',
    status: calls.length ? 'ok' : 'skipped',
    ...(firstCall !== undefined ? { startMs: sandboxStartMs, durationMs: Math.max(0, firstCall - sandboxStartMs) } : {}),
    timing: 'From the handler being called to its first upstream request: loading your code, parsing the query, building the URL.',
    spans: [],
    details: calls.map((c) => ({
      label: `Request ${c.seq}`,
      text: [
        `${c.method} ${c.url}`,
        ...queryParams(c.url).map(([k, v]) => `  ${k} = ${v}`),
        ...c.requestHeaders.map(([k, v]) => `${k}: ${v}`),
        ...(c.requestBody ? ['', c.requestBody] : []),
      ].join('\n'),
    })),
  };

  const bodies = new Map((record.upstreamBodies ?? []).map((b) => [b.seq, b]));
  const failedCalls = calls.filter((c) => c.status === undefined || c.status >= 400);
  const upstreamResponse: TraceStage = {
    id: 'upstream-response',
    title: 'Upstream response(s)',
    boundary: 'The upstream answers in its own format (here Prometheus JSON), which is not yet anything Grafana can draw.',
    summary: calls.length ? calls.map((c) => (c.status ? `HTTP ${c.status}, ${c.responseBytes} bytes in ${c.durationMs} ms` : `failed: ${c.error ?? 'no answer'}`)).join(' · ') : 'No upstream answers.',
    status: !calls.length ? 'skipped' : failedCalls.length ? 'error' : 'ok',
    ...(firstCall !== undefined && lastEnd !== undefined ? { startMs: firstCall, durationMs: lastEnd - firstCall } : {}),
    timing: 'From the first upstream request going out to the last answer coming back.',
    spans: calls.map((c) => ({ label: `${c.method} ${pathOf(c.url)}`, startMs: c.startedAtMs, durationMs: c.durationMs, ok: c.status !== undefined && c.status < 400 })),
    details: calls.map((c) => {
      const body = bodies.get(c.seq);
      const head = c.status ? `HTTP ${c.status} · ${c.responseBytes} bytes · ${c.durationMs} ms` : `No response: ${c.error ?? 'unknown'}`;
      const text = body ? `${prettyJson(body.text)}${body.truncated ? '\n… (cut; the Upstream tab has the size)' : ''}` : '';
      return { label: `Response ${c.seq}`, text: [head, ...c.responseHeaders.map(([k, v]) => `${k}: ${v}`), ...(text ? ['', text] : [])].join('\n') };
    }),
  };

  const frames = framesStage(record, lastEnd ?? sandboxStartMs, totalMs);
  const drawn = panelStage(record, panel, totalMs);
  return { stages: [editor, queryModel, request, upstreamRequest, upstreamResponse, frames, drawn], totalMs };
}

function framesStage(record: RunRecord, startMs: number, totalMs: number): TraceStage {
  const base = {
    id: 'frames' as const,
    title: record.invocation === 'queryData' ? 'Frames returned' : 'Health result returned',
    boundary:
      record.invocation === 'queryData'
        ? 'The handler answers every refId with data frames (or an error), sent back to Grafana in the frame wire format.'
        : 'The handler answers OK or ERROR with a message for the person who pressed Save & test.',
    startMs: Math.min(startMs, totalMs),
    durationMs: Math.max(0, totalMs - startMs),
    timing: 'From the last upstream answer (or the handler being called) until the result was back: reading the answer, building frames, sending them.',
    spans: [],
  };
  const output = record.output;
  if (!output.ok) {
    return { ...base, summary: `The run did not complete (${output.error.kind}): ${output.error.message}`, status: 'error', details: [{ label: 'Run error', text: output.error.message }] };
  }
  if (record.invocation !== 'queryData') {
    const health = output.value as { status: string; message: string };
    return { ...base, summary: `${health.status}: ${health.message}`, status: health.status === 'OK' ? 'ok' : 'error', details: [{ label: 'Health result', text: JSON.stringify(health, null, 2) }] };
  }
  const { responses } = output.value as WireQueryDataResponse;
  const entries = Object.entries(responses);
  const frameCount = entries.reduce((n, [, r]) => n + r.frames.length, 0);
  const errors = entries.filter(([, r]) => r.error);
  const detailed = entries.slice(0, TRACE_LIST_LIMIT);
  return {
    ...base,
    summary:
      `${plural(frameCount, 'frame', 'frames')} for ${listSome(entries.map(([refId, r]) => `${refId} (${r.frames.length})`), 'refIds') || 'no refId'}` +
      (errors.length ? `; errors: ${listSome(errors.map(([refId, r]) => `${refId} ${r.error!.category}`), 'errors')}` : ''),
    status: errors.length ? 'error' : 'ok',
    details: [
      ...detailed.map(([refId, r]) => ({ label: `Response ${refId}`, text: describeResponse(refId, r) })),
      ...(entries.length > detailed.length ? [{ label: 'More responses', text: `${entries.length - detailed.length} more refIds, not described here: every one is in the JSON tab.` }] : []),
    ],
  };
}

function panelStage(record: RunRecord, plan: PanelPlan | undefined, totalMs: number): TraceStage {
  const base = {
    id: 'panel' as const,
    title: 'What the panel drew',
    boundary: 'Grafana hands the frames to the panel, which draws at most maxDataPoints points per series (about its width in pixels).',
    startMs: totalMs,
    timing: 'Drawn in the Panel tab after the run; drawing is not timed here.',
    spans: [],
  };
  if (!record.output.ok || record.invocation !== 'queryData' || !plan) {
    return { ...base, summary: record.output.ok ? 'A health check draws no panel: Save & test shows the message.' : 'Nothing: the run did not complete.', status: 'skipped', details: [] };
  }
  const maxDataPoints = (record.request as QueryDataRequest).queries[0]?.maxDataPoints;
  const series = plan.legend;
  const tables = plan.tables.length;
  const kind = series.length && tables ? 'Time series and tables' : series.length ? 'Time series' : tables ? 'Table' : 'Nothing to draw';
  const decimated = series.filter((s) => s.drawn < s.points);
  const points = series.reduce((n, s) => n + s.drawn, 0);
  const summary =
    kind === 'Nothing to draw'
      ? 'Nothing to draw: no frame had a time field with numbers, or any fields at all.'
      : `${kind}: ${plural(series.length, 'series', 'series')}, ${points} points drawn` +
        (tables ? `, ${plural(tables, 'table', 'tables')}` : '') +
        (decimated.length ? `; ${decimated.length} series cut to maxDataPoints ${maxDataPoints}` : '') +
        (plan.frames.shown < plan.frames.total ? `; only the first ${plan.frames.shown} of ${plan.frames.total} frames drawn (the Panel tab's limit)` : '');
  return {
    ...base,
    summary,
    status: kind === 'Nothing to draw' ? 'error' : 'ok',
    details: series.length
      ? [{ label: 'Series (legend names)', text: series.map((s) => `${s.name}: ${s.points} points${s.drawn < s.points ? `, drawn as ${s.drawn}` : ''}`).join('\n') }]
      : [],
  };
}

function describeResponse(refId: string, response: WireDataResponse): string {
  const lines: string[] = [];
  if (response.error) lines.push(`error: ${response.error.category}${response.error.status ? ` (${response.error.status})` : ''}: ${response.error.message}`);
  response.frames.slice(0, TRACE_LIST_LIMIT).forEach((frame, i) => {
    const fields = (frame.schema?.fields ?? []).slice(0, TRACE_LIST_LIMIT);
    const rows = frame.data?.values[0]?.length ?? 0;
    const type = frame.schema?.meta?.type;
    lines.push(`frame ${refId}-${i}${frame.schema?.name ? ` "${frame.schema.name}"` : ''} · ${type ? `meta.type ${type}` : 'no meta.type'} · ${plural(rows, 'row', 'rows')}`);
    fields.forEach((f, j) => {
      const labels = formatLabels(f.labels ?? {});
      const displayName = (f.config as { displayName?: unknown } | undefined)?.displayName;
      const first = (frame.data?.values[j] ?? []).slice(0, 3).map((v) => JSON.stringify(v)).join(', ');
      lines.push(
        `  ${f.name} (${f.type ?? 'no type'})${labels ? ` ${labels}` : ''}${typeof displayName === 'string' ? ` displayName "${displayName}"` : ''}${first ? `: ${first}${rows > 3 ? ', …' : ''}` : ''}`,
      );
    });
  });
  if (response.frames.length > TRACE_LIST_LIMIT) lines.push(`… and ${response.frames.length - TRACE_LIST_LIMIT} more frames: see the JSON tab.`);
  if (lines.length === 0) lines.push('no frames and no error');
  return lines.join('\n');
}

function editorText(json: string, fields: TraceOptions['editorFields']): string {
  const model = parseJson(json);
  if (!fields?.length || !isRecord(model)) return json;
  const set = fields.map((f) => `${f.label}: ${model[f.key] === undefined ? '(not set)' : JSON.stringify(model[f.key])}`);
  return `${set.join('\n')}\n\nSaved as: ${json}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function prettyJson(text: string): string {
  const parsed = parseJson(text);
  return parsed === undefined ? text : JSON.stringify(parsed, null, 2);
}

function compactJson(text: string): string {
  const parsed = parseJson(text);
  const out = parsed === undefined ? text : JSON.stringify(parsed);
  return out.length > 160 ? `${out.slice(0, 160)}…` : out;
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname;
  } catch {
    return url;
  }
}

function queryParams(url: string): [string, string][] {
  try {
    return [...new URL(url).searchParams];
  } catch {
    return [];
  }
}

function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().replace('.000Z', 'Z') : String(ms);
}

/** "a, b, c and 12 more refIds" past TRACE_LIST_LIMIT items. */
function listSome(items: string[], what: string): string {
  if (items.length <= TRACE_LIST_LIMIT) return items.join(', ');
  return `${items.slice(0, TRACE_LIST_LIMIT).join(', ')} and ${items.length - TRACE_LIST_LIMIT} more ${what}`;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
