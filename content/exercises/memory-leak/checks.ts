/**
 * Checks of the memory-leak simulation. They replay a dashboard refreshing every 30 s
 * in one plugin process and read the plugin's own memory figures after each request.
 */
import { expect, queryResponse, show } from '@/lib/checks/assert';
import type { RepeatRecord } from '@/lib/exercises/repeat';
import type { SimCheck } from '@/lib/exercises/sim-types';
import { RunDidNotComplete } from '@/lib/checks/assert';

function samplesOf(record: RepeatRecord) {
  if (!record.output.ok) throw new RunDidNotComplete(record.output.error);
  expect(record.failed.length === 0, 'every refresh to succeed', `request ${record.failed[0]?.request} failed: ${record.failed[0]?.message}`);
  return record.samples;
}

const checks: SimCheck[] = [
  {
    id: 'memory-stops-growing',
    title: 'Memory stops growing while the dashboard refreshes',
    hint: 'Run ×20 and watch the chart. What does every refresh add, and what ever takes it out again?',
    async run(ctx) {
      const samples = samplesOf(await ctx.repeat(20));
      expect(samples.length === 20, '20 memory samples', `got ${samples.length}`);
      const [mid, end] = [samples[9], samples[19]];
      expect(end.bytes <= mid.bytes * 1.1, 'the last 10 refreshes to add (almost) nothing to what the plugin holds', `it went from ${show(mid.bytes)} bytes (${mid.entries} entries) after 10 refreshes to ${show(end.bytes)} bytes (${end.entries} entries) after 20`);
    },
  },
  {
    id: 'still-answers',
    title: 'Every query still gets its frames',
    hint: 'Bounding memory must not change the answer.',
    async run(ctx) {
      const response = queryResponse(await ctx.query());
      for (const refId of ['A', 'B']) {
        const r = response.responses[refId];
        expect(r && !r.error && r.frames.length === 3, `3 frames for ${refId}`, r?.error ? r.error.message : `${r?.frames.length ?? 0} frames`);
      }
    },
  },
];

export default checks;
