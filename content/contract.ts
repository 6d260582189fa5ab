/**
 * What the /contract/ page says about the contract in lib/sdk: one entry per piece,
 * with its fields and its Go SDK equivalent. Prose may mark code with `backticks`;
 * the page renders those as <code>. Field names here follow lib/sdk/contract.ts; when
 * the contract changes, change this file with it.
 */
import type { ErrorCategory } from '@/lib/sdk';

/** One property of a type, as a row of its table. */
export interface ContractField {
  /** The property name in TypeScript. */
  name: string;
  /** Its TypeScript type, as written in the contract. */
  type: string;
  /** What it means, in one or two sentences. */
  meaning: string;
  /** The Go SDK field it mirrors, with its Go type. */
  go: string;
}

/** One piece of the contract: a type, a function or a constant. */
export interface ContractEntry {
  /** Anchor id on the page. */
  id: string;
  /** The TypeScript name learners import. */
  name: string;
  /** Where it comes from: our SDK, or Grafana's own frame library. */
  module: '@lab/sdk' | '@grafana/data';
  /** The Go SDK equivalent. */
  go: string;
  /** What it is for, in our own words. */
  summary: string;
  fields?: ContractField[];
  /** Things people get wrong, one sentence each. */
  notes?: string[];
  /** A short TypeScript snippet showing it in use. */
  example?: string;
}

/** A group of entries with a heading (the request, the response, ...). */
export interface ContractSection {
  id: string;
  title: string;
  intro: string;
  entries: ContractEntry[];
}

/** The two functions a lab's entry file exports, side by side with Go. */
export const HANDLERS: { name: string; ts: string; go: string; summary: string }[] = [
  {
    name: 'queryData',
    ts: 'export async function queryData(req: QueryDataRequest, ctx: HandlerContext): Promise<QueryDataResponse>',
    go: 'func (d *Datasource) QueryData(ctx context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error)',
    summary:
      'Runs the queries of one panel refresh (or one alert rule evaluation). Answer every `refId` you were given. Throwing fails the whole request, just as a non-nil `error` does in Go, so a problem with one query goes into that query\'s `DataResponse` instead.',
  },
  {
    name: 'checkHealth',
    ts: 'export async function checkHealth(req: CheckHealthRequest, ctx: HandlerContext): Promise<CheckHealthResult>',
    go: 'func (d *Datasource) CheckHealth(ctx context.Context, req *backend.CheckHealthRequest) (*backend.CheckHealthResult, error)',
    summary:
      'Runs when someone presses "Save & test" on the data source settings page. Make one cheap, authenticated call to the upstream and report whether it worked, with a message that says what to fix if it did not.',
  },
];

export const SECTIONS: ContractSection[] = [
  {
    id: 'request',
    title: 'What your handler receives',
    intro:
      'Grafana batches the queries of a panel into one request and adds who is asking and which configured data source they picked. Everything in it is data you did not write, so read it defensively.',
    entries: [
      {
        id: 'query-data-request',
        name: 'QueryDataRequest',
        module: '@lab/sdk',
        go: 'backend.QueryDataRequest',
        summary: 'The argument of `queryData`: the context of the call plus the list of queries to run.',
        fields: [
          { name: 'pluginContext', type: 'PluginContext', meaning: 'The tenant, the plugin and the data source instance this request is for.', go: 'PluginContext backend.PluginContext' },
          { name: 'headers', type: 'Record<string, string>', meaning: 'HTTP headers Grafana passes on, for example to forward the user\'s OAuth token.', go: 'Headers map[string]string' },
          { name: 'queries', type: 'DataQuery[]', meaning: 'Every query of the panel. There may be one or several, each with its own refId.', go: 'Queries []backend.DataQuery' },
        ],
      },
      {
        id: 'plugin-context',
        name: 'PluginContext',
        module: '@lab/sdk',
        go: 'backend.PluginContext',
        summary:
          'Who the request is for. Use `orgId` and the instance `uid` in log lines and cache keys, so one tenant\'s data never leaks into another\'s answer.',
        fields: [
          { name: 'orgId', type: 'number', meaning: 'The Grafana organisation, which is how Grafana separates tenants.', go: 'OrgID int64' },
          { name: 'pluginId', type: 'string', meaning: 'The id of the plugin, such as `lab-metrics-datasource`.', go: 'PluginID string' },
          { name: 'dataSourceInstanceSettings', type: 'DataSourceInstanceSettings', meaning: 'The configuration of the data source the user selected.', go: 'DataSourceInstanceSettings *backend.DataSourceInstanceSettings' },
        ],
        notes: ['The Go struct carries more (the user, the Grafana config, the plugin version); the lab keeps only what the exercises use.'],
      },
      {
        id: 'instance-settings',
        name: 'DataSourceInstanceSettings',
        module: '@lab/sdk',
        go: 'backend.DataSourceInstanceSettings',
        summary:
          'One configured copy of your data source. The same plugin can be set up many times (production, staging, another team), and each setup has its own URL, options and secrets.',
        fields: [
          { name: 'uid', type: 'string', meaning: 'A stable id for this instance. Good for logs, metrics labels and cache keys.', go: 'UID string' },
          { name: 'name', type: 'string', meaning: 'The name the user gave it in the UI.', go: 'Name string' },
          { name: 'url', type: 'string', meaning: 'The URL from the settings page, if your plugin uses Grafana\'s URL field.', go: 'URL string' },
          { name: 'jsonData', type: 'Record<string, unknown>', meaning: 'Options that are not secret. Stored in plain text and readable by anyone who can see the data source.', go: 'JSONData json.RawMessage' },
          { name: 'decryptedSecureJsonData', type: 'Record<string, string>', meaning: 'Secrets such as API keys. Stored encrypted and only decrypted on the backend, for your handler.', go: 'DecryptedSecureJSONData map[string]string' },
        ],
        notes: [
          'Never log, return or echo anything from `decryptedSecureJsonData`, not even in an error message.',
          'In Go, `JSONData` is raw bytes you unmarshal into your own struct; here it arrives already parsed.',
        ],
      },
      {
        id: 'data-query',
        name: 'DataQuery',
        module: '@lab/sdk',
        go: 'backend.DataQuery',
        summary:
          'One query of the panel. Grafana fills in the time range and the sizing hints; the query model your editor saved sits in `json`, untouched and unchecked.',
        fields: [
          { name: 'refId', type: 'string', meaning: 'The query\'s letter in the panel (A, B, ...). Your answer for it goes under the same key.', go: 'RefID string' },
          { name: 'queryType', type: 'string', meaning: 'An optional label you can use to route different kinds of query. Often empty.', go: 'QueryType string' },
          { name: 'timeRange', type: 'TimeRange', meaning: 'The window the panel shows.', go: 'TimeRange backend.TimeRange' },
          { name: 'maxDataPoints', type: 'number', meaning: 'About how many points the panel can draw, roughly its width in pixels. More is wasted work.', go: 'MaxDataPoints int64' },
          { name: 'intervalMs', type: 'number', meaning: 'A suggested gap between points, in milliseconds, worked out from the range and maxDataPoints.', go: 'Interval time.Duration' },
          { name: 'json', type: 'string', meaning: 'The query model as JSON text. It may be old, hand-edited or broken: parse and validate it.', go: 'JSON json.RawMessage' },
        ],
        notes: [
          'A query that fails validation gets a `validation` error under its own refId; the other queries still run.',
          'Cap what a query may ask for (time range, points, rows) before calling the upstream.',
        ],
      },
      {
        id: 'time-range',
        name: 'TimeRange',
        module: '@lab/sdk',
        go: 'backend.TimeRange',
        summary: 'Start and end of the panel\'s window, as milliseconds since the Unix epoch (UTC). Many upstream APIs want seconds instead: divide by 1000.',
        fields: [
          { name: 'from', type: 'number', meaning: 'Start, epoch milliseconds, inclusive.', go: 'From time.Time' },
          { name: 'to', type: 'number', meaning: 'End, epoch milliseconds, inclusive.', go: 'To time.Time' },
        ],
      },
    ],
  },
  {
    id: 'response',
    title: 'What your handler returns',
    intro:
      'The answer is a map from refId to result. Each result holds data frames, an error, or both when you could return part of the data. Errors are data too: they travel next to the frames of the queries that worked.',
    entries: [
      {
        id: 'query-data-response',
        name: 'QueryDataResponse',
        module: '@lab/sdk',
        go: 'backend.QueryDataResponse',
        summary: 'What `queryData` resolves to: one `DataResponse` for each refId in the request.',
        fields: [{ name: 'responses', type: 'Record<string, DataResponse>', meaning: 'Keyed by `DataQuery.refId`. A refId with no entry shows as missing data in the panel.', go: 'Responses backend.Responses (map[string]backend.DataResponse)' }],
      },
      {
        id: 'data-response',
        name: 'DataResponse',
        module: '@lab/sdk',
        go: 'backend.DataResponse',
        summary: 'The result of a single query.',
        fields: [
          { name: 'frames', type: 'DataFrame[] (optional)', meaning: 'The data, as frames built with `createDataFrame`.', go: 'Frames data.Frames' },
          { name: 'error', type: 'QueryError (optional)', meaning: 'Set when this query failed. Use `queryError(...)` to build it.', go: 'Error error, Status backend.Status, ErrorSource backend.ErrorSource' },
        ],
      },
      {
        id: 'query-error',
        name: 'QueryError and ErrorCategory',
        module: '@lab/sdk',
        go: 'DataResponse.Error + backend.Status + backend.ErrorSource',
        summary:
          'A failed query, described so that both the user and the operator can act on it. The category says what kind of failure it was (see the table below); the message is what the user reads in the panel.',
        fields: [
          { name: 'category', type: 'ErrorCategory', meaning: 'One of `validation`, `auth`, `timeout`, `rate_limit`, `upstream`, `internal`. Operators count errors by it.', go: 'no fixed list in Go; you choose `Status` and `ErrorSource`' },
          { name: 'message', type: 'string', meaning: 'Safe to show: what went wrong and what to do next. No secrets, no stack traces.', go: '`Error` (its message)' },
          { name: 'status', type: 'number (optional)', meaning: 'An HTTP-style code. `queryError` fills in the default for the category when you leave it out.', go: 'Status backend.Status' },
        ],
        notes: ['Put the detailed cause in a log line, not in the message: the log is for operators, the message is for whoever is looking at the dashboard.'],
      },
      {
        id: 'frames',
        name: 'createDataFrame, FieldType, DataFrameType',
        module: '@grafana/data',
        go: 'data.NewFrame, data.NewField, data.FrameMeta',
        summary:
          'A data frame is a table: named, typed columns (fields) of equal length. Time series are frames with a time field and one or more number fields; labels on a number field say which series it is. `meta.type` tells Grafana which layout you chose.',
        fields: [
          { name: 'name', type: 'string', meaning: 'The frame\'s name, often the metric.', go: 'data.NewFrame(name, ...)' },
          { name: 'refId', type: 'string', meaning: 'The query the frame answers.', go: 'frame.RefID' },
          { name: 'fields', type: 'FieldDTO[]', meaning: 'Each `{ name, type, values, labels?, config? }`. `type` is a `FieldType`: `time`, `number`, `string`, `boolean`, ...', go: 'data.NewField(name, labels, values)' },
          { name: 'meta.type', type: 'DataFrameType', meaning: 'The layout, e.g. `TimeSeriesMulti` (one series per frame), `TimeSeriesWide` (one time field shared by many series) or `TimeSeriesLong` (table-like rows).', go: 'frame.Meta = &data.FrameMeta{Type: data.FrameTypeTimeSeriesMulti}' },
        ],
        notes: [
          'Time values are epoch milliseconds in TypeScript; in Go the time field holds `[]time.Time`.',
          'Keep timestamps in ascending order and every field the same length.',
          'Name the fields `Time` and `Value`, as Grafana\'s own data sources do (Go: `data.TimeSeriesTimeFieldName`, `data.TimeSeriesValueFieldName`; TypeScript: `TIME_SERIES_TIME_FIELD_NAME`, `TIME_SERIES_VALUE_FIELD_NAME`). A legend leaves out a field named exactly `Value` and shows the labels (or the frame name); any other name, `value` included, appears in every legend.',
        ],
        example: `createDataFrame({
  name: 'cpu_usage_percent',
  refId: query.refId,
  meta: { type: DataFrameType.TimeSeriesMulti, typeVersion: [0, 1] },
  fields: [
    { name: 'Time', type: FieldType.time, values: [1700000000000, 1700000060000] },
    { name: 'Value', type: FieldType.number, values: [41.5, 43.25], labels: { host: 'web-1' } },
  ],
});`,
      },
    ],
  },
  {
    id: 'health',
    title: 'Health checks',
    intro: 'The "Save & test" button on the data source settings page calls your health check. It is the first thing a user sees when the setup is wrong, so make its answer useful.',
    entries: [
      {
        id: 'check-health-request',
        name: 'CheckHealthRequest',
        module: '@lab/sdk',
        go: 'backend.CheckHealthRequest',
        summary: 'The argument of `checkHealth`. It has no queries, only the settings to test.',
        fields: [{ name: 'pluginContext', type: 'PluginContext', meaning: 'The same context a query request gets, including the instance settings being tested.', go: 'PluginContext backend.PluginContext' }],
      },
      {
        id: 'check-health-result',
        name: 'CheckHealthResult',
        module: '@lab/sdk',
        go: 'backend.CheckHealthResult',
        summary: 'Whether the data source can do its job with these settings, and what to fix if not.',
        fields: [
          { name: 'status', type: "'OK' | 'ERROR'", meaning: 'The verdict.', go: 'Status backend.HealthStatus (HealthStatusOk, HealthStatusError)' },
          { name: 'message', type: 'string', meaning: 'Shown under the button. On failure, name the problem and the setting to change.', go: 'Message string' },
          { name: 'details', type: 'Record<string, unknown> (optional)', meaning: 'Extra structured detail for the UI.', go: 'JSONDetails []byte' },
        ],
        notes: [
          'Test what users rely on: the upstream is reachable and accepts the credentials.',
          'Keep it cheap and bounded: no heavy queries, and a short time limit.',
        ],
      },
    ],
  },
  {
    id: 'runtime',
    title: 'What the runtime gives you',
    intro: 'Besides the request, each handler call gets a context: a way to notice that nobody is waiting any more, and a logger.',
    entries: [
      {
        id: 'handler-context',
        name: 'HandlerContext',
        module: '@lab/sdk',
        go: 'context.Context (plus the SDK logger)',
        summary:
          'The second argument of both handlers. Its `signal` plays the part of Go\'s `ctx`: when it aborts, stop working and return. Pass it to every `fetch`, so a slow upstream cannot hold your handler past its time limit.',
        fields: [
          { name: 'signal', type: 'AbortSignal', meaning: 'Aborts when Grafana gives up on the request or the run reaches its time limit.', go: 'ctx.Done(), ctx.Err()' },
          { name: 'logger', type: 'Logger', meaning: 'A structured logger; what you log shows in the Logs tab.', go: 'log.DefaultLogger (backend.Logger)' },
        ],
      },
      {
        id: 'logger',
        name: 'Logger',
        module: '@lab/sdk',
        go: 'log.DefaultLogger',
        summary:
          'Structured logging: a short fixed message plus fields, so logs can be searched and counted. In Go the fields are key/value pairs after the message; here they are an object.',
        fields: [
          { name: 'debug / info / warn / error', type: '(message: string, fields?: LogFields) => void', meaning: 'Field values are strings, numbers, booleans or null.', go: 'Debug/Info/Warn/Error(msg string, args ...any)' },
        ],
        notes: ['Include the refId, the data source uid and the org id; never include secrets or whole request bodies.'],
        example: "ctx.logger.warn('upstream rejected the query', { refId: query.refId, status: response.status });",
      },
    ],
  },
  {
    id: 'helpers',
    title: 'Helpers',
    intro: 'Three small, pure helpers from `@lab/sdk` cover what almost every handler needs.',
    entries: [
      {
        id: 'query-error-helper',
        name: 'queryError(category, message, status?)',
        module: '@lab/sdk',
        go: 'backend.ErrDataResponse(status, message)',
        summary: 'Builds the `DataResponse` for a failed query. Without a status it uses `DEFAULT_STATUS[category]`.',
        example: "responses[query.refId] = queryError('validation', 'Pick a metric: the query has none.');",
      },
      {
        id: 'is-abort-error',
        name: 'isAbortError(err)',
        module: '@lab/sdk',
        go: 'errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled)',
        summary: 'True when `fetch` failed because its signal aborted or timed out. That is a `timeout`, not an `upstream` failure.',
      },
      {
        id: 'default-status',
        name: 'DEFAULT_STATUS',
        module: '@lab/sdk',
        go: 'backend.Status constants (StatusBadRequest, StatusUnauthorized, ...)',
        summary: 'The HTTP-style status each error category gets when you give none. The table below lists them.',
      },
    ],
  },
];

/** One row of the error taxonomy table. Statuses come from DEFAULT_STATUS at render time. */
export interface ErrorCategoryInfo {
  meaning: string;
  example: string;
  /** The Go constant for the default status. */
  goStatus: string;
  /** The usual `backend.ErrorSource`: the plugin's own fault, or something outside it. */
  source: 'plugin' | 'downstream';
}

/** Keyed by category, so the compiler insists on a row for each; shown in ERROR_CATEGORIES order. */
export const ERROR_TAXONOMY: Readonly<Record<ErrorCategory, ErrorCategoryInfo>> = {
  validation: { meaning: 'The query itself is wrong and retrying will not help.', example: 'The query JSON does not parse, the metric is missing, or the range is longer than you allow.', goStatus: 'backend.StatusBadRequest', source: 'downstream' },
  auth: { meaning: 'The upstream refused the credentials.', example: 'The API key is wrong, has expired or may not read this data (HTTP 401 or 403).', goStatus: 'backend.StatusUnauthorized', source: 'downstream' },
  timeout: { meaning: 'No answer arrived in time.', example: 'The signal aborted while `fetch` was waiting, or the query was too expensive.', goStatus: 'backend.StatusTimeout', source: 'downstream' },
  rate_limit: { meaning: 'Too many requests; waiting will help.', example: 'The upstream answered 429, or your own per-tenant limit was reached.', goStatus: 'backend.StatusTooManyRequests', source: 'downstream' },
  upstream: { meaning: 'The upstream failed or answered with something unusable.', example: 'HTTP 500 or 503, the host could not be reached, or the body is not what the API promises.', goStatus: 'backend.StatusBadGateway', source: 'downstream' },
  internal: { meaning: 'A bug in the plugin.', example: 'An exception while building frames, or a case the code never expected.', goStatus: 'backend.StatusInternal', source: 'plugin' },
};
