/**
 * Messages between the app (host) and the sandbox worker, over a private
 * MessagePort. The host parses every message from the worker with these schemas:
 * the worker runs untrusted code, so its messages are untrusted input.
 */
import { z } from 'zod';
import { runErrorSchema } from './errors';
import { checkHealthResultSchema, logEntrySchema, wireQueryDataResponseSchema } from './wire';
import { exerciseObservationsSchema } from './exercise/script';
import { operateAnswerSchema } from '../kinds/operate/job';
import { RUN_MESSAGE_LIMITS } from './output-budget';

/** Limits that keep a misbehaving handler from flooding the host. */
export const LIMITS = {
  /** Log entries kept per run; later ones are counted, not kept. */
  logsPerRun: 500,
  /** Characters of log messages and fields kept per run (a few screens of text). */
  logCharsPerRun: 200_000,
  /** Upstream requests allowed per run. */
  fetchesPerRun: 100,
  /** Largest request body a handler may send upstream, in characters. */
  fetchBodyChars: 1_000_000,
} as const;

/** The limits one run is held to, by the worker and again by the host. */
export interface RunLimits {
  logsPerRun: number;
  logCharsPerRun: number;
  fetchesPerRun: number;
  fetchBodyChars: number;
  /** Messages the run may send the page in all (logs, upstream requests and their aborts, the answer). */
  messagesPerRun: number;
  /** Estimated bytes of every message of the run together. */
  messageBytesPerRun: number;
  /**
   * Wall-clock ms before the host's kill timer stops a run that keeps the worker busy,
   * when it is not the run's own (virtual) time limit: an operate run's virtual limit is
   * many minutes of schedule, but its CPU share must still be bounded.
   */
  wallMs?: number;
}

/**
 * An operate run (lib/kinds/operate) serves a few hundred requests at once, each with a
 * few upstream calls and retries, and log lines: about twenty single runs' worth. Its
 * limits are scaled to that, and still hold against a flood.
 */
export const OPERATE_LIMITS: RunLimits = {
  logsPerRun: 2_000,
  logCharsPerRun: 1_000_000,
  fetchesPerRun: 5_000,
  fetchBodyChars: LIMITS.fetchBodyChars,
  messagesPerRun: 16_000,
  messageBytesPerRun: 64 * 1024 * 1024,
  wallMs: 30_000,
};

/** The limits of a run of this invocation: an operate run's are scaled to its schedule (OPERATE_LIMITS). */
export function limitsFor(invocation: string): RunLimits {
  if (invocation === 'operate') return OPERATE_LIMITS;
  return { ...LIMITS, messagesPerRun: RUN_MESSAGE_LIMITS.maxMessages, messageBytesPerRun: RUN_MESSAGE_LIMITS.maxBytes };
}

/** A virtual instant of the run, in ms since it started: what the worker reports, checks read, and the host only records. */
const virtualMs = z.number().finite().min(0).max(1e9);

const headersSchema = z.array(z.tuple([z.string().max(200), z.string().max(8000)])).max(100);

export const serializedRequestSchema = z.object({
  method: z.string().max(10),
  url: z.string().max(8000),
  headers: headersSchema,
  body: z.string().max(LIMITS.fetchBodyChars).optional(),
});
export type SerializedRequest = z.infer<typeof serializedRequestSchema>;

export interface SerializedResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
}

/** Host → worker. */
export type HostMessage =
  | {
      type: 'run';
      runId: string;
      /** The lab's files by path; left out, with `sameFiles`, when they are this sandbox's last run's. */
      files?: Record<string, string>;
      /** Run the files the sandbox's last run message carried (run-protocol.ts sends them once per sandbox). */
      sameFiles?: true;
      entry: string;
      invocation: 'queryData' | 'checkHealth' | 'exercise' | 'operate';
      request: unknown;
      /** Virtual ms after which ctx.signal aborts (the run's time limit). */
      softLimitMs: number;
      /** What `Date.now()` reads at the run's virtual 0: the request's time (epoch ms). */
      epochMs: number;
    }
  | { type: 'abort'; runId: string }
  /**
   * The host's answer to one upstream request, sent at once: the worker delivers
   * `response` `latencyMs` virtual ms after the request; `hang` never comes (only an
   * abort ends the call); `error` rejects the fetch at once.
   */
  | { type: 'fetch-result'; runId: string; fetchId: number; response?: SerializedResponse; latencyMs?: number; hang?: boolean; error?: string }
  /** One step of an exercise's script, asked for with `script-next`; no `op` past the end. */
  | { type: 'script-step'; runId: string; index: number; op?: unknown }
  /**
   * Sent to an idle sandbox of the pool: the files of the last run, to transpile ahead of
   * the next Run (which usually runs the same files). Only our transpiler reads them; no
   * file is loaded or run. See PRIME_LIMITS and sandbox/host.ts.
   */
  | { type: 'prime'; files: Record<string, string> };

/** What a `prime` covers at most: code files (`.ts`, `.js`), their count and their total length in characters. */
export const PRIME_LIMITS = Object.freeze({ files: 16, chars: 512 * 1024 });

/** Worker → host. */
export const workerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('fetch'), runId: z.string(), fetchId: z.number().int(), atMs: virtualMs, request: serializedRequestSchema }),
  z.object({ type: z.literal('fetch-abort'), runId: z.string(), fetchId: z.number().int(), atMs: virtualMs }),
  z.object({ type: z.literal('log'), runId: z.string(), entry: logEntrySchema }),
  /** An exercise run asks for its next script step (the script stays with the host). */
  z.object({ type: z.literal('script-next'), runId: z.string(), index: z.number().int().min(0) }),
  /** After `done`, once the worker's event loop got back to it: nothing the run left behind is starving it. */
  z.object({ type: z.literal('idle'), runId: z.string() }),
  z.object({
    type: z.literal('done'),
    runId: z.string(),
    /** The virtual instant the run ended. */
    atMs: virtualMs.optional(),
    /** The handler was still waiting with nothing due before the virtual time limit: the host ends it as a timeout. */
    stalled: z.literal(true).optional(),
    /** The worker refused the run unrun: an earlier run changed its built-ins, globals or the modules it imports (tamper-check.ts). The host runs it in a fresh sandbox. */
    stale: z.literal(true).optional(),
    /** `value` is parsed afterwards with the run's own invocation schema (OUTPUT_SCHEMAS), never a union of all of them. */
    output: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), value: z.unknown() }),
      z.object({ ok: z.literal(false), error: runErrorSchema }),
    ]),
  }),
]);
export type WorkerMessage = z.infer<typeof workerMessageSchema>;

/** The answer each invocation must send back: the host parses a run's `done` value with its invocation's schema only. */
export const OUTPUT_SCHEMAS = {
  queryData: wireQueryDataResponseSchema,
  checkHealth: checkHealthResultSchema,
  exercise: exerciseObservationsSchema,
  operate: operateAnswerSchema,
} as const;
