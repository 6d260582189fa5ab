import { describe, expect, it } from 'vitest';
import { SCENARIO_PRESETS, scenarioSchema } from '@/lib/upstreams/scenario';
import { runHeaderText } from './run-header';

const record = (scenario: object, ok = true) => ({ output: { ok } as never, durationMs: 12.4, scenario: scenarioSchema.parse(scenario) });

describe('runHeaderText', () => {
  it('names the scenario of the run as the picker labels it', () => {
    for (const preset of SCENARIO_PRESETS) expect(runHeaderText(record(preset.scenario)), preset.id).toBe(`Last run: completed in 12 ms · scenario: ${preset.label}`);
  });

  it('reports out-of-order samples as such, never as normal', () => {
    expect(runHeaderText(record({ disorder: true }, false))).toBe('Last run: failed in 12 ms · scenario: Out-of-order samples');
  });
});
