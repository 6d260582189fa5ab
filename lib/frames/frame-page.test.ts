import { describe, expect, it } from 'vitest';
import { createDataFrame, FieldType } from '@grafana/data';
import { framePage } from './frame-page';

const frame = createDataFrame({
  fields: [
    { name: 'time', type: FieldType.time, values: [1, 2, 3, 4, 5] },
    { name: 'value', type: FieldType.number, values: [10, 20, 30, 40, 50], labels: { host: 'a' } },
  ],
});

describe('framePage', () => {
  it('returns the frame itself when the page holds every row', () => {
    expect(framePage(frame, 0, 1000)).toBe(frame);
  });

  it('cuts every field to the same rows and keeps names, types and labels', () => {
    const page = framePage(frame, 2, 4);
    expect(page.length).toBe(2);
    expect(page.fields.map((f) => f.values)).toEqual([[3, 4], [30, 40]]);
    expect(page.fields[1]).toMatchObject({ name: 'value', type: FieldType.number, labels: { host: 'a' } });
  });

  it('gives a short last page', () => {
    const page = framePage(frame, 4, 6);
    expect(page.length).toBe(1);
    expect(page.fields[0].values).toEqual([5]);
  });
});
