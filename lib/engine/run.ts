/**
 * One run of the learner's handler against the lab's mocked upstreams: the unit that
 * both the Run button and every check use. What comes back is plain data, recorded
 * on the host side (upstream calls) or parsed from the sandbox (output, logs).
 */
import type { RequestHandler } from 'msw';
import type { CheckHealthRequest, CheckHealthResult, QueryDataRequest } from '../sdk/contract';
import type { LabMeta } from '../labs/schema';
import type { RunRecordBase } from '../kinds/types';
import type { RunError } from '../runtime/errors';
import type { ExerciseObservations, ExerciseScript } from '../runtime/exercise/script';
import type { SandboxRunner, UpstreamResolver } from '../runtime/sandbox/host';
import { createUpstreamBridge, type UpstreamCall } from '../runtime/upstream-bridge';
import type { LogEntry, WireQueryDataResponse } from '../runtime/wire';
import { scenarioSchema, type Scenario, type ScenarioInput } from '../upstreams/scenario';
import { UPSTREAMS } from '../upstreams/registry';
import { seededNow, type RunSeed } from '../upstreams/seed';

export type RunParams = {
  files: Record<string, string>;
  meta: LabMeta;
  scenario?: ScenarioInput;
  /** Cancels the run (see RunJob.signal); the record's error is then `cancelled`. */
  signal?: AbortSignal;
  /**
   * A graded Run's seed (lib/upstreams/seed.ts): the upstreams serve that Run's data.
   * Stays on the host: it is recorded, never sent to the sandbox. Leave it out for the
   * lab page's own Run, which shows the canonical data.
   */
  seed?: RunSeed;
} & (
  | { invocation: 'queryData'; request: QueryDataRequest }
  | { invocation: 'checkHealth'; request: CheckHealthRequest }
  /** Without an invocation, the lab's own (`meta.run.invocation`) is used. */
  | { invocation?: undefined; request: QueryDataRequest | CheckHealthRequest }
);

/** What a run gave back: the invocation's answer (validated with its wire schema on the host), or why there is none. */
export type RunOutputOf<T> = { ok: true; value: T } | { ok: false; error: RunError };

/** Everything one run produced, whatever was invoked. */
interface RunRecordCommon extends RunRecordBase {
  scenario: Scenario;
  /**
   * The seed the upstream's data (and, for a check, the request's clock) came from;
   * undefined for the lab page's own Run. Checks rebuild what was served from it
   * (`metricsWorld(record.seed)`), and a Run can be replayed with it for debugging.
   * Host-side only: the sandbox never sees it.
   */
  seed?: RunSeed;
  /** Requests the handler made, in order, as the host answered them. */
  upstream: UpstreamCall[];
  logs: LogEntry[];
  durationMs: number;
  /** True when the handler had to be killed at the time limit. */
  killed: boolean;
  /** When things happened, for the lifecycle trace. Optional: records built elsewhere may lack it. */
  timing?: RunTiming;
  /** The start of each upstream response body, by `UpstreamCall.seq` (secrets included: redact before showing). */
  upstreamBodies?: UpstreamBodyPreview[];
}

/** A `queryData` run: the request sent and the wire response (frames per refId). */
export interface QueryDataRunRecord extends RunRecordCommon {
  invocation: 'queryData';
  request: QueryDataRequest;
  output: RunOutputOf<WireQueryDataResponse>;
}

/** A `checkHealth` run (Save & test). */
export interface CheckHealthRunRecord extends RunRecordCommon {
  invocation: 'checkHealth';
  request: CheckHealthRequest;
  output: RunOutputOf<CheckHealthResult>;
}

/** An exercise script run against the learner's exports: what it observed. */
export interface ExerciseRunRecord extends RunRecordCommon {
  invocation: 'exercise';
  request: ExerciseScript;
  output: RunOutputOf<ExerciseObservations>;
}

/**
 * One run of the learner's data source handler, typed by what was run (narrow on
 * `invocation`): what runOnce returns, checks assert on and the results tabs show.
 */
export type RunRecord = QueryDataRunRecord | CheckHealthRunRecord;
/** The handler kind's record (lib/kinds/handler). */
export type HandlerRunRecord = RunRecord;
/** Any sandbox run with a record, exercise scripts included. */
export type AnyRunRecord = RunRecord | ExerciseRunRecord;

/**
 * Milestones of one run for its lifecycle trace, on the clock of its upstream calls and
 * logs: the run's virtual clock (docs/decisions/0004-virtual-time.md), from the moment
 * the handler started. The real wait for a sandbox is not on that clock, so it is left out.
 */
export interface RunTiming {
  /** When the sandbox took the run: 0, the start of its virtual clock. */
  sandboxStartMs: number;
  /** When the result was back: the run's virtual end, or the real time the sandbox spent on it if longer (a run that only computed). */
  doneMs: number;
}

/** What an upstream answered, cut to `UPSTREAM_BODY_PREVIEW_CHARS`. */
export interface UpstreamBodyPreview {
  seq: number;
  text: string;
  /** True when the body was longer than the preview. */
  truncated: boolean;
}

/** How much of each upstream body a record keeps: enough to read, small enough for 13 runs per Run. */
export const UPSTREAM_BODY_PREVIEW_CHARS = 2000;

/** Mocked upstreams for one run: the MSW handlers that answer, and the origins they serve (named in the "blocked" error for any other URL). */
export interface UpstreamMocks {
  /** Answer the handler's `fetch` calls, on the run's virtual clock; a handler that throws is a network error (no response, its message as the call's `error`). */
  handlers: RequestHandler[];
  /** e.g. `['https://metrics-api:9443']`. */
  origins: string[];
}

/** One invocation of a data source handler: what to run, against which upstreams, on which clock. */
export type HandlerInvocation = {
  /** The handler's files by path (e.g. `{ 'handler.ts': '…' }`). */
  files: Record<string, string>;
  /** The file whose export runs (`queryData` or `checkHealth`). */
  entry: string;
  /** The lab's `run.timeLimitMs`: virtual ms until `ctx.signal` aborts, after which the handler is stopped (RunJob.timeLimitMs). */
  timeLimitMs: number;
  /** Epoch milliseconds the run's virtual clock starts at: the handler's `Date.now()` when it starts. */
  epochMs: number;
  upstreams: UpstreamMocks;
  /** The scenario the upstream handlers were built with, recorded for checks and views; default: the default scenario. */
  scenario?: Scenario;
  /** Recorded only (see RunRecordCommon.seed); the sandbox never sees it. */
  seed?: RunSeed;
  /** Cancels the run; the record's error is then `cancelled`. */
  signal?: AbortSignal;
} & HandlerCall;

/** What is invoked, with the request of that invocation. */
export type HandlerCall = { invocation: 'queryData'; request: QueryDataRequest } | { invocation: 'checkHealth'; request: CheckHealthRequest };

/**
 * Runs one `queryData` or `checkHealth` of a handler in the sandbox against the given
 * mocked upstreams and records it: every upstream call as the host answered it
 * (`upstream`), the start of each delivered body (`upstreamBodies`, at most
 * `UPSTREAM_BODY_PREVIEW_CHARS` characters each), logs, real `durationMs`, `killed`,
 * and `timing` in virtual ms from the handler's start. The one place a handler Run
 * record is made: a lab's Run and checks (runOnce) and the Compose lab's payoff (its
 * Week 2 code against the simulated stack) differ only in these parameters.
 * Never rejects for the handler's code: a throw, a timeout, a syntax error are in `output`.
 */
export function runHandlerInvocation(sandbox: SandboxRunner, params: HandlerInvocation & { invocation: 'queryData' }): Promise<QueryDataRunRecord>;
export function runHandlerInvocation(sandbox: SandboxRunner, params: HandlerInvocation & { invocation: 'checkHealth' }): Promise<CheckHealthRunRecord>;
export function runHandlerInvocation(sandbox: SandboxRunner, params: HandlerInvocation): Promise<HandlerRunRecord>;
export async function runHandlerInvocation(sandbox: SandboxRunner, params: HandlerInvocation): Promise<HandlerRunRecord> {
  const bridge = createUpstreamBridge(params.upstreams.handlers, params.upstreams.origins);
  const upstreamBodies: UpstreamBodyPreview[] = [];
  const upstream: UpstreamResolver = async (request, signal) => {
    const response = bridge.resolve(request, signal);
    // The bridge records the call before its first await, so the last call is this one.
    const seq = bridge.calls[bridge.calls.length - 1]?.seq ?? 0;
    const answered = await response;
    const body = 'response' in answered ? answered.response.body : 'body' in answered ? answered.body : undefined;
    if (body !== undefined) upstreamBodies.push({ seq, text: body.slice(0, UPSTREAM_BODY_PREVIEW_CHARS), truncated: body.length > UPSTREAM_BODY_PREVIEW_CHARS });
    return answered;
  };
  const raw = await sandbox.run({
    files: params.files,
    entry: params.entry,
    invocation: params.invocation,
    request: params.request,
    upstream,
    timeLimitMs: params.timeLimitMs,
    epochMs: params.epochMs,
    signal: params.signal,
  });
  const timing: RunTiming = { sandboxStartMs: 0, doneMs: Math.max(raw.virtualMs ?? 0, raw.durationMs) };
  // A call aborted before its (virtual) delivery never gave the handler a body.
  const delivered = upstreamBodies.filter((b) => bridge.calls[b.seq - 1]?.status !== undefined);
  const scenario = params.scenario ?? scenarioSchema.parse({});
  const common = { scenario, ...(params.seed === undefined ? {} : { seed: params.seed }), upstream: bridge.calls, logs: raw.logs, durationMs: raw.durationMs, killed: raw.killed, timing, upstreamBodies: delivered };
  // The host parsed the answer with this invocation's own wire schema (protocol.ts OUTPUT_SCHEMAS).
  return params.invocation === 'checkHealth'
    ? { ...common, invocation: params.invocation, request: params.request, output: raw.output as RunOutputOf<CheckHealthResult> }
    : { ...common, invocation: params.invocation, request: params.request, output: raw.output as RunOutputOf<WireQueryDataResponse> };
}

export function runOnce(sandbox: SandboxRunner, params: RunParams & { invocation: 'queryData' }): Promise<QueryDataRunRecord>;
export function runOnce(sandbox: SandboxRunner, params: RunParams & { invocation: 'checkHealth' }): Promise<CheckHealthRunRecord>;
export function runOnce(sandbox: SandboxRunner, params: RunParams): Promise<HandlerRunRecord>;
export async function runOnce(sandbox: SandboxRunner, params: RunParams): Promise<HandlerRunRecord> {
  const { meta } = params;
  const scenario = scenarioSchema.parse(params.scenario ?? {});
  const upstreams = meta.upstreams.map((id) => UPSTREAMS[id]);
  // Without an invocation, the lab's own; the caller's request is for it.
  const call = { invocation: params.invocation ?? meta.run?.invocation ?? 'queryData', request: params.request } as HandlerCall;
  return runHandlerInvocation(sandbox, {
    ...call,
    files: params.files,
    entry: meta.entry ?? '',
    upstreams: { handlers: upstreams.flatMap((u) => u.handlers(scenario, params.seed)), origins: upstreams.map((u) => u.baseUrl) },
    timeLimitMs: meta.run?.timeLimitMs ?? 1500,
    // The run's virtual clock starts at the request's time: a check's seeded "now", or the wall clock's for the lab page's Run.
    epochMs: params.seed === undefined ? Date.now() : seededNow(params.seed),
    scenario,
    seed: params.seed,
    signal: params.signal,
  });
}
