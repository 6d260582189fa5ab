/**
 * Checks for "Health check". Each runs the learner's checkHealth against a healthy,
 * down, hanging, slow or key-refusing upstream and asserts on the result, on which
 * endpoints it called, and on how long it took.
 */
import { expect, fail, show } from '@/lib/checks/assert';
import { expectNoSecretLeaks, scrubSecrets } from '@/lib/checks/secrets';
import type { CheckContext, LabCheck } from '@/lib/checks/types';
import type { CheckHealthRunRecord, RunRecord } from '@/lib/engine/run';
import { RunDidNotComplete } from '@/lib/checks/assert';
import type { CheckHealthResult } from '@/lib/sdk/contract';
import { METRICS_API_KEY, METRICS_BASE_URL, METRICS_EU_BASE_URL } from '@/lib/upstreams/metrics';

/** Endpoints that answer "are you there?" and "is this key good?" without running a query. */
const CHEAP_PATHS = new Set(['/-/healthy', '/api/v1/status/buildinfo']);
/** The lab's promise: no call of Save & test waits longer than this, whatever the upstream does. */
const ANSWER_WITHIN_MS = 2000;
const WRONG_KEY = 'expired-key-5b2e8d0c41';

function health(record: CheckHealthRunRecord): CheckHealthResult {
  if (!record.output.ok) throw new RunDidNotComplete(record.output.error);
  return record.output.value;
}

const said = (result: CheckHealthResult) => show(scrubSecrets(result.message, [METRICS_API_KEY, WRONG_KEY]));
const paths = (record: RunRecord) => record.upstream.map((call) => new URL(call.url).pathname);

function expectStatus(record: CheckHealthRunRecord, status: 'OK' | 'ERROR', when: string) {
  const result = health(record);
  expect(result.status === status, `status ${status} ${when}`, `it was ${result.status}: ${said(result)}`);
  return result;
}

/** ERROR for a failure, in time, with a message that mentions what the user should look at. */
async function expectActionable(ctx: CheckContext, when: string, options: Parameters<CheckContext['health']>[0], mentions: RegExp, about: string) {
  const record = await ctx.health(options);
  const result = expectStatus(record, 'ERROR', when);
  // Timed per upstream call (on the host), so a slow sandbox start on a busy machine does not count.
  const longest = Math.max(0, ...record.upstream.map((call) => call.durationMs));
  expect(longest < ANSWER_WITHIN_MS, `every call given up within ${ANSWER_WITHIN_MS} ms ${when}`, `one call lasted ${longest} ms`);
  expect(mentions.test(result.message), `a message ${when} that ${about}`, `it says ${said(result)}`);
  return result.message;
}

const checks: LabCheck[] = [
  {
    id: 'ok-when-reachable-and-key-accepted',
    task: 1,
    title: 'OK when the configured upstream answers and accepts the key',
    hint: 'Use the base URL from the settings, and return status OK with a short message saying what was verified.',
    async run(ctx) {
      for (const baseUrl of [METRICS_EU_BASE_URL, METRICS_BASE_URL]) {
        const record = await ctx.health({ jsonData: { baseUrl } });
        const result = expectStatus(record, 'OK', `for a healthy upstream at ${baseUrl}`);
        const elsewhere = record.upstream.filter((call) => new URL(call.url).origin !== baseUrl);
        expect(elsewhere.length === 0, `requests only to ${baseUrl}`, `some went to ${show(elsewhere.map((c) => new URL(c.url).origin))}`);
        expect(result.message.trim().length > 0, 'a message', 'the message is empty');
      }
    },
  },
  {
    id: 'key-is-really-tested',
    task: 1,
    title: 'A refused or missing key is not OK',
    hint: 'Liveness alone does not prove the key works: also call an endpoint that needs the key.',
    async run(ctx) {
      expectStatus(await ctx.health({ scenario: { rejectKeys: true } }), 'ERROR', 'when the upstream refuses the key');
      expectStatus(await ctx.health({ secureJsonData: { apiKey: WRONG_KEY } }), 'ERROR', 'for a wrong key');
      expectStatus(await ctx.health({ secureJsonData: {} }), 'ERROR', 'when no key is configured');
    },
  },
  {
    id: 'only-cheap-endpoints',
    task: 2,
    title: 'Tests connectivity and the key with cheap endpoints, never a query',
    hint: 'GET /-/healthy (no key) and /api/v1/status/buildinfo (needs the key) answer without running a query.',
    async run(ctx) {
      const record = await ctx.health();
      expectStatus(record, 'OK', 'for a healthy upstream');
      const called = paths(record);
      const expensive = called.filter((p) => !CHEAP_PATHS.has(p));
      expect(expensive.length === 0, `only ${[...CHEAP_PATHS].join(' and ')}`, `it also called ${show(expensive)}`);
      expect(new Set(called).size === called.length, 'each endpoint called once', `it called ${show(called)}`);
      const authed = record.upstream.find((call) => call.url.includes('/api/v1/'));
      if (!authed) fail('a call to an endpoint that needs the key (/api/v1/status/buildinfo)', `it called only ${show(called)}`);
      const auth = authed.requestHeaders.find(([name]) => name.toLowerCase() === 'authorization')?.[1];
      expect(auth === `Bearer ${METRICS_API_KEY}`, 'the key sent as a bearer token on the authenticated call', auth ? 'the Authorization header does not carry the configured key' : 'no Authorization header was sent');
    },
  },
  {
    id: 'actionable-when-down-slow-or-refused',
    task: 3,
    title: 'Down, hanging, slow or refusing the key: an error in time that says what to fix',
    hint: 'Give each call its own timeout (AbortSignal.timeout), and write one message per cause: which URL, what happened, what to check.',
    async run(ctx) {
      const down = await expectActionable(ctx, 'when the upstream is down (503)', { scenario: { fault: 'server_error' } }, /prometheus\.lab\.test/, 'names the URL it tried');
      const hang = await expectActionable(ctx, 'when the upstream never answers', { scenario: { fault: 'hang' } }, /prometheus\.lab\.test/, 'names the URL it tried');
      await expectActionable(ctx, 'when every answer takes 2.5 s', { scenario: { latencyMs: 2500 } }, /\d|time|slow/i, 'says it took too long');
      const key = await expectActionable(ctx, 'when the key is refused', { scenario: { rejectKeys: true } }, /key/i, 'says the API key is the problem');
      const distinct = new Set([down, hang, key]);
      expect(distinct.size === 3, 'a different message for a down server, a silent one and a refused key', `two of them say the same: ${said({ status: 'ERROR', message: down })}`);
    },
  },
  {
    id: 'health-never-reveals-key',
    task: 3,
    title: 'Health results and logs never contain the key',
    hint: 'Say that the key was refused, never which key.',
    async run(ctx) {
      expectNoSecretLeaks([
        { label: 'healthy', record: await ctx.health() },
        { label: 'wrong key', record: await ctx.health({ secureJsonData: { apiKey: WRONG_KEY } }) },
        { label: 'key refused', record: await ctx.health({ scenario: { rejectKeys: true } }) },
      ]);
    },
  },
];

export default checks;
