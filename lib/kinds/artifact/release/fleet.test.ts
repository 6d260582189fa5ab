import { describe, expect, it } from 'vitest';
import { releaseConfigSchema, type ReleaseConfig } from './config';
import { rollbackTarget, runDrill } from './fleet';

const config = (patch: { rollout?: Partial<ReleaseConfig['rollout']>; rollback?: Partial<ReleaseConfig['rollback']>; alert?: Partial<ReleaseConfig['rollback']['alert']> } = {}): ReleaseConfig => {
  const base = releaseConfigSchema.parse({
    triggers: { 'pull-request': { workflow: 'ci.yml' }, main: { workflow: 'ci.yml' }, tags: { workflow: 'release.yml', patterns: ['v*'] } },
    'required-checks': ['ci'],
    versioning: { source: 'package.json', tag: 'v{version}', prerelease: ['v*-*'] },
    signing: { algorithm: 'Ed25519', job: 'release', secret: 'T', 'allow-unsigned': false },
    rollout: { waves: [5, 25, 100], 'bake-minutes': 20 },
    rollback: { alert: { 'error-ratio-above': 0.05, 'for-minutes': 5 }, to: 'previous-stable', 'restore-within-minutes': 30 },
  });
  return { ...base, rollout: { ...base.rollout, ...patch.rollout }, rollback: { ...base.rollback, ...patch.rollback, alert: { ...base.rollback.alert, ...patch.alert } } };
};

describe('rollback drill', () => {
  it('stops a bad release at its canary and restores the fleet quickly', () => {
    const { outcome } = runDrill(config(), 1, true);
    expect(outcome).toMatchObject({ rolledBack: true, target: '1.3.0', targetHasBug: false, badInstances: 1, firstWaveSize: 1 });
    expect(outcome.minutesToRestore).toBeLessThanOrEqual(15);
  });

  it('rolls a good release out to everyone and promotes latest, despite the blip on grafana-01', () => {
    const drill = runDrill(config(), 1, false);
    expect(drill.outcome).toMatchObject({ rolledBack: false, latest: '1.4.0' });
    expect(drill.outcome.completedAt).not.toBeNull();
    expect(drill.instances.every((i) => i.finalVersion === '1.4.0')).toBe(true);
  });

  it('rolls a good release back when the alert fires on a short blip', () => {
    expect(runDrill(config({ alert: { 'for-minutes': 2 } }), 1, false).outcome.rolledBack).toBe(true);
  });

  it('lets the second wave install the bad release when the bake is shorter than the alert', () => {
    expect(runDrill(config({ rollout: { 'bake-minutes': 2 } }), 1, true).outcome.badInstances).toBeGreaterThan(1);
  });

  it('does not restore anything by going back to the release candidate of the same line', () => {
    const { outcome } = runDrill(config({ rollback: { to: 'previous-release' } }), 1, true);
    expect(outcome).toMatchObject({ target: '1.4.0-rc.1', targetHasBug: true, restoredAt: null });
  });

  it('is deterministic for a seed', () => {
    expect(JSON.stringify(runDrill(config(), 7, true))).toBe(JSON.stringify(runDrill(config(), 7, true)));
  });

  it('resolves rollback targets', () => {
    expect(rollbackTarget('previous-stable', '1.4.0')).toEqual({ version: '1.3.0', problem: null });
    expect(rollbackTarget('1.2.0', '1.4.0')).toEqual({ version: '1.2.0', problem: null });
    expect(rollbackTarget('1.1.0', '1.4.0').problem).toMatch(/no release 1.1.0/);
  });
});
