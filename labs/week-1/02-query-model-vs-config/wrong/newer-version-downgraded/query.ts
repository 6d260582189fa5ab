import { z } from 'zod';

/** Aggregations the metrics API can apply across series. */
export const AGGREGATIONS = ['avg', 'sum', 'min', 'max'] as const;

/** The version this data source writes today. Bump it when the shape changes. */
export const CURRENT_VERSION = 1;

/**
 * The query model, version 1: what the query editor saves for one query of a panel.
 * Everything here is about *this query*; nothing here is secret.
 */
export const metricQuerySchema = z.object({
  version: z.literal(CURRENT_VERSION),
  /** Metric to read, e.g. cpu_usage_percent. */
  metric: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'must be a metric name such as cpu_usage_percent'),
  /** How to combine the metric's series; a query saved without it means avg. */
  aggregation: z.enum(AGGREGATIONS).default('avg'),
  /** Labels to keep while aggregating; none by default. */
  groupBy: z.array(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'must hold label names')).max(5).default([]),
});
export type MetricQuery = z.infer<typeof metricQuerySchema>;

/**
 * Version 0, as dashboards saved before versioning have it: no `version` field, the
 * metric under `metricName` and the aggregation under `aggregate`.
 */
const metricQueryV0Schema = z.object({
  metricName: z.string(),
  aggregate: z.enum(AGGREGATIONS).optional(),
});

/** Fields Grafana itself puts into every saved query. They are expected, not unknown. */
const GRAFANA_FIELDS = ['refId', 'datasource', 'datasourceId', 'hide', 'key', 'queryType', 'intervalMs', 'maxDataPoints'];

export type ParsedQuery =
  | { ok: true; query: MetricQuery; unknownFields: string[] }
  | { ok: false; message: string };

/**
 * Parses DataQuery.json. Never throws. Old (version 0) queries are migrated; a
 * version this code does not know is rejected. Unknown fields are ignored and
 * returned in `unknownFields`, so the handler can log them.
 */
export function parseQuery(json: string): ParsedQuery {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, message: 'The query is not valid JSON. Open it in the query editor and save it again.' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, message: 'The query must be a JSON object.' };
  }
  const input = raw as Record<string, unknown>;
  const version = input.version ?? 0;

  let candidate: unknown = input;
  let known: string[] = Object.keys(metricQuerySchema.shape);
  if (version === 0) {
    const old = metricQueryV0Schema.safeParse(input);
    if (!old.success) return invalid(old.error.issues[0]);
    candidate = migrateV0(old.data);
    known = [...Object.keys(metricQueryV0Schema.shape), 'version'];
  } else if (version !== CURRENT_VERSION) {
    candidate = { ...input, version: CURRENT_VERSION };
  }

  const result = metricQuerySchema.safeParse(candidate);
  if (!result.success) return invalid(result.error.issues[0]);
  const unknownFields = Object.keys(input).filter((key) => !known.includes(key) && !GRAFANA_FIELDS.includes(key));
  return { ok: true, query: result.data, unknownFields };
}

/** Version 0 to version 1: rename the fields; the defaults do the rest. */
function migrateV0(old: z.infer<typeof metricQueryV0Schema>): unknown {
  return { version: 1, metric: old.metricName, aggregation: old.aggregate };
}

function invalid(issue: z.core.$ZodIssue): ParsedQuery {
  return { ok: false, message: `Invalid query: ${issue.path.join('.') || 'query'} ${issue.message}` };
}
