import { z } from 'zod';

/** Aggregations the metrics API can apply across series. */
export const AGGREGATIONS = ['avg', 'sum', 'min', 'max'] as const;

/**
 * The query model: what the query editor saves for one query.
 * A query saved without an aggregation means `avg`.
 */
export const metricQuerySchema = z.object({
  /** Name of the metric to read, e.g. cpu_usage_percent. */
  metric: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'must be a metric name such as cpu_usage_percent'),
  /** How to combine the metric's series into one. */
  aggregation: z.enum(AGGREGATIONS).default('avg'),
  /** Labels to keep while aggregating: one series per distinct combination. */
  groupBy: z.array(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'must hold label names')).max(5).default([]),
});

export type MetricQuery = z.infer<typeof metricQuerySchema>;

/** What a new query starts as in the query editor. */
export const DEFAULT_QUERY: Partial<MetricQuery> = { aggregation: 'avg' };

export type ParsedQuery = { ok: true; query: MetricQuery } | { ok: false; message: string };

/** Parses DataQuery.json. Never throws: bad input becomes a message naming the field. */
export function parseQuery(json: string): ParsedQuery {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, message: 'The query is not valid JSON. Re-save it in the query editor.' };
  }
  // JSON.parse also returns null, numbers, strings and arrays: only an object is a query model.
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, message: 'The query must be a JSON object, such as {"metric": "cpu_usage_percent"}. Re-save it in the query editor.' };
  }
  const result = metricQuerySchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { ok: false, message: `Invalid query: ${issue.path.join('.') || 'query'} ${issue.message}` };
  }
  return { ok: true, query: result.data };
}
