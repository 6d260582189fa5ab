/**
 * Schemas every artifact simulation shares: where a file fails to parse, and where a
 * tool's outcome comes from. Kept apart from record.ts so simulations' result schemas
 * can use them without an import cycle.
 */
import { z } from 'zod';

/** One problem in a file: 1-based line and column, as the editor shows them. */
export const fileErrorSchema = z.object({
  file: z.string(),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  message: z.string(),
});
export type FileError = z.infer<typeof fileErrorSchema>;

export const parseResultSchema = z.object({
  ok: z.boolean(),
  errors: z.array(fileErrorSchema),
  /** What the checks need when the files do not parse: "a workflow GitHub would accept". */
  needs: z.string().optional(),
});
export type ParseResult = z.infer<typeof parseResultSchema>;

/** Where a tool outcome comes from: a real run we recorded, or our model of the tool. */
export const provenanceSchema = z.object({
  kind: z.enum(['recorded', 'modelled', 'unknown']),
  /** e.g. "go 1.24.2", "gitleaks 8.24.0" */
  tool: z.string(),
  /** When it was recorded or what it was modelled on, e.g. "2026-11" */
  basis: z.string(),
});
export type Provenance = z.infer<typeof provenanceSchema>;

