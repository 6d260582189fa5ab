/**
 * One run of the learner's handler against the lab's mocked upstreams: the unit that
 * both the Run button and every check use. What comes back is plain data, recorded
 * on the host side (upstream calls) or parsed from the sandbox (output, logs).
 */
import type { CheckHealthRequest, QueryDataRequest } from '../sdk/contract';
import type { LabMeta } from '../labs/schema';
import type { Invocation, RunOutput } from '../runtime/execute';
import type { SandboxHost, UpstreamResolver } from '../runtime/sandbox/host';
import { createUpstreamBridge, type UpstreamCall } from '../runtime/upstream-bridge';
import type { LogEntry } from '../runtime/wire';
import { scenarioSchema, type Scenario, type ScenarioInput } from '../upstreams/scenario';
import { UPSTREAMS } from '../upstreams/registry';

export interface RunParams {
  files: Record<string, string>;
  meta: LabMeta;
  invocation?: Invocation;
  request: QueryDataRequest | CheckHealthRequest;
  scenario?: ScenarioInput;
}

/** Everything one run produced. Checks assert on it; the results tabs show it. */
export interface RunRecord {
  invocation: Invocation;
  request: QueryDataRequest | CheckHealthRequest;
  scenario: Scenario;
  output: RunOutput;
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

/**
 * Milestones of one run in milliseconds since `runOnce` was called, on the same clock
 * as `UpstreamCall.startedAtMs` (the upstream bridge is created at that moment).
 */
export interface RunTiming {
  /** When the sandbox took the run: before it, the run waited for earlier runs. */
  sandboxStartMs: number;
  /** When the result was back on the host, parsed. */
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

export async function runOnce(sandbox: SandboxHost, params: RunParams): Promise<RunRecord> {
  const { meta } = params;
  const invocation = params.invocation ?? meta.run?.invocation ?? 'queryData';
  const scenario = scenarioSchema.parse(params.scenario ?? {});
  const upstreams = meta.upstreams.map((id) => UPSTREAMS[id]);
  const started = performance.now();
  const bridge = createUpstreamBridge(
    upstreams.flatMap((u) => u.handlers(scenario)),
    upstreams.map((u) => u.baseUrl),
  );
  const upstreamBodies: UpstreamBodyPreview[] = [];
  const upstream: UpstreamResolver = async (request, signal) => {
    const response = bridge.resolve(request, signal);
    // The bridge records the call before its first await, so the last call is this one.
    const seq = bridge.calls[bridge.calls.length - 1]?.seq ?? 0;
    const answered = await response;
    upstreamBodies.push({ seq, text: answered.body.slice(0, UPSTREAM_BODY_PREVIEW_CHARS), truncated: answered.body.length > UPSTREAM_BODY_PREVIEW_CHARS });
    return answered;
  };
  const raw = await sandbox.run({
    files: params.files,
    entry: meta.entry ?? '',
    invocation,
    request: params.request,
    upstream,
    timeLimitMs: meta.run?.timeLimitMs ?? 1500,
  });
  const doneMs = performance.now() - started;
  const timing: RunTiming = { sandboxStartMs: Math.max(0, doneMs - raw.durationMs), doneMs };
  return { invocation, request: params.request, scenario, output: raw.output, upstream: bridge.calls, logs: raw.logs, durationMs: raw.durationMs, killed: raw.killed, timing, upstreamBodies };
}
