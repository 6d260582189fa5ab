/**
 * Checks of the slow-queries simulation. They look at the upstream requests the
 * plugin made (how many, and whether they overlapped), never at wall time, which a
 * busy machine would make flaky.
 */
import { expect, queryResponse, show } from '@/lib/checks/assert';
import type { UpstreamCall } from '@/lib/runtime/upstream-bridge';
import type { SimCheck } from '@/lib/exercises/sim-types';
import { metricsWorld } from '@/lib/upstreams/metrics';

const LATENCY = { latencyMs: 80 };
const isRange = (c: UpstreamCall) => c.url.includes('/api/v1/query_range');
const overlaps = (a: UpstreamCall, b: UpstreamCall) => a.startedAtMs < b.startedAtMs + b.durationMs && b.startedAtMs < a.startedAtMs + a.durationMs;

const checks: SimCheck[] = [
  {
    id: 'queries-run-concurrently',
    title: 'The dashboard’s queries run at the same time',
    hint: 'Look at the Upstream waterfall: does each query wait for the one before it?',
    async run(ctx) {
      const record = await ctx.query({ scenario: LATENCY });
      queryResponse(record);
      const ranges = record.upstream.filter(isRange);
      expect(ranges.length === 3, 'one query_range request per query (3)', `${ranges.length} were made`);
      const overlapping = ranges.every((call, i) => ranges.some((other, j) => i !== j && overlaps(call, other)));
      expect(overlapping, "the three queries' requests to overlap in time", 'each one started only after the previous query had finished');
    },
  },
  {
    id: 'no-request-per-series',
    title: 'No upstream request per series',
    hint: 'Count the requests per query in the Upstream tab. Can one request name all the series?',
    async run(ctx) {
      const record = await ctx.query({ scenario: LATENCY });
      queryResponse(record);
      const perQuery = record.upstream.length / 3;
      expect(record.upstream.length <= 6, 'at most 2 upstream requests per query (6 for 3 queries)', `${record.upstream.length} were made (${perQuery.toFixed(1)} per query)`);
    },
  },
  {
    id: 'same-frames',
    title: 'Still one named frame per instance',
    hint: 'A faster plugin must still answer the same: one frame per instance, named "instance (job)".',
    async run(ctx) {
      const record = await ctx.query();
      const response = queryResponse(record);
      // The instances this run's upstream served (each graded Run has its own: lib/upstreams/seed.ts).
      const instances = metricsWorld(record.seed).labelValues.instances;
      for (const refId of ['A', 'B', 'C']) {
        const r = response.responses[refId];
        expect(r && !r.error, `a response without error for ${refId}`, r?.error ? r.error.message : 'it is missing');
        const names = r.frames.map((f) => f.schema?.name);
        const named = names.length === 3 && instances.every((i) => names.some((n) => typeof n === 'string' && n.startsWith(`${i} (`) && /\(\w+\)$/.test(n)));
        expect(named, `three frames named "instance (job)" for ${refId}, one per instance served (${instances.join(', ')})`, `got ${show(names)}`);
      }
    },
  },
];

export default checks;
