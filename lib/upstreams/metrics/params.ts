/**
 * Request parameters as the Prometheus HTTP API reads them: form values from a POST
 * body before URL query values, timestamps as unix seconds or RFC 3339, durations as
 * float seconds or `1h30m`-style strings. Error texts match Prometheus word for word,
 * because clients (and learners searching the web) recognise them.
 */

/** Most points a range query may return per series; Prometheus' hard limit. */
export const MAX_POINTS_PER_SERIES = 11_000;

/** A bad request parameter; `message` is the whole Prometheus error text. Becomes 400 `bad_data`. */
export class ParamError extends Error {
  override name = 'ParamError';
}

/** `invalid parameter "start": cannot parse "x" to a valid timestamp`, as Prometheus words it. */
export function invalidParam(param: string, detail: string): ParamError {
  return new ParamError(`invalid parameter ${JSON.stringify(param)}: ${detail}`);
}

/** The parameters of one request; absent ones read as `''` (as Go's `FormValue` does). */
export interface RequestParams {
  get(name: string): string;
  getAll(name: string): string[];
}

/**
 * Reads the parameters of a request: a form-encoded (or multipart) POST body first,
 * then the URL's query string. Other bodies (JSON, say) are ignored, as Prometheus does.
 */
export async function readParams(request: Request): Promise<RequestParams> {
  const query = new URL(request.url).searchParams;
  const body = new URLSearchParams();
  const type = request.headers.get('content-type') ?? '';
  if (request.method === 'POST' && /application\/x-www-form-urlencoded|multipart\/form-data/i.test(type)) {
    try {
      for (const [key, value] of await request.formData()) if (typeof value === 'string') body.append(key, value);
    } catch {
      throw new ParamError('error parsing form values');
    }
  }
  return {
    get: (name) => body.get(name) ?? query.get(name) ?? '',
    getAll: (name) => [...body.getAll(name), ...query.getAll(name)],
  };
}

const FLOAT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const DURATION_UNITS_MS = [365 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1];

/** Epoch milliseconds of a unix-seconds (fractions rounded to the millisecond) or RFC 3339 timestamp. */
export function parseTime(text: string): number | undefined {
  if (FLOAT.test(text)) {
    const seconds = Number(text);
    const whole = Math.trunc(seconds);
    return whole * 1000 + Math.round((seconds - whole) * 1000);
  }
  if (RFC3339.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** Milliseconds of a duration given as float seconds (`15`, `0.5`) or as `1h30m`, `15s`, `500ms`. */
export function parseDuration(text: string): number | undefined {
  if (FLOAT.test(text)) return Number(text) * 1000;
  const match = text === '' ? null : DURATION.exec(text);
  if (!match) return undefined;
  return match.slice(1).reduce((total, part, i) => total + Number(part ?? 0) * DURATION_UNITS_MS[i], 0);
}

/** Reads a required timestamp parameter, throwing Prometheus' error when it is missing or bad. */
export function timeParam(params: RequestParams, name: string): number {
  const raw = params.get(name);
  const ms = parseTime(raw);
  if (ms === undefined) throw invalidParam(name, `cannot parse ${JSON.stringify(raw)} to a valid timestamp`);
  return ms;
}

/** Reads a required duration parameter in milliseconds, throwing Prometheus' error when bad. */
export function durationParam(params: RequestParams, name: string): number {
  const raw = params.get(name);
  const ms = parseDuration(raw);
  if (ms === undefined) throw invalidParam(name, `cannot parse ${JSON.stringify(raw)} to a valid duration`);
  return ms;
}

/**
 * Checks a range query's window the way Prometheus does. Prometheus checks the order of
 * start and end before it even parses `step`, so call this once without `stepMs` first.
 * Steps under one millisecond count as zero because samples are evaluated at millisecond
 * resolution. The limit counts intervals, so exactly 11,001 points pass, as in Prometheus.
 */
export function checkRange(startMs: number, endMs: number, stepMs?: number): void {
  if (endMs < startMs) throw invalidParam('end', 'end timestamp must not be before start time');
  if (stepMs === undefined) return;
  if (!(Math.trunc(stepMs) >= 1)) {
    throw invalidParam('step', 'zero or negative query resolution step widths are not accepted. Try a positive integer');
  }
  if (Math.floor((endMs - startMs) / stepMs) > MAX_POINTS_PER_SERIES) {
    throw new ParamError(
      'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
    );
  }
}
