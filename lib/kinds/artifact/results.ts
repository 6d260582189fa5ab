/**
 * Every artifact simulation's result schema, one line each: the record's `simulation`
 * field is one of them, told apart by its own `simulation` literal. A new simulation
 * adds its schema here and itself to simulations.ts.
 */
import { z } from 'zod';
import { pipelineResultSchema } from './pipeline/result';
import { dockerfileResultSchema } from './dockerfile/result';
import { raceResultSchema } from './race/result';
import { composeResultSchema } from './compose/result';
import { kubernetesResultSchema } from './kubernetes/result';
import { releaseResultSchema } from './release/result';

export const simulationResultSchema = z.discriminatedUnion('simulation', [
  pipelineResultSchema,
  dockerfileResultSchema,
  raceResultSchema,
  composeResultSchema,
  kubernetesResultSchema,
  releaseResultSchema,
]);
export type SimulationResult = z.infer<typeof simulationResultSchema>;
