import type { DataQuery } from '@lab/sdk';
import { MAX_RANGE_MS } from './limits';
import { parseQuery, type MetricQuery } from './query';

export type Validated = { ok: true; query: MetricQuery } | { ok: false; message: string };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What Week 2 refused before a request went out: the query model and the time range.
 * TODO (stage 2): also refuse a queryType other than "", "range" or "instant", a
 * maxDataPoints that is not a whole number of 1 or more, and a negative intervalMs.
 * Every message names the field it refuses, as Grafana sends it.
 */
export function validateQuery(query: DataQuery): Validated {
  const parsed = parseQuery(query.json);
  if (!parsed.ok) return parsed;
  const { from, to } = query.timeRange;
  if (!(to > from)) return { ok: false, message: 'The time range is empty or reversed: "to" must be after "from".' };
  if (to - from > MAX_RANGE_MS) return { ok: false, message: `The time range is ${Math.round((to - from) / DAY_MS)} days; at most ${MAX_RANGE_MS / DAY_MS} are allowed.` };
  return { ok: true, query: parsed.query };
}
