/**
 * Checks for "Config and secret". They run the handler with different settings
 * (base URL, key present, missing, wrong, revoked) and upstream scenarios, and look at
 * where requests went, how the key travelled, and everything the handler emitted.
 */
import { expect, queryResponse, responseFor, show } from '@/lib/checks/assert';
import { expectNoSecretLeaks, findLeaks, describeLeak, scrubSecrets } from '@/lib/checks/secrets';
import type { LabCheck } from '@/lib/checks/types';
import type { RunRecord } from '@/lib/engine/run';
import { METRICS_API_KEY, METRICS_BASE_URL, METRICS_EU_BASE_URL } from '@/lib/upstreams/metrics';
import { SCENARIO_PRESETS } from '@/lib/upstreams/scenario';

const WRONG_KEY = 'wrong-key-0c9d4e1f7a';
/** A message names the setting when it says `baseUrl`, or "base URL" as a person would write it. */
const NAMES_BASE_URL = /base[\s_-]?url/i;
/** What a message must point at after a refused key: the key (or token, credentials)… */
const NAMES_KEY = /\bkey\b|token|credential/i;
/** …and the place to fix it. */
const NAMES_SETTINGS = /setting|config/i;

/** The bearer token of an Authorization header; the scheme is case-insensitive (RFC 7235), so `bearer` counts. */
function bearerToken(header: string | undefined): string | undefined {
  return header?.match(/^\s*bearer\s+(\S+)\s*$/i)?.[1];
}

function origins(record: RunRecord): string[] {
  return record.upstream.map((call) => new URL(call.url).origin);
}

/** An error's message as a check may show it: with any form of the keys masked. */
function safeMessage(record: RunRecord, refId = 'A'): string {
  return show(scrubSecrets(responseFor(record, refId).error?.message ?? '', [METRICS_API_KEY, WRONG_KEY]));
}

function expectError(record: RunRecord, category: string) {
  const { error, frames } = responseFor(record, 'A');
  expect(error, `a '${category}' error for refId A`, `refId A came back without an error (${frames.length} frames)`);
  expect(error.category === category, `category '${category}'`, `the category is '${error.category}' (${safeMessage(record)})`);
}

const checks: LabCheck[] = [
  {
    id: 'requests-go-to-configured-base-url',
    task: 1,
    title: 'Requests go to the base URL in jsonData, for either region',
    hint: 'Read jsonData.baseUrl in parseSettings and build every URL from it; drop a trailing slash.',
    async run(ctx) {
      for (const [configured, want] of [
        [METRICS_EU_BASE_URL, METRICS_EU_BASE_URL],
        [METRICS_BASE_URL, METRICS_BASE_URL],
        [`${METRICS_EU_BASE_URL}/`, METRICS_EU_BASE_URL],
      ]) {
        const record = await ctx.query({ jsonData: { baseUrl: configured } });
        queryResponse(record);
        const sent = origins(record);
        expect(sent.length === 1 && sent[0] === want, `one request to ${want} when baseUrl is ${show(configured)}`, `requests went to ${show(sent)}`);
        const path = new URL(record.upstream[0].url).pathname;
        expect(path === '/api/v1/query_range', 'the path /api/v1/query_range', `the path was ${show(path)}`);
        expect(!responseFor(record).error, 'frames, not an error', `refId A failed: ${safeMessage(record)}`);
      }
    },
  },
  {
    id: 'base-url-is-validated',
    task: 1,
    title: 'A missing or non-https base URL is a validation error naming baseUrl',
    hint: 'Check jsonData with a zod schema (z.url with a protocol) and return { ok: false, message } naming the setting. A settings form saves a cleared field as "".',
    async run(ctx) {
      for (const jsonData of [{}, { baseUrl: '' }, { baseUrl: 'http://eu.prometheus.lab.test' }, { baseUrl: 'eu.prometheus.lab.test' }]) {
        const record = await ctx.query({ jsonData });
        const { error } = responseFor(record, 'A');
        expect(error?.category === 'validation', `a validation error for jsonData ${show(jsonData)}`, error ? `the category is '${error.category}' (${safeMessage(record)})` : 'no error came back');
        expect(NAMES_BASE_URL.test(error.message), `the message for jsonData ${show(jsonData)} to name the setting (baseUrl)`, `it says ${safeMessage(record)}`);
        expect(record.upstream.length === 0, 'no upstream request with bad settings', `${record.upstream.length} request(s) went to ${show(origins(record))}`);
      }
    },
  },
  {
    id: 'key-sent-as-bearer',
    task: 2,
    title: 'The key travels as the upstream expects: a bearer token, never in the URL',
    hint: 'Authorization: Bearer <apiKey> from decryptedSecureJsonData; a key in a URL ends up in every proxy log.',
    async run(ctx) {
      const record = await ctx.query();
      queryResponse(record);
      expect(record.upstream.length > 0, 'a request to the upstream', 'none was made');
      for (const call of record.upstream) {
        const auth = call.requestHeaders.find(([name]) => name.toLowerCase() === 'authorization')?.[1];
        expect(bearerToken(auth) === METRICS_API_KEY, 'Authorization: Bearer <the configured key>', auth ? 'the Authorization header does not carry the configured key as a bearer token' : 'no Authorization header was sent');
      }
      const inUrl = findLeaks(record, { upstreamUrls: true }).filter((leak) => leak.where.startsWith('the URL'));
      expect(inUrl.length === 0, 'the key only in the Authorization header', () => inUrl.map((leak) => describeLeak(leak)).join('; '));
    },
  },
  {
    id: 'missing-key-is-auth-error',
    task: 2,
    title: 'No key configured: an auth error, and no request upstream',
    hint: 'Look at the key before building the request; an empty string counts as missing.',
    async run(ctx) {
      for (const secureJsonData of [{}, { apiKey: '' }] as Record<string, string>[]) {
        const record = await ctx.query({ secureJsonData });
        expectError(record, 'auth');
        expect(record.upstream.length === 0, 'no upstream request without a key', `${record.upstream.length} request(s) went out`);
      }
    },
  },
  {
    id: 'rejected-key-is-auth-error',
    task: 2,
    title: 'A wrong or revoked key is an auth error that says what to fix',
    hint: 'HTTP 401/403 from the upstream means the key: say so, and point at the data source settings.',
    async run(ctx) {
      for (const [label, record] of [
        ['a wrong key', await ctx.query({ secureJsonData: { apiKey: WRONG_KEY } })],
        ['a revoked key', await ctx.query({ scenario: { rejectKeys: true } })],
      ] as const) {
        expectError(record, 'auth');
        const message = responseFor(record, 'A').error!.message;
        expect(NAMES_KEY.test(message) && NAMES_SETTINGS.test(message), `for ${label}, a message that names the key and the settings as what to check`, `it says ${safeMessage(record)}`);
      }
    },
  },
  {
    id: 'key-never-emitted',
    task: 3,
    title: 'In any scenario, the key appears nowhere the handler writes: logs, frames, errors',
    hint: 'Look at every logger call and every error message, on every path (settings refused, no answer, rate limited…): log where a request went, never its headers or the settings.',
    async run(ctx) {
      const runs = [
        { label: 'wrong key', record: await ctx.query({ secureJsonData: { apiKey: WRONG_KEY } }) },
        { label: 'base URL missing', record: await ctx.query({ jsonData: {} }) },
      ];
      // Every scenario of the picker. "Slow" is left out: its answers are the normal ones, later.
      for (const preset of SCENARIO_PRESETS.filter((p) => p.id !== 'slow')) {
        runs.push({ label: `${preset.label} scenario`, record: await ctx.query({ scenario: preset.scenario }) });
      }
      expectNoSecretLeaks(runs);
    },
  },
];

export default checks;
