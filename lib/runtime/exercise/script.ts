/**
 * The `exercise` invocation: the host sends a script of operations, the sandbox runs
 * them against the learner's exports on a fake clock and sends back what it observed.
 * The tests (and their expectations) stay in the host; only this plain data crosses.
 *
 * Values in `args` and outcomes are JSON, with three markers the runner resolves:
 *   { "$ref": "name" }      a slot: `clock`, `ctx`, a scripted function, a signal, a result kept with `as`
 *   { "$undefined": true }  the value undefined
 *   { "$mock": {...} }      a new mock object whose methods are scripted functions (e.g. a connection)
 */
import { z } from 'zod';

const slotName = z.string().regex(/^[A-Za-z_$][\w$.-]*$/).max(60);
const exportName = z.string().regex(/^[A-Za-z_$][\w$]*$/).max(60);

export const errorSpecSchema = z.object({
  name: z.string().max(60).default('Error').describe("the error's name, e.g. UpstreamError"),
  message: z.string().max(500).describe("the error's message"),
  props: z.record(z.string(), z.unknown()).default({}).describe('extra properties, e.g. { status: 503 }'),
});
export type ErrorSpec = z.input<typeof errorSpecSchema>;

/** What one call of a scripted function does. */
export const outcomeSpecSchema = z.object({
  kind: z.enum(['return', 'resolve', 'throw', 'reject', 'hang']).describe('return/throw synchronously, resolve/reject a promise, or hang forever'),
  value: z.unknown().optional().describe('for return/resolve'),
  error: errorSpecSchema.optional().describe('for throw/reject'),
  afterMs: z.number().int().min(0).max(86_400_000).optional().describe('resolve/reject after this much fake time'),
});
export type OutcomeSpec = z.input<typeof outcomeSpecSchema>;

/** Optional label a test reads an op's result by. */
const resultId = z.string().max(60).optional();

export const opSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('random'), as: slotName, values: z.array(z.number().min(0).max(1)).max(1000).optional(), seed: z.number().int().optional() }),
  z.object({ op: z.literal('fn'), as: slotName, outcomes: z.array(outcomeSpecSchema).min(1).max(1000) }),
  z.object({ op: z.literal('controller'), as: slotName }),
  z.object({ op: z.literal('abort'), target: slotName, id: resultId }),
  z.object({ op: z.literal('new'), export: exportName, args: z.array(z.unknown()).default([]), as: slotName.optional(), id: resultId }),
  z.object({
    op: z.literal('call'),
    export: exportName.optional().describe('call an exported function (or, with method, a static method)'),
    target: slotName.optional().describe('call a method of (or, without method, the function in) this slot'),
    method: z.string().max(60).optional(),
    args: z.array(z.unknown()).default([]),
    as: slotName.optional().describe('keep the result (awaited, for mode await) in this slot'),
    id: resultId,
    mode: z.enum(['sync', 'await', 'start']).default('await').describe('sync: take the return value; await: run the clock until it settles; start: keep the promise and go on'),
    realTime: z.boolean().default(false).describe('while nothing is left on the fake clock, wait in real time (for upstream requests)'),
    observe: z.boolean().default(true).describe('false: report only whether it returned or threw, not the value'),
  }),
  z.object({ op: z.literal('settle'), target: slotName, id: resultId }),
  z.object({ op: z.literal('advance'), ms: z.number().int().min(0).max(86_400_000) }),
  z.object({ op: z.literal('get'), target: slotName, path: z.array(z.string().max(60)).max(5), id: resultId }),
]);
export type Op = z.input<typeof opSchema>;

export const exerciseScriptSchema = z.object({
  ops: z.array(opSchema).max(1000),
});
export type ExerciseScript = z.input<typeof exerciseScriptSchema>;

// ---- What comes back (parsed in the host: the sandbox is untrusted) ----

export const observedErrorSchema = z.object({
  name: z.string().max(200),
  message: z.string().max(2000),
  props: z.record(z.string(), z.unknown()).default({}),
});
export type ObservedError = z.infer<typeof observedErrorSchema>;

export const observedOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('value'), value: z.unknown() }),
  z.object({ status: z.literal('error'), error: observedErrorSchema }),
  z.object({ status: z.literal('pending'), note: z.string().max(500) }),
]);
export type ObservedOutcome = z.infer<typeof observedOutcomeSchema>;

export const opResultSchema = z.object({
  index: z.number().int().min(0),
  id: z.string().max(60).optional(),
  /** Fake milliseconds since the script started, when the result was taken. */
  atMs: z.number(),
  outcome: observedOutcomeSchema,
});
export type OpResult = z.infer<typeof opResultSchema>;

export const callRecordSchema = z.object({
  atMs: z.number(),
  args: z.array(z.unknown()).max(20),
});
export type CallRecord = z.infer<typeof callRecordSchema>;

export const promiseStateSchema = z.object({
  state: z.enum(['pending', 'resolved', 'rejected']),
  /** When it settled, in fake ms since the start. */
  atMs: z.number().optional(),
  outcome: observedOutcomeSchema,
});
export type PromiseState = z.infer<typeof promiseStateSchema>;

export const exerciseObservationsSchema = z.object({
  kind: z.literal('exercise-observations'),
  results: z.array(opResultSchema).max(1000),
  /** Calls of scripted functions and mock methods (`conn-1.ping`), in order. */
  calls: z.record(z.string().max(120), z.array(callRecordSchema).max(1000)),
  /** Calls counted past the recorded ones. */
  callCounts: z.record(z.string().max(120), z.number().int()),
  /** Promises kept by `start` ops, as they stand at the end. */
  promises: z.record(z.string().max(60), promiseStateSchema),
  /** Fake milliseconds that passed over the whole script. */
  elapsedMs: z.number(),
  pendingTimers: z.number().int(),
  /** Errors thrown in timer callbacks or other places no op could report them. */
  stray: z.array(observedErrorSchema).max(50),
  /** Set when the script stopped early (time limit). */
  stoppedEarly: z.string().max(500).optional(),
});
export type ExerciseObservations = z.infer<typeof exerciseObservationsSchema>;
