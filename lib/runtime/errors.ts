/**
 * Everything that can stop a run before the handler gives an answer. Results are
 * data: each of these becomes an `error` result shown to the learner, never an
 * uncaught exception in the app.
 */
import { z } from 'zod';

export const runErrorKindSchema = z.enum([
  'syntax', // the TypeScript could not be transpiled
  'import', // an import outside the allow-list, or a file that does not exist
  'runtime', // the learner's code threw
  'timeout', // the run passed its time limit and was stopped
  'output', // the handler returned something that is not a valid response
  'sandbox', // the sandbox itself failed (should not happen; report it)
  'cancelled', // the learner pressed Cancel (or a new Run) before it ended
]);
export type RunErrorKind = z.infer<typeof runErrorKindSchema>;

export const runErrorSchema = z.object({
  kind: runErrorKindSchema.describe('what stopped the run'),
  message: z.string().max(4000).describe('what happened and what to do, for the learner'),
  file: z.string().max(200).optional().describe("the learner's file the error points at, e.g. handler.ts"),
  line: z.number().int().optional().describe('1-based line in that file'),
  column: z.number().int().optional().describe('1-based column in that file'),
  stack: z.string().max(8000).optional().describe("stack trace limited to the learner's files"),
});
export type RunError = z.infer<typeof runErrorSchema>;

/** Thrown inside the runtime to carry a RunError up to the place that reports it. */
export class RunFailure extends Error {
  constructor(readonly runError: RunError) {
    super(runError.message);
    this.name = 'RunFailure';
  }
}

/** The URL prefix learner modules are evaluated under, so stack traces name their files. */
export const LAB_FILE_PREFIX = 'lab:///';

const FRAME_PATTERN = /lab:\/\/\/([\w./-]+):(\d+):(\d+)/;

/** Finds the first learner file position in a stack trace, if any. */
export function locateInStack(stack: string | undefined): Pick<RunError, 'file' | 'line' | 'column'> {
  const match = stack ? FRAME_PATTERN.exec(stack) : null;
  if (!match) return {};
  return { file: match[1], line: Number(match[2]), column: Number(match[3]) };
}

/** Keeps only the stack lines that point into the learner's files: the rest is our runtime. */
export function learnerStack(stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  const lines = stack.split('\n').filter((line) => line.includes(LAB_FILE_PREFIX));
  return lines.length ? lines.map((l) => l.trim().replaceAll(LAB_FILE_PREFIX, '')).join('\n') : undefined;
}

/** Describes any thrown value as a runtime RunError, pointing at the learner's file and line. */
export function describeThrown(thrown: unknown): RunError {
  const isError = thrown instanceof Error || (typeof thrown === 'object' && thrown !== null && 'message' in thrown);
  const name = isError ? String((thrown as Error).name || 'Error') : 'Thrown value';
  const message = isError ? String((thrown as Error).message) : safeString(thrown);
  const stack = isError ? String((thrown as Error).stack ?? '') : undefined;
  const where = locateInStack(stack);
  const at = where.file ? ` (${where.file}:${where.line})` : '';
  return {
    kind: 'runtime',
    message: `${name}: ${message}${at}`.slice(0, 4000),
    ...where,
    stack: learnerStack(stack)?.slice(0, 8000),
  };
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
