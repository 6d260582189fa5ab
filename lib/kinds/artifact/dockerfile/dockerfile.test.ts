/**
 * The `dockerfile` simulation through the artifact engine: the record is plain data the
 * Worker protocol accepts, malformed input is an error at its line (never a throw), and
 * the lab's read-only files are the build context the engine models.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contextManifest } from '@/lib/simulations/dockerfile/content';
import { runArtifactEngine } from '../engine';
import { artifactMarkers } from '../markers';
import { workerResponseSchema } from '../worker-protocol';
import kind from '../index';
import { dockerfileResultSchema } from './result';

const DIR = join(process.cwd(), 'labs/week-3/03-multi-stage-dockerfile');
const read = (path: string) => readFileSync(join(DIR, path), 'utf8');
const artifact = { simulation: 'dockerfile' as const, file: 'Dockerfile', seed: 1 };
const solution = { Dockerfile: read('solution/Dockerfile'), '.dockerignore': read('solution/.dockerignore') };

describe('dockerfile simulation', () => {
  it('gives a record of plain data that the Worker protocol accepts', async () => {
    const record = await runArtifactEngine({ artifact, files: solution });
    expect(record.parse).toEqual({ ok: true, errors: [] });
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
    expect(workerResponseSchema.safeParse({ id: 1, ok: true, record }).success).toBe(true);
    const result = dockerfileResultSchema.parse(record.simulation);
    expect(result.expectedBinaryPath).toBe('/var/lib/grafana/plugins/lab-upstream-datasource/gpx_lab_datasource_linux_amd64');
    expect(result.catalogueAsOf).toMatch(/^\d{4}-\d{2}$/);
    expect(result.picture.stages.filter((s) => s.final)).toHaveLength(1);
    expect(result.picture.cacheAfterCodeChange?.steps.some((s) => s.status === 'CACHED')).toBe(true);
  });

  it('an unknown instruction is an error at its line: markers for the editor, one blocking message for the checks', async () => {
    const broken = { ...solution, Dockerfile: solution.Dockerfile.replace('WORKDIR /src', 'WORKDIRR /src') };
    const record = await runArtifactEngine({ artifact, files: broken });
    expect(record.parse.ok).toBe(false);
    expect(record.parse.errors).toEqual([expect.objectContaining({ file: 'Dockerfile', line: 5, column: 1, message: expect.stringContaining('did you mean WORKDIR') })]);
    expect(record.simulation).toBeNull();
    expect(artifactMarkers(record)).toEqual([expect.objectContaining({ path: 'Dockerfile', line: 5, severity: 'error' })]);
    expect(kind.blockingError(record)).toMatch(/^Dockerfile:5:1: "WORKDIRR" is not a Dockerfile instruction \(did you mean WORKDIR\?\)\. Docker stops the build here\. Fix the file and run again: the checks need a Dockerfile that parses and builds\.$/);
  });

  it('a build that stops (a COPY of a file .dockerignore excludes) is an error at the COPY', async () => {
    const record = await runArtifactEngine({ artifact, files: { ...solution, Dockerfile: `${solution.Dockerfile}\nCOPY .env /tmp/\n` } });
    expect(record.parse.errors[0]).toMatchObject({ line: 23, message: expect.stringContaining('.dockerignore excludes it') });
  });

  it('an empty Dockerfile and binary garbage give errors, not a throw', async () => {
    for (const text of ['', '\u0000\u0001FROM', '[', 'FROM golang:1.23 AS\nRUN ["go"']) {
      const record = await runArtifactEngine({ artifact, files: { Dockerfile: text } });
      expect(record.engineError).toBeUndefined();
      expect(record.parse.ok).toBe(false);
      expect(record.parse.errors[0].line).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('the lab shows the context the engine models', () => {
  it('its read-only plugin.json and go.mod are the repository files the engine builds from', () => {
    for (const path of ['plugin.json', 'go.mod']) {
      expect(read(`starter/${path}`), path).toBe(contextManifest().files.find((f) => f.path === path)?.content);
    }
  });

  it('the README lists every top-level entry of the build context', () => {
    const listing = read('README.md').split('## The build context')[1].split('\n## ')[0];
    const tops = [...new Set(contextManifest().files.map((f) => f.path.split('/')[0]))];
    expect(tops.filter((t) => !listing.includes(t))).toEqual([]);
  });
});
