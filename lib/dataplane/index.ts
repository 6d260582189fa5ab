/**
 * The data-plane checker: which layout frames follow (Grafana's data-plane contract,
 * https://grafana.com/developers/dataplane) and which of its rules they break, in plain
 * words. Pure functions without React, safe for the browser, the checks and Node tests.
 * Check helpers that fail a LabCheck live in ./expect (kept apart so the UI does not
 * load the check machinery).
 */
export { inspectFrames, allViolations } from './inspect';
export { inferType } from './detect';
export { readTimeSeries, type TimeSeriesData } from './series';
export { toInspectable, isUnreadable, type Unreadable } from './input';
export { describeViolation, formatLabels, seriesKey } from './format';
export { diffSeries, sameNumber, type DiffOptions, type ExpectedSeries, type SeriesIdentity } from './compare';
export { remainderFields } from './remainder';
export { NUMBER_TEXT_ADVICE } from './rules-text';
export * from './types';
