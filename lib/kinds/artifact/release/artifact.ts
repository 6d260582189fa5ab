/**
 * What a tag's workflow runs built, signed and published, read back from the replay: the
 * simulator tells which commands ran and succeeded, in order; this module turns them
 * into a plugin folder and releases.
 *
 * - The frontend build (webpack, through `npm run build` or an action) writes module.js,
 *   plugin.json, README.md, CHANGELOG.md, LICENSE and img/logo.svg; the backend build
 *   (mage) writes one gpx_ binary per platform. Both are small text stand-ins whose
 *   bytes depend on the version and commit, so every release hashes differently.
 * - `actions/upload-artifact` hands a job's files to later jobs of the same run, and
 *   `actions/download-artifact` takes them (artifact names are not modelled).
 * - A successful signing step writes MANIFEST.txt over the files that exist at that
 *   moment, signed for real (signing.ts): a file built after signing is not covered.
 * - A successful publish (gh release create, a release action) releases the files the
 *   job has at that moment, with GitHub's pre-release, draft and latest settings
 *   (channel.ts reads them).
 */
import type { CommandResult, JobResult } from '../pipeline/result';
import { findAction, toolById } from '../pipeline/catalogue';
import { interpolate, type ExprScope } from '../workflow/expr';
import type { StepModel } from '../workflow/model';
import type { RunRef } from './replay';
import { PLUGIN_ID } from './scenarios';
import { signPlugin, utf8, type PluginFiles } from './signing';
import { publishSettings, type PublishSettings } from './channel';

export const FRONTEND_FILES = ['module.js', 'plugin.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'img/logo.svg'];
export const BACKEND_FILES = ['gpx_weather_linux_amd64', 'gpx_weather_linux_arm64', 'gpx_weather_darwin_arm64', 'gpx_weather_windows_amd64.exe'];

function stand(path: string, version: string, sha: string, what: string): Uint8Array {
  if (path === 'plugin.json') return utf8(JSON.stringify({ type: 'datasource', name: 'Acme Weather', id: PLUGIN_ID, backend: true, executable: 'gpx_weather', info: { version } }, null, 2));
  return utf8(`${what} stand-in for ${path}: ${PLUGIN_ID} ${version}, built from ${sha}\n`);
}

export function frontendFiles(version: string, sha: string): PluginFiles {
  return Object.fromEntries(FRONTEND_FILES.map((p) => [p, stand(p, version, sha, 'frontend build')]));
}

export function backendFiles(version: string, sha: string): PluginFiles {
  return Object.fromEntries(BACKEND_FILES.map((p) => [p, stand(p, version, sha, 'Go binary')]));
}

/** What one step did to the plugin folder, in the order it happened (for the Signing tab). */
export interface ArtifactStep {
  job: string;
  step: string;
  action: 'build-frontend' | 'build-backend' | 'upload' | 'download' | 'sign' | 'publish';
  /** The files in the job's folder after it. */
  files: string[];
}

/** A release a run created. */
export interface Publication extends PublishSettings {
  job: string;
  /** The job's id in the workflow (release.yaml's signing.job names one). */
  jobId: string;
  step: string;
  file: string;
  /** The plugin folder as released. */
  files: PluginFiles;
}

type Kind = 'frontend' | 'backend' | 'sign' | 'gh-publish' | 'action-publish' | 'build-plugin-publish' | 'upload' | 'download';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function classify(command: CommandResult): Kind | undefined {
  const p = command.provenance;
  if (same(p, toolById('webpack').provenance)) return 'frontend';
  if (same(p, toolById('mage-build').provenance)) return 'backend';
  if (same(p, toolById('sign-plugin').provenance)) return 'sign';
  if (same(p, toolById('gh-release').provenance)) return 'gh-publish';
  const action = findAction(command.command);
  if (!action || !same(p, action.provenance)) return undefined;
  if (action.uses === 'actions/upload-artifact') return 'upload';
  if (action.uses === 'actions/download-artifact') return 'download';
  if (action.effect === 'build-plugin') return 'build-plugin-publish';
  if (action.effect === 'publish') return 'action-publish';
  return undefined;
}

/** The step's `with:` inputs as the runner would pass them (expressions evaluated in the run's github context). */
function inputsOf(ref: RunRef, jobId: string, step: StepModel | undefined): Record<string, string> {
  if (!step) return {};
  const job = ref.model.jobs.find((j) => j.id === jobId);
  const scope = (env: Record<string, string>): ExprScope => ({
    contexts: { github: ref.github, env, secrets: {}, needs: {}, matrix: {}, strategy: {}, runner: { os: 'Linux', arch: 'X64', temp: '/tmp' }, job: { status: 'success' }, steps: {}, vars: {}, inputs: {} },
    status: { failed: false },
    hashFiles: () => '',
  });
  const interp = (values: Record<string, string>, env: Record<string, string>) => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) {
      try {
        out[k] = interpolate(v, scope(env));
      } catch {
        out[k] = '';
      }
    }
    return out;
  };
  let env = interp(ref.model.env, {});
  env = { ...env, ...interp(job?.env ?? {}, env) };
  env = { ...env, ...interp(step.env, env) };
  return interp(step.with, env);
}

/**
 * Walks the runs of one row × event (in job order) and returns what they released and
 * how each plugin folder came to be. Signing is real, so this is async.
 */
export async function releasesOf(refs: RunRef[], version: string): Promise<{ publications: Publication[]; steps: ArtifactStep[] }> {
  const publications: Publication[] = [];
  const steps: ArtifactStep[] = [];
  for (const ref of refs) {
    const sha = ref.row.commit.sha;
    let store: PluginFiles = {};
    for (const job of ref.run.jobs.filter((j: JobResult) => j.result !== 'skipped')) {
      let files: PluginFiles = {};
      const modelJob = ref.model.jobs.find((j) => j.id === job.id);
      // Only jobs whose files reach a release (they publish, or hand files on) are told.
      const told: ArtifactStep[] = [];
      const note = (step: string, action: ArtifactStep['action']) => told.push({ job: job.name, step, action, files: Object.keys(files).sort() });
      for (const [index, step] of job.steps.entries()) {
        if (step.outcome === 'skipped') continue;
        for (const command of step.commands) {
          if (command.exitCode !== 0) continue;
          const kind = classify(command);
          if (!kind) continue;
          if (kind === 'frontend') files = { ...files, ...frontendFiles(version, sha) };
          if (kind === 'backend') files = { ...files, ...backendFiles(version, sha) };
          if (kind === 'upload') store = { ...store, ...files };
          if (kind === 'download') files = { ...files, ...store };
          const signs = kind === 'sign' || (kind === 'build-plugin-publish' && step.effects.includes('signed'));
          if (signs) {
            files = (await signPlugin(files, PLUGIN_ID, version)).files;
            note(step.name, 'sign');
          }
          if (kind === 'frontend' || kind === 'backend') note(step.name, kind === 'frontend' ? 'build-frontend' : 'build-backend');
          if (kind === 'upload' || kind === 'download') note(step.name, kind);
          if (kind === 'gh-publish' || kind === 'action-publish' || kind === 'build-plugin-publish') {
            const settings = publishSettings(kind === 'gh-publish' ? { cli: command.command } : { action: findAction(command.command)!, inputs: inputsOf(ref, job.id, modelJob?.steps[index]) }, String(ref.github.ref_name ?? ''));
            publications.push({ ...settings, job: job.name, jobId: job.id, step: step.name, file: ref.file, files });
            note(step.name, 'publish');
          }
        }
      }
      if (told.some((t) => t.action === 'publish' || t.action === 'upload')) steps.push(...told);
    }
  }
  return { publications, steps };
}
