/**
 * The vocabulary of the data-plane checker: which frame layouts it knows, what a
 * broken rule looks like, and what it reports. The contract itself is Grafana's
 * (https://grafana.com/developers/dataplane); the wording here is ours.
 */

/** The six layouts this module checks: time series and single numbers, each wide, long or multi. */
export const DATAPLANE_TYPES = [
  'timeseries-multi',
  'timeseries-wide',
  'timeseries-long',
  'numeric-multi',
  'numeric-wide',
  'numeric-long',
] as const;

/** A data-plane frame type this module checks (`meta.type`). */
export type DataplaneType = (typeof DATAPLANE_TYPES)[number];

/** Types Grafana declares that this module recognises but does not check (logs, heatmaps, …). */
export const UNCHECKED_TYPES: readonly string[] = ['log-lines', 'heatmap-rows', 'heatmap-cells', 'histogram', 'directory-listing'];

export function isDataplaneType(value: unknown): value is DataplaneType {
  return typeof value === 'string' && (DATAPLANE_TYPES as readonly string[]).includes(value);
}

/** Whether a type holds time series (`timeseries-*`) or single numbers (`numeric-*`). */
export function kindOf(type: DataplaneType): 'timeseries' | 'numeric' {
  return type.startsWith('timeseries') ? 'timeseries' : 'numeric';
}

/**
 * Stable names of the rules, so checks can ask "is the time field sorted?" without
 * matching message text.
 */
export type RuleId =
  | 'unreadable-frame'
  | 'field-lengths'
  | 'field-type-missing'
  | 'type-missing'
  | 'type-unknown'
  | 'type-deprecated'
  | 'type-version-missing'
  | 'mixed-formats'
  | 'no-data-beside-data'
  | 'one-frame-expected'
  | 'no-time-field'
  | 'no-value-field'
  | 'time-null'
  | 'time-not-number'
  | 'time-in-seconds'
  | 'time-not-sorted'
  | 'time-labels'
  | 'duplicate-time'
  | 'duplicate-series'
  | 'duplicate-row'
  | 'value-wrong-type'
  | 'labels-ignored'
  | 'dimension-null'
  | 'too-many-rows'
  | 'dimension-missing'
  | 'data-values-empty';

/**
 * `error`: consumers will misread or reject the frames. `warning`: the contract says
 * "should", or the data is legal but almost certainly not what was meant.
 */
export type Severity = 'error' | 'warning';

/** One broken rule, in plain words, with where it happened. */
export interface Violation {
  rule: RuleId;
  severity: Severity;
  /** What is wrong and what to do, without the frame number (see `describeViolation`). */
  message: string;
  /** Index of the frame in the response; absent when the problem is the response as a whole. */
  frame?: number;
  /** Name of the field concerned, when there is one. */
  field?: string;
  /** Row (value index, counting from 0) concerned, when there is one. */
  row?: number;
}

/** How a frame's type was found. */
export type TypeSource =
  /** `meta.type` names one of the six checked types. */
  | 'declared'
  /** `meta.type` is missing; the type was read from the frames' shape. */
  | 'inferred'
  /** `meta.type` names a type this module does not check (logs, heatmap…). */
  | 'unchecked'
  /** No type declared, and the shape matches none. */
  | 'none';

/**
 * A field the frame's type does not read: the contract's "remainder data" (a string
 * field in a wide or multi time series, a time field in a numeric frame, a second value
 * field in a multi frame…). Allowed and free to use, so it is a note, not a violation.
 */
export interface RemainderField {
  /** Position of the field in the frame. */
  index: number;
  /** The field's name as messages show it. */
  field: string;
  /** Why the type does not read it, and what to do if it was meant to count. */
  note: string;
}

/** What the checker says about one frame. */
export interface FrameReport {
  /** Position of the frame in the response. */
  index: number;
  /** `meta.type` exactly as sent, when set. */
  declared?: string;
  /** The type the rules were checked against: declared, or inferred from the shape. */
  type?: DataplaneType;
  source: TypeSource;
  /** Problems of this frame, first found first. */
  violations: Violation[];
  /** Fields that are remainder data for `type`; empty when there is no type. */
  remainder: RemainderField[];
}

/** What the checker says about the frames of one response (one refId). */
export interface ResponseReport {
  frames: FrameReport[];
  /** Problems of the response as a whole (frame counts, mixed formats). */
  response: Violation[];
}

/**
 * A field in the form the rules read: what both `@grafana/data` fields and frame wire
 * JSON reduce to. Values are kept exactly as sent (no padding, no conversion).
 */
export interface InspectField {
  name: string;
  /** `FieldType` value (`time`, `number`, `string`, `boolean`, …). */
  type: string;
  /** True when the frame did not say the type and it was guessed from the values. */
  typeGuessed?: boolean;
  labels?: Record<string, string>;
  config?: Record<string, unknown>;
  values: readonly unknown[];
}

/** A frame in the form the rules read. */
export interface InspectFrame {
  name?: string;
  refId?: string;
  meta?: { type?: unknown; typeVersion?: unknown };
  fields: InspectField[];
  /**
   * True when frame JSON listed fields in its schema but sent `data.values: []`: read
   * as a frame without rows, as the contract's own examples do, though Grafana's
   * JavaScript reader (`dataFrameFromJSON`) cannot read it.
   */
  valuesShorthand?: boolean;
}
