/**
 * "Run ×N" for a simulation: one sandbox run that calls the toy plugin's queryData N
 * times, each with the time range moved on as a refreshing dashboard would, and reads
 * the toy's own memory figures after each request. One run means one plugin process:
 * module state (a cache, a listener list) lives on from request to request, as it does
 * in a real backend plugin, which is what makes a leak visible.
 */
import { z } from 'zod';
import { buildQueryDataRequest } from '../engine/request';
import type { RunOutput } from '../runtime/execute';
import { exerciseObservationsSchema, type Op } from '../runtime/exercise/script';
import type { SandboxRunner } from '../runtime/sandbox/host';
import { createUpstreamBridge, type UpstreamCall } from '../runtime/upstream-bridge';
import type { LogEntry } from '../runtime/wire';
import { scenarioSchema } from '../upstreams/scenario';
import { UPSTREAMS } from '../upstreams/registry';
import { decode, describeError } from './observed';
import type { SimMeta } from './schema';
import { callExport, ref } from './script';

export interface MemorySample {
  /** 1-based request number. */
  request: number;
  /** When the request was sent, epoch ms (the dashboard's clock). */
  time: number;
  /** Entries the plugin holds, by its own count. */
  entries: number;
  /** Bytes the plugin holds, by its own estimate. */
  bytes: number;
}

export interface RepeatRecord {
  samples: MemorySample[];
  /** Requests whose queryData threw or never finished. */
  failed: { request: number; message: string }[];
  /** The run as a whole: an error here means no samples (syntax error, time limit...). */
  output: RunOutput;
  upstream: UpstreamCall[];
  logs: LogEntry[];
  durationMs: number;
  killed: boolean;
}

const statsSchema = z.object({ entries: z.number().finite().min(0), bytes: z.number().finite().min(0) });

export async function runRepeated(sandbox: SandboxRunner, files: Record<string, string>, meta: SimMeta, now: number, times?: number, signal?: AbortSignal): Promise<RepeatRecord> {
  const repeat = meta.repeat ?? { times: 20, refreshMs: 30_000, statsExport: 'memoryStats', timeLimitMs: 8000 };
  const count = Math.max(1, Math.min(50, times ?? repeat.times));
  const requests = Array.from({ length: count }, (_, i) => buildQueryDataRequest(meta.run, now + i * repeat.refreshMs));
  const ops: Op[] = requests.flatMap((request, i) => [
    callExport('queryData', [request, ref('ctx')], { id: `query-${i}`, realTime: true, observe: false }),
    callExport(repeat.statsExport, [], { id: `stats-${i}`, mode: 'sync' }),
  ]);
  const scenario = scenarioSchema.parse(meta.scenario);
  const upstreams = meta.upstreams.map((id) => UPSTREAMS[id]);
  const bridge = createUpstreamBridge(
    upstreams.flatMap((u) => u.handlers(scenario)),
    upstreams.map((u) => u.baseUrl),
  );
  const raw = await sandbox.run({ files, entry: meta.entry, invocation: 'exercise', request: { ops }, upstream: bridge.resolve, timeLimitMs: repeat.timeLimitMs, signal });
  const base = { upstream: bridge.calls, logs: raw.logs, durationMs: raw.durationMs, killed: raw.killed };
  if (!raw.output.ok) return { ...base, samples: [], failed: [], output: raw.output };
  const parsed = exerciseObservationsSchema.safeParse(raw.output.value);
  if (!parsed.success) return { ...base, samples: [], failed: [], output: { ok: false, error: { kind: 'sandbox', message: 'The sandbox sent back something unexpected. Please report this.' } } };

  const samples: MemorySample[] = [];
  const failed: RepeatRecord['failed'] = [];
  let problem: string | undefined;
  for (const result of parsed.data.results) {
    const [kind, index] = [result.id?.split('-')[0], Number(result.id?.split('-')[1])];
    const outcome = result.outcome;
    if (kind === 'query' && outcome.status !== 'value') {
      failed.push({ request: index + 1, message: outcome.status === 'error' ? describeError(outcome.error) : `never finished: it ${outcome.note}` });
    } else if (kind === 'stats') {
      const stats = outcome.status === 'value' ? statsSchema.safeParse(decode(outcome.value)) : null;
      if (stats?.success) samples.push({ request: index + 1, time: requests[index].queries[0]?.timeRange.to ?? now, ...stats.data });
      else problem ??= `${repeat.statsExport}() must return { entries, bytes } as numbers; it ${outcome.status === 'error' ? `threw ${describeError(outcome.error)}` : 'returned something else'}.`;
    }
  }
  const output: RunOutput = problem ? { ok: false, error: { kind: 'output', message: problem } } : raw.output;
  return { ...base, samples, failed, output };
}
