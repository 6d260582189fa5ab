import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SCENARIO, faultApplies, SCENARIO_PRESETS, scenarioSchema, sleep, untilAborted } from './scenario';

describe('scenarioSchema', () => {
  it('fills every default from an empty object', () => {
    expect(scenarioSchema.parse({})).toEqual({ latencyMs: 0, fault: 'none', retryAfterSeconds: 2, disorder: false });
    expect(DEFAULT_SCENARIO).toEqual(scenarioSchema.parse({}));
  });

  it('describes every field, so the UI and docs can explain it', () => {
    for (const [name, field] of Object.entries(scenarioSchema.shape)) {
      expect(field.description, name).toMatch(/\w{3,}/);
    }
  });

  it.each([
    [{ latencyMs: -1 }, 'latencyMs'],
    [{ latencyMs: 30001 }, 'latencyMs'],
    [{ latencyMs: 1.5 }, 'latencyMs'],
    [{ fault: 'explode' }, 'fault'],
    [{ retryAfterSeconds: 3601 }, 'retryAfterSeconds'],
    [{ faultQueryContains: 42 }, 'faultQueryContains'],
    [{ disorder: 'yes' }, 'disorder'],
    [{ forbidden: 1 }, 'forbidden'],
    [{ unaligned: 'true' }, 'unaligned'],
    [{ specialValues: null }, 'specialValues'],
  ])('rejects %j and names the field', (input, field) => {
    const result = scenarioSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual([field]);
  });

  it('keeps the values it is given', () => {
    const input = { latencyMs: 30000, fault: 'rate_limit', retryAfterSeconds: 0, faultQueryContains: 'cpu', disorder: true, forbidden: true, unaligned: true, specialValues: false };
    expect(scenarioSchema.parse(input)).toEqual(input);
  });
});

describe('SCENARIO_PRESETS', () => {
  it('offers the presets the picker needs, healthy first', () => {
    expect(SCENARIO_PRESETS.map((p) => p.id)).toEqual([
      'normal',
      'slow',
      'server-error',
      'rate-limited',
      'hang',
      'malformed',
      'out-of-order',
      'key-rejected',
      'key-forbidden',
      'unaligned',
      'special-values',
    ]);
  });

  it('has valid scenarios with a label and a description each', () => {
    for (const preset of SCENARIO_PRESETS) {
      expect(preset.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(preset.label.length, preset.id).toBeGreaterThan(2);
      expect(preset.description, preset.id).toMatch(/\.$/);
      expect(scenarioSchema.safeParse(preset.scenario).success, preset.id).toBe(true);
    }
  });

  it('sets what each name promises', () => {
    const byId = Object.fromEntries(SCENARIO_PRESETS.map((p) => [p.id, scenarioSchema.parse(p.scenario)]));
    expect(byId.normal).toEqual(DEFAULT_SCENARIO);
    expect(byId.slow).toEqual({ ...DEFAULT_SCENARIO, latencyMs: 800 });
    expect(byId['server-error'].fault).toBe('server_error');
    expect(byId['rate-limited'].fault).toBe('rate_limit');
    expect(byId.hang.fault).toBe('hang');
    expect(byId.malformed.fault).toBe('malformed');
    expect(byId['out-of-order']).toEqual({ ...DEFAULT_SCENARIO, disorder: true });
    expect(byId['key-rejected']).toEqual({ ...DEFAULT_SCENARIO, rejectKeys: true });
    expect(byId['key-forbidden']).toEqual({ ...DEFAULT_SCENARIO, forbidden: true });
    expect(byId.unaligned).toEqual({ ...DEFAULT_SCENARIO, unaligned: true });
    expect(byId['special-values']).toEqual({ ...DEFAULT_SCENARIO, specialValues: true });
  });
});

describe('faultApplies', () => {
  const scenario = (input: object) => scenarioSchema.parse(input);

  it('never applies without a fault', () => {
    expect(faultApplies(scenario({}), 'cpu')).toBe(false);
    expect(faultApplies(scenario({ faultQueryContains: 'cpu' }), 'cpu')).toBe(false);
  });

  it('applies to every request when not limited to some queries', () => {
    expect(faultApplies(scenario({ fault: 'hang' }), 'cpu')).toBe(true);
    expect(faultApplies(scenario({ fault: 'hang' }), undefined)).toBe(true);
  });

  it('applies only to queries containing faultQueryContains, never to query-less requests', () => {
    const partial = scenario({ fault: 'server_error', faultQueryContains: 'memory' });
    expect(faultApplies(partial, 'sum(memory_used_bytes)')).toBe(true);
    expect(faultApplies(partial, 'cpu_usage_percent')).toBe(false);
    expect(faultApplies(partial, undefined)).toBe(false);
  });
});

describe('sleep', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves true once the time has passed', async () => {
    vi.useFakeTimers();
    let done: boolean | undefined;
    void sleep(800).then((value) => (done = value));
    await vi.advanceTimersByTimeAsync(799);
    expect(done).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it('resolves false on abort and leaves no timer behind', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const waiting = sleep(30000, controller.signal);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    await expect(waiting).resolves.toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('resolves at once for zero, and false for an already aborted signal', async () => {
    await expect(sleep(0)).resolves.toBe(true);
    await expect(sleep(1000, AbortSignal.abort())).resolves.toBe(false);
  });
});

describe('untilAborted', () => {
  it('stays pending until the signal aborts, then resolves with onAbort()', async () => {
    const controller = new AbortController();
    let settled: string | undefined;
    void untilAborted(controller.signal, () => 'gave up').then((value) => (settled = value));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBeUndefined();
    controller.abort();
    await Promise.resolve();
    expect(settled).toBe('gave up');
  });

  it('resolves at once when the signal is already aborted', async () => {
    await expect(untilAborted(AbortSignal.abort(), () => 1)).resolves.toBe(1);
  });
});
