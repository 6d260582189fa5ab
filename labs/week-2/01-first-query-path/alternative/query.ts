import { z } from 'zod';

// A second correct solution, written differently from solution/: the object check is
// part of the schema (z.object rejects null, numbers, strings and arrays), and the
// messages list every problem zod found, not only the first.

/** Aggregations the metrics API can apply across series. */
export const AGGREGATIONS = ['avg', 'sum', 'min', 'max'] as const;

/** The query model: what the query editor saves for one query. */
export const metricQuerySchema = z.object({
  /** Name of the metric to read, e.g. cpu_usage_percent. */
  metric: z.string().min(1, 'is required').regex(/^[A-Za-z_:][\w:]*$/, 'must be a metric name'),
  /** How to combine the metric's series; avg when the query was saved without one. */
  aggregation: z.enum(AGGREGATIONS).optional().transform((value) => value ?? 'avg'),
  /** Labels to keep while aggregating: one series per distinct combination. */
  groupBy: z.array(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'must hold label names')).max(5).default([]),
});

export type MetricQuery = z.infer<typeof metricQuerySchema>;

/** What a new query starts as in the query editor. */
export const DEFAULT_QUERY: Partial<MetricQuery> = { aggregation: 'avg' };

export type ParsedQuery = { ok: true; query: MetricQuery } | { ok: false; message: string };

export function parseQuery(json: string): ParsedQuery {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    return { ok: false, message: `The query is not JSON (${err instanceof Error ? err.message : 'unreadable'}). Save it again from the query editor.` };
  }
  const result = metricQuerySchema.safeParse(raw);
  if (result.success) return { ok: true, query: result.data };
  const problems = result.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : `the query must be an object (${issue.message})`));
  return { ok: false, message: `The query is not valid: ${problems.join('; ')}.` };
}
