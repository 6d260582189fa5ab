import { describe, expect, it } from 'vitest';
import { SCENARIO_PRESETS, scenarioSchema } from './scenario';
import { SCENARIO_NAMES, scenarioName } from './scenario-name';

describe('scenarioName', () => {
  it('names every preset, resolved as a run records it, by the label the picker shows', () => {
    for (const preset of SCENARIO_PRESETS) expect(scenarioName(scenarioSchema.parse(preset.scenario)), preset.id).toBe(preset.label);
  });

  it('names the out-of-order scenario as such, not "normal"', () => {
    expect(scenarioName({ disorder: true })).toBe(SCENARIO_NAMES['out-of-order']);
    expect(scenarioName({ disorder: true })).not.toMatch(/normal/i);
  });

  it('names each failure the same way whatever it is combined with', () => {
    expect(scenarioName({ disorder: true, latencyMs: 300 })).toBe('Out-of-order samples + 300 ms latency');
    expect(scenarioName({ latencyMs: 250 })).toBe('250 ms latency');
    expect(scenarioName({ unaligned: true, specialValues: true })).toBe('Unaligned series + NaN and ±Inf samples');
    expect(scenarioName({ fault: 'server_error', faultQueryContains: 'cpu' })).toBe('Server error + only for queries containing "cpu"');
  });

  it('reads an optional switch given as false, and a changed Retry-After, as their preset', () => {
    expect(scenarioName({ rejectKeys: false, forbidden: false })).toBe('Normal');
    expect(scenarioName({ fault: 'rate_limit', retryAfterSeconds: 30 })).toBe(SCENARIO_NAMES['rate-limited']);
  });

  it('says Normal for a healthy or unreadable scenario', () => {
    expect(scenarioName({})).toBe('Normal');
    expect(scenarioName({ latencyMs: -1 } as never)).toBe('Normal');
  });
});
