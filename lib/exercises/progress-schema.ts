/**
 * What exercises and simulations save, under `exercises` in the learner's progress
 * (lib/progress/schema.ts), by exercise id. Lenient on purpose: saved data that does
 * not parse sends the whole progress to quarantine, so every field has a default or
 * is optional, and ids are plain strings (an exercise that no longer exists is ignored).
 */
import { z } from 'zod';
import { dictSchema } from '../progress/dict';

export const exerciseEntrySchema = z.object({
  files: dictSchema(z.string().max(200), z.string().max(200_000)).default(() => ({})).describe("the learner's edited files; a missing file is the starter"),
  lastResult: z
    .object({
      at: z.string().max(40),
      passed: z.number().int().min(0),
      total: z.number().int().min(0),
      source: z.literal('import').optional().describe('"import": arrived in a backup, as saved, not re-run in this browser'),
    })
    .optional()
    .describe('the last time the tests (or checks) ran'),
  diagnosis: z.object({ choice: z.string().max(5), correct: z.boolean(), at: z.string().max(40) }).optional().describe("a simulation's diagnosis answer"),
  answers: dictSchema(z.string().max(80), z.object({ choice: z.string().max(5), correct: z.boolean(), at: z.string().max(40) }))
    .optional()
    .describe("answers to a simulation's further questions (sim.json `questions`), by question id"),
});
export type ExerciseEntry = z.infer<typeof exerciseEntrySchema>;

export const exerciseProgressSchema = dictSchema(z.string().max(80), exerciseEntrySchema);
export type ExerciseProgress = z.infer<typeof exerciseProgressSchema>;
