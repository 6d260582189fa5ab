'use client';
/**
 * A small query editor made of real @grafana/ui controls (InlineField, Combobox,
 * Input), the way a data source plugin's QueryEditor looks in Grafana. It edits the
 * query model JSON: every change is written back into the text Run sends. Client-only
 * (@grafana/ui needs the browser): load it through `LazyQueryForm`.
 */
import { Combobox, IconButton, InlineField, InlineFieldRow, InlineLabel, Input } from '@grafana/ui';
import { useId, useRef } from 'react';
import { GrafanaThemeProvider } from '@/components/frames/grafana-theme';
import type { QueryEditorField } from '@/lib/labs/schema';
import { applyField, readForm, selectOptions } from './query-form-model';

export interface QueryFormProps {
  refId: string;
  fields: QueryEditorField[];
  /** The query model text (DataQuery.json). */
  json: string;
  onChange(json: string): void;
}

export function QueryForm({ refId, fields, json, onChange }: QueryFormProps) {
  const base = useId();
  // Each edit applies to the latest text, not to the text of the last render: picking a
  // metric and typing a legend before the page re-renders must keep both.
  const latest = useRef(json);
  latest.current = json;
  const read = readForm(json, fields);
  if (!read.ok) {
    return (
      <p role="status" className="rounded border border-warn/50 bg-warn/10 p-2 text-xs">
        {read.reason}
      </p>
    );
  }
  return (
    <GrafanaThemeProvider>
      <div role="group" aria-label={`Query ${refId} editor`}>
        <InlineFieldRow>
          {fields.map((field) => {
            const id = `${base}-${field.key}`;
            const value = read.values[field.key];
            const set = (raw: string) => {
              latest.current = applyField(latest.current, field, raw);
              onChange(latest.current);
            };
            return (
              <InlineField
                key={field.key}
                htmlFor={id}
                label={
                  // Grafana's own `tooltip` prop draws a focusable icon with no name; an
                  // IconButton is named after what it explains and reads its text aloud.
                  // Beside the label, not in it, so the input's own name stays just the label.
                  <>
                    <InlineLabel width={14} htmlFor={id}>
                      {field.label}
                    </InlineLabel>
                    {/* IconButton names itself from a string tooltip and then ignores aria-label: the tooltip carries the name. */}
                    {field.description ? <IconButton name="info-circle" size="sm" tooltip={`About ${field.label}: ${field.description}`} className="mx-1 self-center" /> : null}
                  </>
                }
              >
                {field.kind === 'select' ? (
                  <Combobox id={id} width={28} options={selectOptions(field, value)} value={value || null} placeholder={field.placeholder ?? 'Choose'} onChange={(option) => set(option.value)} />
                ) : (
                  <Input
                    id={id}
                    width={field.kind === 'number' ? 14 : 28}
                    type={field.kind === 'number' ? 'number' : 'text'}
                    value={value}
                    placeholder={field.placeholder}
                    onChange={(e) => set(e.currentTarget.value)}
                  />
                )}
              </InlineField>
            );
          })}
        </InlineFieldRow>
      </div>
    </GrafanaThemeProvider>
  );
}
