/**
 * Checks for "Find your way in a data source". The tour itself is the line
 * questions; the one code change is in errors.ts, and these checks run the whole
 * sample handler to see that change from the outside: every failure the metrics API
 * can give must land in the category handler.go gives it.
 *
 * The Retry-After waits and the wrong key are drawn per Run (lib/checks/draw.ts), so a
 * message that names a wait learnt by heart, or a key special-cased, fails the next Run.
 */
import { expect, framesFor, responseFor, show } from '@/lib/checks/assert';
import { drawFor, wrongKey } from '@/lib/checks/draw';
import type { LabCheck } from '@/lib/checks/types';
import type { RunRecord } from '@/lib/engine/run';
import { METRICS_API_KEY } from '@/lib/upstreams/metrics';
import { parseDuration } from '@/lib/upstreams/metrics/params';

function category(record: RunRecord): string {
  const { error, frames } = responseFor(record, 'A');
  return error ? error.category : `no error (${frames.length} frames)`;
}

/** Seconds per unit, for waits written out ("7 seconds", "2 min"). */
const UNIT_SECONDS: Record<string, number> = {
  ms: 0.001, millisecond: 0.001, milliseconds: 0.001,
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  m: 60, min: 60, mins: 60, minute: 60, minutes: 60,
  h: 3600, hour: 3600, hours: 3600,
};
const WORDED = /(\d+(?:\.\d+)?)\s*(milliseconds?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|h)?(?![a-z])/gi;
/** Compact durations as Prometheus and Go write them: 7s, 2m, 1m30s. */
const COMPACT = /\b\d+(?:ms|[smhdwy])(?:\d+(?:ms|[smhdwy]))*\b/gi;

/**
 * Whether a message tells a person to wait `seconds`: "7", "7s", "7 s", "7 seconds",
 * "7000 ms", "2 minutes" and "1m30s" all count; a bare number is read as seconds.
 */
export function mentionsWait(message: string, seconds: number): boolean {
  for (const match of message.matchAll(COMPACT)) {
    const ms = parseDuration(match[0].toLowerCase());
    if (ms !== undefined && ms / 1000 === seconds) return true;
  }
  for (const [, number, unit] of message.matchAll(WORDED)) {
    const per = UNIT_SECONDS[(unit ?? 's').toLowerCase()];
    if (Math.abs(Number(number) * per - seconds) < 1e-9) return true;
  }
  return false;
}

const checks: LabCheck[] = [
  {
    id: 'rate-limit-category',
    task: 1,
    title: 'A 429 from the upstream is a rate_limit error that says when to retry',
    hint: 'Compare categorize in errors.ts with categorize in handler.go: which status is handled differently? The wait is in the retryAfter argument.',
    async run(ctx) {
      // Under a minute (never the 2 s of the Rate limited scenario), and a minute or more: whole minutes or not.
      const d = drawFor(ctx, 'rate-limit-category');
      for (const seconds of d.shuffle([d.int(3, 59), d.pick([60 * d.int(1, 60), d.int(61, 3600)])])) {
        const record = await ctx.query({ scenario: { fault: 'rate_limit', retryAfterSeconds: seconds } });
        expect(category(record) === 'rate_limit', "category 'rate_limit' for HTTP 429", `the category is ${category(record)}`);
        const message = responseFor(record, 'A').error!.message;
        expect(mentionsWait(message, seconds), `the message to say how long to wait (the Retry-After header says ${seconds} seconds)`, `it says ${show(message)}`);
      }
    },
  },
  {
    id: 'other-failures-unchanged',
    task: 1,
    title: 'Other answers keep their meaning: 5xx and a refused query are upstream, a rejected key is auth, success has frames',
    hint: 'Change only the 429 case: handler.go keeps 401/403 as auth, 5xx as upstream and every other status as upstream.',
    async run(ctx) {
      const down = await ctx.query({ scenario: { fault: 'server_error' } });
      expect(category(down) === 'upstream', "category 'upstream' for HTTP 503", `the category is ${category(down)}`);
      const unknownKey = await ctx.query({ secureJsonData: { apiKey: wrongKey(drawFor(ctx, 'other-failures-unchanged'), METRICS_API_KEY) } });
      expect(category(unknownKey) === 'auth', "category 'auth' for HTTP 401 (a key the API does not know)", `the category is ${category(unknownKey)}`);
      const revoked = await ctx.query({ scenario: { rejectKeys: true } });
      expect(category(revoked) === 'auth', "category 'auth' for HTTP 401 (a revoked key)", `the category is ${category(revoked)}`);
      // One second steps over a day is 86,401 points a series: Prometheus refuses it with 400.
      const day = { from: ctx.now - 86_400_000, to: ctx.now };
      const tooMany = await ctx.query({ queries: [{ json: { metric: 'cpu_usage_percent', aggregation: 'avg' }, intervalMs: 1000, timeRange: day }] });
      expect(tooMany.upstream.some((call) => call.status === 400), 'the upstream to refuse a day at one-second steps with HTTP 400', `it answered ${show(tooMany.upstream.map((c) => c.status))}`);
      expect(category(tooMany) === 'upstream', "category 'upstream' for HTTP 400 (a query the upstream refused)", `the category is ${category(tooMany)}`);
      const healthy = await ctx.query();
      expect(framesFor(healthy, 'A').length > 0, 'frames for a healthy upstream', `got ${category(healthy)}`);
    },
  },
];

export default checks;
