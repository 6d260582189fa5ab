/**
 * The lab's content against the engine: the starter fails most findings, the two
 * solutions pass all of them, and each wrong variant triggers exactly the findings
 * its note names. Together the wrong variants cover every finding kind.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FINDING_KINDS } from './findings';
import { labReport } from './lab';

const ROOT = join(process.cwd(), 'content/dockerfile');

function load(dir: string) {
  const ignorePath = join(ROOT, dir, '.dockerignore');
  return {
    dockerfile: readFileSync(join(ROOT, dir, 'Dockerfile'), 'utf8'),
    dockerignore: existsSync(ignorePath) ? readFileSync(ignorePath, 'utf8') : undefined,
  };
}

const kinds = (dir: string) => [...new Set(labReport(load(dir)).findings.map((f) => f.kind))].sort();

describe('starter', () => {
  test('builds, and fails most findings', () => {
    const report = labReport(load('starter'));
    expect(report.blocking).toBeUndefined();
    expect(kinds('starter')).toEqual(
      ['binary-missing', 'deps-not-cached', 'runs-as-root', 'secret-file', 'source-in-final', 'toolchain-in-final', 'unpinned-base'],
    );
  });
});

describe.each(['solution', 'alternative'])('%s', (dir) => {
  test('builds with no diagnostics and no findings', () => {
    const report = labReport(load(dir));
    expect(report.blocking).toBeUndefined();
    expect(report.model.failure).toBeUndefined();
    expect(report.model.diagnostics).toEqual([]);
    expect(report.findings).toEqual([]);
  });
});

const wrong = readdirSync(join(ROOT, 'wrong')).sort();

describe.each(wrong)('wrong/%s', (name) => {
  test('triggers exactly the findings its note names', () => {
    const note = JSON.parse(readFileSync(join(ROOT, 'wrong', name, 'note.json'), 'utf8')) as { findings: string[]; note: string };
    const report = labReport(load(join('wrong', name)));
    expect(report.blocking).toBeUndefined();
    expect(kinds(join('wrong', name))).toEqual([...note.findings].sort());
    for (const f of report.findings) expect(f.line).toBeGreaterThan(0);
  });
});

test('every finding kind is triggered by at least one wrong variant', () => {
  const covered = new Set(wrong.flatMap((name) => kinds(join('wrong', name))));
  expect([...covered].sort()).toEqual([...FINDING_KINDS].sort());
});
