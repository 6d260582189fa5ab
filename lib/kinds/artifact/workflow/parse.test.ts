/**
 * Contract tests on GitHub's workflow parser as we use it: if a version bump changes
 * what it accepts or how it reports errors, these fail loudly.
 */
import { describe, expect, it } from 'vitest';
import { parseWorkflowFile } from './parse';

const VALID = `on:
  push:
    branches: [main]
    tags: ['v*']
  pull_request:
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: go test ./...
        shell: bash
  release:
    needs: [build]
    if: startsWith(github.ref, 'refs/tags/v')
    runs-on: ubuntu-latest
    steps:
      - run: echo \${{ github.ref_name }}
`;

describe('parseWorkflowFile (GitHub workflow parser contract)', () => {
  it('normalises a valid workflow: events with filters, needs, wrapped if', async () => {
    const { errors, model } = await parseWorkflowFile('ci.yml', VALID);
    expect(errors).toEqual([]);
    expect(model?.events.push).toEqual({ branches: ['main'], tags: ['v*'] });
    expect(model?.events.pull_request).toEqual({});
    expect(model?.permissions).toEqual({ contents: 'read' });
    const release = model?.jobs.find((j) => j.id === 'release');
    expect(release?.needs).toEqual(['build']);
    expect(release?.if).toBe("success() && (startsWith(github.ref, 'refs/tags/v'))");
    expect(model?.jobs[0].steps[1]).toMatchObject({ run: 'go test ./...', shell: 'bash', if: 'success()' });
  });
  it('reports a needs on an unknown job at its line', async () => {
    const { errors, model } = await parseWorkflowFile('ci.yml', VALID.replace('needs: [build]', 'needs: [bild]'));
    expect(model).toBeUndefined();
    expect(errors).toEqual([{ file: 'ci.yml', line: 16, column: 13, message: "Job 'release' depends on unknown job 'bild'." }]);
  });
  it('reports an unclosed ${{ at its line', async () => {
    const { errors } = await parseWorkflowFile('ci.yml', VALID.replace('${{ github.ref_name }}', '${{ github.ref_name'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 20, column: 14 });
    expect(errors[0].message).toMatch(/expression is not closed/);
  });
  it('reports bad indentation as a YAML error with line and column', async () => {
    const { errors } = await parseWorkflowFile('ci.yml', VALID.replace('    runs-on: ubuntu-latest\n    steps:\n      - uses', '    runs-on: ubuntu-latest\n   steps:\n      - uses'));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].line).toBe(11);
    expect(errors[0].message.length).toBeGreaterThan(5);
  });
  it('rejects secrets in a job-level if, as GitHub does', async () => {
    const { errors } = await parseWorkflowFile('ci.yml', VALID.replace("if: startsWith(github.ref, 'refs/tags/v')", "if: secrets.X != ''"));
    expect(errors[0].message).toMatch(/Unrecognized named-value: 'secrets'/);
  });
});
