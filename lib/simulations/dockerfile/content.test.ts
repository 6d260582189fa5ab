/**
 * The lab's content (labs/week-3/03-multi-stage-dockerfile) against the engine: the
 * starter builds and triggers most findings, the solution and the alternative trigger
 * none, and each wrong variant (its patch applied to the solution) triggers exactly the
 * finding kinds listed here. Together the wrong variants trigger every kind. (The labs
 * conformance test proves the same at the level of the lab's checks.)
 */
import { describe, expect, test } from 'vitest';
import { loadAllLabs } from '../../labs/load';
import { loadVariants } from '../../labs/variants';
import { FINDING_KINDS, type FindingKind } from './findings';
import { inputFromFiles, labReport } from './lab';
import type { DockerfileInput } from './build';

// The lab's files as the loaders give them (solution/ over starter/, patches over the solution).
const lab = loadAllLabs().find((l) => l.id === 'week-3/multi-stage-dockerfile')!;
const labVariants = loadVariants(lab);
const starter = inputFromFiles(lab.starter);
const solution = inputFromFiles(lab.solution);
const kinds = (input: DockerfileInput) => [...new Set(labReport(input).findings.map((f) => f.kind))].sort();

const WRONG: Record<string, FindingKind[]> = {
  'arg-into-env': ['secret-arg', 'secret-env'],
  'arg-token': ['secret-arg'],
  'binary-not-executable': ['binary-not-runnable'],
  'binary-without-suffix': ['binary-missing'],
  'cgo-binary-on-alpine': ['binary-not-runnable'],
  'debian-slim-no-certs': ['no-ca-certs'],
  'distroless-root': ['runs-as-root'],
  'distroless-tag-only': ['unpinned-base'],
  'env-api-key': ['secret-env'],
  'final-on-golang': ['toolchain-in-final'],
  'latest-tag': ['unpinned-base'],
  'no-download-step': ['deps-not-cached'],
  'scratch-no-certs': ['no-ca-certs'],
  'secret-copied-then-removed': ['secret-file'],
  'secrets-in-build-stage': ['secret-file'],
  'source-before-deps': ['deps-not-cached'],
  'user-root-at-end': ['runs-as-root'],
  'whole-context-final': ['source-in-final'],
  'wrong-binary-path': ['binary-missing'],
};

test('starter: builds, and fails most findings', () => {
  expect(labReport(starter).blocking).toBeUndefined();
  expect(kinds(starter)).toEqual(['binary-missing', 'deps-not-cached', 'runs-as-root', 'secret-file', 'source-in-final', 'toolchain-in-final', 'unpinned-base']);
});

describe.each([['solution', solution], ['alternative', inputFromFiles(labVariants.alternative!)]] as const)('%s', (_name, input) => {
  test('builds with no diagnostics and no findings', () => {
    const report = labReport(input);
    expect(report.blocking).toBeUndefined();
    expect(report.model.failure).toBeUndefined();
    expect(report.model.diagnostics).toEqual([]);
    expect(report.findings).toEqual([]);
  });
});

const variants = labVariants.wrong.map((v) => v.name).sort();

test('every wrong variant is listed here', () => {
  expect(variants).toEqual(Object.keys(WRONG).sort());
});

describe.each(variants)('wrong/%s', (name) => {
  test('builds and triggers exactly its findings, each at a line', () => {
    const input = inputFromFiles(labVariants.wrong.find((v) => v.name === name)!.files);
    const report = labReport(input);
    expect(report.blocking).toBeUndefined();
    expect(kinds(input)).toEqual([...(WRONG[name] ?? [])].sort());
    for (const f of report.findings) expect(f.line).toBeGreaterThan(0);
  });
});

test('every finding kind is triggered by at least one wrong variant', () => {
  expect([...new Set(Object.values(WRONG).flat())].sort()).toEqual([...FINDING_KINDS].sort());
});
