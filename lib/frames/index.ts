/**
 * Frame preparation: the pure steps between a handler's frame wire JSON and what
 * Grafana's panel, table and JSON views draw, each in its own module, none mutating its
 * input (learner frames are shared by every view). No React and no `@grafana/ui` here,
 * so all of it runs in Node unit tests.
 *
 *   decode (the first DECODED_FRAME_LIMIT frames; value-mappings) → (field defaults) →
 *   plan-panel (sort, gaps, downsample, legend names; at most PANEL_FRAME_LIMIT frames)
 *   summary, contract-summary, data-listing, frame-page: the Data tab; wire-response:
 *   the JSON tab; display-safety: neutralise config that would load or run something.
 */
export * from './types';
export { DECODED_FIELD_LIMIT, DECODED_FRAME_LIMIT, decodeFrame, withFirstFields, frameFromWire, parseResults, forGrafanaDisplay, type ParsedResults } from './decode';
export { safeValueMappings, type SafeMappings } from './value-mappings';
export { DATA_FRAMES_PER_PAGE, DATA_RESULT_LIMIT, listForDataTab, type DataListing, type DataSection } from './data-listing';
export { FIELD_CONFIG_DEFAULTS, FIELD_CONFIG_SOURCE, withFieldDefaults } from './field-defaults';
export { PANEL_FRAME_LIMIT, PANEL_SERIES_LIMIT, PANEL_NOTE_LIMIT, planPanel, emptyReason, frameCount, type PanelPlan, type PanelSeries } from './plan-panel';
export { lttbIndices, downsampleFrame } from './downsample';
export { seriesNames, nextHiddenSeries, hideSeries } from './series';
export { timeExtent, drawRange } from './time-range';
export { summarizeFrame, type FieldSummary, type FrameSummary } from './summary';
export { toQueryDataResponse, encodeEntities, stringifyJSON, capText, type DataResponseJSON, type QueryDataResponseJSON } from './wire-response';
export { displaySafeConfig, displaySafeFrame } from './display-safety';
export { FIELD_COLUMN_LIMIT, framePage, frameColumns } from './frame-page';
export { inspectResults, summarizeContract, type ContractStatus, type ContractSummary } from './contract-summary';
