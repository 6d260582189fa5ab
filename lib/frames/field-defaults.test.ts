import { describe, expect, it } from 'vitest';
import { FieldColorModeId, applyFieldOverrides, createTheme, getFieldSeriesColor } from '@grafana/data';
import { FIELD_CONFIG_SOURCE, frameFromWire, withFieldDefaults } from './index';
import { wideJSON } from './test-fixtures';

describe('field config defaults', () => {
  it('gives each series its own palette colour (the grey-line trap)', () => {
    const theme = createTheme({ colors: { mode: 'dark' } });
    const frame = frameFromWire(wideJSON());
    const apply = (data: typeof frame[]) =>
      applyFieldOverrides({ data, fieldConfig: FIELD_CONFIG_SOURCE, theme, replaceVariables: (s) => s, timeZone: 'utc' });
    // Without per-field defaults, @grafana/data's empty option registry leaves every series grey.
    const bare = apply([frame])[0].fields.slice(1).map((f) => getFieldSeriesColor(f, theme).color);
    expect(new Set(bare).size).toBe(1);
    const colours = apply([withFieldDefaults(frame)])[0].fields.slice(1).map((f) => getFieldSeriesColor(f, theme).color);
    expect(new Set(colours).size).toBe(2);
  });

  it('keeps config the learner set', () => {
    const frame = frameFromWire(wideJSON());
    const own = { ...frame, fields: frame.fields.map((f) => ({ ...f, config: { color: { mode: FieldColorModeId.Fixed, fixedColor: 'red' }, custom: { lineWidth: 3 } } })) };
    const field = withFieldDefaults(own).fields[1];
    expect(field.config.color).toEqual({ mode: FieldColorModeId.Fixed, fixedColor: 'red' });
    expect(field.config.custom).toMatchObject({ lineWidth: 3, drawStyle: 'line' });
    expect(own.fields[1].config.custom).toEqual({ lineWidth: 3 });
  });
});
