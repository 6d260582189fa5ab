/**
 * The handler kind's run settings: what the learner edits under the editor (the
 * queries Run sends, the upstream scenario), saved with the lab.
 */
import type { LabMeta } from '../../labs/schema';

export interface EditableQuery {
  refId: string;
  /** The query model as text: sent as DataQuery.json exactly as written. */
  json: string;
}

export interface HandlerSettings {
  queries: EditableQuery[];
  /** An id from SCENARIO_PRESETS (lib/upstreams/scenario.ts); 'normal' by default. */
  scenarioId: string;
}

/** The queries of lab.json, as text the learner can edit. */
export function defaultQueries(meta: LabMeta): EditableQuery[] {
  return (meta.run?.queries ?? []).map((q) => ({ refId: q.refId, json: typeof q.json === 'string' ? q.json : JSON.stringify(q.json, null, 2) }));
}

export function defaultHandlerSettings(meta: LabMeta): HandlerSettings {
  return { queries: defaultQueries(meta), scenarioId: 'normal' };
}
