import { z } from 'zod';

/**
 * The query model: the JSON the query editor saves for one query. It reaches the
 * handler as DataQuery.json, a string, so it is parsed and checked here.
 *
 * Careful: z.object() drops keys it does not list. A key the editor saves but this
 * schema leaves out never reaches the handler.
 */
export const lifecycleQuerySchema = z.object({
  /** The metric to read, e.g. cpu_usage_percent. */
  metric: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'must be a metric name such as cpu_usage_percent'),
  /** Series name template: `{{instance}}` becomes the series' instance label. */
  legend: z.string().optional(),
  /** Seconds between points, whole and positive; absent means "follow the panel". */
  step: z.number().int().positive().optional(),
});

export type LifecycleQuery = z.infer<typeof lifecycleQuerySchema>;

export type ParsedQuery = { ok: true; query: LifecycleQuery } | { ok: false; message: string };

/** Parses DataQuery.json. Never throws: bad input becomes a message naming the field. */
export function parseQuery(json: string): ParsedQuery {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, message: 'The query is not valid JSON. Re-save it in the query editor.' };
  }
  const result = lifecycleQuerySchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { ok: false, message: `Invalid query: ${issue.path.join('.') || 'query'} ${issue.message}` };
  }
  return { ok: true, query: result.data };
}
