import { describe, expect, it } from 'vitest';
import { runArtifactEngine } from './engine';
import { workerRequestSchema, workerResponseSchema } from './worker-protocol';

const artifact = { simulation: 'pipeline' as const, file: 'ci.yml', seed: 1 };

describe('artifact worker messages', () => {
  it('accepts a real engine record and rejects a tampered one', async () => {
    const record = await runArtifactEngine({ artifact, files: { 'ci.yml': 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo\n' } });
    expect(workerResponseSchema.safeParse({ id: 1, ok: true, record }).success).toBe(true);
    expect(workerResponseSchema.safeParse({ id: 1, ok: true, record: { ...record, invocation: 'queryData' } }).success).toBe(false);
    expect(workerResponseSchema.safeParse({ id: 1, ok: true, record: { ...record, simulation: { cells: 'x' } } }).success).toBe(false);
  });
  it('validates requests', () => {
    expect(workerRequestSchema.safeParse({ id: 1, artifact, files: { 'ci.yml': '' } }).success).toBe(true);
    expect(workerRequestSchema.safeParse({ id: 1, artifact: { simulation: 'docker' }, files: {} }).success).toBe(false);
  });
  it('a malformed file is a record with errors, not a crash', async () => {
    const record = await runArtifactEngine({ artifact, files: { 'ci.yml': 'on: push\njobs:\n  a:\n    runs-on: x\n   steps: []\n' } });
    expect(record.parse.ok).toBe(false);
    expect(record.parse.errors[0]).toMatchObject({ file: 'ci.yml', line: 5 });
    expect(record.simulation).toBeNull();
  });
});
