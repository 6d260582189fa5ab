/**
 * The `pipeline` artifact simulation: parse a GitHub Actions workflow with the real
 * grammar, then replay it over seeded commits and events (simulate.ts).
 */
import type { ArtifactSimulation } from '../simulation';
import { simulatePipeline } from './simulate';
import type { PackageJson } from './tools';
import { parseWorkflowFile } from '../workflow/parse';

function readPackageJson(text: string | undefined): PackageJson {
  try {
    const value = JSON.parse(text ?? '{}') as PackageJson;
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

const NEEDS = 'a workflow GitHub would accept';

export const pipelineSimulation: ArtifactSimulation = {
  id: 'pipeline',
  async run({ artifact, files, options }) {
    const file = artifact.file;
    const parsed = await parseWorkflowFile(file, files[file] ?? '');
    if (!parsed.model) return { parse: { ok: false, errors: parsed.errors, needs: NEEDS }, result: null };
    const events = Array.isArray(options.events) ? options.events.filter((e): e is string => typeof e === 'string') : undefined;
    const result = simulatePipeline({ model: parsed.model, packageJson: readPackageJson(files['package.json']), seed: options.seed ?? artifact.seed, events });
    return { parse: { ok: true, errors: [] }, result };
  },
};
