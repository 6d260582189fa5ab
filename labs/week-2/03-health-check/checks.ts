/**
 * Checks for "Health check". Each runs the learner's checkHealth against a healthy,
 * down, hanging, slow or key-refusing upstream and asserts on the result, on which
 * endpoints it called, and on how long each call took.
 *
 * The wrong key, and the forms of a missing key (left out, empty, beside other secure
 * fields), are drawn per Run (lib/checks/draw.ts), so no one key or settings object
 * can be known in advance.
 */
import { expect, fail, show } from '@/lib/checks/assert';
import { drawFor, wrongKey, type Draw } from '@/lib/checks/draw';
import { expectNoSecretLeaks, scrubSecrets, secretsOfRun } from '@/lib/checks/secrets';
import type { CheckContext, LabCheck } from '@/lib/checks/types';
import type { CheckHealthRunRecord, RunRecord } from '@/lib/engine/run';
import { RunDidNotComplete } from '@/lib/checks/assert';
import type { CheckHealthResult } from '@/lib/sdk/contract';
import { METRICS_API_KEY, METRICS_BASE_URL, METRICS_EU_BASE_URL } from '@/lib/upstreams/metrics';
import { SCENARIO_PRESETS } from '@/lib/upstreams/scenario';

/** Endpoints that answer "are you there?" and "is this key good?" without running a query. */
const CHEAP_PATHS = new Set(['/-/healthy', '/api/v1/status/buildinfo']);
/** The lab's promise: no call of Save & test waits longer than this, whatever the upstream does. */
const ANSWER_WITHIN_MS = 2000;

/*
 * What a message must say, read as a person would: any wording that states the fact.
 * A refused key: the key (or token, credentials) is the problem.
 */
const NAMES_KEY = /\bkey\b|token|credential/i;
/** A down server: a 5xx status, or words saying the server is failing ("down", "unavailable", "an error"…). */
const SAYS_SERVER_FAILS = /\b5\d\d\b|\bdown\b|unavailab|unhealthy|not healthy|overload|restart|not (running|ready|working)|error|fail|trouble|problem|broken/i;
/** A slow server: the wait ran out ("timed out", "took too long", "within 800 ms", "no answer"). */
const SAYS_TOO_SLOW = /time|slow|too long|\bwait|\d\s*(ms|s|secs?|seconds?|milliseconds?)\b|(not|never|n't) (answer|respond|reply)|no (answer|response|reply)/i;

function health(record: CheckHealthRunRecord): CheckHealthResult {
  if (!record.output.ok) throw new RunDidNotComplete(record.output.error);
  return record.output.value;
}

/** A message as a check may show it: the lab's key and the run's own secrets masked. */
const said = (message: string, record?: RunRecord) => show(scrubSecrets(message, [METRICS_API_KEY, ...(record ? secretsOfRun(record) : [])]));

/** A secure field that is not the key (a password, a client key): never to be tested as one. */
function otherSecret(d: Draw): Record<string, string> {
  return { [d.pick(['basicAuthPassword', 'password', 'tlsClientKey', 'token', 'apiToken'])]: `${d.letters(4, 8)}-${d.int(1000, 99_999)}` };
}

/** secureJsonData without a usable key, as a person reads it. */
function describeSecure(secure: Record<string, string>): string {
  const fields = Object.keys(secure);
  return fields.length === 0 ? 'no secure settings' : `secure settings with ${fields.join(', ')}${secure.apiKey === '' ? ' (apiKey empty)' : ''}`;
}
const paths = (record: RunRecord) => record.upstream.map((call) => new URL(call.url).pathname);
/** Two messages that differ only in their numbers (an HTTP status, say) tell a person the same thing. */
const gist = (message: string) => message.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();
/** The host of the base URL the run was configured with: what a message should name. */
const configuredHost = (record: CheckHealthRunRecord) => new URL(String(record.request.pluginContext.dataSourceInstanceSettings.jsonData.baseUrl)).host;

function expectStatus(record: CheckHealthRunRecord, status: 'OK' | 'ERROR', when: string) {
  const result = health(record);
  expect(result.status === status, `status ${status} ${when}`, `it was ${result.status}: ${said(result.message, record)}`);
  return result;
}

type HealthOptions = Parameters<CheckContext['health']>[0];

/** ERROR for a failure, every call given up in time, and a message that says what `about` says. */
async function expectActionable(ctx: CheckContext, when: string, options: HealthOptions, says: (message: string, record: CheckHealthRunRecord) => boolean, about: string) {
  const record = await ctx.health(options);
  const result = expectStatus(record, 'ERROR', when);
  // Timed per upstream call (on the host), so a slow sandbox start on a busy machine does not count.
  const longest = Math.max(0, ...record.upstream.map((call) => call.durationMs));
  expect(longest < ANSWER_WITHIN_MS, `every call given up within ${ANSWER_WITHIN_MS} ms ${when}`, `one call lasted ${Math.round(longest)} ms`);
  expect(says(result.message, record), `a message ${when} that ${about}`, `it says ${said(result.message, record)}`);
  return result.message;
}

const namesUrl = (message: string, record: CheckHealthRunRecord) => message.includes(configuredHost(record));

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
    hint: 'Liveness alone does not prove the key works: also call an endpoint that needs the key, whatever the settings hold.',
    async run(ctx) {
      const d = drawFor(ctx, 'key-is-really-tested');
      expectStatus(await ctx.health({ scenario: { rejectKeys: true } }), 'ERROR', 'when the upstream refuses the key');
      expectStatus(await ctx.health({ secureJsonData: { apiKey: wrongKey(d, METRICS_API_KEY) } }), 'ERROR', 'for a wrong key');
      // No key: left out or empty, alone or beside another secure field.
      for (const secure of d.shuffle([d.chance(0.5) ? {} : otherSecret(d), { apiKey: '', ...(d.chance(0.5) ? otherSecret(d) : {}) }])) {
        expectStatus(await ctx.health({ secureJsonData: secure }), 'ERROR', `when no key is configured (${describeSecure(secure)})`);
      }
    },
  },
  {
    id: 'only-cheap-endpoints',
    task: 2,
    title: 'Tests connectivity and the key with cheap endpoints, each called once, never a query',
    hint: 'GET /-/healthy (no key) and /api/v1/status/buildinfo (needs the key) answer without running a query. No retries: Save & test is pressed again by the user.',
    async run(ctx) {
      const record = await ctx.health();
      expectStatus(record, 'OK', 'for a healthy upstream');
      const runs: [string, RunRecord][] = [
        ['for a healthy upstream', record],
        ['when the upstream is down', await ctx.health({ scenario: { fault: 'server_error' } })],
        ['when the key is refused', await ctx.health({ scenario: { rejectKeys: true } })],
      ];
      for (const [when, run] of runs) {
        const called = paths(run);
        const expensive = called.filter((p) => !CHEAP_PATHS.has(p));
        expect(expensive.length === 0, `only ${[...CHEAP_PATHS].join(' and ')} ${when}`, `it also called ${show(expensive)}`);
        expect(new Set(called).size === called.length, `each endpoint called once ${when}`, `it called ${show(called)}`);
      }
      const authed = record.upstream.find((call) => new URL(call.url).pathname.startsWith('/api/v1/'));
      if (!authed) fail('a call to an endpoint that needs the key (/api/v1/status/buildinfo)', `it called only ${show(paths(record))}`);
      const auth = authed.requestHeaders.find(([name]) => name.toLowerCase() === 'authorization')?.[1];
      // The scheme is case-insensitive (RFC 7235): "bearer" is as good as "Bearer".
      const token = auth?.match(/^\s*bearer\s+(\S+)\s*$/i)?.[1];
      expect(token === METRICS_API_KEY, 'the key sent as a bearer token on the authenticated call', auth ? 'the Authorization header does not carry the configured key' : 'no Authorization header was sent');
    },
  },
  {
    id: 'actionable-when-down-slow-or-refused',
    task: 3,
    title: 'Down, hanging, slow or refusing the key: an error in time that says what to fix',
    hint: 'Give each call its own timeout (AbortSignal.timeout), and write one message per cause: which URL, what happened, what to check.',
    async run(ctx) {
      const d = drawFor(ctx, 'actionable-when-down-slow-or-refused');
      const wrong = { secureJsonData: { apiKey: wrongKey(d, METRICS_API_KEY) } };
      // Every case sends the same health request but the wrong key; only the upstream's answer
      // tells them apart, so they run in an order drawn per Run (counting calls learns nothing).
      const cases = {
        down: () => expectActionable(
          ctx,
          'when the upstream is down (503)',
          { scenario: { fault: 'server_error' } },
          (message, record) => namesUrl(message, record) && SAYS_SERVER_FAILS.test(message),
          'names the URL it tried and says the server is failing (its status, or "down", "unavailable", "an error"…)',
        ),
        hang: () => expectActionable(ctx, 'when the upstream never answers', { scenario: { fault: 'hang' } }, namesUrl, 'names the URL it tried'),
        slow: () => expectActionable(ctx, 'when every answer takes 2.5 s', { scenario: { latencyMs: 2500 } }, (message) => SAYS_TOO_SLOW.test(message), 'says it took too long'),
        key: () => expectActionable(ctx, 'when the key is refused', { scenario: { rejectKeys: true } }, (message) => NAMES_KEY.test(message), 'says the API key is the problem'),
        wrong: () => expectActionable(ctx, 'for a wrong key', wrong, (message) => NAMES_KEY.test(message), 'says the API key is the problem'),
      };
      const messages: Partial<Record<keyof typeof cases, string>> = {};
      for (const name of d.shuffle(Object.keys(cases) as (keyof typeof cases)[])) messages[name] = await cases[name]();
      const { down = '', hang = '', key = '' } = messages;
      const pairs: [string, string, string][] = [
        ['a down server', 'a silent one', gist(down) === gist(hang) ? down : ''],
        ['a down server', 'a refused key', gist(down) === gist(key) ? down : ''],
        ['a silent server', 'a refused key', gist(hang) === gist(key) ? hang : ''],
      ];
      for (const [a, b, same] of pairs) {
        expect(!same, `a different message for ${a} and ${b}`, () => `both say ${said(same)} (numbers aside)`);
      }
    },
  },
  {
    id: 'health-never-reveals-key',
    task: 3,
    title: 'In any scenario, health results, logs and request URLs never contain the key',
    hint: 'Say that the key was refused, never which key; on error paths too, log the URL and what happened, never the headers.',
    async run(ctx) {
      const runs = [{ label: 'wrong key', record: await ctx.health({ secureJsonData: { apiKey: wrongKey(drawFor(ctx, 'health-never-reveals-key'), METRICS_API_KEY) } }) }];
      // Every scenario of the picker. "Slow" is left out: a probe then either answers or times out, as in "Normal" and "Hangs".
      for (const preset of SCENARIO_PRESETS.filter((p) => p.id !== 'slow')) runs.push({ label: `${preset.label} scenario`, record: await ctx.health({ scenario: preset.scenario }) });
      expectNoSecretLeaks(runs, { upstreamUrls: true });
    },
  },
];

export default checks;
