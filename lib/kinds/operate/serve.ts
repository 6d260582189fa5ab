/**
 * The sandbox side of an operate run: serves a schedule of QueryData requests with one
 * load of the learner's module, each request at its virtual instant, as many at once as
 * the schedule has in flight, and scrapes the module's metrics registry at the job's
 * interval. Runs inside the sandbox worker (lib/runtime/execute.ts calls it); the host
 * side is ./run.ts.
 *
 * What it records is what the learner's code answered, summarised here so a few hundred
 * responses cross to the page as a few KB: per query its error, or its frames' size and a
 * digest of their data. Timers it needs (each request's start, its timeout, the scrapes)
 * are the runtime's own on the virtual clock (`ServeHooks.schedule`), which learner code
 * can neither see nor clear.
 */
import { FieldType, toDataFrame } from '@grafana/data';
import type { HandlerContext, Logger } from '../../sdk/contract';
import { describeThrown } from '../../runtime/errors';
import { queryErrorSchema } from '../../runtime/wire';
import { mulberry32 } from '../../random';
import {
  ANSWER_GRACE_MS,
  SCRAPE_TEXT_LIMIT,
  SCRAPE_TOTAL_LIMIT,
  digestSeries,
  type OperateAnswer,
  type OperateJob,
  type QuerySummary,
  type RawScrape,
  type RequestOutcome,
  type ScheduledRequest,
} from './job';

/** What the worker runtime lends an operate run: its virtual clock and its logger. */
export interface ServeHooks {
  /** A runtime callback `delayMs` virtual ms from now; returns an id for `cancel`. */
  schedule(run: () => void, delayMs: number): number;
  cancel(id: number): void;
  /** Virtual ms since the run started. */
  nowMs(): number;
  /** What `Date.now()` reads at the run's virtual 0 (epoch ms). */
  epochMs: number;
  logger: Logger;
  /** The run's own signal: aborted on Cancel or at the run's time limit. */
  signal: AbortSignal;
}

// Captured when the bundle loads, before any learner code can replace them.
const apply = Reflect.apply;
const anySignal = AbortSignal.any.bind(AbortSignal);
const abortWith = AbortController.prototype.abort;
const AbortControllerCtor = AbortController;
const DOMExceptionCtor = DOMException;
const realRandom = Math.random;
const MESSAGE_CHARS = 2_000;
/** refIds summarised per request; a request with more is cut, with a note. */
const REF_IDS_PER_REQUEST = 100;

const clip = (text: string) => (text.length > MESSAGE_CHARS ? `${text.slice(0, MESSAGE_CHARS - 1)}…` : text);

/**
 * Serves `job` with the module `load` returns (loaded once, after `Math.random` is seeded
 * with the job's seed). Resolves when every request has been answered or given up on,
 * after a last scrape. Throws only what `load` throws (a syntax or import error).
 */
export async function serveSchedule(load: () => Record<string, unknown>, job: OperateJob, hooks: ServeHooks): Promise<OperateAnswer> {
  const restoreRandom = seedRandom(job.randomSeed);
  try {
    const exports = load();
    const queryData = exports.queryData;
    if (typeof queryData !== 'function') {
      throw new TypeError(`The entry file must export a function named queryData. It exports: ${Object.keys(exports).join(', ') || 'nothing'}.`);
    }
    return await serve(queryData as (req: unknown, ctx: HandlerContext) => unknown, exports.registry, job, hooks);
  } finally {
    restoreRandom();
  }
}

function serve(queryData: (req: unknown, ctx: HandlerContext) => unknown, registry: unknown, job: OperateJob, hooks: ServeHooks): Promise<OperateAnswer> {
  const requests = [...job.requests].sort((a, b) => a.atMs - b.atMs || a.id - b.id);
  const outcomes: RequestOutcome[] = [];
  const scrapes: RawScrape[] = [];
  const metrics = registry !== null && typeof registry === 'object' ? (registry as { metrics?: unknown }).metrics : undefined;
  let scrapeChars = 0;
  let next = 0;
  let settledCount = 0;

  const scrape = () => {
    const atMs = hooks.nowMs();
    if (typeof metrics !== 'function') {
      scrapes.push({ atMs, error: 'The entry exports `registry`, but it has no metrics() method. Export the Registry you register your metrics on.' });
      return;
    }
    if (scrapeChars >= SCRAPE_TOTAL_LIMIT) {
      scrapes.push({ atMs, error: `Skipped: this run's scrapes already came to ${SCRAPE_TOTAL_LIMIT.toLocaleString('en')} characters. A registry that large has too many series; see the scrapes before.` });
      return;
    }
    try {
      const text: unknown = apply(metrics, registry, []);
      if (typeof text !== 'string') {
        scrapes.push({ atMs, error: `registry.metrics() returned ${text === null ? 'null' : typeof text}, not the exposition text. It must return a string (Registry.metrics() from '@lab/sdk' does).` });
      } else if (text.length > SCRAPE_TEXT_LIMIT) {
        scrapes.push({ atMs, error: `The exposition text was ${text.length.toLocaleString('en')} characters, over the ${SCRAPE_TEXT_LIMIT.toLocaleString('en')} a scrape takes. Too many series: look for a label with unbounded values (user ids, raw queries, URLs).` });
        scrapeChars += SCRAPE_TEXT_LIMIT;
      } else {
        scrapes.push({ atMs, text });
        scrapeChars += text.length;
      }
    } catch (err) {
      scrapes.push({ atMs, error: clip(`registry.metrics() threw: ${describeThrown(err).message}`) });
    }
  };

  return new Promise<OperateAnswer>((resolve) => {
    const finish = () => {
      if (registry !== undefined) scrape();
      resolve({ requests: outcomes, scrapes, ...(registry === undefined ? { noRegistry: true } : {}) });
    };
    if (requests.length === 0) return finish();

    const settle = (outcome: RequestOutcome) => {
      outcomes.push(outcome);
      if (++settledCount === requests.length) finish();
    };

    const start = (entry: ScheduledRequest) => {
      const controller = new AbortControllerCtor();
      const signal = anySignal([controller.signal, hooks.signal]);
      let done = false;
      const end = (outcome: Omit<RequestOutcome, 'id' | 'endedAtMs'>) => {
        if (done) return;
        done = true;
        hooks.cancel(timeout);
        hooks.cancel(giveUp);
        // Grafana cancels a request's context once QueryData has returned: work the
        // handler left running on ctx.signal stops with the request.
        apply(abortWith, controller, [new DOMExceptionCtor('The request has ended: its context is cancelled once QueryData returns.', 'AbortError')]);
        settle({ id: entry.id, endedAtMs: hooks.nowMs(), ...outcome });
      };
      const timeout = hooks.schedule(
        () => apply(abortWith, controller, [new DOMExceptionCtor(`Grafana's query timeout (${entry.timeoutMs} ms) passed.`, 'TimeoutError')]),
        entry.timeoutMs,
      );
      const giveUp = hooks.schedule(
        () => end({ status: 'no-answer', message: `No answer ${ANSWER_GRACE_MS} ms after the request's timeout (${entry.timeoutMs} ms): the handler kept waiting after ctx.signal aborted.` }),
        entry.timeoutMs + ANSWER_GRACE_MS,
      );
      const ctx: HandlerContext = { signal, logger: hooks.logger, deadline: hooks.epochMs + entry.atMs + entry.timeoutMs };
      let answer: Promise<unknown>;
      try {
        answer = Promise.resolve(queryData(entry.request, ctx));
      } catch (err) {
        answer = Promise.reject(err);
      }
      answer.then(
        (value) => end(summarize(value)),
        (err) => end({ status: 'failed', message: clip(`queryData threw: ${describeThrown(err).message}`) }),
      );
    };

    // One timer for the next request rather than one per request: the clock's queue stays short.
    const startDue = () => {
      const now = hooks.nowMs();
      while (next < requests.length && requests[next].atMs <= now) start(requests[next++]);
      if (next < requests.length) hooks.schedule(startDue, requests[next].atMs - now);
    };
    startDue();

    if (job.scrapeIntervalMs > 0 && registry !== undefined) {
      const tick = () => {
        if (settledCount === requests.length) return;
        scrape();
        hooks.schedule(tick, job.scrapeIntervalMs);
      };
      hooks.schedule(tick, job.scrapeIntervalMs);
    }
  });
}

/** Summarises a handler's answer: per refId its error, or its frames' size and data digest. */
export function summarize(value: unknown): Omit<RequestOutcome, 'id' | 'endedAtMs'> {
  const responses = (value as { responses?: unknown } | null)?.responses;
  if (typeof responses !== 'object' || responses === null || Array.isArray(responses)) {
    return { status: 'failed', message: 'queryData must return { responses: { [refId]: { frames, error } } }, like backend.QueryDataResponse.' };
  }
  const out: Record<string, QuerySummary> = {};
  const refIds = Object.keys(responses).slice(0, REF_IDS_PER_REQUEST);
  for (const refId of refIds) {
    const response = (responses as Record<string, unknown>)[refId];
    const where = `responses.${refId.slice(0, 50)}`;
    if (typeof response !== 'object' || response === null) return { status: 'failed', message: `${where} must be an object with frames and/or error.` };
    const { frames = [], error } = response as { frames?: unknown; error?: unknown };
    if (!Array.isArray(frames)) return { status: 'failed', message: `${where}.frames must be an array of data frames.` };
    let summary: QuerySummary;
    try {
      summary = summarizeFrames(frames);
    } catch (err) {
      return { status: 'failed', message: clip(`${where}.frames is not something Grafana can read: ${err instanceof Error ? err.message : String(err)}`) };
    }
    if (error !== undefined) {
      const parsed = queryErrorSchema.safeParse(error);
      if (!parsed.success) return { status: 'failed', message: `${where}.error must be { category, message, status? }. Use queryError() from '@lab/sdk'.` };
      summary.error = { ...parsed.data, message: clip(parsed.data.message) };
    }
    out[refId.slice(0, 200)] = summary;
  }
  return { status: 'answered', responses: out };
}

function summarizeFrames(frames: unknown[]): QuerySummary {
  const series: { labels: Record<string, string>; points: [number, number][] }[] = [];
  let points = 0;
  let minTimeMs = Infinity;
  let maxTimeMs = -Infinity;
  for (const raw of frames) {
    const frame = toDataFrame(raw);
    const time = frame.fields.find((f) => f.type === FieldType.time);
    for (const field of frame.fields) {
      if (field.type !== FieldType.number) continue;
      const values = field.values as ArrayLike<unknown>;
      const times = time?.values as ArrayLike<unknown> | undefined;
      const pts: [number, number][] = [];
      for (let i = 0; i < values.length; i++) {
        const t = Number(times?.[i] ?? i);
        pts.push([t, Number(values[i])]);
        if (times && Number.isFinite(t)) {
          if (t < minTimeMs) minTimeMs = t;
          if (t > maxTimeMs) maxTimeMs = t;
        }
      }
      points += pts.length;
      series.push({ labels: { ...(field.labels ?? {}) }, points: pts });
    }
  }
  return {
    frames: frames.length,
    series: series.length,
    points,
    ...(minTimeMs <= maxTimeMs ? { minTimeMs, maxTimeMs } : {}),
    digest: digestSeries(series),
  };
}

/**
 * Replaces `Math.random` with a generator seeded for the run, so a run is the same each
 * time its job is; returns the function that puts the real one back (before the
 * worker's tamper check looks, so the worker stays reusable).
 */
function seedRandom(seed: number): () => void {
  const seeded = mulberry32(seed);
  try {
    Math.random = function random() {
      return seeded();
    };
  } catch {
    // Math.random was made read-only by an earlier run: the tamper check replaces this worker.
  }
  return () => {
    try {
      Math.random = realRandom;
    } catch {
      // Learner code froze it: the tamper check will see the change and retire this worker.
    }
  };
}
