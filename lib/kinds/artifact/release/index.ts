/**
 * The `release` artifact simulation: the capstone "a CI/CD design that prevents bad
 * releases". It reads release.yaml (the design's structured part) and every workflow
 * under .github/workflows/ with GitHub's own parser, then replays a release's events
 * through the Week 3 pipeline simulator, signs and verifies what the release job
 * published with WebCrypto (Ed25519), and runs a rollback drill on a simulated fleet
 * (simulate.ts). A file that does not parse, or a release.yaml the schema refuses, is
 * an error at its line; DESIGN.md never blocks a Run (its checks say what is missing).
 */
import type { ArtifactSimulation } from '../simulation';
import type { PackageJson } from '../pipeline/tools';
import { parseReleaseConfig, RELEASE_YAML } from './config';
import { DESIGN_MD } from './design';
import { simulateRelease } from './simulate';
import { parseWorkflows } from './workflows';

const NEEDS = 'a release.yaml that matches its schema and workflows GitHub would accept';

function readPackageJson(text: string | undefined): PackageJson {
  try {
    const value = JSON.parse(text ?? '{}') as PackageJson;
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

export const releaseSimulation: ArtifactSimulation = {
  id: 'release',
  async run({ artifact, files, options }) {
    const config = parseReleaseConfig(files[RELEASE_YAML] ?? '');
    const workflows = await parseWorkflows(files);
    const errors = [...config.errors, ...workflows.errors];
    if (errors.length || !config.config) return { parse: { ok: false, errors, needs: NEEDS }, result: null };
    const result = await simulateRelease({
      config: config.config,
      models: workflows.models,
      uses: workflows.uses,
      packageJson: readPackageJson(files['package.json']),
      design: files[DESIGN_MD] ?? '',
      seed: options.seed ?? artifact.seed,
      notes: workflows.notes,
    });
    return { parse: { ok: true, errors: [] }, result };
  },
};
