/**
 * What the `release` simulation (the capstone "a CI/CD design that prevents bad
 * releases") produces, as zod schemas: it crosses from the engine's Worker to the page.
 * The replay of the scenarios through both workflows (in the pipeline lab's matrix
 * shape, so its pictures draw it), what each tag released and how GitHub's release
 * channel changed, the signature and install checks on the released plugin, how
 * release.yaml compares with the workflows, the design document's sections and claims,
 * and the two rollback drills on the simulated fleet.
 */
import { z } from 'zod';
import { pipelineResultSchema } from '../pipeline/result';

const channelReleaseSchema = z.object({ tag: z.string(), prerelease: z.boolean(), draft: z.boolean(), latest: z.boolean() });
export type ChannelReleaseInfo = z.infer<typeof channelReleaseSchema>;

export const signatureStatusSchema = z.enum(['signed', 'unsigned', 'invalid', 'modified']);

/** One release a tag's workflows created. */
export const publicationSchema = z.object({
  tag: z.string(),
  prerelease: z.boolean(),
  draft: z.boolean(),
  /** GitHub's make_latest as sent: gh without --latest sends nothing, and the API's default is true. */
  makeLatest: z.enum(['true', 'false', 'legacy']),
  /** Workflow file, job (as shown) and its id, and step. */
  file: z.string(),
  job: z.string(),
  jobId: z.string(),
  step: z.string(),
  /** The plugin's files as released (MANIFEST.txt included when signed). */
  files: z.array(z.string()),
  /** What Grafana says of it at install (signing.ts), and whether the fleet loads it under release.yaml's policy. */
  status: signatureStatusSchema,
  reason: z.string(),
  loads: z.boolean(),
  /** GitHub refused to create it (e.g. the tag already has a release). */
  error: z.string().optional(),
});
export type PublicationInfo = z.infer<typeof publicationSchema>;

export const tagOutcomeSchema = z.object({
  /** scenarios.ts ScenarioId of a tag row. */
  scenario: z.string(),
  tag: z.string(),
  /** package.json's version in the tagged commit. */
  version: z.string(),
  expectation: z.string(),
  publications: z.array(publicationSchema),
  before: z.array(channelReleaseSchema),
  after: z.array(channelReleaseSchema),
  latestBefore: z.string().nullable(),
  latestAfter: z.string().nullable(),
  /** Where the workflows stopped, when they did: "release › Tag matches package.json: tag v1.4.1 does not match…" */
  stopped: z.string().nullable(),
});
export type TagOutcome = z.infer<typeof tagOutcomeSchema>;

export const installCaseSchema = z.object({
  id: z.enum(['genuine', 'tampered', 'tampered-stripped', 'unsigned']),
  description: z.string(),
  status: signatureStatusSchema,
  reason: z.string(),
  loads: z.boolean(),
});
export type InstallCase = z.infer<typeof installCaseSchema>;

export const signingSchema = z.object({
  algorithm: z.literal('Ed25519'),
  keyId: z.string(),
  /** The lab key's public half (base64url), which every simulated Grafana trusts. */
  publicKey: z.string(),
  /** The release the install cases use: the stable tag's, or the lab's reference build when the stable tag released nothing. */
  source: z.enum(['stable-release', 'reference-build']),
  tag: z.string(),
  files: z.array(z.object({ path: z.string(), sha256: z.string(), bytes: z.number().int(), inManifest: z.boolean() })),
  /** MANIFEST.txt as released, or null when the release is unsigned. */
  manifest: z.string().nullable(),
  /** How the release job built, signed and published it, step by step. */
  steps: z.array(z.object({ job: z.string(), step: z.string(), action: z.enum(['build-frontend', 'build-backend', 'upload', 'download', 'sign', 'publish']), files: z.array(z.string()) })),
  installs: z.array(installCaseSchema),
  allowUnsigned: z.boolean(),
});
export type SigningInfo = z.infer<typeof signingSchema>;

export const usesSchema = z.object({ file: z.string(), line: z.number().int(), column: z.number().int(), where: z.string(), uses: z.string(), pinned: z.boolean() });

/** One event replayed for the trigger comparison: which workflows release.yaml says run, and which ran. */
export const triggerRowSchema = z.object({ event: z.string(), expected: z.array(z.string()), actual: z.array(z.string()), agrees: z.boolean() });
export type TriggerRow = z.infer<typeof triggerRowSchema>;

export const requiredCheckSchema = z.object({
  name: z.string(),
  /** The job's conclusion in the clean change's pull request and fork pull request runs; 'missing' when no such job ran. */
  pullRequest: z.enum(['success', 'failure', 'skipped', 'missing']),
  forkPullRequest: z.enum(['success', 'failure', 'skipped', 'missing']),
});
export const defectGateSchema = z.object({ defect: z.string(), label: z.string(), failedRequired: z.array(z.string()), failedOther: z.array(z.string()) });

/** A stretch of virtual minutes [from, to) in one state, serving one version. */
const segmentSchema = z.object({ from: z.number().int(), to: z.number().int(), state: z.enum(['old', 'installing', 'new', 'rolling-back', 'rolled-back']), version: z.string(), buggy: z.boolean() });
export const drillSchema = z.object({
  id: z.enum(['bad-release', 'good-release']),
  title: z.string(),
  /** What is simulated and what is a model, in a sentence or two. */
  model: z.string(),
  /** Virtual minutes. */
  duration: z.number().int(),
  instances: z.array(z.object({ name: z.string(), wave: z.number().int().nullable(), segments: z.array(segmentSchema), ranBug: z.boolean(), finalVersion: z.string() })),
  waves: z.array(z.object({ percent: z.number(), size: z.number().int(), startedAt: z.number().int().nullable() })),
  alert: z.object({ threshold: z.number(), forMinutes: z.number().int() }),
  alertInput: z.array(z.number().nullable()),
  fleetRatio: z.array(z.number()),
  marks: z.array(z.object({ at: z.number().int(), label: z.string() })),
  outcome: z.object({
    alertAt: z.number().int().nullable(),
    rolledBack: z.boolean(),
    target: z.string().nullable(),
    targetProblem: z.string().nullable(),
    targetHasBug: z.boolean(),
    firstBadAt: z.number().int().nullable(),
    restoredAt: z.number().int().nullable(),
    minutesToRestore: z.number().int().nullable(),
    badInstances: z.number().int(),
    firstWaveSize: z.number().int(),
    completedAt: z.number().int().nullable(),
    latest: z.string(),
  }),
});
export type DrillInfo = z.infer<typeof drillSchema>;

export const releaseResultSchema = z.object({
  simulation: z.literal('release'),
  seed: z.number().int(),
  /** release.yaml as read (after defaults). */
  config: z.object({
    requiredChecks: z.array(z.string()),
    signingJob: z.string(),
    signingSecret: z.string(),
    allowUnsigned: z.boolean(),
    prereleasePatterns: z.array(z.string()),
    tagPatterns: z.array(z.string()),
    /** The workflow files release.yaml says a tag starts (the release job lives in one). */
    tagWorkflows: z.array(z.string()),
    tagTemplate: z.string(),
    restoreWithinMinutes: z.number().int(),
  }),
  pipeline: pipelineResultSchema,
  tags: z.array(tagOutcomeSchema),
  triggers: z.array(triggerRowSchema),
  requiredChecks: z.array(requiredCheckSchema),
  defectGates: z.array(defectGateSchema),
  uses: z.array(usesSchema),
  signing: signingSchema,
  design: z.object({
    words: z.number().int(),
    sections: z.array(z.object({ key: z.string(), title: z.string(), heading: z.string().nullable(), words: z.number().int(), todo: z.boolean() })),
    claims: z.array(z.object({ section: z.string(), claim: z.string(), ok: z.boolean() })),
  }),
  drills: z.array(drillSchema),
  notes: z.array(z.string()),
});
export type ReleaseResult = z.infer<typeof releaseResultSchema>;
