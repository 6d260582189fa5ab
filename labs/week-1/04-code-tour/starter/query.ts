/**
 * The query model of the sample "Lab Metrics" data source: what the query editor
 * saves for each query of a panel, and what the backend receives as DataQuery.json.
 */
import { z } from 'zod';

/** How the upstream combines a metric's series into one. */
export const AGGREGATIONS = ['avg', 'sum', 'min', 'max'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** The saved query, checked at run time: the backend never trusts the text it gets. */
export const metricQuerySchema = z.object({
  /** Metric to read, e.g. cpu_usage_percent. */
  metric: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'must be a metric name such as cpu_usage_percent'),
  /** Defaults to avg, so a query saved before the field existed still works. */
  aggregation: z.enum(AGGREGATIONS).default('avg'),
  /** Optional display name for the series; empty means "use the metric name". */
  legend: z.string().max(100).default(''),
});

export type MetricQuery = z.infer<typeof metricQuerySchema>;

/** What a new query starts as in the query editor. */
export const DEFAULT_QUERY: MetricQuery = { metric: 'cpu_usage_percent', aggregation: 'avg', legend: '' };

export type ParsedQuery = { ok: true; query: MetricQuery } | { ok: false; message: string };

/** Turns DataQuery.json into a MetricQuery, or a message that names what is wrong. */
export function parseQuery(json: string): ParsedQuery {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, message: 'The query is not valid JSON. Open it in the query editor and save it again.' };
  }
  const result = metricQuerySchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { ok: false, message: `Invalid query: ${issue.path.join('.') || 'query'} ${issue.message}` };
  }
  return { ok: true, query: result.data };
}
