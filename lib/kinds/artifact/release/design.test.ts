import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseReleaseConfig } from './config';
import { readDesign } from './design';

const dir = 'labs/capstone/b-release-design';
const config = parseReleaseConfig(readFileSync(`${dir}/solution/release.yaml`, 'utf8')).config!;

describe('DESIGN.md', () => {
  it("finds the solution's five sections under its title, and every claim", () => {
    const reading = readDesign(readFileSync(`${dir}/solution/DESIGN.md`, 'utf8'), config);
    expect(reading.sections.map((s) => s.heading)).toEqual(['Triggers', 'Required checks', 'Versioning', 'Signing', 'Rollout and rollback']);
    expect(reading.claims.filter((c) => !c.ok)).toEqual([]);
  });

  it('counts sub-sections with their section, and does not take "design" for signing', () => {
    const reading = readDesign('# Release design\n\n## Signing\n\n### Keys\n\nEd25519 with GRAFANA_ACCESS_POLICY_TOKEN.\n', config);
    const signing = reading.sections.find((s) => s.key === 'signing')!;
    expect(signing.heading).toBe('Signing');
    expect(reading.claims.filter((c) => c.section === 'signing').every((c) => c.ok)).toBe(true);
  });

  it('notices a number that disagrees with release.yaml', () => {
    const text = readFileSync(`${dir}/solution/DESIGN.md`, 'utf8').replace('within 30\nminutes', 'within 45\nminutes');
    expect(readDesign(text, config).claims.filter((c) => !c.ok).map((c) => c.claim)).toEqual(['every instance is back on a good version within 30 minutes']);
  });
});
