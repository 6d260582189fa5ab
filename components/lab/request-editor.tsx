'use client';
/**
 * What Run sends: the query models (DataQuery.json, sent exactly as typed, valid
 * JSON or not) and the upstream scenario, so a learner can try their handler
 * under latency and faults before the checks do.
 */
import { useState } from 'react';
import type { QueryEditor } from '@/lib/labs/schema';
import { ScenarioPicker } from './scenario-picker';
import { LazyQueryForm } from './query-form-lazy';
import type { EditableQuery } from '@/lib/kinds/handler/settings';

interface Props {
  queries: EditableQuery[];
  scenarioId: string;
  onQueriesChange(queries: EditableQuery[]): void;
  onScenarioChange(id: string): void;
  /** The lab's query editor form; without it, queries are edited as JSON only. */
  editor?: QueryEditor;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function RequestEditor({ queries, scenarioId, onQueriesChange, onScenarioChange, editor }: Props) {
  const [asJson, setAsJson] = useState(!editor);
  const update = (index: number, json: string) => onQueriesChange(queries.map((q, i) => (i === index ? { ...q, json } : q)));
  const nextRefId = String.fromCharCode(65 + queries.length);

  return (
    <fieldset className="rounded border border-border bg-panel p-3">
      <legend className="px-1 text-sm font-semibold text-white">Request sent by Run</legend>
      <div className="grid gap-3 md:grid-cols-2">
        {queries.map((query, index) => (
          <div key={query.refId} className={editor && !asJson ? 'md:col-span-2' : undefined}>
            {editor && !asJson ? (
              <QueryFormBlock refId={query.refId} json={query.json} editor={editor} onChange={(json) => update(index, json)} />
            ) : (
              <>
                <label htmlFor={`query-${query.refId}`} className="text-xs text-muted">
                  Query {query.refId}: query model (DataQuery.json)
                </label>
                <textarea
                  id={`query-${query.refId}`}
                  value={query.json}
                  spellCheck={false}
                  rows={4}
                  onChange={(e) => update(index, e.target.value)}
                  className="mt-1 w-full rounded border border-border bg-canvas p-2 font-mono text-xs"
                />
              </>
            )}
            {!isJson(query.json) ? <p className="text-xs text-warn">Not valid JSON: it is sent as it is, so you can see how your handler copes.</p> : null}
            {queries.length > 1 ? (
              <button type="button" className="text-xs text-muted underline" onClick={() => onQueriesChange(queries.filter((_, i) => i !== index))}>
                Remove query {query.refId}
              </button>
            ) : null}
          </div>
        ))}
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        {editor ? (
          <button type="button" aria-pressed={asJson} className="rounded border border-border px-2 py-1 text-xs hover:bg-panel-2" onClick={() => setAsJson(!asJson)}>
            Edit as JSON
          </button>
        ) : null}
        {queries.length < 5 ? (
          <button type="button" className="rounded border border-border px-2 py-1 text-xs hover:bg-panel-2" onClick={() => onQueriesChange([...queries, { refId: nextRefId, json: queries[0]?.json ?? '{}' }])}>
            Add query {nextRefId}
          </button>
        ) : null}
        <ScenarioPicker scenarioId={scenarioId} onChange={onScenarioChange} />
      </div>
    </fieldset>
  );
}

/** The form for one query, with the JSON it produces shown read-only beneath it. */
function QueryFormBlock({ refId, json, editor, onChange }: { refId: string; json: string; editor: QueryEditor; onChange(json: string): void }) {
  return (
    <div>
      <p className="mb-1 text-xs text-muted">Query {refId}: query editor</p>
      <LazyQueryForm refId={refId} fields={editor.fields} json={json} onChange={onChange} />
      <p className="mt-2 text-xs text-muted" id={`query-${refId}-model`}>
        Saved as the query model (DataQuery.json):
      </p>
      <pre aria-labelledby={`query-${refId}-model`} tabIndex={0} className="mt-1 max-h-40 overflow-auto rounded border border-border bg-canvas p-2 font-mono text-xs">
        {json}
      </pre>
    </div>
  );
}
