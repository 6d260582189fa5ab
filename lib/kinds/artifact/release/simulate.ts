/**
 * The capstone's simulation, from parsed files to the result the views draw and the
 * checks read (result.ts): replay the scenarios through both workflows, read what each
 * tag released, check signatures and installs for real, compare release.yaml with what
 * the workflows did, read the design document, and run the rollback drills.
 * Deterministic for the same files and seed: Ed25519 signatures are too.
 */
import { triggersFor } from '../pipeline/events';
import type { Cell, JobResult } from '../pipeline/result';
import type { EventId } from '../pipeline/scenario';
import type { PackageJson } from '../pipeline/tools';
import { matchesFilters } from '../workflow/glob';
import type { WorkflowModel } from '../workflow/model';
import { backendFiles, BACKEND_FILES, frontendFiles, releasesOf, type Publication } from './artifact';
import { createRelease, latestOf } from './channel';
import { tagFor, type ReleaseConfig } from './config';
import { readDesign } from './design';
import { runDrill } from './fleet';
import { LAB_SIGNING_KEY } from './lab-key';
import { replay, type RunRef } from './replay';
import type { InstallCase, PublicationInfo, ReleaseResult, SigningInfo, TagOutcome, TriggerRow } from './result';
import { MAIN_VERSION, PLUGIN_ID, PR_DEFECTS, releaseRows, SAMPLE_TAGS, type ReleaseRow } from './scenarios';
import { labKeyId, loads, MANIFEST_FILE, sha256Hex, signPlugin, verifyPlugin, type PluginFiles } from './signing';
import type { UsesRef } from './workflows';

export interface SimulateReleaseInput {
  config: ReleaseConfig;
  /** Parsed workflows by base name, local calls expanded. */
  models: Record<string, WorkflowModel>;
  uses: UsesRef[];
  packageJson: PackageJson;
  design: string;
  seed: number;
  notes: string[];
}

const refsOf = (runs: RunRef[], row: string, event: EventId) => runs.filter((r) => r.row.id === row && r.event === event);

function triggered(runs: RunRef[], row: string, event: EventId): string[] {
  return [...new Set(refsOf(runs, row, event).map((r) => r.file))].sort();
}

function triggerRows(input: SimulateReleaseInput, rows: ReleaseRow[], runs: RunRef[]): TriggerRow[] {
  const { config, models } = input;
  const sorted = (files: string[]) => [...new Set(files)].sort();
  const row = (event: string, expected: string[], actual: string[]): TriggerRow => ({ event, expected: sorted(expected), actual: sorted(actual), agrees: JSON.stringify(sorted(expected)) === JSON.stringify(sorted(actual)) });
  const out = [
    row('pull request into main', config.triggers['pull-request'].workflow, triggered(runs, 'change', 'pull_request')),
    row('push to main', config.triggers.main.workflow, triggered(runs, 'change', 'push_main')),
  ];
  const stable = rows.find((r) => r.id === 'stable-tag')!.commit;
  const template = tagFor(config, MAIN_VERSION);
  for (const tag of [...new Set([template, ...SAMPLE_TAGS])]) {
    const expected = matchesFilters(tag, config.triggers.tags.patterns) ? config.triggers.tags.workflow : [];
    const actual = Object.keys(models).filter((f) => triggersFor(models[f], { ...stable, tag }, 'push_tag').length > 0);
    out.push(row(tag === template ? `tag ${tag} (versioning.tag for ${MAIN_VERSION})` : `tag ${tag}`, expected, actual));
  }
  return out;
}

function jobConclusion(jobs: JobResult[], name: string): 'success' | 'failure' | 'skipped' | 'missing' {
  const found = jobs.filter((j) => j.name === name);
  if (!found.length) return 'missing';
  if (found.some((j) => j.result === 'failure')) return 'failure';
  if (found.every((j) => j.result === 'skipped')) return 'skipped';
  return 'success';
}

const jobsOf = (refs: RunRef[]) => refs.flatMap((r) => r.run.jobs);

function describe(p: PublicationInfo): string {
  if (p.error) return `refused: ${p.error}`;
  const kind = p.draft ? 'draft' : p.prerelease ? 'pre-release' : 'release';
  return `${p.draft ? 'draft' : 'published'} ${p.tag} (${kind === 'draft' ? 'not published' : kind}, ${p.status === 'signed' ? 'signed' : p.status})`;
}

async function tagOutcome(row: ReleaseRow, refs: RunRef[], cell: Cell, allowUnsigned: boolean): Promise<{ outcome: TagOutcome; publications: Publication[]; steps: Awaited<ReturnType<typeof releasesOf>>['steps'] }> {
  const { publications, steps } = await releasesOf(refs, row.version);
  let channel = row.before ?? [];
  const infos: PublicationInfo[] = [];
  for (const p of publications) {
    const created = createRelease(channel, p);
    channel = created.channel;
    const verification = await verifyPlugin(p.files);
    infos.push({ tag: p.tag, prerelease: p.prerelease, draft: p.draft, makeLatest: p.makeLatest, file: p.file, job: p.job, jobId: p.jobId, step: p.step, files: Object.keys(p.files).sort(), status: verification.status, reason: verification.reason, loads: loads(verification.status, allowUnsigned), ...(created.error ? { error: created.error } : {}) });
  }
  const outcome: TagOutcome = {
    scenario: row.scenario ?? row.id,
    tag: row.commit.tag,
    version: row.version,
    expectation: row.expectation,
    publications: infos,
    before: row.before ?? [],
    after: channel,
    latestBefore: latestOf(row.before ?? []),
    latestAfter: latestOf(channel),
    stopped: cell.stoppedAt ? `${cell.stoppedAt.job} › ${cell.stoppedAt.step}: ${cell.stoppedAt.reason}` : null,
  };
  if (infos.length) cell.label = infos.map(describe).join('; ');
  return { outcome, publications, steps };
}

function flipFirstByte(files: PluginFiles, path: string): PluginFiles {
  const changed = new Uint8Array(files[path]);
  changed[0] ^= 0x01;
  return { ...files, [path]: changed };
}

function without(files: PluginFiles, path: string): PluginFiles {
  const copy = { ...files };
  delete copy[path];
  return copy;
}

async function signingInfo(stable: { publications: Publication[]; steps: SigningInfo['steps'] }, row: ReleaseRow, allowUnsigned: boolean): Promise<SigningInfo> {
  const released = stable.publications.find((p) => !p.draft && Object.keys(p.files).some((f) => f !== MANIFEST_FILE));
  const source = released ? 'stable-release' : 'reference-build';
  const files = released?.files ?? (await signPlugin({ ...frontendFiles(row.version, row.commit.sha), ...backendFiles(row.version, row.commit.sha) }, PLUGIN_ID, row.version)).files;
  const manifestText = files[MANIFEST_FILE] ? new TextDecoder().decode(files[MANIFEST_FILE]) : null;
  let listed: Record<string, string> = {};
  try {
    listed = manifestText ? (JSON.parse(manifestText).manifest?.files ?? {}) : {};
  } catch {
    listed = {};
  }
  const target = Object.keys(files).find((f) => BACKEND_FILES.includes(f)) ?? Object.keys(files).find((f) => f !== MANIFEST_FILE) ?? 'module.js';
  const tampered = files[target] ? flipFirstByte(files, target) : { ...files, [target]: new Uint8Array([0x2f, 0x2f]) };
  const cases: [InstallCase['id'], string, PluginFiles][] = [
    ['genuine', 'the release as published', files],
    ['tampered', `one byte of ${target} changed on the way (a compromised mirror)`, tampered],
    ['tampered-stripped', `the same change, with ${MANIFEST_FILE} removed so no hash can disagree`, without(tampered, MANIFEST_FILE)],
    ['unsigned', `a build of the same commit that skipped signing (no ${MANIFEST_FILE})`, without(files, MANIFEST_FILE)],
  ];
  const installs: InstallCase[] = [];
  for (const [id, description, plugin] of cases) {
    const v = await verifyPlugin(plugin);
    installs.push({ id, description, status: v.status, reason: v.reason, loads: loads(v.status, allowUnsigned) });
  }
  const paths = Object.keys(files).sort();
  return {
    algorithm: 'Ed25519',
    keyId: await labKeyId(),
    publicKey: LAB_SIGNING_KEY.public.x,
    source,
    tag: released?.tag ?? row.commit.tag,
    files: await Promise.all(paths.map(async (path) => ({ path, sha256: await sha256Hex(files[path]), bytes: files[path].length, inManifest: Object.hasOwn(listed, path) }))),
    manifest: manifestText,
    steps: released ? stable.steps : [],
    installs,
    allowUnsigned,
  };
}

export async function simulateRelease(input: SimulateReleaseInput): Promise<ReleaseResult> {
  const { config, models, seed } = input;
  const rows = releaseRows(seed);
  const replayed = replay(rows, models, input.packageJson, seed);
  const { runs } = replayed;
  const cellOf = (row: string, event: EventId) => replayed.pipeline.cells.find((c) => c.commit === row && c.event === event)!;
  const allowUnsigned = config.signing['allow-unsigned'];

  const tags: TagOutcome[] = [];
  let stable: { publications: Publication[]; steps: SigningInfo['steps'] } = { publications: [], steps: [] };
  for (const row of rows.filter((r) => r.before)) {
    const result = await tagOutcome(row, refsOf(runs, row.id, 'push_tag'), cellOf(row.id, 'push_tag'), allowUnsigned);
    tags.push(result.outcome);
    if (row.id === 'stable-tag') stable = result;
  }

  const required = config['required-checks'];
  const requiredChecks = required.map((name) => ({
    name,
    pullRequest: jobConclusion(jobsOf(refsOf(runs, 'change', 'pull_request')), name),
    forkPullRequest: jobConclusion(jobsOf(refsOf(runs, 'change', 'fork_pull_request')), name),
  }));
  const defectGates = PR_DEFECTS.map((defect) => {
    const failed = [...new Set(jobsOf(refsOf(runs, defect, 'pull_request')).filter((j) => j.result === 'failure').map((j) => j.name))];
    return { defect, label: rows.find((r) => r.id === defect)!.label, failedRequired: failed.filter((n) => required.includes(n)), failedOther: failed.filter((n) => !required.includes(n)) };
  });

  return {
    simulation: 'release',
    seed,
    config: {
      requiredChecks: required,
      signingJob: config.signing.job,
      signingSecret: config.signing.secret,
      allowUnsigned,
      prereleasePatterns: config.versioning.prerelease,
      tagPatterns: config.triggers.tags.patterns,
      tagWorkflows: config.triggers.tags.workflow,
      tagTemplate: config.versioning.tag,
      restoreWithinMinutes: config.rollback['restore-within-minutes'],
    },
    pipeline: replayed.pipeline,
    tags,
    triggers: triggerRows(input, rows, runs),
    requiredChecks,
    defectGates,
    uses: input.uses,
    signing: await signingInfo(stable, rows.find((r) => r.id === 'stable-tag')!, allowUnsigned),
    design: readDesign(input.design, config),
    drills: [runDrill(config, seed, true), runDrill(config, seed, false)],
    notes: input.notes,
  };
}
