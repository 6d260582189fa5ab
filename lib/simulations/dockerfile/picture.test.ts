import { expect, test } from 'vitest';
import { loadAllLabs } from '../../labs/load';
import { loadVariants } from '../../labs/variants';
import { inputFromFiles, labReport } from './lab';
import { FILES_PER_LAYER, picture } from './picture';

// The lab's files as the loaders give them (solution/ over starter/, wrong patches over the solution).
const lab = loadAllLabs().find((l) => l.id === 'week-3/multi-stage-dockerfile')!;
const wrongVariants = loadVariants(lab).wrong;
const wrongFiles = (name: string) => wrongVariants.find((v) => v.name === name)!.files;

test('the picture of the solution is plain data: stages, layers, final config, cache, sizes', () => {
  const p = picture(labReport(inputFromFiles(lab.solution)));
  expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  expect(p.notes[0]).toMatch(/model of docker build, not a build/);
  expect(p.sizesLabel).toMatch(/^approximate/);
  expect(p.stages.map((s) => [s.name, s.base, s.modelledAs, s.final])).toEqual([['build', 'golang:1.23-alpine', 'golang:1.23-alpine', false], [undefined, 'alpine:3.20', 'alpine:3.20', true]]);
  expect(p.stages[0].layers.find((l) => l.line === 8)).toMatchObject({ keyword: 'RUN', fileCount: 10 });
  expect(p.final?.config).toMatchObject({ user: 'grafana', uid: 10001, entrypoint: { form: 'exec' } });
  expect(p.final!.sizeBytes).toBe(p.stages[1].sizeBytes);
  expect(p.final!.sizeBytes).toBeLessThan(50 * 1024 * 1024);
  expect(p.context.ignored).toContain('.env');
  expect(p.cacheAfterCodeChange?.steps.find((s) => s.line === 8)?.status).toBe('CACHED');
  expect(p.findings).toEqual([]);
});

test('the starter picture lists at most FILES_PER_LAYER files per layer, biggest first', () => {
  const p = picture(labReport(inputFromFiles(lab.starter)));
  const copyAll = p.stages[0].layers.find((l) => l.source === 'COPY . .')!;
  expect(copyAll.fileCount).toBeGreaterThan(FILES_PER_LAYER);
  expect(copyAll.files).toHaveLength(FILES_PER_LAYER);
  expect(copyAll.files[0]).toMatchObject({ path: '/app/node_modules/other-packages.tar', origin: 'context node_modules/other-packages.tar' });
  expect(p.final!.sizeBytes).toBeGreaterThan(1024 * 1024 * 1024);
  expect(p.notes.some((n) => n.includes('golang:latest is not in the lab\'s catalogue'))).toBe(true);
});

test('each layer says what it adds; a secret stays flagged in its layer after a later line deletes it', () => {
  const p = picture(labReport(inputFromFiles(wrongFiles('secret-copied-then-removed'))));
  const final = p.stages.find((s) => s.final)!;
  expect(final.layers.find((l) => l.line === 20)).toMatchObject({ secrets: [{ path: '/tmp/build.env', removedOn: 21 }], parts: [{ label: 'secrets', count: 1 }] });
  expect(p.stages[0].layers.find((l) => l.line === 8)?.parts[0]).toMatchObject({ label: 'Go module cache', count: 10 });
  expect(p.context.files.find((f) => f.path === '.env')).toEqual({ path: '.env', sizeBytes: 144, ignored: false });
  expect(picture(labReport(inputFromFiles(lab.solution))).context.files.find((f) => f.path === '.env')).toEqual({ path: '.env', sizeBytes: 144, ignored: true });
});

test('secret values are masked in the config, instruction text and cache steps; names stay', () => {
  const p = picture(labReport(inputFromFiles(wrongFiles('env-api-key'))));
  expect(p.final?.config.env.UPSTREAM_API_KEY).toBe('••••');
  const text = JSON.stringify(p);
  expect(text).not.toContain('glsa_');
  expect(text).toContain('UPSTREAM_API_KEY');
});
