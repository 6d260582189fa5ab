/**
 * The artifact engine, pure and in-process: parse the deliverable with its real
 * grammar, then replay it in the lab's simulation. The Worker (worker.ts) runs this
 * same function off the main thread; Node tests call it directly.
 */
import type { LabArtifact } from '../../labs/schema';
import type { ArtifactRunRecord, SimulateOptions } from './record';
import { simulatePipeline } from './pipeline/simulate';
import type { PackageJson } from './pipeline/tools';
import { parseWorkflowFile } from './workflow/parse';

export interface EngineInput {
  artifact: LabArtifact;
  files: Record<string, string>;
  options?: SimulateOptions;
}

function readPackageJson(text: string | undefined): PackageJson {
  try {
    const value = JSON.parse(text ?? '{}') as PackageJson;
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

export async function runArtifactEngine({ artifact, files, options }: EngineInput): Promise<ArtifactRunRecord> {
  const file = artifact.file;
  const text = files[file];
  const base = { invocation: 'artifact' as const, durationMs: 0, file };
  if (text === undefined) {
    return { ...base, parse: { ok: false, errors: [{ file, line: 1, column: 1, message: `The lab has no file ${file}.` }] }, simulation: null };
  }
  try {
    const parsed = await parseWorkflowFile(file, text);
    if (!parsed.model) return { ...base, parse: { ok: false, errors: parsed.errors }, simulation: null };
    const simulation = simulatePipeline({ model: parsed.model, packageJson: readPackageJson(files['package.json']), seed: options?.seed ?? artifact.seed, events: options?.events });
    return { ...base, parse: { ok: true, errors: [] }, simulation };
  } catch (err) {
    return { ...base, parse: { ok: true, errors: [] }, simulation: null, engineError: `The simulation failed: ${(err as Error).message}` };
  }
}
