import { z } from 'zod';

/** Aggregations the metrics API can apply across series. */
export const AGGREGATIONS = ['avg', 'sum', 'min', 'max'] as const;

/**
 * The query model: what the query editor saves for one query.
 * TODO (task 1): aggregation must be one of AGGREGATIONS and default to 'avg'.
 */
export const metricQuerySchema = z.object({
  /** Name of the metric to read, e.g. cpu_usage_percent. */
  metric: z.string(),
  /** How to combine the metric's series into one. */
  aggregation: z.string().optional(),
  /** Labels to keep while aggregating: one series per distinct combination. */
  groupBy: z.array(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'must hold label names')).max(5).default([]),
});

export type MetricQuery = z.infer<typeof metricQuerySchema>;

/** What a new query starts as in the query editor. */
export const DEFAULT_QUERY: Partial<MetricQuery> = { aggregation: 'avg' };

export type ParsedQuery = { ok: true; query: MetricQuery } | { ok: false; message: string };

/**
 * Parses DataQuery.json.
 * TODO (task 2): this throws on text that is not JSON and on a query without a
 * metric. Return { ok: false, message } instead, naming the field that is wrong.
 */
export function parseQuery(json: string): ParsedQuery {
  const raw = JSON.parse(json);
  return { ok: true, query: metricQuerySchema.parse(raw) };
}
