/**
 * One exercise or simulation as the browser gets it (from lib/exercises/generated/),
 * parsed with zod before use, so a broken build shows a clear message instead of a
 * half-drawn page.
 */
import { z } from 'zod';
import { exerciseMetaSchema, simMetaSchema } from './schema';

const filesSchema = z.record(z.string(), z.string());

export const exerciseBundleSchema = z.discriminatedUnion('kind', [
  z.object({ id: z.string(), kind: z.literal('exercise'), meta: exerciseMetaSchema, briefHtml: z.string(), starter: filesSchema, solution: filesSchema }),
  z.object({ id: z.string(), kind: z.literal('sim'), meta: simMetaSchema, briefHtml: z.string(), starter: filesSchema, solution: filesSchema }),
]);
export type ExerciseBundle = z.infer<typeof exerciseBundleSchema>;
export type CodingBundle = Extract<ExerciseBundle, { kind: 'exercise' }>;
export type SimBundle = Extract<ExerciseBundle, { kind: 'sim' }>;

/** Loads and parses a bundle by id; the error names the id and what is wrong. */
export async function loadBundle(id: string, loaders: Record<string, () => Promise<unknown>>): Promise<ExerciseBundle> {
  const loader = Object.hasOwn(loaders, id) ? loaders[id] : undefined;
  if (!loader) throw new Error(`There is no exercise "${id}". Known: ${Object.keys(loaders).join(', ') || 'none'}.`);
  const parsed = exerciseBundleSchema.safeParse(await loader());
  if (!parsed.success) throw new Error(`Exercise "${id}" is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
