/**
 * Frame preparation: the pure steps between a handler's frame wire JSON and what
 * Grafana's panel, table and JSON views draw, each in its own module, none mutating its
 * input (learner frames are shared by every view). No React and no `@grafana/ui` here,
 * so all of it runs in Node unit tests.
 *
 *   decode → (field defaults) → plan-panel (sort, gaps, downsample, legend names)
 *   summary, contract-summary, frame-page: the Data tab; wire-response: the JSON tab;
 *   display-safety: neutralise config that would load or run something.
 */
export * from './types';
export { frameFromWire, parseResults, forGrafanaDisplay } from './decode';
export { FIELD_CONFIG_DEFAULTS, FIELD_CONFIG_SOURCE, withFieldDefaults } from './field-defaults';
export { planPanel, emptyReason, type PanelPlan, type PanelSeries } from './plan-panel';
export { lttbIndices, downsampleFrame } from './downsample';
export { seriesNames, nextHiddenSeries, hideSeries } from './series';
export { timeExtent, drawRange } from './time-range';
export { summarizeFrame, type FieldSummary, type FrameSummary } from './summary';
export { toQueryDataResponse, encodeEntities, stringifyJSON, capText, type DataResponseJSON, type QueryDataResponseJSON } from './wire-response';
export { displaySafeConfig, displaySafeFrame } from './display-safety';
export { framePage } from './frame-page';
export { inspectResults, summarizeContract, type ContractStatus, type ContractSummary } from './contract-summary';
