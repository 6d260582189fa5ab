/**
 * Step 2: the field config defaults a real Grafana time series panel starts from.
 * Grafana fills these in from its panel plugin's option registry; `@grafana/data` alone
 * ships that registry empty, so `applyFieldOverrides` ignores `fieldConfig.defaults`
 * here and every series would be grey. `withFieldDefaults` applies them to each field
 * before `applyFieldOverrides`.
 */
import { type DataFrame, type FieldConfig, type FieldConfigSource, FieldColorModeId } from '@grafana/data';

export const FIELD_CONFIG_DEFAULTS: FieldConfig = {
  color: { mode: FieldColorModeId.PaletteClassic },
  custom: {
    drawStyle: 'line',
    lineInterpolation: 'linear',
    lineWidth: 1,
    fillOpacity: 0,
    gradientMode: 'none',
    showPoints: 'auto',
    pointSize: 5,
    spanNulls: false,
    axisPlacement: 'auto',
    axisColorMode: 'text',
    scaleDistribution: { type: 'linear' },
    stacking: { mode: 'none', group: 'A' },
    thresholdsStyle: { mode: 'off' },
    hideFrom: { legend: false, tooltip: false, viz: false },
  },
};

/** The `fieldConfig` passed to `applyFieldOverrides` (defaults are also applied per field). */
export const FIELD_CONFIG_SOURCE: FieldConfigSource = { defaults: FIELD_CONFIG_DEFAULTS, overrides: [] };

/**
 * Returns a copy of the frame whose fields have the defaults wherever the learner set
 * nothing. Display state is dropped: `getFieldDisplayName` caches its answer in
 * `field.state`, and a name cached for another set of frames would be wrong here.
 */
export function withFieldDefaults(frame: DataFrame, defaults: FieldConfig = FIELD_CONFIG_DEFAULTS): DataFrame {
  const fields = frame.fields.map((field) => {
    const own: FieldConfig = field.config ?? {};
    const config: FieldConfig = {
      ...defaults,
      ...own,
      color: own.color?.mode ? own.color : defaults.color,
      custom: { ...defaults.custom, ...own.custom },
    };
    return { ...field, config, state: undefined };
  });
  return { ...frame, fields };
}
