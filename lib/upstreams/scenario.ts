/**
 * Per-run upstream scenarios: how a mocked upstream misbehaves during one run (slow,
 * failing, rate limited, hanging, garbled, out of order). Every mocked upstream takes
 * the same scenario, so a lab picks a failure mode without knowing which upstream it hits.
 *
 * Also here: the timing helpers every upstream needs to honour a scenario without
 * keeping a Node process (or a test run) alive after the request was abandoned.
 */
import { z } from 'zod';

/** How one run's upstream behaves. Every field has a default; `{}` is a healthy upstream. */
export const scenarioSchema = z.object({
  latencyMs: z
    .number()
    .int()
    .min(0)
    .max(30000)
    .default(0)
    .describe('milliseconds the upstream waits before answering any request (faults come after the wait)'),
  fault: z
    .enum(['none', 'server_error', 'rate_limit', 'hang', 'malformed'])
    .default('none')
    .describe(
      'how data requests fail: server_error answers 503, rate_limit answers 429 with Retry-After, hang never answers until the request is aborted, malformed answers 200 with truncated JSON',
    ),
  retryAfterSeconds: z
    .number()
    .int()
    .min(0)
    .max(3600)
    .default(2)
    .describe('seconds sent in the Retry-After header of a rate_limit fault'),
  faultQueryContains: z
    .string()
    .optional()
    .describe('only requests whose `query` parameter contains this text get the fault (partial-failure labs)'),
  disorder: z
    .boolean()
    .default(false)
    .describe('some series come back with timestamps out of order, as a careless upstream might'),
  rejectKeys: z
    .boolean()
    .optional()
    .describe('the upstream refuses every API key with 401, as after the key was revoked or rotated (auth and health-check labs)'),
  forbidden: z
    .boolean()
    .optional()
    .describe(
      'the upstream knows the API key but answers 403: the key may not read this data (too narrow a scope, another tenant). 401 means the key itself is not accepted; both are auth errors',
    ),
  unaligned: z
    .boolean()
    .optional()
    .describe(
      'range queries: series are not sampled at the same times. Every second series is shifted by its own offset (less than one step) and the others miss a run of samples, as raw samples scraped on separate clocks look. A wide frame then needs null wherever a series has no sample',
    ),
  specialValues: z
    .boolean()
    .optional()
    .describe(
      'some samples are "+Inf", "-Inf" and "NaN", spelled as Prometheus sends them in JSON (strings), as a rule that divides by zero produces. Number("+Inf") is NaN, so a handler must map these spellings itself',
    ),
});

/** A scenario with every default filled in. */
export type Scenario = z.infer<typeof scenarioSchema>;
/** A scenario as authored: any field may be left out. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** The failure modes, `'none'` included. */
export type ScenarioFault = Scenario['fault'];

/**
 * The healthy upstream: no latency, no fault, series in order and aligned, no special
 * values. Options that change the data (`disorder`, `unaligned`, `specialValues`) and
 * the auth refusals are off unless a lab or the picker turns them on.
 */
export const DEFAULT_SCENARIO: Scenario = scenarioSchema.parse({});

/** A named scenario for a picker in the UI. */
export interface ScenarioPreset {
  /** Stable kebab-case id, e.g. `rate-limited`. */
  id: string;
  /** Short name shown in the picker. */
  label: string;
  /** One sentence on what the upstream does and what a good handler should do about it. */
  description: string;
  /** The scenario it applies. */
  scenario: ScenarioInput;
}

/** Ready-made scenarios, healthy first. */
export const SCENARIO_PRESETS: readonly ScenarioPreset[] = [
  { id: 'normal', label: 'Normal', description: 'The upstream answers promptly and correctly.', scenario: {} },
  {
    id: 'slow',
    label: 'Slow (800 ms)',
    description: 'Every request takes 800 ms. A handler that queries in parallel stays fast.',
    scenario: { latencyMs: 800 },
  },
  {
    id: 'server-error',
    label: 'Server error',
    description: 'The upstream is down and answers 503. Report an upstream error, not a crash.',
    scenario: { fault: 'server_error' },
  },
  {
    id: 'rate-limited',
    label: 'Rate limited',
    description: 'Data requests answer 429 with Retry-After: 2. Report a rate_limit error, or retry politely.',
    scenario: { fault: 'rate_limit', retryAfterSeconds: 2 },
  },
  {
    id: 'hang',
    label: 'Hangs',
    description: "The upstream never answers, so a call ends only when it is aborted: by a timeout of its own, or by ctx.signal at the run's time limit. A handler with neither is stopped.",
    scenario: { fault: 'hang' },
  },
  {
    id: 'malformed',
    label: 'Malformed body',
    description: 'Data requests answer 200 with truncated JSON. Parse defensively and report an upstream error.',
    scenario: { fault: 'malformed' },
  },
  {
    id: 'out-of-order',
    label: 'Out-of-order samples',
    description: 'Some series come back with their samples shuffled. Sort by time before building frames.',
    scenario: { disorder: true },
  },
  {
    id: 'key-rejected',
    label: 'Key rejected',
    description: 'The upstream refuses the API key (401), as after a key was revoked. Report an auth error that never shows the key.',
    scenario: { rejectKeys: true },
  },
  {
    id: 'key-forbidden',
    label: 'Key lacks permission (403)',
    description: 'The upstream accepts the key but will not let it read this data (403). That is an auth error too: say the key needs read access.',
    scenario: { forbidden: true },
  },
  {
    id: 'unaligned',
    label: 'Unaligned series',
    description: 'Series have samples at different times, and some samples are missing. Each series keeps its own times; a wide frame needs null where a series has no sample.',
    scenario: { unaligned: true },
  },
  {
    id: 'special-values',
    label: 'NaN and ±Inf samples',
    description: 'Some samples are "+Inf", "-Inf" or "NaN", as Prometheus spells them. Map them to Infinity, -Infinity and NaN: Number("+Inf") gives NaN.',
    scenario: { specialValues: true },
  },
];

/**
 * Whether the scenario's fault hits a request. Data requests pass their `query`
 * parameter; other requests pass `undefined`, so a fault limited by
 * `faultQueryContains` (a partial failure) never reaches them.
 */
export function faultApplies(scenario: Scenario, query: string | undefined): boolean {
  if (scenario.fault === 'none') return false;
  if (scenario.faultQueryContains === undefined) return true;
  return query !== undefined && query.includes(scenario.faultQueryContains);
}

/**
 * How long one request takes on a handler run's virtual clock
 * (docs/decisions/0004-virtual-time.md): the latency its upstream added with `sleep`,
 * or that it hangs (`untilAborted`). The run's upstream bridge opens one per request
 * (`virtualWait`) and gives the answer to the sandbox at once with it; the sandbox
 * delivers the response that many virtual ms after the request.
 */
export interface VirtualWait {
  /** Virtual milliseconds before the response, summed over every `sleep` of the request. */
  latencyMs: number;
  /** The upstream never answers: only the request's abort ends the call. */
  hang: boolean;
}

/**
 * Open virtual waits, by the signal of the `Request` the handlers receive (MSW hands a
 * resolver the very Request given to `getResponse`). Weak, so a finished request costs nothing.
 */
const virtualWaits = new WeakMap<AbortSignal, VirtualWait>();

/**
 * Makes `sleep` and `untilAborted` virtual for the request with this signal: they
 * return at once and add to the returned wait instead of waiting on the wall clock.
 * Requests without one (MSW in Node, the lab page's playground) wait for real.
 */
export function virtualWait(signal: AbortSignal): VirtualWait {
  const wait: VirtualWait = { latencyMs: 0, hang: false };
  virtualWaits.set(signal, wait);
  return wait;
}

/**
 * Waits `ms`; resolves `true` when the wait completed, `false` as soon as the signal
 * aborts. Unlike msw's `delay`, it clears its timer on abort, so an abandoned slow
 * request does not hold a Node process open for the rest of the latency. For a request
 * on a virtual clock (`virtualWait`), adds `ms` to its latency and resolves `true` at once.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  const wait = signal && virtualWaits.get(signal);
  if (wait) {
    if (!wait.hang) wait.latencyMs += Math.max(0, ms);
    return Promise.resolve(true);
  }
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Signals of requests hanging right now. Node's `Request` follows its caller's signal
 * only through a WeakRef, and a hanging request is otherwise referenced by nothing but
 * its own listeners: garbage collection could free it, and the caller's abort would
 * then never arrive. Holding the signal here until it aborts prevents that.
 */
const hanging = new Set<AbortSignal>();

/**
 * Never settles until the signal aborts, like a server that accepted the connection and
 * went silent; then resolves with `onAbort()`. Holds no timer, so it never keeps a Node
 * process alive on its own. It resolves rather than rejects because MSW's Node
 * integration logs a rejected resolver as an unhandled exception, even for a request
 * its client already gave up on. On a virtual clock (`virtualWait`) it marks the request
 * as hanging and resolves with `onAbort()` at once.
 */
export function untilAborted<T>(signal: AbortSignal, onAbort: () => T): Promise<T> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(onAbort());
    const wait = virtualWaits.get(signal);
    if (wait) {
      // On a virtual clock the hang is the bridge's to keep: it answers "never" and
      // records the call until the sandbox says who aborted it, and when.
      wait.hang = true;
      return resolve(onAbort());
    }
    hanging.add(signal);
    signal.addEventListener(
      'abort',
      () => {
        hanging.delete(signal);
        resolve(onAbort());
      },
      { once: true },
    );
  });
}
