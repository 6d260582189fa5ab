/**
 * The log stream of an operate run, put next to the requests it belongs to: for the
 * Log stream view (components/operate/log-stream-view.tsx). Lines are grouped by the
 * correlation id they carry (the `traceID` field, Grafana's name), upstream calls by the
 * trace id of their `traceparent` header (W3C Trace Context, ./traceparent.ts), and
 * each group is paired with the scheduled request it most likely came from.
 *
 * The pairing is the view's best effort, never a check's input: the host does not know
 * which request wrote a line. A group goes to a request of the same data source
 * instance (the lines' `dsUID`, or the calls' origin) that had started by the group's
 * first line or call and had not yet ended; of those, the latest to start, and among
 * requests that started together, the first not yet paired (the runtime starts them in
 * id order, so their first lines come in that order too). Checks attribute lines by
 * plans of their own (labs/week-4/02-logs-you-can-follow/checks.ts).
 */
import type { UpstreamCall } from '../../runtime/upstream-bridge';
import type { LogEntry } from '../../runtime/wire';
import type { ScheduleEntry } from './plan';
import type { OperateRunRecord } from './run';
import { parseTraceParent, traceParentHeader, type TraceParentResult } from './traceparent';

/** The log field that carries a line's correlation id. */
export const TRACE_FIELD = 'traceID';

/** One upstream call with its traceparent, read strictly. */
export interface TracedCall {
  call: UpstreamCall;
  /** The header as sent, or undefined when the call had none. */
  traceparent?: string;
  parsed: TraceParentResult;
}

/** Everything that carried one correlation id. */
export interface TraceGroup {
  traceId: string;
  /** Lines with this traceID, in the order they were written (`index` is the line's place in the run's log). */
  lines: { index: number; entry: LogEntry }[];
  /** Calls whose traceparent carried this trace id. */
  calls: TracedCall[];
  /** Virtual ms of its first line or call. */
  firstAtMs: number;
  /** The data source instance its lines name (`dsUID`) or its calls went to. */
  instanceUid?: string;
  /** The id of the scheduled request it was paired with, if any. */
  requestId?: number;
}

/** The stream, grouped. */
export interface LogStream {
  groups: TraceGroup[];
  /** Groups by request id (a request may have several when its lines carry several ids). */
  byRequest: Map<number, TraceGroup[]>;
  /** Lines with no correlation id (no `traceID` field, or not text), with their place in the log. */
  untraced: { index: number; entry: LogEntry }[];
  /** Calls without a traceparent that could be read. */
  untracedCalls: TracedCall[];
}

/** Groups a run's lines and calls by correlation id and pairs each group with a request. */
export function logStream(record: Pick<OperateRunRecord, 'logs' | 'upstream' | 'schedule' | 'instances' | 'outcomes'>): LogStream {
  const groups = new Map<string, TraceGroup>();
  const group = (traceId: string, atMs: number) => {
    let g = groups.get(traceId);
    if (!g) {
      g = { traceId, lines: [], calls: [], firstAtMs: atMs };
      groups.set(traceId, g);
    }
    g.firstAtMs = Math.min(g.firstAtMs, atMs);
    return g;
  };
  const untraced: LogStream['untraced'] = [];
  record.logs.forEach((entry, index) => {
    const id = entry.fields[TRACE_FIELD];
    if (typeof id !== 'string' || id === '') {
      untraced.push({ index, entry });
      return;
    }
    const g = group(id, entry.atMs);
    g.lines.push({ index, entry });
    const uid = entry.fields.dsUID;
    if (g.instanceUid === undefined && typeof uid === 'string') g.instanceUid = uid;
  });
  const byOrigin = new Map(record.instances.map((i) => [originOf(i.baseUrl), i.uid]));
  const untracedCalls: TracedCall[] = [];
  for (const call of record.upstream) {
    const traceparent = traceParentHeader(call.requestHeaders);
    const parsed = parseTraceParent(traceparent);
    const traced: TracedCall = { call, ...(traceparent !== undefined ? { traceparent } : {}), parsed };
    const id = parsed.ok ? parsed.value.traceId : undefined;
    if (id === undefined) {
      untracedCalls.push(traced);
      continue;
    }
    const g = group(id, call.startedAtMs);
    g.calls.push(traced);
    g.instanceUid ??= byOrigin.get(originOf(call.url));
  }

  const ordered = [...groups.values()].sort((a, b) => a.firstAtMs - b.firstAtMs || firstIndex(a) - firstIndex(b));
  const requests = [...record.schedule].sort((a, b) => a.atMs - b.atMs || a.id - b.id);
  const taken = new Set<number>();
  const byRequest = new Map<number, TraceGroup[]>();
  for (const g of ordered) {
    const request = pick(requests, g, taken, record.outcomes);
    if (!request) continue;
    g.requestId = request.id;
    taken.add(request.id);
    const list = byRequest.get(request.id) ?? [];
    list.push(g);
    byRequest.set(request.id, list);
  }
  return { groups: ordered, byRequest, untraced, untracedCalls };
}

function pick(requests: readonly ScheduleEntry[], g: TraceGroup, taken: ReadonlySet<number>, outcomes: OperateRunRecord['outcomes']): ScheduleEntry | undefined {
  const open = requests.filter((r) => r.atMs <= g.firstAtMs && g.firstAtMs <= (outcomes[r.id]?.endedAtMs ?? Infinity) && (g.instanceUid === undefined || r.instanceUid === g.instanceUid));
  if (open.length === 0) return undefined;
  const latest = Math.max(...open.map((r) => r.atMs));
  const together = open.filter((r) => r.atMs === latest);
  // A second id in a request that already has one (ids per query) still belongs to it.
  return together.find((r) => !taken.has(r.id)) ?? together[together.length - 1];
}

const firstIndex = (g: TraceGroup) => g.lines[0]?.index ?? Infinity;

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

/** Groups whose trace id starts with `text` (lowercased, spaces trimmed); all of them for empty text. */
export function filterGroups(groups: readonly TraceGroup[], text: string): TraceGroup[] {
  const needle = text.trim().toLowerCase();
  return needle === '' ? [...groups] : groups.filter((g) => g.traceId.toLowerCase().startsWith(needle));
}
