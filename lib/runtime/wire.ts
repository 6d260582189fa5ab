/**
 * The shapes that cross from the sandbox to the app, as zod schemas. Anything the
 * sandbox sends is untrusted: the host parses it with these before using it.
 * Frames travel in Grafana's data frame JSON wire format (`dataFrameToJSON`).
 */
import { z } from 'zod';
import { ERROR_CATEGORIES, type ErrorCategory } from '../sdk/contract';
import { isValueColumn } from './frame-transfer';

const MAX_MESSAGE = 10_000;

export const queryErrorSchema = z.object({
  category: z.enum(ERROR_CATEGORIES as [ErrorCategory, ...ErrorCategory[]]).describe('failure class from the taxonomy'),
  message: z.string().max(MAX_MESSAGE).describe('user-facing message'),
  status: z.number().int().min(100).max(599).optional().describe('HTTP-like status'),
});

const fieldSchemaJson = z.looseObject({
  name: z.string().max(1000),
  type: z.string().max(50).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  config: z.looseObject({}).optional(),
});

/** Grafana's `DataFrameJSON`: `{ schema: { name, refId, meta, fields }, data: { values, entities, ... } }`. */
export const dataFrameJsonSchema = z.looseObject({
  schema: z
    .looseObject({
      name: z.string().max(1000).optional(),
      refId: z.string().max(200).optional(),
      meta: z.looseObject({ type: z.string().max(100).optional() }).optional(),
      fields: z.array(fieldSchemaJson),
    })
    .optional(),
  // Columns are checked to be arrays (or packed number columns, see frame-transfer.ts)
  // but not walked value by value: that walk cost ~200 ms on the page for a
  // million-point result, and values of any type render as text anyway.
  data: z.looseObject({ values: z.array(z.custom<unknown[]>(isValueColumn, 'each column of data.values must be an array')) }).optional(),
});

export const wireDataResponseSchema = z.object({
  frames: z.array(dataFrameJsonSchema).describe('frames in wire format'),
  error: queryErrorSchema.optional(),
});

export const wireQueryDataResponseSchema = z.object({
  responses: z.record(z.string().max(200), wireDataResponseSchema),
});
export type WireQueryDataResponse = z.infer<typeof wireQueryDataResponseSchema>;
export type WireDataResponse = z.infer<typeof wireDataResponseSchema>;

export const checkHealthResultSchema = z.object({
  status: z.enum(['OK', 'ERROR']),
  message: z.string().max(MAX_MESSAGE),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const logEntrySchema = z.object({
  level: z.enum(['debug', 'info', 'warn', 'error']),
  message: z.string().max(MAX_MESSAGE),
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
  source: z.enum(['logger', 'console']).describe('ctx.logger, or console.* calls'),
  atMs: z.number().describe('milliseconds since the run started'),
});
export type LogEntry = z.infer<typeof logEntrySchema>;
