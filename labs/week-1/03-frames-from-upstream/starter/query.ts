import { z } from 'zod';
import { METRICS } from './metrics';

/** The frame layouts this data source can answer with (Grafana's data-plane types). */
export const FORMATS = ['multi', 'wide', 'long'] as const;
export type FrameFormat = (typeof FORMATS)[number];

/**
 * The query model. `format` picks the frame layout:
 *  - multi: one frame per series (timeseries-multi), the default;
 *  - long:  one frame, a row per series and time (timeseries-long);
 *  - wide:  one frame, a column per series on a shared time column (timeseries-wide).
 */
export const frameQuerySchema = z.object({
  metric: z.enum(Object.keys(METRICS) as [string, ...string[]]),
  format: z.enum(FORMATS).default('multi'),
});

export type FrameQuery = z.infer<typeof frameQuerySchema>;

export type ParsedQuery = { ok: true; query: FrameQuery } | { ok: false; message: string };

/** Parses DataQuery.json. Never throws: bad input becomes a message naming the field. */
export function parseQuery(json: string): ParsedQuery {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, message: 'The query is not valid JSON. Re-save it in the query editor.' };
  }
  const result = frameQuerySchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { ok: false, message: `Invalid query: ${issue.path.join('.') || 'query'} ${issue.message}` };
  }
  return { ok: true, query: result.data };
}
