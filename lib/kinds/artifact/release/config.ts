/**
 * `release.yaml`: the structured part of the capstone's design document, as a zod
 * schema. The checks hold the workflows, the replayed releases and the rollback drill
 * to what it says, so every field is something the simulation can observe. Parsed with
 * `yaml` (YAML 1.2) keeping source ranges, so a problem, whether YAML or schema, is
 * reported at the learner's line.
 */
import { LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import type { FileError } from '../common';

export const RELEASE_YAML = 'release.yaml';

/** A semantic version without a leading v, e.g. 1.3.0 or 1.4.0-rc.1 (semver.org's grammar, simplified). */
export const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/;

/** One workflow file or several: `ci.yml`, `.github/workflows/ci.yml` or a list; kept as base names. */
const workflowsSchema = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
  .transform((v) => (Array.isArray(v) ? v : [v]).map((f) => f.replace(/^\.\//, '').replace(/^\.github\/workflows\//, '')))
  .describe('the workflow file(s) this event starts, by name (ci.yml) or path (.github/workflows/ci.yml)');

const waveList = z
  .array(z.number().int().min(1).max(100))
  .min(1)
  .refine((w) => w.every((p, i) => i === 0 || p > w[i - 1]), { message: 'waves are cumulative percentages of the fleet, each larger than the one before (e.g. [5, 25, 100])' })
  .describe('cumulative percentage of the fleet on the new release after each wave');

export const releaseConfigSchema = z
  .object({
    triggers: z
      .object({
        'pull-request': z.object({ workflow: workflowsSchema }).strict().describe('what runs for a pull request into main'),
        main: z.object({ workflow: workflowsSchema }).strict().describe('what runs for a push (merge) to main'),
        tags: z
          .object({
            workflow: workflowsSchema,
            patterns: z.array(z.string().min(1)).min(1).describe("GitHub filter patterns of the tags that start a release, as in on.push.tags (e.g. 'v*.*.*')"),
          })
          .strict()
          .describe('what runs for a pushed tag'),
      })
      .strict(),
    'required-checks': z
      .array(z.string().min(1))
      .describe('the check names branch protection requires before a merge: job names of the pull request workflow, as GitHub shows them'),
    versioning: z
      .object({
        source: z.literal('package.json').describe("where the version lives; plugin.json's version is filled from it at build time"),
        tag: z
          .string()
          .regex(/\{version\}/, 'must contain {version}, e.g. v{version}')
          .describe('how a release tag is written from the version, e.g. v{version}'),
        prerelease: z.array(z.string().min(1)).describe("tag patterns published as pre-releases (never 'latest'), e.g. 'v*-*'"),
      })
      .strict(),
    signing: z
      .object({
        algorithm: z.literal('Ed25519').describe("the signature over the manifest of file hashes; the lab's signer supports Ed25519 (WebCrypto)"),
        job: z.string().min(1).describe('id of the job in the release workflow that signs and publishes: the only job that gets a secret or a token that can write'),
        secret: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a secret name like GRAFANA_ACCESS_POLICY_TOKEN').describe('the secret the signing step reads'),
        'allow-unsigned': z.boolean().describe("whether the fleet's Grafana loads this plugin unsigned (allow_loading_unsigned_plugins); a modified signature is never loaded"),
      })
      .strict(),
    rollout: z
      .object({
        waves: waveList,
        'bake-minutes': z.number().int().min(0).max(240).describe('minutes a wave runs, watched by the alert, before the next wave starts'),
      })
      .strict(),
    rollback: z
      .object({
        alert: z
          .object({
            'error-ratio-above': z.number().gt(0).lt(1).describe('fires when the query error ratio of the instances on the new release is above this (0.05 = 5%)'),
            'for-minutes': z.number().int().min(1).max(60).describe('…for this many consecutive minutes'),
          })
          .strict(),
        to: z
          .union([z.enum(['previous-stable', 'previous-release']), z.string().regex(SEMVER, 'previous-stable, previous-release or a version like 1.3.0')])
          .describe('the version instances go back to: the newest stable release before the bad one, the release published just before it, or a pinned version'),
        'restore-within-minutes': z.number().int().min(1).max(1440).describe('the promise: minutes from the first instance on the bad release until every instance is back on a good one'),
      })
      .strict(),
  })
  .strict();
export type ReleaseConfig = z.infer<typeof releaseConfigSchema>;

export interface ConfigParse {
  errors: FileError[];
  config?: ReleaseConfig;
}

/** The 1-based line of a path in the document, or of its nearest ancestor that exists. */
function lineOf(doc: Document, counter: LineCounter, path: PropertyKey[]): { line: number; column: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) {
      const pos = counter.linePos(node.range[0]);
      return { line: Math.max(1, pos.line), column: Math.max(1, pos.col) };
    }
  }
  return { line: 1, column: 1 };
}

/** Parses release.yaml: YAML errors, then schema problems, each at its line. Never throws. */
export function parseReleaseConfig(text: string, file = RELEASE_YAML): ConfigParse {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      errors: doc.errors.map((err) => {
        const pos = err.linePos?.[0] ?? counter.linePos(err.pos[0]);
        return { file, line: Math.max(1, pos.line), column: Math.max(1, pos.col), message: err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '') };
      }),
    };
  }
  const parsed = releaseConfigSchema.safeParse(doc.toJS());
  if (parsed.success) return { errors: [], config: parsed.data };
  return {
    errors: parsed.error.issues.map((issue) => {
      const at = lineOf(doc, counter, issue.path);
      const where = issue.path.length ? issue.path.join('.') : '(top level)';
      const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
      const message =
        issue.code === 'unrecognized_keys'
          ? `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')} in ${where}; the keys are described in the lab's README`
          : missing
            ? `${where} is missing: every key of release.yaml is required`
            : `${where}: ${issue.message}`;
      return { file, ...at, message };
    }),
  };
}

/** A tag written from a version with the config's template: v{version} + 1.4.0 → v1.4.0. */
export function tagFor(config: ReleaseConfig, version: string): string {
  return config.versioning.tag.replaceAll('{version}', version);
}
