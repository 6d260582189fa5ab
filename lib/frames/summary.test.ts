import { describe, expect, it } from 'vitest';
import { FieldType } from '@grafana/data';
import { parseResults, summarizeFrame } from './index';
import { wideJSON } from './test-fixtures';

describe('summaries', () => {
  it('summarises name, data plane type, rows and fields', () => {
    const [p] = parseResults([{ refId: 'A', frames: [wideJSON(3, ['a'])] }]).frames;
    expect(summarizeFrame(p)).toEqual({
      key: 'A-0',
      refId: 'A',
      name: 'cpu',
      dataplaneType: 'timeseries-wide',
      typeVersion: '0.1',
      rows: 3,
      fields: [
        { name: 'time', type: 'time', labels: '', unit: undefined, displayName: undefined },
        { name: 'value', type: 'number', labels: '{host="a"}', unit: 'percent', displayName: undefined },
      ],
    });
  });

  it('writes labels with Grafana’s own formatLabels: keys sorted, none when empty', () => {
    const [p] = parseResults([
      {
        refId: 'A',
        frames: [{ schema: { fields: [{ name: 'v', type: FieldType.number, labels: { region: 'eu', host: 'a' } }, { name: 'w', type: FieldType.number, labels: {} }] }, data: { values: [[1], [2]] } }],
      },
    ]).frames;
    expect(summarizeFrame(p).fields.map((f) => f.labels)).toEqual(['{host="a", region="eu"}', '']);
  });
});
