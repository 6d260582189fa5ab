import type { DataQuery } from '@lab/sdk';
import { MAX_RANGE_MS, runAs, type RunAs } from './limits';
import { parseQuery, type MetricQuery } from './query';

/** The query types this data source runs; an empty one is "the editor set none" and runs as range. */
export const QUERY_TYPES = ['', 'range', 'instant'] as const;

export type Validated = { ok: true; query: MetricQuery; runAs: RunAs } | { ok: false; field: string; message: string };

const DAY_MS = 24 * 60 * 60 * 1000;

const refuse = (field: string, message: string): Validated => ({ ok: false, field, message: `Invalid query: ${field} ${message}` });

/**
 * Everything about one query that can be refused before a request goes out: the query
 * model (metric, aggregation, groupBy), the query type, maxDataPoints, intervalMs and
 * the time range. The message names the field as Grafana sends it, says what it was
 * and what would be accepted.
 */
export function validateQuery(query: DataQuery): Validated {
  if (!(QUERY_TYPES as readonly string[]).includes(query.queryType)) {
    return refuse('queryType', `is ${JSON.stringify(query.queryType)}; this data source runs "range" or "instant" queries. Pick one in the query editor.`);
  }
  if (!Number.isInteger(query.maxDataPoints) || query.maxDataPoints < 1) {
    return refuse('maxDataPoints', `is ${query.maxDataPoints}; it must be a whole number of 1 or more. Clear "Max data points" in the query options, or set a positive number.`);
  }
  if (!Number.isFinite(query.intervalMs) || query.intervalMs < 0) {
    return refuse('intervalMs', `is ${query.intervalMs}; it must be 0 or more milliseconds. Check the "Min interval" query option.`);
  }
  const { from, to } = query.timeRange;
  if (!(to > from)) return refuse('timeRange', 'is empty or reversed: "to" must come after "from". Pick another time range.');
  if (to - from > MAX_RANGE_MS) {
    return refuse('timeRange', `spans ${Math.round((to - from) / DAY_MS)} days; at most ${MAX_RANGE_MS / DAY_MS} are allowed per query. Pick a shorter range.`);
  }
  const parsed = parseQuery(query.json);
  if (!parsed.ok) {
    const field = /^Invalid query: ([A-Za-z]+)/.exec(parsed.message)?.[1] ?? 'json';
    return { ok: false, field, message: parsed.message };
  }
  return { ok: true, query: parsed.query, runAs: runAs(query.queryType) };
}
