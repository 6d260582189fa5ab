import { createDataFrame, dataFrameToJSON, FieldType } from '@grafana/data';
import { describe, expect, it } from 'vitest';
import { parseResults, summarizeFrame } from './index';

describe('the Data tab’s display name column', () => {
  const summary = (config: object) => {
    const frame = createDataFrame({ fields: [{ name: 'cpu', type: FieldType.number, values: [1], config }] });
    const [p] = parseResults([{ refId: 'A', frames: [dataFrameToJSON(frame)] }]).frames;
    return summarizeFrame(p).fields[0].displayName;
  };
  it('shows the display name a data source sets (displayNameFromDS)', () => {
    expect(summary({ displayNameFromDS: 'CPU web-1' })).toBe('CPU web-1');
  });
  it('prefers the user’s displayName, as Grafana does', () => {
    expect(summary({ displayNameFromDS: 'CPU web-1', displayName: 'Mine' })).toBe('Mine');
  });
});
