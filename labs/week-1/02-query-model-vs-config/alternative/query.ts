import { z } from 'zod';

/** Aggregations the metrics API can apply across series. */
export const AGGREGATIONS = ['avg', 'sum', 'min', 'max'] as const;

/** The version this data source writes today. Bump it when the shape changes. */
export const CURRENT_VERSION = 1;

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The query model, version 1: what the query editor saves today. */
export const metricQuerySchema = z.object({
  version: z.literal(CURRENT_VERSION),
  /** Metric to read, e.g. cpu_usage_percent. */
  metric: z.string().regex(METRIC_NAME, 'is not a metric name (letters, digits, _ and :)'),
  /** How series are combined; avg when the editor saved none. */
  aggregation: z.enum(AGGREGATIONS).default('avg'),
  /** Label names to group by; none when the editor saved none. */
  groupBy: z.array(z.string().regex(LABEL_NAME, 'is not a label name')).default([]),
});
export type MetricQuery = z.infer<typeof metricQuerySchema>;

/** Version 0, from before versioning: `{ metricName, aggregate? }`, `version` absent or 0. */
const legacyQuerySchema = z.object({
  version: z.literal(0).optional(),
  metricName: z.string(),
  aggregate: z.enum(AGGREGATIONS).optional(),
});

/** Keys Grafana writes into every saved query; they belong to Grafana, not to this model. */
const GRAFANA_KEYS = new Set(['refId', 'datasource', 'datasourceId', 'hide', 'key', 'queryType', 'intervalMs', 'maxDataPoints']);

export type ParsedQuery =
  | { ok: true; query: MetricQuery; unknownFields: string[] }
  | { ok: false; message: string };

/**
 * Parses DataQuery.json, whatever version saved it. Never throws: every problem becomes
 * `{ ok: false, message }` naming the field.
 */
export function parseQuery(json: string): ParsedQuery {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    return { ok: false, message: `The saved query could not be read as JSON (${(err as Error).message}). Re-save it from the query editor.` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    return { ok: false, message: `The saved query is ${kind}, not a JSON object. Re-save it from the query editor.` };
  }
  const fields = value as Record<string, unknown>;

  switch (fields.version) {
    case undefined:
    case 0: {
      const legacy = legacyQuerySchema.safeParse(fields);
      if (!legacy.success) return problem(legacy.error);
      const upgraded = metricQuerySchema.safeParse({ version: CURRENT_VERSION, metric: legacy.data.metricName, aggregation: legacy.data.aggregate });
      if (!upgraded.success) return problem(upgraded.error);
      return { ok: true, query: upgraded.data, unknownFields: unknownKeys(fields, legacyQuerySchema.shape) };
    }
    case CURRENT_VERSION: {
      const current = metricQuerySchema.safeParse(fields);
      if (!current.success) return problem(current.error);
      return { ok: true, query: current.data, unknownFields: unknownKeys(fields, metricQuerySchema.shape) };
    }
    default:
      return { ok: false, message: `This query was saved with version ${JSON.stringify(fields.version)}; this data source reads versions 0 and ${CURRENT_VERSION}. Update the plugin.` };
  }
}

function unknownKeys(fields: Record<string, unknown>, shape: object): string[] {
  return Object.keys(fields).filter((key) => !Object.hasOwn(shape, key) && !GRAFANA_KEYS.has(key));
}

function problem(error: z.ZodError): ParsedQuery {
  const issue = error.issues[0];
  const field = issue.path.length > 0 ? issue.path.join('.') : '(the query)';
  return { ok: false, message: `Query field "${field}": ${issue.message}` };
}
