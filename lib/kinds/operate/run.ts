/**
 * One operate run, from the host's side: builds the job from a plan, serves its
 * upstream calls through the host's bridge (the record learner code cannot reach), runs
 * it in the sandbox, and puts the two accounts side by side in an `OperateRunRecord`:
 * what the host saw (requests sent, upstream calls with their virtual timestamps) and
 * what the learner's code said (its answers, its scraped metrics).
 */
import type { RunRecordBase } from '../types';
import type { RunError } from '../../runtime/errors';
import type { SandboxRunner, UpstreamResolver } from '../../runtime/sandbox/host';
import type { UpstreamCall } from '../../runtime/upstream-bridge';
import type { LogEntry } from '../../runtime/wire';
import { hashUnit } from '../../random';
import { parseExposition, type MetricFamily } from './exposition';
import { ANSWER_GRACE_MS, digestSeries, type OperateAnswer, type RawScrape, type RequestOutcome } from './job';
import { buildJob, type OperatePlan, type ScheduleEntry } from './plan';
import { createOperateUpstream, instancesFor, type DataSourceInstance, type Incident } from './upstream';

/** One scrape of the learner's registry as the host read it: the parsed families, or why there are none. */
export interface ScrapeRecord {
  /** Virtual ms since the run started. */
  atMs: number;
  families?: MetricFamily[];
  /** Series in the scrape (sample lines). */
  series?: number;
  /** What the sandbox or the strict parser (./exposition.ts) said was wrong. */
  error?: string;
}

/** What an operate Run recorded. Host-side fields are the truth; `outcomes` and `scrapes` are the learner's account. */
export interface OperateRunRecord extends RunRecordBase {
  invocation: 'operate';
  /** The Run's seed: instances' keys and data, the profile, the clock. Host-side only. */
  seed: number;
  /** The run's virtual 0 as epoch ms. */
  epochMs: number;
  instances: DataSourceInstance[];
  incidents: Incident[];
  /** Every request Grafana sent, with who sent it: the host's own schedule. */
  schedule: ScheduleEntry[];
  /** Every upstream call, as the host's bridge answered and recorded it (virtual ms). */
  upstream: UpstreamCall[];
  /** For upstream calls answered with data: a digest of the series served (job.ts digestSeries), by call seq. */
  served: Record<number, string>;
  /** What the handler answered to each request, by request id (the sandbox's account). */
  outcomes: Record<number, RequestOutcome>;
  /** The learner's registry at each scrape, parsed by the host's strict parser (the sandbox's account). */
  scrapes: ScrapeRecord[];
  /** The exposition text of the last scrape, as the registry wrote it. */
  lastScrapeText?: string;
  /** True when the entry exports no `registry`. */
  noRegistry: boolean;
  logs: LogEntry[];
  /** Why the run as a whole gave no answers, when it did not (a syntax error, a timeout, a cancel). */
  error?: RunError;
  killed: boolean;
  /** Where the run's virtual clock stood at its end. */
  virtualEndMs: number;
  /**
   * The lab files this run served, as it read them: views that draw a file beside the run
   * (Capstone A's dashboard and alerting rules) show these, not whatever the editor or the
   * page's own storage holds now (a mentor re-running a submission has other saved work).
   * Only the Run's own record (the one the lab page shows, set in ./index.ts) has them;
   * the records of the checks' plans do not.
   */
  files?: Record<string, string>;
}

export interface OperateRunParams {
  files: Record<string, string>;
  entry: string;
  plan: OperatePlan;
  seed: number;
  /** The run's virtual 0, epoch ms. */
  epochMs: number;
  signal?: AbortSignal;
}

/** What a run stopped before its schedule was served is told: the host's words are about a single request's limit. */
export const SCHEDULE_TIMEOUT =
  'The run was stopped before the schedule was served: the code kept the sandbox busy without a pause for 30 s of real time (a loop that never ends), or a handler was still waiting when every request was past its timeout. Look for a loop without an await, or a promise that never settles.';

/** Runs `plan` in the sandbox and records both accounts. Never rejects. */
export async function runOperate(sandbox: SandboxRunner, params: OperateRunParams): Promise<OperateRunRecord> {
  const instances = instancesFor(params.seed);
  const randomSeed = Math.floor(hashUnit(params.seed, 0x0fe7a) * 0x1_0000_0000);
  const { job, schedule } = buildJob(params.plan, { epochMs: params.epochMs, instances, randomSeed });
  const bridge = createOperateUpstream(instances, params.plan.incidents);
  const served: Record<number, string> = {};
  // Digested when a check reads it, not while the page answers the worker: most are never
  // read, and JSON-parsing every body on the page's thread was a good part of a Run. A
  // repeated request gets the same body string from the bridge, so each is digested once.
  const digests = new Map<string, string | undefined>();
  const digestOf = (body: string) => {
    if (!digests.has(body)) digests.set(body, digestPromBody(body));
    return digests.get(body);
  };
  const upstream: UpstreamResolver = async (request, signal) => {
    const answer = bridge.resolve(request, signal);
    const seq = bridge.calls[bridge.calls.length - 1]?.seq ?? 0;
    const answered = await answer;
    const response = 'response' in answered ? answered.response : 'body' in answered ? answered : undefined;
    if (response?.status === 200 && looksLikePromData(response.body)) {
      const body = response.body;
      Object.defineProperty(served, seq, {
        enumerable: true,
        configurable: true,
        get: () => {
          const digest = digestOf(body);
          // Settled once read: a plain value from then on.
          Object.defineProperty(served, seq, { value: digest, enumerable: digest !== undefined, configurable: true, writable: false });
          return digest;
        },
      });
    }
    return answered;
  };
  const lastEnd = job.requests.reduce((end, r) => Math.max(end, r.atMs + r.timeoutMs), 0);
  const raw = await sandbox.run({
    files: params.files,
    entry: params.entry,
    invocation: 'operate',
    request: job,
    upstream,
    // Virtual: the schedule, each request's timeout and the grace, with room to spare.
    timeLimitMs: lastEnd + ANSWER_GRACE_MS + 5_000,
    epochMs: params.epochMs,
    signal: params.signal,
  });
  const answer = raw.output.ok ? (raw.output.value as OperateAnswer) : undefined;
  const scrapes = await parseScrapes(answer?.scrapes ?? [], params.signal);
  const lastText = [...(answer?.scrapes ?? [])].reverse().find((s) => s.text !== undefined)?.text;
  const outcomes: Record<number, RequestOutcome> = {};
  const known = new Set(schedule.map((e) => e.id));
  for (const outcome of answer?.requests ?? []) if (known.has(outcome.id) && !outcomes[outcome.id]) outcomes[outcome.id] = outcome;
  return {
    invocation: 'operate',
    durationMs: raw.durationMs,
    seed: params.seed,
    epochMs: params.epochMs,
    instances,
    incidents: params.plan.incidents,
    schedule,
    upstream: bridge.calls,
    served,
    outcomes,
    scrapes,
    ...(lastText !== undefined ? { lastScrapeText: lastText } : {}),
    noRegistry: answer?.noRegistry ?? false,
    logs: raw.logs,
    ...(raw.output.ok ? {} : { error: raw.output.error.kind === 'timeout' ? { ...raw.output.error, message: SCHEDULE_TIMEOUT } : raw.output.error }),
    killed: raw.killed,
    virtualEndMs: raw.virtualMs ?? 0,
  };
}

/**
 * Parses each scrape with the strict parser, one at a time with a turn of the event loop
 * between them, so a run's worth of large scrapes never holds the page for long.
 */
async function parseScrapes(raw: readonly RawScrape[], signal: AbortSignal | undefined): Promise<ScrapeRecord[]> {
  const out: ScrapeRecord[] = [];
  for (const scrape of raw) {
    if (signal?.aborted) break;
    if (scrape.text === undefined) {
      out.push({ atMs: scrape.atMs, error: scrape.error ?? 'The scrape gave no text.' });
      continue;
    }
    const parsed = parseExposition(scrape.text);
    out.push(parsed.ok ? { atMs: scrape.atMs, families: parsed.families, series: parsed.series } : { atMs: scrape.atMs, error: `The exposition text could not be read: ${parsed.message}` });
    if (scrape.text.length > 20_000) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return out;
}

/** A cheap first look: a Prometheus API success body with data (`digestPromBody` decides). */
function looksLikePromData(body: string): boolean {
  return body.includes('"result"');
}

/** The digest of the series in a Prometheus API success body (matrix or vector), or undefined for anything else. */
export function digestPromBody(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const data = (parsed as { data?: { resultType?: unknown; result?: unknown } } | null)?.data;
  if (!data || !Array.isArray(data.result)) return undefined;
  const series: { labels: Record<string, string>; points: [number, number][] }[] = [];
  for (const item of data.result as { metric?: Record<string, string>; values?: [number, string][]; value?: [number, string] }[]) {
    const pairs = data.resultType === 'vector' ? (item.value ? [item.value] : []) : (item.values ?? []);
    series.push({ labels: item.metric ?? {}, points: pairs.map(([t, v]) => [t * 1000, sampleValue(v)]) });
  }
  return digestSeries(series);
}

/** Prometheus writes samples as text, "+Inf", "-Inf" and "NaN" included. */
function sampleValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}
