/**
 * Messages between the page and the artifact engine's Worker, as zod schemas: the
 * page validates what comes back instead of trusting it.
 */
import { z } from 'zod';
import { labArtifactSchema } from '../../labs/schema';
import { artifactRunRecordSchema } from './record';

export const workerRequestSchema = z.object({
  id: z.number().int(),
  artifact: labArtifactSchema,
  files: z.record(z.string(), z.string()),
  options: z.object({ seed: z.number().int().optional() }).catchall(z.unknown()).optional(),
});
export type WorkerRequest = z.infer<typeof workerRequestSchema>;

export const workerResponseSchema = z.discriminatedUnion('ok', [
  z.object({ id: z.number().int(), ok: z.literal(true), record: artifactRunRecordSchema }),
  z.object({ id: z.number().int(), ok: z.literal(false), error: z.string() }),
]);
export type WorkerResponse = z.infer<typeof workerResponseSchema>;
