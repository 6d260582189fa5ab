/**
 * What the Data tab says about each frame: name, data-plane type, rows, and per field
 * its type, labels (written by @grafana/data's `formatLabels`), unit and display name.
 */
import { formatLabels } from '@grafana/data';
import type { ParsedFrame } from './types';

/** One field as the data view lists it. */
export interface FieldSummary {
  name: string;
  /** `time`, `number`, `string`, `boolean`, `other`, … */
  type: string;
  /** `{k="v"}` or empty. */
  labels: string;
  /** `config.unit`, e.g. `ms`. */
  unit?: string;
  /** `config.displayName`, else the data source's `config.displayNameFromDS` (which a user's displayName overrides). */
  displayName?: string;
}

/** What the data view's header says about a frame. */
export interface FrameSummary {
  key: string;
  refId: string;
  /** `frame.name`, or undefined when the frame has none. */
  name?: string;
  /** `meta.type` (data plane type, e.g. `timeseries-wide`), or undefined when not declared. */
  dataplaneType?: string;
  /** `meta.typeVersion` as `0.1`, when declared. */
  typeVersion?: string;
  rows: number;
  fields: FieldSummary[];
}

export function summarizeFrame(p: ParsedFrame): FrameSummary {
  const { frame } = p;
  const meta = frame.meta;
  return {
    key: p.key,
    refId: p.refId,
    name: typeof frame.name === 'string' && frame.name !== '' ? frame.name : undefined,
    dataplaneType: meta?.type ? String(meta.type) : undefined,
    typeVersion: Array.isArray(meta?.typeVersion) ? meta.typeVersion.join('.') : undefined,
    rows: frame.length,
    fields: frame.fields.map((f) => ({
      name: f.name,
      type: String(f.type),
      labels: f.labels && typeof f.labels === 'object' ? formatLabels(f.labels) : '',
      unit: optionalText(f.config?.unit),
      displayName: optionalText(f.config?.displayName) ?? optionalText(f.config?.displayNameFromDS),
    })),
  };
}

function optionalText(v: unknown): string | undefined {
  return v == null || v === '' ? undefined : String(v);
}
