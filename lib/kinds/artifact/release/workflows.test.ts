import { describe, expect, it } from 'vitest';
import { isPinned, parseWorkflows, usesOf } from './workflows';

const SHA = '11bd71901bbe5b1630ceea73d27597364c9af683';

describe('pinned actions', () => {
  it('accepts a full commit SHA, a local action and a Docker digest; nothing else', () => {
    expect(isPinned(`actions/checkout@${SHA}`)).toBe(true);
    expect(isPinned('./.github/actions/setup')).toBe(true);
    expect(isPinned(`docker://alpine@sha256:${'a'.repeat(64)}`)).toBe(true);
    expect(isPinned('actions/checkout@v4')).toBe(false);
    expect(isPinned('actions/checkout@11bd719')).toBe(false);
    expect(isPinned('docker://alpine:3.20')).toBe(false);
  });

  it('finds each uses: with its line', () => {
    const text = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Get\n        uses: actions/checkout@v4\n  b:\n    uses: ./.github/workflows/ci.yml\n`;
    expect(usesOf('w.yml', text)).toEqual([
      { file: 'w.yml', line: 7, column: 15, where: 'a › Get', uses: 'actions/checkout@v4', pinned: false },
      { file: 'w.yml', line: 9, column: 11, where: 'b', uses: './.github/workflows/ci.yml', pinned: true },
    ]);
  });
});

describe('local reusable workflows', () => {
  const ci = `on:\n  pull_request:\n  workflow_call:\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run lint\n  test:\n    needs: lint\n    runs-on: ubuntu-latest\n    steps:\n      - run: go test ./...\n`;
  const release = `on:\n  push:\n    tags: ['v*']\njobs:\n  gates:\n    uses: ./.github/workflows/ci.yml\n  publish:\n    needs: gates\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n`;

  it("expand into the called jobs, named as GitHub shows them, and the caller's dependants wait for all of them", async () => {
    const parsed = await parseWorkflows({ '.github/workflows/ci.yml': ci, '.github/workflows/release.yml': release });
    expect(parsed.errors).toEqual([]);
    const jobs = parsed.models['release.yml'].jobs;
    expect(jobs.map((j) => [j.id, j.name, j.needs])).toEqual([
      ['gates/lint', 'gates / lint', []],
      ['gates/test', 'gates / test', ['gates/lint']],
      ['publish', 'publish', ['gates/lint', 'gates/test']],
    ]);
  });

  it('fail the calling job when the called workflow has no workflow_call', async () => {
    const parsed = await parseWorkflows({ '.github/workflows/ci.yml': ci.replace('  workflow_call:\n', ''), '.github/workflows/release.yml': release });
    expect(parsed.notes.join()).toMatch(/no `on: workflow_call`/);
    expect(parsed.models['release.yml'].jobs[0].steps[0].run).toBe('false');
  });
});
