import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { simulateBuild } from './build';
import { CODE_CHANGE, compareBuilds, DEPENDENCY_CHANGE, rebuildAfter } from './cache';

const load = (dir: string, withIgnore = true) => ({
  dockerfile: readFileSync(join(process.cwd(), 'labs/week-3/03-multi-stage-dockerfile', dir, 'Dockerfile'), 'utf8'),
  dockerignore: withIgnore ? readFileSync(join(process.cwd(), 'labs/week-3/03-multi-stage-dockerfile', dir, '.dockerignore'), 'utf8') : undefined,
});
const statuses = (r: ReturnType<typeof rebuildAfter>) => r.steps.map((s) => `${s.line} ${s.status}`);

describe('rebuildAfter', () => {
  test('solution, code-only change: the dependency layer is reused, the build and what follows it are rebuilt', () => {
    const r = rebuildAfter(load('solution'), CODE_CHANGE);
    expect(statuses(r)).toEqual([
      '5 CACHED', '7 CACHED', '8 CACHED', // WORKDIR, COPY go.mod go.sum, RUN go mod download
      '9 rebuilt', '10 rebuilt', // COPY pkg/, RUN go build
      '15 CACHED', '18 CACHED', // final: apk/adduser, COPY plugin.json
      '19 rebuilt', '20 rebuilt', '21 rebuilt', // COPY --from=build binary, USER, ENTRYPOINT
    ]);
    // Rebuilt bytes: the source, the binary and the build cache, not the modules.
    expect(r.rebuiltBytes).toBeLessThan(250 * 1024 * 1024);
  });

  test('solution, go.sum changed: the download runs again', () => {
    const r = rebuildAfter(load('solution'), DEPENDENCY_CHANGE);
    expect(r.steps.find((s) => s.line === 7)?.status).toBe('rebuilt');
    expect(r.steps.find((s) => s.line === 8)?.status).toBe('rebuilt');
    expect(r.steps.find((s) => s.line === 15)?.status).toBe('CACHED');
  });

  test('starter, code-only change: COPY . . misses, so the build downloads every module again', () => {
    const r = rebuildAfter(load('starter', false), CODE_CHANGE);
    expect(statuses(r)).toEqual(['3 CACHED', '4 rebuilt', '5 rebuilt', '6 rebuilt']);
    expect(r.rebuiltBytes).toBeGreaterThan(rebuildAfter(load('solution'), CODE_CHANGE).rebuiltBytes + 200 * 1024 * 1024);
  });

  test('no change: everything is CACHED; a change to an ignored file busts nothing', () => {
    expect(rebuildAfter(load('solution'), []).steps.every((s) => s.status === 'CACHED')).toBe(true);
    expect(rebuildAfter(load('solution'), [{ path: 'src/datasource.ts' }]).steps.every((s) => s.status === 'CACHED')).toBe(true);
    // Without a .dockerignore the starter's COPY . . sees the frontend edit too.
    expect(rebuildAfter(load('starter', false), [{ path: 'src/datasource.ts' }]).steps.find((s) => s.line === 4)?.status).toBe('rebuilt');
  });

  test('a changed build arg busts the RUN steps after its declaration, not those before', () => {
    const dockerfile = 'FROM alpine:3.20\nRUN mkdir /a\nARG V=1\nRUN mkdir /b\n';
    const r = compareBuilds(simulateBuild({ dockerfile }), simulateBuild({ dockerfile, buildArgs: { V: '2' } }));
    expect(r.steps.filter((s) => s.keyword === 'RUN').map((s) => `${s.line} ${s.status}`)).toEqual(['2 CACHED', '4 rebuilt']);
  });
});
