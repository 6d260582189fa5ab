import { describe, expect, it } from 'vitest';
import { frameFromWire, hideSeries, nextHiddenSeries, seriesNames, withFieldDefaults } from './index';
import { wideJSON } from './test-fixtures';

describe('series visibility (legend clicks)', () => {
  const all = ['a', 'b', 'c'];
  it('isolates on click, shows all again on a second click, toggles on ctrl-click', () => {
    const isolated = nextHiddenSeries(all, new Set(), 'b', 'select');
    expect([...isolated]).toEqual(['a', 'c']);
    expect(nextHiddenSeries(all, isolated, 'b', 'select').size).toBe(0);
    expect([...nextHiddenSeries(all, isolated, 'a', 'append')]).toEqual(['c']);
    expect([...nextHiddenSeries(all, new Set(['a']), ['a', 'b'], 'setExactly')]).toEqual(['c']);
    expect(nextHiddenSeries(all, new Set(['a']), null, 'setExactly').size).toBe(0);
  });

  it('marks hidden series hideFrom.viz by display name, leaving the rest alone', () => {
    const frames = [withFieldDefaults(frameFromWire(wideJSON()))];
    expect(seriesNames(frames)).toEqual(['value a', 'value b']);
    const [out] = hideSeries(frames, new Set(['value b']));
    expect(out.fields[2].config.custom.hideFrom).toEqual({ legend: false, tooltip: true, viz: true });
    expect(out.fields[1]).toBe(frames[0].fields[1]);
    expect(frames[0].fields[2].config.custom.hideFrom.viz).toBe(false);
  });
});
