/**
 * Helpers checks use to read a RunRecord and to say what went wrong. Failure
 * messages say what was expected and what happened, in the learner's terms.
 */
import { dataFrameFromJSON, type DataFrame } from '@grafana/data';
import type { RunRecord } from '../engine/run';
import { CheckFailure, RunDidNotComplete } from '../grading/outcomes';
import type { WireDataResponse, WireQueryDataResponse } from '../runtime/wire';

export { CheckFailure, RunDidNotComplete } from '../grading/outcomes';

export function fail(expected: string, actual: string): never {
  throw new CheckFailure(expected, actual);
}

/** Asserts `condition`, failing with the given expectation and observation. */
export function expect(condition: unknown, expected: string, actual: string | (() => string)): asserts condition {
  if (!condition) fail(expected, typeof actual === 'function' ? actual() : actual);
}

/** The wire response of a queryData run; a run that did not complete ends the check as an error. */
export function queryResponse(record: RunRecord): WireQueryDataResponse {
  if (record.invocation !== 'queryData') throw new Error(`queryResponse() needs a queryData run, not a ${record.invocation} run.`);
  if (!record.output.ok) throw new RunDidNotComplete(record.output.error);
  return record.output.value;
}

/**
 * Ends the check as an error when the run did not complete, saying which input the
 * handler was given (`what`, e.g. 'the query text "nul"'), so a learner can try that
 * input themselves: with inputs drawn per Run, "the handler threw" alone does not say which.
 */
export function expectCompleted(record: RunRecord, what: string): void {
  if (!record.output.ok) throw new RunDidNotComplete(record.output.error, { summary: `The handler did not complete for ${what}: ${record.output.error.message}` });
}

/** The response for one refId; fails when the handler left it out. */
export function responseFor(record: RunRecord, refId = 'A'): WireDataResponse {
  const response = queryResponse(record).responses[refId];
  expect(response, `a response for refId "${refId}"`, () => `the response has refIds [${Object.keys(queryResponse(record).responses).join(', ')}]`);
  return response;
}

/** The frames of one refId as live DataFrames, rebuilt from the wire format. */
export function framesFor(record: RunRecord, refId = 'A'): DataFrame[] {
  return responseFor(record, refId).frames.map((json) => dataFrameFromJSON(json as Parameters<typeof dataFrameFromJSON>[0]));
}

/** Short, readable rendering of a value for failure messages. */
export function show(value: unknown, max = 160): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The query parameters of an upstream call's URL. */
export function urlParams(url: string): URLSearchParams {
  try {
    return new URL(url).searchParams;
  } catch {
    return new URLSearchParams();
  }
}
