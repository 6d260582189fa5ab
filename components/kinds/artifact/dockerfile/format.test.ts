import { describe, expect, it } from 'vitest';
import { blockHeightRem, formatBytes, stageTitle } from './format';
import type { DockerfileStagePicture } from '@/lib/kinds/artifact/dockerfile/result';

describe('formatBytes', () => {
  it('uses binary units with one decimal under ten', () => {
    expect([0, 512, 1536, 41_230, 7_800_000, 32_505_856, 1_300_000_000].map(formatBytes)).toEqual(['0 B', '512 B', '1.5 KB', '40 KB', '7.4 MB', '31 MB', '1.2 GB']);
  });
});

describe('stageTitle', () => {
  const stage = (over: Partial<DockerfileStagePicture>): DockerfileStagePicture => ({ index: 0, fromLine: 1, base: 'golang:1.23-alpine', baseSizeBytes: 0, layers: [], sizeBytes: 0, final: false, ...over });
  it('names the stage, whether it is the image, and its base', () => {
    const build = stage({ name: 'build' });
    expect(stageTitle(build, [build])).toBe('stage build (golang:1.23-alpine)');
    expect(stageTitle(stage({ index: 1, base: 'alpine:3.20', final: true }), [build])).toBe('final image, stage 1 (alpine:3.20)');
    expect(stageTitle(stage({ index: 1, base: 'build', baseStage: 0, final: true }), [build])).toBe('final image, stage 1 (from build)');
  });
});

describe('blockHeightRem', () => {
  it('grows with the size and stays between 2 and 6 rem', () => {
    expect(blockHeightRem(0)).toBe(2);
    expect(blockHeightRem(100)).toBe(2);
    expect(blockHeightRem(1e6)).toBeCloseTo(4.25);
    expect(blockHeightRem(1e12)).toBe(6);
  });
});
