/**
 * The `operate` job: many QueryData requests served by one load of the learner's module
 * in one sandbox run, on the run's virtual clock (docs/decisions/0006-operate-kind.md).
 *
 * The host sends an `OperateJob` (what Grafana would send, and when); the worker answers
 * with an `OperateAnswer` (what the handler answered to each request, and what its
 * metrics registry exposed at each scrape). The answer comes from the sandbox, so the
 * host parses it with `operateAnswerSchema` and trusts it only as "what the learner's
 * code said"; what really reached the upstream is the host's own record.
 *
 * Shared by the worker bundle and the host: no msw, no React, nothing heavy.
 */
import { z } from 'zod';
import type { QueryDataRequest } from '../../sdk/contract';
import { ERROR_CATEGORIES, type ErrorCategory } from '../../sdk/contract';

/** One request of the schedule, as the sandbox sees it (the host keeps who sent it and why). */
export interface ScheduledRequest {
  /** Unique within the job, 1-based: the answer names requests by it. */
  id: number;
  /** When Grafana sends it: virtual ms since the run started. */
  atMs: number;
  /**
   * Grafana's query timeout for this request, virtual ms after `atMs`: `ctx.signal`
   * aborts then (a `TimeoutError`) and `ctx.deadline` says when. A handler that has not
   * answered `ANSWER_GRACE_MS` later is recorded as giving no answer.
   */
  timeoutMs: number;
  request: QueryDataRequest;
}

/** What the host sends to the sandbox for an operate run. */
export interface OperateJob {
  requests: ScheduledRequest[];
  /**
   * Virtual ms between scrapes of the learner's registry (the entry's `registry` export,
   * its `metrics()` text), as Prometheus' `scrape_interval`; 0 for no scrapes. A last
   * scrape is taken when every request has settled.
   */
  scrapeIntervalMs: number;
  /**
   * Seeds `Math.random` for the run, so jitter (and anything else random in the
   * learner's code) is the same every time the same job runs. Derived from the Run's
   * seed; never the seed itself.
   */
  randomSeed: number;
}

/** Virtual ms a handler gets after `ctx.signal` aborted at a request's timeout to answer anyway. */
export const ANSWER_GRACE_MS = 1_000;
/**
 * Characters of one scrape's exposition text the sandbox sends; a longer text is refused
 * with its length. A plugin's own metrics are a few KB; 256 K characters is about 5,000
 * series, and parsing them costs the page some 50 ms.
 */
export const SCRAPE_TEXT_LIMIT = 262_144;
/** Characters of exposition text one run sends in all; later scrapes are skipped with a note. */
export const SCRAPE_TOTAL_LIMIT = 4_000_000;
/** Requests one operate job may hold. */
export const MAX_SCHEDULED_REQUESTS = 2_000;

const MESSAGE = 2_000;
const virtualMs = z.number().finite().min(0).max(1e9);

/** What one query of one request came back with, summarised in the sandbox from the handler's frames. */
export const querySummarySchema = z.object({
  error: z
    .object({
      category: z.enum(ERROR_CATEGORIES as [ErrorCategory, ...ErrorCategory[]]),
      message: z.string().max(MESSAGE),
      status: z.number().int().min(100).max(599).optional(),
    })
    .optional()
    .describe("the query's error, as the handler reported it"),
  frames: z.number().int().min(0).describe('frames returned'),
  series: z.number().int().min(0).describe('number fields over all frames (one series each)'),
  points: z.number().int().min(0).describe('values over all series'),
  minTimeMs: z.number().finite().optional().describe('earliest time of any point, epoch ms'),
  maxTimeMs: z.number().finite().optional().describe('latest time of any point, epoch ms'),
  digest: z.string().max(16).describe("digestSeries() of every series' labels, times and values: equal data, equal digest"),
});
export type QuerySummary = z.infer<typeof querySummarySchema>;

/** How one scheduled request ended, in the sandbox. */
export const requestOutcomeSchema = z.object({
  id: z.number().int().min(1),
  /** When the handler answered (or was given up on), virtual ms since the run started. */
  endedAtMs: virtualMs,
  /**
   * `answered`: the handler returned a response; `no-answer`: it had not answered
   * `ANSWER_GRACE_MS` after the request's timeout; `failed`: it threw, or returned
   * something that is not a QueryDataResponse (see `message`).
   */
  status: z.enum(['answered', 'no-answer', 'failed']),
  message: z.string().max(MESSAGE).optional(),
  /** By refId, for an answered request. */
  responses: z.record(z.string().max(200), querySummarySchema).optional(),
});
export type RequestOutcome = z.infer<typeof requestOutcomeSchema>;

/** One scrape of the learner's registry: its text as exposed, or why there is none. */
export const scrapeSchema = z.object({
  atMs: virtualMs,
  text: z.string().max(SCRAPE_TEXT_LIMIT).optional(),
  error: z.string().max(MESSAGE).optional(),
});
export type RawScrape = z.infer<typeof scrapeSchema>;

/** The sandbox's answer to an operate job. */
export const operateAnswerSchema = z.object({
  requests: z.array(requestOutcomeSchema).max(MAX_SCHEDULED_REQUESTS),
  scrapes: z.array(scrapeSchema).max(5_000),
  /** Set when the entry exports no `registry` to scrape (scrapes are then empty). */
  noRegistry: z.boolean().optional(),
});
export type OperateAnswer = z.infer<typeof operateAnswerSchema>;

/**
 * A digest of time series data, the same whichever side computes it: the sandbox from
 * the handler's frames, the host from the upstream's JSON. Each series is its labels
 * (sorted, `__name__` left out) and its points; series are sorted, so order does not
 * matter. 32-bit FNV-1a in hex: for telling "the same data" from "other data", not a
 * security measure.
 */
export function digestSeries(series: readonly { labels: Readonly<Record<string, string>>; points: readonly (readonly [number, number])[] }[]): string {
  const lines: string[] = [];
  for (const s of series) {
    const labels = Object.keys(s.labels)
      .filter((k) => k !== '__name__')
      .sort()
      .map((k) => `${k}=${s.labels[k]}`)
      .join(',');
    let line = `${labels}|`;
    for (const [t, v] of s.points) line += `${t}:${v};`;
    lines.push(line);
  }
  lines.sort();
  let hash = 0x811c9dc5;
  const text = lines.join('\n');
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
