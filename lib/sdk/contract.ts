/**
 * The data source contract learners code against.
 *
 * It mirrors the Grafana plugin SDK for Go (`github.com/grafana/grafana-plugin-sdk-go/backend`)
 * closely enough that what a learner writes here transfers to a real backend plugin.
 * Each type names its Go equivalent. Learner code imports these from `@lab/sdk`.
 *
 * This file is the single source: the sandbox runtime uses it, the checks use it,
 * and the editor's type information is generated from it.
 */
import type { DataFrame } from '@grafana/data';

/**
 * The failure classes a handler reports, from the plan's error taxonomy.
 * Go: there is no fixed list in the SDK; plugins set `backend.DataResponse.Status`
 * and `ErrorSource`. We make the class explicit so operators can count by it.
 */
export type ErrorCategory = 'validation' | 'auth' | 'timeout' | 'rate_limit' | 'upstream' | 'internal';

/** Every error category, in the order the plan lists them. */
export const ERROR_CATEGORIES: readonly ErrorCategory[] = [
  'validation',
  'auth',
  'timeout',
  'rate_limit',
  'upstream',
  'internal',
];

/**
 * A time range in milliseconds since the Unix epoch (UTC).
 * Go: `backend.TimeRange{From, To time.Time}`.
 */
export interface TimeRange {
  /** Start of the range, epoch milliseconds, inclusive. */
  from: number;
  /** End of the range, epoch milliseconds, inclusive. */
  to: number;
}

/**
 * The settings of one configured data source instance, as Grafana hands them to the
 * backend. Go: `backend.DataSourceInstanceSettings`.
 */
export interface DataSourceInstanceSettings {
  /** Stable identifier of the instance. Go: `UID`. */
  uid: string;
  /** Display name the user gave it. Go: `Name`. */
  name: string;
  /** The configured URL, if the plugin uses Grafana's URL field. Go: `URL`. */
  url: string;
  /**
   * Non-secret configuration, stored as plain JSON and visible to anyone who can
   * read the data source. Go: `JSONData json.RawMessage`.
   */
  jsonData: Record<string, unknown>;
  /**
   * Secret configuration, stored encrypted and only ever decrypted on the backend.
   * Never log it or return it. Go: `DecryptedSecureJSONData map[string]string`.
   */
  decryptedSecureJsonData: Record<string, string>;
}

/**
 * Who and what a request is for. Go: `backend.PluginContext`.
 */
export interface PluginContext {
  /** The organisation (tenant) the request belongs to. Go: `OrgID`. */
  orgId: number;
  /** The plugin's id, e.g. `lab-metrics-datasource`. Go: `PluginID`. */
  pluginId: string;
  /** The data source instance being queried. Go: `DataSourceInstanceSettings`. */
  dataSourceInstanceSettings: DataSourceInstanceSettings;
}

/**
 * One query of a request, as Grafana sends it. Go: `backend.DataQuery`.
 */
export interface DataQuery {
  /** Identifies the query within the request; the response is keyed by it. Go: `RefID`. */
  refId: string;
  /** Optional label a plugin can use to route queries. Go: `QueryType`. */
  queryType: string;
  /** The time range the panel asks for. Go: `TimeRange`. */
  timeRange: TimeRange;
  /** The most points the panel can usefully draw (its width in pixels). Go: `MaxDataPoints`. */
  maxDataPoints: number;
  /** Suggested spacing between points in milliseconds. Go: `Interval time.Duration`. */
  intervalMs: number;
  /**
   * The query model exactly as the query editor saved it: untrusted JSON text that
   * the handler must parse and validate. Go: `JSON json.RawMessage`.
   */
  json: string;
}

/**
 * What Grafana sends to `QueryData`: one call per panel refresh, holding every query
 * of the panel. Go: `backend.QueryDataRequest`.
 */
export interface QueryDataRequest {
  /** Who is asking and which data source instance. Go: `PluginContext`. */
  pluginContext: PluginContext;
  /** HTTP headers Grafana forwards (e.g. for OAuth pass-through). Go: `Headers`. */
  headers: Record<string, string>;
  /** The queries to run. Go: `Queries []backend.DataQuery`. */
  queries: DataQuery[];
}

/**
 * An error for one query. Go: `DataResponse.Error` + `DataResponse.Status` (+ `ErrorSource`).
 */
export interface QueryError {
  /** Which failure class this is; operators count errors by it. */
  category: ErrorCategory;
  /** A safe, user-facing message: says what went wrong and what to do. No secrets. */
  message: string;
  /** HTTP-like status, e.g. 400 for validation, 502 for a failed upstream. Go: `backend.Status`. */
  status?: number;
}

/**
 * The result of one query: frames, or an error, or (for partial data) both.
 * Go: `backend.DataResponse`.
 */
export interface DataResponse {
  /** The frames built for this query. Go: `Frames data.Frames`. */
  frames?: DataFrame[];
  /** Set when the query failed. Go: `Error` and `Status`. */
  error?: QueryError;
}

/**
 * What `QueryData` returns: a response for every refId it was asked about.
 * Go: `backend.QueryDataResponse{Responses map[string]DataResponse}`.
 */
export interface QueryDataResponse {
  /** Keyed by `DataQuery.refId`. */
  responses: Record<string, DataResponse>;
}

/** Status of a health check. Go: `backend.HealthStatus` (`HealthStatusOk`, `HealthStatusError`). */
export type HealthStatus = 'OK' | 'ERROR';

/** What "Save & test" asks of a data source. Go: `backend.CheckHealthRequest`. */
export interface CheckHealthRequest {
  /** Same as for queries. Go: `PluginContext`. */
  pluginContext: PluginContext;
}

/** Go: `backend.CheckHealthResult`. */
export interface CheckHealthResult {
  /** Whether the data source works. */
  status: HealthStatus;
  /** Shown to the user under "Save & test": say what to fix when it fails. */
  message: string;
  /** Optional extra detail as JSON-compatible values. Go: `JSONDetails`. */
  details?: Record<string, unknown>;
}

/** Fields attached to a structured log entry. Values must be JSON-compatible. */
export type LogFields = Record<string, string | number | boolean | null>;

/**
 * A structured logger. Go: `backend.Logger` (`log.DefaultLogger`), which takes a
 * message followed by key/value pairs; here the pairs are an object.
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/**
 * What the runtime gives a handler besides the request.
 * Go: the `context.Context` argument plus the SDK's logger.
 */
export interface HandlerContext {
  /**
   * Aborted when Grafana gives up on the request (the user navigated away, or the
   * run reached its time limit). Pass it to `fetch`. Go: `ctx.Done()`.
   */
  signal: AbortSignal;
  /** Structured logger; entries show in the Logs tab. */
  logger: Logger;
  /**
   * When `signal` aborts on its own, epoch ms (the run's clock, like `Date.now()`):
   * Grafana's timeout for this request. Undefined when the request has none of its own
   * (a single Run's request is bounded only by the run's time limit). Plan retries so
   * none is still waiting past it. Go: `deadline, ok := ctx.Deadline()`.
   */
  deadline?: number;
}

/** The shape of a learner's `queryData`. Go: `backend.QueryDataHandler.QueryData`. */
export type QueryDataHandler = (req: QueryDataRequest, ctx: HandlerContext) => Promise<QueryDataResponse>;

/** The shape of a learner's `checkHealth`. Go: `backend.CheckHealthHandler.CheckHealth`. */
export type CheckHealthHandler = (req: CheckHealthRequest, ctx: HandlerContext) => Promise<CheckHealthResult>;
