/**
 * Runs one invocation of the learner's handler and turns what it returns into wire
 * data. Platform-neutral: the sandbox worker calls it in the browser, and so do the
 * Node tests. It never throws; every failure comes back as a RunError.
 */
import { dataFrameToJSON, toDataFrame } from '@grafana/data';
import type { HandlerContext } from '../sdk/contract';
import { describeThrown, RunFailure, type RunError } from './errors';
import { loadModules, type Builtins } from './module-loader';
import { checkHealthResultSchema, queryErrorSchema, type WireDataResponse, type WireQueryDataResponse } from './wire';
import type { z } from 'zod';
import { runExerciseScript, scriptFromObject, type ScriptSource } from './exercise/run-script';
import type { ExerciseObservations } from './exercise/script';
import type { OperateAnswer, OperateJob } from '../kinds/operate/job';
import { serveSchedule, type ServeHooks } from '../kinds/operate/serve';

/**
 * `exercise`: run a test script against the module's exports (lib/runtime/exercise/).
 * `operate`: serve a schedule of QueryData requests with one load of the module
 * (lib/kinds/operate/serve.ts).
 */
export type Invocation = 'queryData' | 'checkHealth' | 'exercise' | 'operate';

export type RunOutput =
  | { ok: true; value: WireQueryDataResponse | z.infer<typeof checkHealthResultSchema> | ExerciseObservations | OperateAnswer }
  | { ok: false; error: RunError };

export interface ExecuteOptions {
  files: Readonly<Record<string, string>>;
  entry: string;
  invocation: Invocation;
  request: unknown;
  /** `exercise` in the sandbox: the steps, one at a time from the host (the script is not in `request`). */
  script?: ScriptSource;
  builtins: Builtins;
  context: HandlerContext;
  /** For `operate`: the run's virtual clock and logger (the worker runtime's own). */
  operate?: ServeHooks;
}

export async function execute(options: ExecuteOptions): Promise<RunOutput> {
  try {
    if (options.invocation === 'operate') {
      if (!options.operate) return fail('sandbox', 'An operate run needs the virtual clock of the worker runtime.');
      return { ok: true, value: await serveSchedule(() => loadModules(options), options.request as OperateJob, options.operate) };
    }
    const exports = loadModules(options);
    if (options.invocation === 'exercise') return { ok: true, value: await runExerciseScript(exports, options.script ?? scriptFromObject(options.request), options.context) };
    const handler = exports[options.invocation];
    if (typeof handler !== 'function') {
      return fail('import', `${options.entry} must export a function named ${options.invocation}. It exports: ${Object.keys(exports).join(', ') || 'nothing'}.`, options.entry);
    }
    const value = await handler(options.request, options.context);
    return options.invocation === 'queryData' ? serializeQueryData(value) : serializeHealth(value);
  } catch (err) {
    if (err instanceof RunFailure) return { ok: false, error: err.runError };
    return { ok: false, error: describeThrown(err) };
  }
}

function fail(kind: RunError['kind'], message: string, file?: string): RunOutput {
  return { ok: false, error: { kind, message, file } };
}

/** Converts the handler's `QueryDataResponse` (live DataFrame objects) to wire JSON. */
export function serializeQueryData(value: unknown): RunOutput {
  const responses = (value as { responses?: unknown } | null)?.responses;
  if (typeof responses !== 'object' || responses === null || Array.isArray(responses)) {
    return fail('output', 'queryData must return { responses: { [refId]: { frames, error } } }, like backend.QueryDataResponse.');
  }
  const out: WireQueryDataResponse = { responses: {} };
  for (const [refId, response] of Object.entries(responses)) {
    const where = `responses.${refId}`;
    if (typeof response !== 'object' || response === null) return fail('output', `${where} must be an object with frames and/or error.`);
    const { frames = [], error } = response as { frames?: unknown; error?: unknown };
    if (!Array.isArray(frames)) return fail('output', `${where}.frames must be an array of data frames.`);
    const wireFrames: WireDataResponse["frames"] = [];
    for (let i = 0; i < frames.length; i++) {
      try {
        wireFrames.push(dataFrameToJSON(toDataFrame(frames[i])) as WireDataResponse['frames'][number]);
      } catch (err) {
        return fail('output', `${where}.frames[${i}] is not a data frame Grafana can read: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    let wireError;
    if (error !== undefined) {
      const parsed = queryErrorSchema.safeParse(error);
      if (!parsed.success) {
        return fail('output', `${where}.error must be { category, message, status? } with category one of validation, auth, timeout, rate_limit, upstream, internal. Use queryError() from '@lab/sdk'.`);
      }
      wireError = parsed.data;
    }
    out.responses[refId] = { frames: wireFrames, ...(wireError ? { error: wireError } : {}) };
  }
  return { ok: true, value: out };
}

function serializeHealth(value: unknown): RunOutput {
  const parsed = checkHealthResultSchema.safeParse(value);
  if (!parsed.success) return fail('output', "checkHealth must return { status: 'OK' | 'ERROR', message }, like backend.CheckHealthResult.");
  return { ok: true, value: parsed.data };
}
