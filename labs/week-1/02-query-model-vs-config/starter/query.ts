import { z } from 'zod';

/** Aggregations the metrics API can apply across series. */
export const AGGREGATIONS = ['avg', 'sum', 'min', 'max'] as const;

/** The version this data source writes today. Bump it when the shape changes. */
export const CURRENT_VERSION = 1;

/**
 * The query model, version 1: what the query editor saves for one query of a panel.
 * TODO (task 1): a `version` field; a default for aggregation (avg) and groupBy (none);
 * check the metric name and the label names.
 */
export const metricQuerySchema = z.object({
  metric: z.string(),
  aggregation: z.enum(AGGREGATIONS),
  groupBy: z.array(z.string()),
});
export type MetricQuery = z.infer<typeof metricQuerySchema>;

/*
 * TODO (task 3): dashboards saved before versioning hold version-0 queries: no
 * `version` field, the metric under `metricName`, the aggregation under `aggregate`.
 */

export type ParsedQuery =
  | { ok: true; query: MetricQuery; unknownFields: string[] }
  | { ok: false; message: string };

/**
 * Parses DataQuery.json.
 * TODO (task 2): never throw; a bad query is { ok: false, message } naming the field.
 * TODO (task 4): list the fields you ignored in `unknownFields`.
 */
export function parseQuery(json: string): ParsedQuery {
  const raw = JSON.parse(json);
  const query = metricQuerySchema.parse(raw);
  return { ok: true, query, unknownFields: [] };
}
