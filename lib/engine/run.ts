/**
 * One run of the learner's handler against the lab's mocked upstreams: the unit that
 * both the Run button and every check use. What comes back is plain data, recorded
 * on the host side (upstream calls) or parsed from the sandbox (output, logs).
 */
import type { CheckHealthRequest, QueryDataRequest } from '../sdk/contract';
import type { LabMeta } from '../labs/schema';
import type { Invocation, RunOutput } from '../runtime/execute';
import type { SandboxHost } from '../runtime/sandbox/host';
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
}

export async function runOnce(sandbox: SandboxHost, params: RunParams): Promise<RunRecord> {
  const { meta } = params;
  const invocation = params.invocation ?? meta.run?.invocation ?? 'queryData';
  const scenario = scenarioSchema.parse(params.scenario ?? {});
  const upstreams = meta.upstreams.map((id) => UPSTREAMS[id]);
  const bridge = createUpstreamBridge(
    upstreams.flatMap((u) => u.handlers(scenario)),
    upstreams.map((u) => u.baseUrl),
  );
  const raw = await sandbox.run({
    files: params.files,
    entry: meta.entry ?? '',
    invocation,
    request: params.request,
    upstream: bridge.resolve,
    timeLimitMs: meta.run?.timeLimitMs ?? 1500,
  });
  return { invocation, request: params.request, scenario, output: raw.output, upstream: bridge.calls, logs: raw.logs, durationMs: raw.durationMs, killed: raw.killed };
}
