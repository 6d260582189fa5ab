/**
 * Checks for "Config and secret". They run the handler with different settings
 * (base URL, key present, missing, wrong, revoked) and upstream scenarios, and look at
 * where requests went, how the key travelled, and everything the handler emitted.
 *
 * The settings a verdict depends on are drawn per Run (lib/checks/draw.ts): the order
 * of the regions and which carry a trailing slash, the refused base URLs (left out,
 * blank, another scheme, not a URL, not text), the forms of a missing key beside other
 * secure fields, and the wrong key. Failures name the settings they were given.
 */
import { expect, expectCompleted, queryResponse, responseFor, show } from '@/lib/checks/assert';
import { drawFor, wrongKey, type Draw } from '@/lib/checks/draw';
import { expectNoSecretLeaks, findLeaks, describeLeak, scrubSecrets, secretsOfRun } from '@/lib/checks/secrets';
import type { LabCheck } from '@/lib/checks/types';
import type { RunRecord } from '@/lib/engine/run';
import { METRICS_API_KEY, METRICS_BASE_URL, METRICS_EU_BASE_URL } from '@/lib/upstreams/metrics';
import { SCENARIO_PRESETS } from '@/lib/upstreams/scenario';

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

/** An error's message as a check may show it: with any form of the run's secrets masked. */
function safeMessage(record: RunRecord, refId = 'A'): string {
  return show(scrubSecrets(responseFor(record, refId).error?.message ?? '', [METRICS_API_KEY, ...secretsOfRun(record)]));
}

function expectError(record: RunRecord, category: string, when: string) {
  const { error, frames } = responseFor(record, 'A');
  expect(error, `a '${category}' error ${when}`, `refId A came back without an error (${frames.length} frames)`);
  expect(error.category === category, `category '${category}' ${when}`, `the category is '${error.category}' (${safeMessage(record)})`);
}

/** Hosts a base URL may name, for refused ones: the lab's regions, local and internal addresses. */
function someHost(d: Draw): string {
  return d.pick([new URL(METRICS_EU_BASE_URL).host, new URL(METRICS_BASE_URL).host, 'localhost:9090', '127.0.0.1:9090', 'metrics.internal', `${d.letters(3, 8)}.lab.test`]);
}

/**
 * jsonData whose baseUrl must be refused, one of each kind, in drawn order: left out
 * (sometimes beside a URL under another name), blank, an http URL and a URL of another
 * scheme, and a value that is not a full URL or not text at all.
 */
function refusedBaseUrls(d: Draw): Record<string, unknown>[] {
  const host = someHost(d);
  const leftOut = d.pick([{}, { url: `https://${host}` }, { baseURL: METRICS_EU_BASE_URL }, { baseUrl: undefined, timeoutSeconds: d.int(5, 60) }]);
  const blank = { baseUrl: d.pick(['', ' ', '   ', '\t']) };
  const path = () => d.pick(['', '/', '/prometheus', `/${d.letters(3, 8)}`]);
  const http = { baseUrl: `${d.pick(['http', 'HTTP'])}://${someHost(d)}${path()}` };
  const otherScheme = { baseUrl: `${d.pick(['ftp', 'ws', 'wss', 'file'])}://${host}${path()}` };
  const notUrl = {
    baseUrl: d.pick<unknown>([host, `//${host}`, `https//${host}`, 'https://', `https://${d.letters(3, 6)} ${d.letters(3, 6)}.test`, d.int(1, 65535), d.chance(0.5), null, [METRICS_EU_BASE_URL], { href: METRICS_EU_BASE_URL }]),
  };
  return d.shuffle([leftOut, blank, http, otherScheme, notUrl]).map((jsonData) => JSON.parse(JSON.stringify(jsonData)) as Record<string, unknown>);
}

/** A secure field that is not the key, as a data source can have (a password, a client key): never to be used as one. */
function otherSecret(d: Draw): Record<string, string> {
  return { [d.pick(['basicAuthPassword', 'password', 'tlsClientKey', 'token', 'apiToken', 'httpHeaderValue1'])]: `${d.letters(4, 8)}-${d.int(1000, 99_999)}` };
}

const checks: LabCheck[] = [
  {
    id: 'requests-go-to-configured-base-url',
    task: 1,
    title: 'Requests go to the base URL in jsonData, for either region',
    hint: 'Read jsonData.baseUrl in parseSettings and build every URL from it; drop a trailing slash.',
    async run(ctx) {
      // Both regions, each with and without a trailing slash, in drawn order.
      const d = drawFor(ctx, 'requests-go-to-configured-base-url');
      const cases = [METRICS_EU_BASE_URL, METRICS_BASE_URL].flatMap((want) => [[want, want], [`${want}/`, want]]);
      for (const [configured, want] of d.shuffle(cases)) {
        const record = await ctx.query({ jsonData: { baseUrl: configured } });
        expectCompleted(record, `baseUrl ${show(configured)}`);
        queryResponse(record);
        const sent = origins(record);
        expect(sent.length === 1 && sent[0] === want, `one request to ${want} when baseUrl is ${show(configured)}`, `requests went to ${show(sent)}`);
        const path = new URL(record.upstream[0].url).pathname;
        expect(path === '/api/v1/query_range', `the path /api/v1/query_range when baseUrl is ${show(configured)}`, `the path was ${show(path)}`);
        expect(!responseFor(record).error, `frames, not an error, when baseUrl is ${show(configured)}`, `refId A failed: ${safeMessage(record)}`);
      }
    },
  },
  {
    id: 'base-url-is-validated',
    task: 1,
    title: 'A missing or non-https base URL is a validation error naming baseUrl',
    hint: 'Check jsonData with a zod schema (z.url with a protocol) and return { ok: false, message } naming the setting. A settings form saves a cleared field as "".',
    async run(ctx) {
      for (const jsonData of refusedBaseUrls(drawFor(ctx, 'base-url-is-validated'))) {
        const record = await ctx.query({ jsonData });
        expectCompleted(record, `jsonData ${show(jsonData)}`);
        const { error } = responseFor(record, 'A');
        expect(error?.category === 'validation', `a validation error for jsonData ${show(jsonData)}`, error ? `the category is '${error.category}' (${safeMessage(record)})` : 'no error came back');
        expect(NAMES_BASE_URL.test(error.message), `the message for jsonData ${show(jsonData)} to name the setting (baseUrl)`, `it says ${safeMessage(record)}`);
        expect(record.upstream.length === 0, `no upstream request for jsonData ${show(jsonData)}`, `${record.upstream.length} request(s) went to ${show(origins(record))}`);
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
      // No apiKey, and an empty one, beside other secure fields that are not the key.
      const d = drawFor(ctx, 'missing-key-is-auth-error');
      const forms = [d.chance(0.5) ? {} : otherSecret(d), { apiKey: '', ...otherSecret(d) }];
      for (const secureJsonData of d.shuffle(forms)) {
        const when = `for secureJsonData with ${Object.keys(secureJsonData).length === 0 ? 'no fields' : `the fields ${Object.keys(secureJsonData).join(', ')}`}${'apiKey' in secureJsonData ? ' (apiKey empty)' : ''}`;
        const record = await ctx.query({ secureJsonData });
        expectCompleted(record, when);
        expectError(record, 'auth', when);
        expect(record.upstream.length === 0, `no upstream request ${when}`, `${record.upstream.length} request(s) went out`);
      }
    },
  },
  {
    id: 'rejected-key-is-auth-error',
    task: 2,
    title: 'A wrong or revoked key is an auth error that says what to fix',
    hint: 'HTTP 401/403 from the upstream means the key: say so, and point at the data source settings.',
    async run(ctx) {
      const key = wrongKey(drawFor(ctx, 'rejected-key-is-auth-error'), METRICS_API_KEY);
      for (const [label, record] of [
        ['a wrong key', await ctx.query({ secureJsonData: { apiKey: key } })],
        ['a revoked key', await ctx.query({ scenario: { rejectKeys: true } })],
      ] as const) {
        expectError(record, 'auth', `for ${label}`);
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
      const d = drawFor(ctx, 'key-never-emitted');
      const refused = refusedBaseUrls(d)[0];
      const runs = [
        { label: 'wrong key', record: await ctx.query({ secureJsonData: { apiKey: wrongKey(d, METRICS_API_KEY) } }) },
        { label: `jsonData ${show(refused)}`, record: await ctx.query({ jsonData: refused }) },
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
