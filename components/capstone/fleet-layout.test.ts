import { describe, expect, it } from 'vitest';
import { releaseConfigSchema } from '@/lib/kinds/artifact/release/config';
import { runDrill } from '@/lib/kinds/artifact/release/fleet';
import { fleetLayout } from './fleet-layout';

const config = releaseConfigSchema.parse({
  triggers: { 'pull-request': { workflow: 'ci.yml' }, main: { workflow: 'ci.yml' }, tags: { workflow: 'release.yml', patterns: ['v*'] } },
  'required-checks': ['ci'],
  versioning: { source: 'package.json', tag: 'v{version}', prerelease: [] },
  signing: { algorithm: 'Ed25519', job: 'release', secret: 'T', 'allow-unsigned': false },
  rollout: { waves: [5, 25, 100], 'bake-minutes': 20 },
  rollback: { alert: { 'error-ratio-above': 0.05, 'for-minutes': 5 }, to: 'previous-stable', 'restore-within-minutes': 30 },
});

describe('fleet picture layout', () => {
  it('colours the canary red while it serves the bad release, and says so in words', () => {
    const { rows, legend } = fleetLayout(runDrill(config, 1, true));
    expect(rows).toHaveLength(20);
    expect(rows[0].bars.some((b) => b.fill === 'bad')).toBe(true);
    expect(rows.slice(1).every((r) => r.bars.every((b) => b.fill === 'old'))).toBe(true);
    expect(rows[0].summary).toMatch(/grafana-01 \(wave 1\): served v1.3.0, then v1.4.0, .*minutes on a version with the bug; ends on v1.3.0\./);
    expect(legend).toContain('rolling-back');
  });

  it('covers every minute of every row exactly once', () => {
    for (const row of fleetLayout(runDrill(config, 1, false)).rows) {
      row.bars.forEach((b, i) => expect(b.from).toBe(i === 0 ? 0 : row.bars[i - 1].to));
      expect(row.bars[row.bars.length - 1].to).toBe(180);
    }
  });
});
