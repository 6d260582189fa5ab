/**
 * Checks for "Find your way in a data source". The tour itself is the line
 * questions; the one code change is in errors.ts, and these checks run the whole
 * sample handler to see that change from the outside.
 */
import { expect, framesFor, responseFor, show } from '@/lib/checks/assert';
import type { LabCheck } from '@/lib/checks/types';
import type { RunRecord } from '@/lib/engine/run';

function category(record: RunRecord): string {
  const { error, frames } = responseFor(record, 'A');
  return error ? error.category : `no error (${frames.length} frames)`;
}

const checks: LabCheck[] = [
  {
    id: 'rate-limit-category',
    task: 1,
    title: 'A 429 from the upstream is a rate_limit error that says when to retry',
    hint: 'Compare categorize in errors.ts with categorize in handler.go: which status is handled differently?',
    async run(ctx) {
      const record = await ctx.query({ scenario: { fault: 'rate_limit', retryAfterSeconds: 7 } });
      expect(category(record) === 'rate_limit', "category 'rate_limit' for HTTP 429", `the category is ${category(record)}`);
      const message = responseFor(record, 'A').error!.message;
      expect(/\b7\b/.test(message), 'the message to say when to retry (the Retry-After header says 7 seconds)', `it says ${show(message)}`);
    },
  },
  {
    id: 'other-failures-unchanged',
    task: 1,
    title: 'Other answers keep their meaning: 5xx is upstream, a rejected key is auth, success has frames',
    hint: 'Change only the 429 case; 401/403 stay auth and 5xx stays upstream.',
    async run(ctx) {
      const down = await ctx.query({ scenario: { fault: 'server_error' } });
      expect(category(down) === 'upstream', "category 'upstream' for HTTP 503", `the category is ${category(down)}`);
      const wrongKey = await ctx.query({ secureJsonData: { apiKey: 'not-the-key' } });
      expect(category(wrongKey) === 'auth', "category 'auth' for HTTP 401", `the category is ${category(wrongKey)}`);
      const healthy = await ctx.query();
      expect(framesFor(healthy, 'A').length > 0, 'frames for a healthy upstream', `got ${category(healthy)}`);
    },
  },
];

export default checks;
