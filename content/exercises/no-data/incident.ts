/**
 * The "No data" incident, drawn from a seed. A panel on a service dashboard is empty;
 * one of eight causes is behind it, and every hop of the query's path shows what that
 * cause (and only that cause) would leave there:
 *
 *   panel        the query editor, the time range, the query inspector
 *   datasource   Save & test, the settings, the API key's scopes
 *   query-model  the DataQuery JSON Grafana sent to the backend
 *   backend      the plugin's logs and the QueryData response it returned
 *   upstream     the HTTP request to the metrics API and its answer
 *
 * The incident is built in two steps: `factsOf(seed)` decides everything (cause, names,
 * times, status codes) as data, and `render` turns those facts into the evidence the
 * learner reads. Tests read the facts to prove that the evidence is enough to tell the
 * cause, and that no hop contradicts it. Deterministic: a seed always gives the same
 * incident (mulberry32, lib/random.ts).
 */
import { mulberry32 } from '@/lib/random';
import type { EvidenceItem, Incident, IncidentChoice, IncidentHop, IncidentModel } from '@/lib/exercises/incident';

export type HopId = 'panel' | 'datasource' | 'query-model' | 'backend' | 'upstream';
export type CauseId = 'time-range' | 'hidden-query' | 'key-scope' | 'label-typo' | 'refid-mismatch' | 'string-values' | 'swallowed-error' | 'stale-upstream';

/** Where each cause's fix belongs. */
export const CAUSE_HOP: Record<CauseId, HopId> = {
  'time-range': 'panel',
  'hidden-query': 'panel',
  'key-scope': 'datasource',
  'label-typo': 'query-model',
  'refid-mismatch': 'backend',
  'string-values': 'backend',
  'swallowed-error': 'backend',
  'stale-upstream': 'upstream',
};
export const CAUSES = Object.keys(CAUSE_HOP) as CauseId[];

/** Choice letters are saved in progress; never renumber them. */
export const HOP_CHOICES: readonly (IncidentChoice & { hop: HopId; title: string })[] = [
  { id: 'a', hop: 'panel', title: 'Panel', text: 'The panel: its query editor, time range or transformations' },
  { id: 'b', hop: 'datasource', title: 'Data source', text: 'The data source: its settings, credentials or health check' },
  { id: 'c', hop: 'query-model', title: 'Query model', text: 'The query model: the JSON the panel sends to the backend' },
  { id: 'd', hop: 'backend', title: 'Plugin backend', text: 'The plugin backend: how it turns the upstream answer into frames' },
  { id: 'e', hop: 'upstream', title: 'Upstream API', text: 'The upstream API: the metrics server the backend calls' },
];

export const CAUSE_CHOICES: readonly (IncidentChoice & { cause: CauseId | null })[] = [
  { id: 'a', cause: 'time-range', text: 'The requested window holds no samples: the range was entered in one time zone and read in another' },
  { id: 'b', cause: 'hidden-query', text: 'The query is switched off in the editor, so Grafana never sends it' },
  { id: 'c', cause: 'key-scope', text: 'The API key may not read metrics; the health check never uses it on a query' },
  { id: 'd', cause: 'label-typo', text: 'A label matcher is misspelt, so the upstream correctly finds no series' },
  { id: 'e', cause: 'string-values', text: 'The frames arrive, but the value field is typed as text, so nothing can be plotted' },
  { id: 'f', cause: 'swallowed-error', text: 'The upstream failed and the backend turned its error into an empty, successful result' },
  { id: 'g', cause: 'stale-upstream', text: 'The series stopped receiving samples upstream, so the last hour really is empty' },
  { id: 'j', cause: 'refid-mismatch', text: 'The backend files its frames under another refId than the query it answers' },
  // Causes this model never seeds: plausible, and each ruled out by the evidence of every incident.
  { id: 'h', cause: null, text: 'The backend timed out, and Grafana shows an empty panel instead of the timeout' },
  { id: 'i', cause: null, text: 'The health check fails, so Grafana stops sending the panel’s queries to the plugin' },
];

const SERVICES = ['checkout', 'payments', 'search', 'ingest', 'billing', 'catalog'] as const;
const METRICS = [
  { name: 'http_requests_total', title: 'Requests per second', unit: 'req/s' },
  { name: 'http_request_errors_total', title: 'Errors per second', unit: 'err/s' },
  { name: 'queue_jobs_processed_total', title: 'Jobs processed per second', unit: 'jobs/s' },
] as const;
const INSTANCES = ['pod-7d9f', 'pod-a21c', 'pod-c4e8', 'pod-f03b'] as const;
const UPSTREAM_FAILURES = [
  { status: 503, body: '{"status":"error","errorType":"unavailable","error":"too many queries in flight"}' },
  { status: 429, body: '{"status":"error","errorType":"rate_limited","error":"query budget exceeded, retry in 30s"}' },
  { status: 500, body: '{"status":"error","errorType":"internal","error":"storage shard 4 not reachable"}' },
] as const;
/** Zones without daylight saving time, all at least 4 h east of UTC: a range typed there as UTC starts hours after now. */
const TIME_ZONES = [
  { zone: 'Asia/Dubai', offsetH: 4 },
  { zone: 'Asia/Kolkata', offsetH: 5.5 },
  { zone: 'Asia/Shanghai', offsetH: 8 },
  { zone: 'Asia/Tokyo', offsetH: 9 },
] as const;

/** Everything one seed decides. Evidence is rendered from these, and only these. */
export interface IncidentFacts {
  seed: number;
  cause: CauseId;
  service: string;
  /** The panel query's refId. */
  refId: string;
  /** The refId the backend keys its response by (another one for `refid-mismatch`). */
  responseRefId: string;
  /** The job label value the panel's query sends (misspelt for `label-typo`). */
  jobSent: string;
  metric: (typeof METRICS)[number];
  instances: string[];
  /** The dashboard's "now", epoch ms, whole minutes. */
  nowMs: number;
  /** The range the query model carries, epoch ms. */
  from: number;
  to: number;
  /** The time zone the browser is in (used by `time-range`). */
  zone: (typeof TIME_ZONES)[number];
  /** Newest sample of the service's series upstream, epoch ms. */
  newestSampleMs: number;
  /** Was a request sent at all (false for `hidden-query`)? */
  sent: boolean;
  /** The upstream's HTTP status and body for the range query (when sent). */
  upstreamStatus: number;
  upstreamBody: string;
  /** How many series the upstream returned. */
  series: number;
  /** What the backend returned for the query: frames (with the value field's type) or an error. */
  backend: { frames: number; valueType: 'number' | 'string'; error?: string };
  /** The key's scopes on the upstream's key page. */
  keyScopes: string[];
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

export function factsOf(seed: number): IncidentFacts {
  const rand = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const cause = pick(CAUSES);
  const service = pick(SERVICES);
  const metric = pick(METRICS);
  const instances = INSTANCES.slice(0, 2 + Math.floor(rand() * 3));
  // A "now" in 2026, in whole minutes, so times read like a dashboard's.
  const nowMs = Date.UTC(2026, 0, 1) + Math.floor(rand() * 360 * 24 * 60) * MINUTE;
  const zone = pick(TIME_ZONES);
  const failure = pick(UPSTREAM_FAILURES);
  const scrapeGapMin = 95 + Math.floor(rand() * 180);
  // Panels whose first query was deleted keep B or C; the refId alone says nothing.
  const refId = pick(['A', 'B', 'C']);

  const facts: IncidentFacts = {
    seed,
    cause,
    refId,
    responseRefId: refId,
    service,
    jobSent: service,
    metric,
    instances: [...instances],
    nowMs,
    from: nowMs - HOUR,
    to: nowMs,
    zone,
    newestSampleMs: nowMs - 15_000,
    sent: true,
    upstreamStatus: 200,
    upstreamBody: '',
    series: instances.length,
    backend: { frames: instances.length, valueType: 'number' },
    keyScopes: ['metrics:read', 'health:read'],
  };

  switch (cause) {
    case 'time-range': {
      // Someone typed "the last hour" as local wall-clock times into a dashboard set to UTC:
      // the range sent lies `offsetH` hours after now, where no sample exists yet.
      const shift = Math.round(zone.offsetH * HOUR);
      facts.from += shift;
      facts.to += shift;
      facts.series = 0;
      facts.backend = { frames: 0, valueType: 'number' };
      break;
    }
    case 'hidden-query':
      facts.sent = false;
      facts.series = 0;
      facts.backend = { frames: 0, valueType: 'number' };
      break;
    case 'key-scope':
      facts.keyScopes = ['health:read'];
      facts.upstreamStatus = 403;
      facts.upstreamBody = '{"status":"error","errorType":"forbidden","error":"key lacks scope metrics:read"}';
      facts.series = 0;
      facts.backend = { frames: 0, valueType: 'number', error: 'upstream refused the query (403 Forbidden): check the API key and its permissions' };
      break;
    case 'label-typo':
      facts.jobSent = misspell(service, rand);
      facts.series = 0;
      facts.backend = { frames: 0, valueType: 'number' };
      break;
    case 'refid-mismatch':
      // The backend answers under a refId of its own (a hard-coded "A", or the first query's), not the one asked.
      facts.refId = refId === 'A' ? 'B' : refId;
      facts.responseRefId = 'A';
      break;
    case 'string-values':
      facts.backend = { frames: instances.length, valueType: 'string' };
      break;
    case 'swallowed-error':
      facts.upstreamStatus = failure.status;
      facts.upstreamBody = failure.body;
      facts.series = 0;
      facts.backend = { frames: 0, valueType: 'number' };
      break;
    case 'stale-upstream':
      facts.newestSampleMs = nowMs - scrapeGapMin * MINUTE;
      facts.series = 0;
      facts.backend = { frames: 0, valueType: 'number' };
      break;
  }
  if (facts.upstreamStatus === 200) facts.upstreamBody = rangeBody(facts);
  return facts;
}

/** A typo a person makes: two neighbouring letters swapped, or one dropped. Never the word itself. */
function misspell(word: string, rand: () => number): string {
  const i = 1 + Math.floor(rand() * (word.length - 2));
  const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  return swapped !== word ? swapped : word.slice(0, i) + word.slice(i + 1);
}

function rangeBody(f: IncidentFacts): string {
  if (f.series === 0) return '{"status":"success","data":{"resultType":"matrix","result":[]}}';
  const t = Math.floor(f.from / 1000);
  // `sum by (instance)` keeps only the instance label; Prometheus sends sample values as strings.
  const one = (instance: string, i: number) => `{"metric":{"instance":"${instance}"},"values":[[${t},"${(12.4 + 3.1 * i).toFixed(1)}"],…]}`;
  return `{"status":"success","data":{"resultType":"matrix","result":[${f.instances.map(one).join(',')}]}}`;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
/** Wall-clock "2026-03-04 14:05:00" of an epoch ms in a zone `offsetH` hours east of UTC. */
const wall = (ms: number, offsetH = 0) => new Date(ms + offsetH * HOUR).toISOString().slice(0, 19).replace('T', ' ');

const expr = (f: IncidentFacts) => `sum by (instance) (rate(${f.metric.name}{job="${f.jobSent}"}[5m]))`;

function panelHop(f: IncidentFacts): EvidenceItem[] {
  const message = f.cause === 'string-values' ? 'No data (hover: "Data is missing a number field")' : f.backend.error ? `No data, with a red corner: "${f.backend.error}"` : 'No data';
  const range =
    f.cause === 'time-range'
      ? [`Absolute: ${wall(f.from)} to ${wall(f.to)}`, 'Dashboard time zone: UTC', `Your browser: ${f.zone.zone} (UTC+${f.zone.offsetH}), where it is now ${wall(f.nowMs, f.zone.offsetH)}`]
      : ['Relative: Last 1 hour (now-1h to now)', 'Dashboard time zone: Browser'];
  const inspector = !f.sent
    ? ['No request in the Query tab: nothing was sent for this panel.']
    : f.backend.error
      ? [`${f.refId}: error, 0 frames`]
      : // Grafana keeps only the results under the refIds it asked for (toDataQueryResponse in @grafana/runtime).
        f.backend.frames === 0 || f.responseRefId !== f.refId
        ? [`${f.refId}: 0 frames`]
        : [`${f.refId}: ${f.backend.frames} frames, fields: Time (time), Value (${f.backend.valueType})`];
  return [
    { label: `Panel "${f.metric.title}: ${f.service}"`, lines: [message] },
    { label: 'Query editor', lines: [`${f.refId}  metric: ${f.metric.name}  label filter: job = "${f.jobSent}"  ${f.sent ? '(shown)' : '(hidden: the eye icon is crossed out)'}`], code: true },
    { label: 'Time range picker', lines: range },
    { label: 'Transformations', lines: ['None'] },
    { label: 'Query inspector → Data', lines: inspector },
  ];
}

function datasourceHop(f: IncidentFacts): EvidenceItem[] {
  return [
    { label: 'Save & test', lines: ['✓ Data source is working'] },
    { label: 'What CheckHealth calls (from the plugin source)', lines: ['GET /-/healthy   (no API key sent, no query run)'], code: true },
    { label: 'Settings', lines: ['URL: https://metrics.example.test', 'API key: configured (secure)', 'Timeout: 30 s'] },
    { label: 'The API key on the metrics server’s key page', lines: [`scopes: ${f.keyScopes.join(', ')}`], code: true },
  ];
}

function queryModelHop(f: IncidentFacts): EvidenceItem[] {
  if (!f.sent) return [{ label: 'POST /api/ds/query', lines: ['None sent while the dashboard refreshed: the request list in the browser’s network tab is empty for this panel.'] }];
  const json = { refId: f.refId, metric: f.metric.name, labels: { job: f.jobSent }, intervalMs: 15000, maxDataPoints: 1200 };
  return [
    { label: 'The DataQuery the backend received', lines: JSON.stringify(json, null, 2).split('\n'), code: true },
    { label: 'Time range in the request', lines: [`from: ${f.from} (${iso(f.from)})`, `to:   ${f.to} (${iso(f.to)})`], code: true },
    { label: 'Dashboard clock when it refreshed', lines: [iso(f.nowMs)] },
  ];
}

function backendHop(f: IncidentFacts): EvidenceItem[] {
  if (!f.sent) return [{ label: 'Plugin logs', lines: ['(no lines: QueryData was not called during the refresh)'], code: true }];
  const at = iso(f.nowMs);
  const logs = [`${at} level=info msg="query received" refId=${f.refId} metric=${f.metric.name} from=${iso(f.from)} to=${iso(f.to)}`];
  if (f.cause === 'swallowed-error') logs.push(`${at} level=debug msg="upstream call failed, returning empty result" refId=${f.refId} status=${f.upstreamStatus}`);
  else if (f.backend.error) logs.push(`${at} level=error msg="upstream refused the query" refId=${f.refId} status=${f.upstreamStatus}`);
  else logs.push(`${at} level=info msg="upstream answered" refId=${f.refId} status=200 series=${f.series}`);
  if (!f.backend.error) logs.push(`${at} level=info msg="query done" refId=${f.refId} frames=${f.backend.frames}`);
  const response = f.backend.error
    ? { [f.responseRefId]: { error: f.backend.error, status: 403, frames: [] } }
    : { [f.responseRefId]: { frames: f.backend.frames === 0 ? [] : [`${f.backend.frames} × [Time: time, Value: ${f.backend.valueType}]`] } };
  const sample = f.backend.valueType === 'string' ? ['Value field of the first frame:', '  type: "string"', '  values: ["12.4", "12.9", "13.1", …]'] : [];
  return [
    { label: 'Plugin logs (all levels)', lines: logs, code: true },
    { label: 'QueryData response', lines: [...JSON.stringify({ responses: response }, null, 2).split('\n'), ...sample], code: true },
  ];
}

function upstreamHop(f: IncidentFacts): EvidenceItem[] {
  const labelValues = { label: `GET /api/v1/label/job/values`, lines: [`200 {"status":"success","data":[${[...SERVICES].sort().map((s) => `"${s}"`).join(',')}]}`], code: true };
  const newest = { label: `Newest sample of ${f.metric.name}{job="${f.service}"}`, lines: [`${iso(f.newestSampleMs)} (scraped every 15 s)`] };
  if (!f.sent) return [{ label: 'Range queries from the plugin', lines: ['None during the refresh.'] }, labelValues, newest];
  const params = `query=${expr(f)}&start=${f.from / 1000}&end=${f.to / 1000}&step=15`;
  return [
    { label: 'Request', lines: [`GET /api/v1/query_range?${params}`, 'Authorization: Bearer ••••••'], code: true },
    { label: 'Response', lines: [`${f.upstreamStatus} ${f.upstreamBody}`], code: true },
    labelValues,
    newest,
  ];
}

/** The incident a seed gives: report, evidence per hop in path order, and the answer. */
export function render(f: IncidentFacts): Incident {
  const hops: IncidentHop[] = [
    { id: 'a', title: '1. Panel', where: 'Edit the panel: query editor, time picker, Query inspector', evidence: panelHop(f) },
    { id: 'b', title: '2. Data source', where: 'Connections → Data sources → this data source', evidence: datasourceHop(f) },
    { id: 'c', title: '3. Query model', where: 'Query inspector → Query (the request to /api/ds/query)', evidence: queryModelHop(f) },
    { id: 'd', title: '4. Plugin backend', where: 'The plugin’s logs and its QueryData response', evidence: backendHop(f) },
    { id: 'e', title: '5. Upstream API', where: 'The metrics server’s request log and API', evidence: upstreamHop(f) },
  ];
  const hop = HOP_CHOICES.find((h) => h.hop === CAUSE_HOP[f.cause])!.id;
  const cause = CAUSE_CHOICES.find((c) => c.cause === f.cause)!.id;
  return {
    seed: f.seed,
    report: `"The ${f.metric.title} panel for ${f.service} on the Service health dashboard says No data. It was fine yesterday."`,
    hops,
    answer: { hop, cause },
  };
}

export const noDataIncident: IncidentModel = {
  hops: HOP_CHOICES.map(({ id, text }) => ({ id, text })),
  causes: CAUSE_CHOICES.map(({ id, text }) => ({ id, text })),
  draw: (seed) => render(factsOf(seed >>> 0)),
};
