/**
 * Raw Prometheus HTTP API response shapes, as zod schemas with the types derived from
 * them. These are the upstream's wire format, kept apart from the app's own types
 * (Grafana data frames). Schemas are lenient about extra fields, as a client should be:
 * Prometheus adds fields (`infos`, `histograms`) over time.
 */
import { z } from 'zod';

/** `[unix seconds, "value"]`: the time as a float number, the value as a string (`"NaN"`, `"+Inf"` too). */
export const promSampleSchema = z.tuple([z.number(), z.string()]);
export type PromSample = z.infer<typeof promSampleSchema>;

/** A series' labels, `__name__` included when the query did not aggregate it away. */
export const promMetricSchema = z.record(z.string(), z.string());
export type PromMetric = z.infer<typeof promMetricSchema>;

/** One series of a range query: its labels and its samples in time order. */
export const promMatrixSeriesSchema = z.object({ metric: promMetricSchema, values: z.array(promSampleSchema) });
export type PromMatrixSeries = z.infer<typeof promMatrixSeriesSchema>;

/** One series of an instant query: its labels and one sample. */
export const promVectorSampleSchema = z.object({ metric: promMetricSchema, value: promSampleSchema });
export type PromVectorSample = z.infer<typeof promVectorSampleSchema>;

/**
 * `errorType` values. Prometheus' own: bad_data, execution, timeout, canceled, internal,
 * unavailable, not_found, not_acceptable. The lab adds `unauthorized` (401), `forbidden`
 * (403) and `rate_limited` (429) for what an auth proxy or gateway in front of
 * Prometheus would answer.
 */
export const promErrorTypeSchema = z.enum([
  'bad_data',
  'execution',
  'timeout',
  'canceled',
  'internal',
  'unavailable',
  'not_found',
  'not_acceptable',
  'unauthorized',
  'forbidden',
  'rate_limited',
]);
export type PromErrorType = z.infer<typeof promErrorTypeSchema>;

/** Every failed `/api/v1/*` response. `error` is a human-readable message. */
export const promErrorResponseSchema = z.object({
  status: z.literal('error'),
  errorType: promErrorTypeSchema,
  error: z.string(),
  warnings: z.array(z.string()).optional(),
});
export type PromErrorResponse = z.infer<typeof promErrorResponseSchema>;

/** The success envelope around `data`. */
function success<T extends z.ZodType>(data: T) {
  return z.object({ status: z.literal('success'), data, warnings: z.array(z.string()).optional() });
}

/** Success or error, told apart by `status`. */
function orError<T extends z.ZodObject>(successSchema: T) {
  return z.discriminatedUnion('status', [successSchema, promErrorResponseSchema]);
}

/** Successful `/api/v1/query_range`. */
export const promQueryRangeSuccessSchema = success(
  z.object({ resultType: z.literal('matrix'), result: z.array(promMatrixSeriesSchema) }),
);
/** Any `/api/v1/query_range` response. */
export const promQueryRangeResponseSchema = orError(promQueryRangeSuccessSchema);
export type PromQueryRangeResponse = z.infer<typeof promQueryRangeResponseSchema>;

/**
 * Successful `/api/v1/query` (instant query): a vector for most queries, a scalar for
 * `1 + 1` or `time()`, a string for `"text"`, a matrix for a range selector (`m[5m]`).
 */
export const promQuerySuccessSchema = success(
  z.discriminatedUnion('resultType', [
    z.object({ resultType: z.literal('vector'), result: z.array(promVectorSampleSchema) }),
    z.object({ resultType: z.literal('scalar'), result: promSampleSchema }),
    z.object({ resultType: z.literal('string'), result: z.tuple([z.number(), z.string()]) }),
    z.object({ resultType: z.literal('matrix'), result: z.array(promMatrixSeriesSchema) }),
  ]),
);
/** Any `/api/v1/query` response. */
export const promQueryResponseSchema = orError(promQuerySuccessSchema);
export type PromQueryResponse = z.infer<typeof promQueryResponseSchema>;

/** `/api/v1/labels` (label names) and `/api/v1/label/<name>/values`: sorted strings. */
export const promLabelsResponseSchema = orError(success(z.array(z.string())));
export type PromLabelsResponse = z.infer<typeof promLabelsResponseSchema>;

/** `/api/v1/series`: the label sets of matching series. */
export const promSeriesResponseSchema = orError(success(z.array(promMetricSchema)));
export type PromSeriesResponse = z.infer<typeof promSeriesResponseSchema>;

/** `/api/v1/status/buildinfo` data. */
export const promBuildInfoSchema = z.object({
  version: z.string(),
  revision: z.string(),
  branch: z.string(),
  buildUser: z.string(),
  buildDate: z.string(),
  goVersion: z.string(),
});
export type PromBuildInfo = z.infer<typeof promBuildInfoSchema>;
/** Any `/api/v1/status/buildinfo` response. */
export const promBuildInfoResponseSchema = orError(success(promBuildInfoSchema));
export type PromBuildInfoResponse = z.infer<typeof promBuildInfoResponseSchema>;
