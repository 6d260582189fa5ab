import { z } from 'zod';
import type { DataQuery } from '@lab/sdk';
import { MAX_RANGE_MS } from './limits';
import { parseQuery, type MetricQuery } from './query';

/** The parts of a DataQuery besides its model that can be wrong, as Grafana sends them. */
const optionsSchema = z.object({
  queryType: z.enum(['', 'range', 'instant'], { error: 'must be "range", "instant" or empty' }),
  maxDataPoints: z.number().int('must be a whole number').min(1, 'must be at least 1'),
  intervalMs: z.number().min(0, 'must not be negative'),
  timeRange: z
    .object({ from: z.number(), to: z.number() })
    .refine((r) => r.to > r.from, 'must end after it starts')
    .refine((r) => r.to - r.from <= MAX_RANGE_MS, 'must span 7 days at most'),
});

export type Validated = { ok: true; query: MetricQuery } | { ok: false; message: string };

/** The query checked before anything goes out; a refusal's message starts with the field it is about. */
export function validateQuery(query: DataQuery): Validated {
  const options = optionsSchema.safeParse(query);
  if (!options.success) {
    const issue = options.error.issues[0];
    return { ok: false, message: `The query option ${String(issue.path[0])} ${issue.message}. Change it in the query editor's options.` };
  }
  return parseQuery(query.json);
}
