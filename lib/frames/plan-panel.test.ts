import { describe, expect, it } from 'vitest';
import { FieldColorModeId, FieldType } from '@grafana/data';
import { parseResults, planPanel, type QueryResultView } from './index';
import { T0, wideJSON, tableJSON } from './test-fixtures';

describe('planPanel', () => {
  const plan = (results: QueryResultView[], max?: number) => planPanel(results, parseResults(results).frames, max);

  it('draws time frames, tables the rest', () => {
    const p = plan([{ refId: 'A', frames: [wideJSON()] }, { refId: 'B', frames: [tableJSON()] }]);
    expect(p.series).toHaveLength(1);
    expect(p.tables.map((t) => t.key)).toEqual(['B-0']);
    expect(p.empty).toBeUndefined();
    expect(p.series[0].fields[1].config.color?.mode).toBe(FieldColorModeId.PaletteClassic);
  });

  it('downsamples past maxDataPoints and says so', () => {
    const p = plan([{ refId: 'A', frames: [wideJSON(1000, ['a'])] }], 100);
    expect(p.series[0].length).toBe(100);
    expect(p.notes.join()).toMatch(/1000 points per series; drawn as 100/);
  });

  it('sorts unsorted time, nulls NaN, and notes skipped string fields', () => {
    const p = plan([
      {
        refId: 'A',
        frames: [
          {
            schema: { fields: [{ name: 'time', type: FieldType.time }, { name: 'v', type: FieldType.number }, { name: 'host', type: FieldType.string }] },
            data: { values: [[T0 + 2, T0, T0 + 1], [2, NaN, 1], ['a', 'a', 'a']] },
          },
        ],
      },
    ]);
    expect(p.series[0].fields.map((f) => f.values)).toEqual([[T0, T0 + 1, T0 + 2], [null, 1, 2]]);
    expect(p.notes.join('\n')).toMatch(/not in ascending order/);
    expect(p.notes.join('\n')).toMatch(/"host" not drawn/);
  });

  it.each([
    [[], /no queries/],
    [[{ refId: 'A', frames: [] }], /returned no frames/],
    [[{ refId: 'A', frames: [], error: { category: 'upstream', message: 'x' } }], /Every query failed/],
    [[{ refId: 'A', frames: [wideJSON(0)] }], /no rows/],
  ] as Array<[QueryResultView[], RegExp]>)('explains an empty panel', (results, why) => {
    expect(plan(results).empty).toMatch(why);
  });
});
