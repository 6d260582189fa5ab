import { describe, expect, it } from 'vitest';
import { alertTimelines, evaluateDashboard, hasOperations, servedFile, withIntervalVariables } from './operations';
import type { ScrapeRecord } from './run';

/** A counter that rises by `per` every 15 s scrape, for five minutes. */
function scrapes(per: number): ScrapeRecord[] {
  return Array.from({ length: 21 }, (_, i) => ({
    atMs: i * 15_000,
    families: [{ name: 'datasource_query_errors_total', type: 'counter' as const, samples: [{ name: 'datasource_query_errors_total', labels: { category: 'timeout' }, value: i * per }] }],
  }));
}

describe('operations view', () => {
  const dashboard = JSON.stringify({ title: 'd', panels: [{ title: 'Errors', targets: [{ expr: 'sum by (category) (rate(datasource_query_errors_total[$__rate_interval]))', legendFormat: '{{category}}' }] }, { title: 'Typo', targets: [{ expr: 'rate(nope_total[1m])' }] }] });

  it('knows the labs that have the files', () => {
    expect(hasOperations([{ path: 'dashboard.json' }, { path: 'alerts.yaml' }])).toBe(true);
    expect(hasOperations([{ path: 'handler.ts' }])).toBe(false);
    expect(withIntervalVariables('rate(x[$__rate_interval])')).toBe('rate(x[1m])');
  });

  it("reads a file as the run served it, and nothing from a record without files (a check plan's)", () => {
    const files = { 'dashboard.json': '{}' };
    expect(servedFile({ files }, 'dashboard.json')).toBe('{}');
    expect(servedFile({ files }, 'alerts.yaml')).toBeUndefined();
    expect(servedFile({ files }, 'toString')).toBeUndefined();
    expect(servedFile({}, 'dashboard.json')).toBeUndefined();
  });

  it('evaluates each panel over the scrapes, and says why a panel is empty', () => {
    const view = evaluateDashboard(dashboard, { scrapes: scrapes(3), epochMs: 0 });
    if ('error' in view) throw new Error(view.error);
    expect(view.panels[0].series[0].name).toBe('timeout');
    expect(view.panels[0].series[0].points.at(-1)?.[1]).toBeCloseTo(0.2);
    expect(view.panels[1].message).toMatch(/No data/);
    expect(evaluateDashboard('{', { scrapes: [], epochMs: 0 })).toHaveProperty('error');
  });

  it('replays the rules over the scrapes', () => {
    const rules = 'groups:\n  - name: g\n    rules:\n      - alert: Timeouts\n        expr: sum(rate(datasource_query_errors_total{category="timeout"}[1m])) > 0\n        for: 30s\n';
    const view = alertTimelines(rules, { scrapes: scrapes(1), epochMs: 0, virtualEndMs: 300_000 });
    if ('error' in view) throw new Error(view.error);
    expect(view.timelines[0].steps.some((s) => s.state === 'firing')).toBe(true);
    const calm = alertTimelines(rules, { scrapes: scrapes(0), epochMs: 0, virtualEndMs: 300_000 });
    expect('timelines' in calm && calm.timelines[0].steps.every((s) => s.state === 'inactive')).toBe(true);
  });
});
