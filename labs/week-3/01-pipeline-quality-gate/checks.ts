/**
 * Checks for "The pipeline is a quality gate". Each one replays the learner's
 * workflow over the simulated history (lib/kinds/artifact/pipeline/) and asserts on
 * what the pipeline did: which commit × event released what, where defects were
 * stopped, which caches hit, which token scopes and secrets each job got. None reads
 * the YAML's text, so any workflow that behaves right passes, however it is written.
 */
import { expect, fail } from '@/lib/checks/assert';
import type { LabCheck } from '@/lib/checks/types';
import type { ArtifactCheckContext, Cell, PipelineResult } from '@/lib/kinds/artifact/record';
import { defectById } from '@/lib/kinds/artifact/pipeline/scenario';

async function pipeline(ctx: ArtifactCheckContext): Promise<PipelineResult> {
  const record = await ctx.simulate();
  if (!record.parse.ok) {
    const e = record.parse.errors[0];
    fail('a workflow GitHub accepts', `${e.file}:${e.line}:${e.column}: ${e.message}`);
  }
  if (record.simulation?.simulation !== 'pipeline') fail('a simulated pipeline', record.engineError ?? 'the simulation did not run');
  return record.simulation;
}

const EVENT_NAMES: Record<string, string> = { pull_request: 'the pull request', fork_pull_request: 'the fork pull request', push_main: 'the push to main', push_tag: 'the tag push' };
const where = (c: Cell) => `commit "${c.commit}" on ${EVENT_NAMES[c.event] ?? c.event}`;

/** Each listed defect: never released anywhere, and already stopped on its pull request. */
function expectStopped(result: PipelineResult, defects: string[]) {
  for (const defect of defects) {
    const info = defectById(defect);
    const cells = result.cells.filter((c) => c.commit === defect);
    const released = cells.find((c) => c.status === 'released');
    if (released) {
      fail(`the ${info?.label} to be stopped before any release (by ${info?.caughtBy})`, `${where(released)} was ${released.label}`);
    }
    const pr = cells.find((c) => c.event === 'pull_request');
    expect(pr?.status === 'stopped', `the ${info?.label} to fail its pull request, before it can be merged (by ${info?.caughtBy})`, () => `${pr ? where(pr) : 'its pull request'} ${pr?.status === 'not-triggered' ? 'did not run the workflow' : `ended "${pr?.label}"`}`);
  }
}

const checks: LabCheck<ArtifactCheckContext>[] = [
  {
    id: 'code-defects-stopped',
    task: 1,
    title: 'Type errors, build errors, failing tests and data races never ship',
    hint: 'Type-check the frontend, build and test the backend with the race detector, and make sure a failing command fails its step: look at what a pipe into tee does to the exit status unless pipefail is on.',
    async run(ctx) {
      expectStopped(await pipeline(ctx), ['ts-type-error', 'go-build-error', 'failing-go-test', 'data-race']);
    },
  },
  {
    id: 'scans-stop-defects',
    task: 2,
    title: 'Vulnerable dependencies and leaked tokens never ship',
    hint: 'Scan both dependency trees (npm and Go) for known vulnerabilities and the repository for secrets, with tools whose exit status fails the step when they find something.',
    async run(ctx) {
      expectStopped(await pipeline(ctx), ['vuln-go', 'vuln-npm', 'leaked-token']);
    },
  },
  {
    id: 'clean-ships-on-tag-only',
    task: 3,
    title: 'The clean commit ships signed on its tag, and nothing ships from a pull request or main',
    hint: 'Publish only when the run is for a version tag, after every gate passed, and sign the plugin before publishing.',
    async run(ctx) {
      const result = await pipeline(ctx);
      const elsewhere = result.cells.find((c) => c.status === 'released' && c.event !== 'push_tag');
      if (elsewhere) fail('releases only from tag pushes', `${where(elsewhere)} was ${elsewhere.label}`);
      const clean = result.cells.filter((c) => c.commit === 'clean');
      for (const cell of clean.filter((c) => c.event !== 'push_tag')) {
        expect(cell.status === 'passed', `the clean commit to pass ${EVENT_NAMES[cell.event]}`, `it ended "${cell.label}"${cell.stoppedAt ? `: ${cell.stoppedAt.reason}` : ''}`);
      }
      const tag = clean.find((c) => c.event === 'push_tag');
      expect(tag?.status === 'released', 'the clean commit released on its tag v1.2.0', () => `the tag push ended "${tag?.label}"${tag?.stoppedAt ? `: ${tag.stoppedAt.reason}` : ''}`);
      expect(tag.release?.signed, 'the released plugin to be signed', `${tag.label}: no signing step succeeded before the release was published`);
    },
  },
  {
    id: 'release-gates',
    task: 3,
    title: 'A mismatched tag or a missing signing token stops the release',
    hint: "Compare the tag with package.json's version before releasing, and make the release fail (not skip signing) when the signing token is missing.",
    async run(ctx) {
      const result = await pipeline(ctx);
      for (const defect of ['tag-mismatch', 'token-missing']) {
        const released = result.cells.find((c) => c.commit === defect && c.status === 'released');
        const info = defectById(defect);
        if (released) fail(`no release for the commit with a ${info?.label} (stopped by ${info?.caughtBy})`, `${where(released)} was ${released.label}`);
      }
    },
  },
  {
    id: 'dependencies-cached',
    task: 4,
    title: 'Go modules and npm packages are cached, keyed on go.sum and package-lock.json',
    hint: "Cache each ecosystem's downloads with a key that changes when, and only when, its lock file changes (hashFiles of go.sum and package-lock.json), or let setup-go / setup-node do it.",
    async run(ctx) {
      const result = await pipeline(ctx);
      const lockChange: Record<'go' | 'npm', { commit: string; file: string }> = { go: { commit: 'vuln-go', file: 'go.sum' }, npm: { commit: 'vuln-npm', file: 'package-lock.json' } };
      for (const kind of ['go', 'npm'] as const) {
        const events = result.cache.filter((e) => e.kind === kind && e.event === 'pull_request');
        expect(events.length > 0, `a ${kind} dependency cache restored in pull request runs`, `no step restored a ${kind} cache`);
        const base = events.find((e) => e.commit === 'clean')?.key;
        const unchanged = events.filter((e) => e.commit !== 'clean' && e.commit !== lockChange[kind].commit);
        const miss = unchanged.find((e) => !e.hit);
        if (miss) fail(`a cache hit for ${kind} on commits that leave ${lockChange[kind].file} alone`, `commit "${miss.commit}" missed with key ${miss.key}`);
        const changed = events.find((e) => e.commit === lockChange[kind].commit);
        expect(changed && changed.key !== base, `a new ${kind} cache key when ${lockChange[kind].file} changes (commit "${lockChange[kind].commit}")`, () => `it kept the key ${changed?.key ?? base}, so it restores stale dependencies`);
      }
    },
  },
  {
    id: 'least-privilege',
    task: 5,
    title: 'Jobs read by default; only the release job can write, and only contents',
    hint: 'Set permissions to contents: read for the workflow and grant contents: write only on the job that publishes the release.',
    async run(ctx) {
      const result = await pipeline(ctx);
      const publishers = new Set(result.cells.filter((c) => c.release).map((c) => c.release!.job));
      for (const cell of result.cells) {
        for (const run of cell.runs) {
          for (const job of run.jobs.filter((j) => j.result !== 'skipped')) {
            const writes = Object.entries(job.permissions).filter(([, level]) => level === 'write').map(([scope]) => scope);
            const allowed = publishers.has(job.name) && cell.event === 'push_tag' ? ['contents', 'id-token', 'attestations'] : [];
            const extra = writes.filter((s) => !allowed.includes(s));
            if (extra.length) fail(`job "${job.name}" to have no write access in ${where(cell)}`, `its token can write ${extra.join(', ')} (permissions from the ${job.permissionsFrom === 'default' ? "repository default, because the workflow sets none" : job.permissionsFrom})`);
          }
        }
      }
    },
  },
  {
    id: 'secrets-scoped',
    task: 5,
    title: 'Secrets reach only the release job, and never a fork pull request',
    hint: 'Reference secrets only in the job that signs and publishes, and keep fork pull requests on the pull_request event, where GitHub hands them no secrets.',
    async run(ctx) {
      const result = await pipeline(ctx);
      const exposed = result.cells.find((c) => c.event === 'fork_pull_request' && c.exposedSecrets.length > 0);
      if (exposed) fail('no secret in any run for a fork pull request', `${where(exposed)} handed ${exposed.exposedSecrets.join(', ')} to its steps`);
      const publishers = new Set(result.cells.filter((c) => c.release).map((c) => c.release!.job));
      for (const cell of result.cells) {
        for (const job of cell.runs.flatMap((r) => r.jobs)) {
          if (job.secretsReferenced.length && !publishers.has(job.name)) {
            fail('secrets used only by the job that publishes the release', `job "${job.name}" references ${job.secretsReferenced.join(', ')}${publishers.size ? '' : ' and no job published a release'}`);
          }
        }
      }
    },
  },
];

export default checks;
