import { describe, expect, it } from 'vitest';
import { createStorage } from '../../promql';
import { exposedNames, firesBetween, metricNames, parseDashboard, parseDuration, parseRules, replayRules, unknownMetrics } from './alerts';

const rules = (expr: string, forText?: string) => `groups:\n  - name: g\n    rules:\n      - alert: High\n        expr: ${expr}\n${forText ? `        for: ${forText}\n` : ''}`;

describe('alert rules', () => {
  it('reads Prometheus durations', () => {
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('soon')).toBeUndefined();
  });

  it('parses a rules file and names what is wrong in one that is not', () => {
    const ok = parseRules(rules('up > 1', '1m'));
    expect(ok.ok && ok.value[0].forMs).toBe(60_000);
    const bad = parseRules('groups:\n  - name: g\n    rules:\n      - alert: X\n        for: later\n        expr: up');
    expect(!bad.ok && bad.message).toMatch(/for must be a Prometheus duration/);
    const notPromQL = parseRules(rules('rate(up'));
    expect(!notPromQL.ok && notPromQL.message).toMatch(/alert High/);
  });

  it('lists the metrics an expression selects and those a scrape lacks', () => {
    const parsed = parseRules(rules('sum(rate(a_total[1m])) / sum(rate(b_bucket{le="1"}[1m])) > 0'));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(metricNames(parsed.value[0].ast)).toEqual(['a_total', 'b_bucket']);
    const exposed = exposedNames([{ name: 'b', type: 'histogram', samples: [] }]);
    expect(unknownMetrics(parsed.value[0].ast, exposed)).toEqual(['a_total']);
  });

  it('goes pending, then fires after `for`, and resets when the series goes away', () => {
    // x is 1 from 60 s to 150 s, 0 otherwise.
    const samples: [number, number][] = [];
    for (let t = 0; t <= 300_000; t += 15_000) samples.push([t, t >= 60_000 && t < 150_000 ? 1 : 0]);
    const storage = createStorage([{ labels: { __name__: 'x' }, samples }]);
    const parsed = parseRules(rules('x > 0', '30s'));
    if (!parsed.ok) throw new Error(parsed.message);
    const [timeline] = replayRules(parsed.value, storage, 0, 300_000);
    const at = (ms: number) => timeline.steps.find((s) => s.atMs === ms)?.state;
    expect(at(45_000)).toBe('inactive');
    expect(at(60_000)).toBe('pending');
    expect(at(75_000)).toBe('pending');
    expect(at(90_000)).toBe('firing');
    expect(at(165_000)).toBe('inactive');
    expect(firesBetween(timeline, 0, 80_000)).toBe(false);
    const [long] = replayRules(parseRules(rules('x > 0', '5m')).ok ? (parseRules(rules('x > 0', '5m')) as { ok: true; value: never[] }).value : [], storage, 0, 300_000);
    expect(long.steps.every((s) => s.state !== 'firing')).toBe(true);
  });

  it('parses a dashboard model', () => {
    expect(parseDashboard('{"title":"t","panels":[{"title":"p","targets":[{"expr":"up"}]}]}').ok).toBe(true);
    const bad = parseDashboard('{"title":"t","panels":[{"title":"p","targets":[]}]}');
    expect(!bad.ok && bad.message).toMatch(/panels.0.targets needs at least one target/);
  });
});
