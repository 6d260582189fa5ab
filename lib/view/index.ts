/** The view model of a run (no React): what every results tab shows, secrets masked once. */
export { toRunView, type RunView, type RunViewOptions, type HealthView, type UpstreamView } from './run-view';
export { toFramesView, type FramesView, type FramesViewOptions } from './frames-view';
export { maskRecord, maskDeep, maskCalls, secretsOfRecord } from './mask';
export { deriveTrace, type LifecycleTrace, type TraceStage, type TraceDetail, type TraceSpan, type TraceStageId, type TraceOptions } from './trace';
