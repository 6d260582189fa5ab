import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseReleaseConfig, tagFor } from './config';

const solution = readFileSync('labs/capstone/b-release-design/solution/release.yaml', 'utf8');

describe('release.yaml', () => {
  it("parses the lab's solution", () => {
    const { errors, config } = parseReleaseConfig(solution);
    expect(errors).toEqual([]);
    expect(config?.triggers.tags.workflow).toEqual(['release.yml']);
    expect(tagFor(config!, '1.4.0')).toBe('v1.4.0');
  });

  it('reports an unknown key and a bad value at their lines', () => {
    const typo = parseReleaseConfig(solution.replace('  bake-minutes: 20', '  bake-minute: 20'));
    const unknown = typo.errors.find((e) => e.message.includes('unknown key'));
    expect(unknown).toMatchObject({ line: solution.split('\n').findIndex((l) => l.includes('waves:')) + 1, message: expect.stringContaining('unknown key "bake-minute" in rollout') });
    expect(typo.errors.map((e) => e.message)).toContain('rollout.bake-minutes is missing: every key of release.yaml is required');
    const waves = parseReleaseConfig(solution.replace('[5, 25, 100]', '[50, 25, 100]'));
    expect(waves.errors[0].message).toMatch(/cumulative/);
    expect(waves.errors[0].line).toBe(solution.split('\n').findIndex((l) => l.includes('waves:')) + 1);
  });

  it('reports YAML errors at their line', () => {
    expect(parseReleaseConfig('triggers:\n  - a\n b: c\n').errors[0].line).toBeGreaterThan(1);
  });
});
