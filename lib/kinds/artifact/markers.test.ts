import { expect, it } from 'vitest';
import { runArtifactEngine } from './engine';
import { artifactMarkers } from './markers';

it('maps parse errors to editor markers at file:line:column', async () => {
  const record = await runArtifactEngine({ artifact: { simulation: 'pipeline', file: '.github/workflows/ci.yml', seed: 1 }, files: { '.github/workflows/ci.yml': 'on: push\njobs:\n  b:\n    runs-on: x\n    steps:\n      - run: echo\n  a:\n    runs-on: x\n    needs: [nope]\n    steps:\n      - run: echo\n' } });
  expect(artifactMarkers(record)).toEqual([{ path: '.github/workflows/ci.yml', line: 9, column: 13, message: "Job 'a' depends on unknown job 'nope'.", severity: 'error' }]);
  expect(artifactMarkers(null)).toEqual([]);
});
