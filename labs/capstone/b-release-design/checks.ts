/**
 * Checks for the capstone "A CI/CD design that prevents bad releases". Each one reads
 * what the `release` simulation observed (lib/kinds/artifact/release/): the scenarios
 * replayed through both workflows by the Week 3 pipeline simulator, the releases GitHub
 * would have created and where "latest" went, the signatures verified with WebCrypto,
 * the rollback drills on the simulated fleet, and the design document's sections and
 * claims. None reads the workflows' text, so any design that behaves right passes,
 * however its YAML is written.
 */
import { expect, fail } from '@/lib/checks/assert';
import type { LabCheck } from '@/lib/checks/types';
import type { ArtifactCheckContext } from '@/lib/kinds/artifact/record';
import type { PublicationInfo, ReleaseResult, TagOutcome } from '@/lib/kinds/artifact/release/result';
import { MAX_WORDS, MIN_SECTION_WORDS, MIN_WORDS } from '@/lib/kinds/artifact/release/design';
import { matchesFilters } from '@/lib/kinds/artifact/workflow/glob';

type Ctx = ArtifactCheckContext<ReleaseResult>;
/** A canary is at most a quarter of the fleet. */
const MAX_CANARY_SHARE = 0.25;
/** A rollback promise longer than an hour leaves users on a broken plugin too long. */
const MAX_RESTORE_MINUTES = 60;

async function release(ctx: Ctx): Promise<ReleaseResult> {
  const record = await ctx.simulate();
  if (!record.parse.ok) {
    const e = record.parse.errors[0];
    fail('a release.yaml and workflows that parse', `${e.file}:${e.line}:${e.column}: ${e.message}`);
  }
  if (record.simulation?.simulation !== 'release') fail('a simulated release', record.engineError ?? 'the simulation did not run');
  return record.simulation;
}

const tag = (r: ReleaseResult, scenario: string) => r.tags.find((t) => t.scenario === scenario)!;
const made = (t: TagOutcome) => t.publications.filter((p) => !p.error);
const kind = (p: PublicationInfo) => (p.draft ? 'a draft' : p.prerelease ? 'a pre-release' : 'a full release');
const stoppedOrNothing = (t: TagOutcome) => (t.stopped ? `the run stopped at ${t.stopped}` : 'no workflow published anything');

/** The one published (not draft) release of a tag, or a failure saying what happened instead. */
function published(t: TagOutcome, what: string): PublicationInfo {
  const created = made(t);
  if (created.length === 0) fail(`${t.tag} ${what}`, `nothing was released: ${stoppedOrNothing(t)}`);
  if (created.length > 1) fail(`one release for ${t.tag}`, `${created.length} were created (${created.map((p) => `${p.job} › ${p.step}`).join(', ')})`);
  const [p] = created;
  expect(!p.draft, `${t.tag} ${what}`, `it was created as a draft by ${p.job} › ${p.step}, so no one can install it`);
  return p;
}

const checks: LabCheck<Ctx>[] = [
  {
    id: 'design-sections',
    task: 1,
    title: 'DESIGN.md has its five sections, written, in one to two pages',
    hint: 'Keep the headings Triggers, Required checks, Versioning, Signing and Rollback, replace every TODO, and write between 250 and 1200 words.',
    async run(ctx) {
      const { design } = await release(ctx);
      for (const s of design.sections) {
        expect(s.heading, `a section headed "${s.title}" in DESIGN.md`, `no heading names it (looked for the word "${s.title.split(' ').pop()}")`);
        expect(!s.todo, `no TODO left under "${s.heading}"`, 'it still has one');
        expect(s.words >= MIN_SECTION_WORDS, `at least ${MIN_SECTION_WORDS} words under "${s.heading}"`, `it has ${s.words}`);
      }
      expect(design.words >= MIN_WORDS && design.words <= MAX_WORDS, `one to two pages (${MIN_WORDS}–${MAX_WORDS} words)`, `DESIGN.md has ${design.words} words`);
    },
  },
  {
    id: 'design-agrees',
    task: 1,
    title: 'What DESIGN.md states agrees with release.yaml',
    hint: 'Where the design and release.yaml share a fact (the tag patterns, each required check, the version source and pre-release patterns, the algorithm and secret, the rollback time and alert threshold), state it in the design with the same value.',
    async run(ctx) {
      const { design } = await release(ctx);
      const present = new Set(design.sections.filter((s) => s.heading).map((s) => s.key));
      const wrong = design.claims.filter((c) => present.has(c.section) && !c.ok);
      if (wrong.length) {
        const section = design.sections.find((s) => s.key === wrong[0].section);
        fail(`the "${section?.heading}" section of DESIGN.md to say that ${wrong[0].claim}, as release.yaml does`, `it does not${wrong.length > 1 ? ` (and ${wrong.length - 1} more fact${wrong.length > 2 ? 's' : ''} release.yaml states ${wrong.length > 2 ? 'are' : 'is'} missing: ${wrong.slice(1, 4).map((c) => c.claim).join('; ')})` : ''}`);
      }
    },
  },
  {
    id: 'triggers-agree',
    task: 2,
    title: "release.yaml's triggers are what the workflows do",
    hint: "Make on: of each workflow match release.yaml's triggers: which workflow a pull request, a push to main and a tag start, and which tags (release.yaml's patterns, GitHub's filter syntax) start a release.",
    async run(ctx) {
      const r = await release(ctx);
      const off = r.triggers.find((t) => !t.agrees);
      if (off) {
        const list = (files: string[]) => (files.length ? files.join(' and ') : 'no workflow');
        fail(`for a ${off.event}: ${list(off.expected)} to run, as release.yaml says`, `${list(off.actual)} ran`);
      }
    },
  },
  {
    id: 'required-checks-gate',
    task: 3,
    title: 'The required checks run on every pull request, forks included, and stop every defect',
    hint: 'List in required-checks the job names of the pull request workflow that must pass, make them run for every pull request (a fork too: no path filter or if: that skips them), and make sure each kind of defect fails one of them.',
    async run(ctx) {
      const r = await release(ctx);
      expect(r.requiredChecks.length > 0, 'required-checks to name the checks that must pass before a merge', 'release.yaml lists none, so anything can merge');
      for (const check of r.requiredChecks) {
        for (const [where, result] of [['pull request', check.pullRequest], ['pull request from a fork', check.forkPullRequest]] as const) {
          if (result === 'success') continue;
          const said = result === 'missing' ? 'no job has that name, so GitHub waits for it forever and the pull request can never merge' : result === 'skipped' ? 'the job was skipped, which blocks the merge forever' : 'it failed on a clean change';
          fail(`the required check "${check.name}" to run and pass on a clean ${where}`, said);
        }
      }
      const through = r.defectGates.find((g) => g.failedRequired.length === 0);
      if (through) {
        fail(`a required check to fail on the pull request "${through.label}" (${through.defect.replace(/-/g, ' ')})`, through.failedOther.length ? `only ${through.failedOther.join(', ')} failed, which ${through.failedOther.length > 1 ? 'are' : 'is'} not required, so it can merge` : 'every check passed, so it can merge');
      }
    },
  },
  {
    id: 'defective-tag-refused',
    task: 3,
    title: 'A tag on a commit that fails a required check is not released',
    hint: 'The release job must wait for the same gates on the tagged commit: call ci.yml from release.yml (on: workflow_call) and make the release job need it, or run the gates in release.yml.',
    async run(ctx) {
      const t = tag(await release(ctx), 'defective-tag');
      const created = made(t);
      expect(created.length === 0, `no release for ${t.tag} on a commit whose Go tests fail`, () => `${created[0].job} › ${created[0].step} created ${kind(created[0])}: the release did not wait for the tests`);
    },
  },
  {
    id: 'fork-pr-safe',
    task: 4,
    title: 'Code from a fork gets no secret, no write access and no release',
    hint: "Run fork pull requests on the pull_request event (not pull_request_target), where GitHub gives them a read-only token and no secrets.",
    async run(ctx) {
      const r = await release(ctx);
      for (const cell of r.pipeline.cells.filter((c) => c.event === 'fork_pull_request' && c.runs.length)) {
        const row = r.pipeline.commits.find((c) => c.id === cell.commit)?.defectLabel ?? cell.commit;
        expect(cell.exposedSecrets.length === 0, `no secret in the run for a fork pull request ("${row}")`, () => `its steps received ${cell.exposedSecrets.join(', ')}`);
        for (const job of cell.runs.flatMap((run) => run.jobs)) {
          const writes = Object.entries(job.permissions).filter(([, level]) => level === 'write').map(([scope]) => scope);
          expect(writes.length === 0, `a read-only token for every job of a fork pull request ("${row}")`, () => `job "${job.name}" could write ${writes.join(', ')}`);
          expect(!job.note?.includes("fork's code"), `no job running a fork's code with the repository's secrets and token`, () => `job "${job.name}" ${job.note}`);
        }
        expect(cell.status !== 'released', `nothing released from a fork pull request ("${row}")`, () => cell.label);
      }
    },
  },
  {
    id: 'secrets-release-job-only',
    task: 4,
    title: 'Only the release job gets a secret or a token that can write, and it runs only for tags',
    hint: "Reference secrets only in release.yaml's signing.job, grant contents: write only there (contents: read for the rest), keep that job off pull requests and main, and let it read the secret release.yaml names.",
    async run(ctx) {
      const r = await release(ctx);
      const file = (event: string) => event.split(' · ').pop() ?? '';
      // The release job: signing.job in a workflow that tags start.
      const isRelease = (id: string, event: string) => id === r.config.signingJob && r.config.tagWorkflows.includes(file(event));
      let releaseRanWithSecret = false;
      for (const cell of r.pipeline.cells) {
        for (const run of cell.runs) {
          for (const job of run.jobs.filter((j) => j.result !== 'skipped')) {
            const release = isRelease(job.id, run.event);
            const writes = Object.entries(job.permissions).filter(([, level]) => level === 'write').map(([scope]) => scope);
            if (!release && job.secretsReferenced.length) fail(`secrets only in the job "${r.config.signingJob}" (release.yaml signing.job)`, `job "${job.name}" (${file(run.event)}) references ${job.secretsReferenced.join(', ')}`);
            if (!release && writes.length && cell.event !== 'fork_pull_request') fail(`a read-only token for every job but "${r.config.signingJob}"`, `job "${job.name}" (${file(run.event)}) can write ${writes.join(', ')} (permissions from the ${job.permissionsFrom === 'default' ? 'repository default, because the workflow sets none' : job.permissionsFrom})`);
            if (release && cell.event !== 'push_tag') fail(`the job "${job.name}" to run only for tags`, `it ran for ${cell.event.replace(/_/g, ' ')} of "${r.pipeline.commits.find((c) => c.id === cell.commit)?.defectLabel ?? cell.commit}"`);
            if (release && job.secretsReferenced.includes(r.config.signingSecret)) releaseRanWithSecret = true;
          }
        }
      }
      const publishers = [...new Set(r.tags.flatMap((t) => made(t).map((p) => `${p.jobId} (${p.file})`)))];
      const stranger = publishers.find((p) => !p.startsWith(`${r.config.signingJob} (`));
      if (stranger) fail(`releases published by the job "${r.config.signingJob}" (release.yaml signing.job)`, `job ${stranger} published one`);
      expect(releaseRanWithSecret, `the job "${r.config.signingJob}" to read the secret ${r.config.signingSecret} (release.yaml signing.secret) when it releases a tag`, 'it never references that secret in any tag run');
    },
  },
  {
    id: 'actions-pinned',
    task: 4,
    title: 'Every action is pinned to a full commit SHA',
    hint: 'Write each uses: as owner/repo@<40-hex commit SHA> (add the version as a comment); a tag or branch can be moved to other code, a commit cannot. Local ./ actions need no pin.',
    async run(ctx) {
      const r = await release(ctx);
      const loose = r.uses.filter((u) => !u.pinned);
      if (loose.length) fail('every uses: pinned to a full commit SHA', `${loose.slice(0, 3).map((u) => `${u.file}:${u.line} ${u.uses} (${u.where})`).join('; ')}${loose.length > 3 ? `; and ${loose.length - 3} more` : ''}`);
    },
  },
  {
    id: 'stable-release',
    task: 5,
    title: 'The stable tag v1.4.0 is published as a full release',
    hint: "Publish a tag that passed its gates as a release (not a draft, not a pre-release). GitHub may make it latest now, or you may promote it after the rollout; either is fine.",
    async run(ctx) {
      const r = await release(ctx);
      const t = tag(r, 'stable-tag');
      const p = published(t, 'published as a full release');
      expect(!p.prerelease, `${t.tag} published as a full release`, `it was published as a pre-release by ${p.job} › ${p.step}`);
      expect(!matchesFilters(t.tag, r.config.prereleasePatterns), `release.yaml's versioning.prerelease patterns to leave ${t.tag} out`, `${r.config.prereleasePatterns.join(', ')} match it, but the workflow publishes it as a full release`);
      expect(t.latestAfter === t.latestBefore || t.latestAfter === t.tag, `"latest" to stay ${t.latestBefore} or move to ${t.tag}`, `it moved to ${t.latestAfter}`);
    },
  },
  {
    id: 'rc-prerelease',
    task: 5,
    title: 'A release candidate is published as a pre-release and never becomes latest',
    hint: "Publish tags like v1.4.0-rc.1 with --prerelease (or prerelease: true), e.g. when the tag contains a hyphen, and list the same pattern in release.yaml's versioning.prerelease.",
    async run(ctx) {
      const r = await release(ctx);
      const t = tag(r, 'rc-tag');
      expect(matchesFilters(t.tag, r.config.prereleasePatterns), `release.yaml's versioning.prerelease to match ${t.tag}`, `its patterns (${r.config.prereleasePatterns.join(', ') || 'none'}) do not`);
      const p = published(t, 'published as a pre-release');
      expect(p.prerelease, `${t.tag} published as a pre-release`, `${p.job} › ${p.step} published it as ${kind(p)}, so "latest" moved from ${t.latestBefore} to ${t.latestAfter}`);
      expect(t.latestAfter === t.latestBefore, `"latest" to stay ${t.latestBefore}`, `it is ${t.latestAfter}`);
    },
  },
  {
    id: 'tag-mismatch-refused',
    task: 5,
    title: 'A tag that does not match package.json is refused',
    hint: "Compare the tag with package.json's version (npm run check-tag) before anything is published, and let a mismatch fail the release job.",
    async run(ctx) {
      const t = tag(await release(ctx), 'mismatch-tag');
      const created = t.publications.filter((p) => !p.error);
      expect(created.length === 0, `no release and no draft for ${t.tag} when package.json says ${t.version}`, () => `${created[0].job} › ${created[0].step} created ${kind(created[0])} ${created[0].tag}`);
    },
  },
  {
    id: 'hotfix-keeps-latest',
    task: 5,
    title: 'A hotfix for an older line ships without taking "latest" from a newer release',
    hint: 'GitHub makes every new full release "latest" unless told otherwise (make_latest defaults to true; gh sends it only with --latest). Publish so that v1.3.1 does not take it from v1.4.0.',
    async run(ctx) {
      const t = tag(await release(ctx), 'hotfix-tag');
      const p = published(t, 'published as a full release');
      expect(!p.prerelease, `${t.tag} published as a full release`, `${p.job} › ${p.step} published it as a pre-release`);
      expect(t.latestAfter === t.latestBefore, `"latest" to stay ${t.latestBefore} after ${t.tag} ships`, `it went back to ${t.latestAfter} (make_latest was ${p.makeLatest}), so every new install gets the older line`);
    },
  },
  {
    id: 'release-signed',
    task: 6,
    title: 'Every published release carries a signed manifest that covers all its files, and nothing ships unsigned',
    hint: 'Sign in the release job after both builds (frontend and backend) and before publishing; a file built after signing is not in the manifest, and Grafana calls the plugin modified. Let a signing step that fails (its secret missing) stop the release.',
    async run(ctx) {
      const r = await release(ctx);
      for (const t of r.tags) {
        for (const p of made(t).filter((x) => !x.draft)) {
          expect(p.status === 'signed', `${p.tag} to be signed and to verify at install`, `Grafana says "${p.status}": ${p.reason}`);
        }
      }
    },
  },
  {
    id: 'tampered-refused',
    task: 6,
    title: 'A tampered or unsigned plugin is refused at install',
    hint: "Grafana never loads a plugin whose files no longer match its signed manifest, but it loads an unsigned one when allowed: with allow-unsigned, an attacker only has to delete MANIFEST.txt.",
    async run(ctx) {
      const r = await release(ctx);
      const loaded = r.signing.installs.find((i) => i.id !== 'genuine' && i.loads);
      if (loaded) fail(`the fleet to refuse ${loaded.description}`, `Grafana said "${loaded.status}" (${loaded.reason}) and loaded it${r.config.allowUnsigned ? ', because release.yaml sets allow-unsigned: true' : ''}`);
    },
  },
  {
    id: 'rollback-drill',
    task: 7,
    title: 'The rollback drill: a bad release is rolled back to a good version within the promised time',
    hint: "Set an alert that a bad release trips, roll back to the newest stable release before it (a release candidate of the same line carries the same bug), and promise a restore time, at most an hour, that the drill meets.",
    async run(ctx) {
      const r = await release(ctx);
      const { outcome } = r.drills.find((d) => d.id === 'bad-release')!;
      expect(r.config.restoreWithinMinutes <= MAX_RESTORE_MINUTES, `a restore promise of at most ${MAX_RESTORE_MINUTES} minutes`, `release.yaml promises ${r.config.restoreWithinMinutes}`);
      expect(outcome.alertAt !== null, 'the alert to fire on the bad release', () => `it never fired: the error ratio of the instances on v1.4.0 stayed under the threshold for long enough (${outcome.badInstances} instances ran the bug)`);
      expect(outcome.target && !outcome.targetProblem, 'a version to roll back to', () => `rollback.to found none: ${outcome.targetProblem}`);
      expect(!outcome.targetHasBug, `a rollback to a version without the bug`, () => `it went to v${outcome.target}, which carries the same bug`);
      expect(outcome.minutesToRestore !== null, 'every instance back on a good version by the end of the drill', 'some instances still run a bad version');
      expect(outcome.minutesToRestore <= r.config.restoreWithinMinutes, `every instance back within ${r.config.restoreWithinMinutes} minutes of the first bad install, as release.yaml promises`, `it took ${outcome.minutesToRestore} minutes`);
    },
  },
  {
    id: 'blast-radius',
    task: 7,
    title: 'A bad release never gets past its canary wave',
    hint: 'Start with a canary of at most a quarter of the fleet, and bake each wave longer than the alert needs to fire (for-minutes plus an install), so the rollout stops before the next wave.',
    async run(ctx) {
      const r = await release(ctx);
      const drill = r.drills.find((d) => d.id === 'bad-release')!;
      const { outcome } = drill;
      const max = Math.floor(drill.instances.length * MAX_CANARY_SHARE);
      expect(outcome.firstWaveSize <= max, `a first wave of at most ${max} of ${drill.instances.length} instances (a quarter)`, `the first wave takes ${outcome.firstWaveSize}`);
      expect(outcome.badInstances <= outcome.firstWaveSize, `the bad release to reach at most the first wave's ${outcome.firstWaveSize} instance${outcome.firstWaveSize === 1 ? '' : 's'}`, `${outcome.badInstances} instances ran it${outcome.alertAt === null ? ' (the alert never fired)' : `, because the next wave started before the alert fired at minute ${outcome.alertAt}`}`);
    },
  },
  {
    id: 'no-false-rollback',
    task: 7,
    title: 'A good release rolls out to the whole fleet without a false rollback',
    hint: 'An alert that fires on one short blip of one instance rolls back good releases: ask for a sustained breach (for-minutes) above the normal error ratio (about 1%), and make the waves reach 100% within the three-hour drill.',
    async run(ctx) {
      const r = await release(ctx);
      const { outcome } = r.drills.find((d) => d.id === 'good-release')!;
      expect(!outcome.rolledBack, 'no rollback of the good release', () => `the alert fired at minute ${outcome.alertAt} and rolled it back`);
      expect(outcome.completedAt !== null, 'the good release on every instance by the end of the drill', 'the rollout did not reach the whole fleet');
    },
  },
];

export default checks;
