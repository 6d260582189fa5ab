/**
 * The checker's entry point: the frames of one response in, a report out, saying for
 * every frame which data-plane type it follows (declared or read from its shape) and
 * which rules of that type it breaks, in plain words with rows and field names.
 *
 * Used by the Data tab (on frames as the handler sent them) and by lab checks (on the
 * zod-parsed frames of a run), so both always agree.
 */
import { inferType } from './detect';
import { isUnreadable, toInspectable } from './input';
import { remainderFields } from './remainder';
import { checkLengths, checkTypesDeclared, checkValueTypes, violation } from './rules-fields';
import { checkNumericFrame, checkNumericSet } from './rules-numeric';
import { textCauses, type TextCauses } from './rules-text';
import { checkTimeSeriesFrame, checkTimeSeriesSet } from './rules-timeseries';
import { DATAPLANE_TYPES, isDataplaneType, kindOf, UNCHECKED_TYPES, type DataplaneType, type FrameReport, type InspectFrame, type ResponseReport, type Violation } from './types';

const TYPE_LIST = 'timeseries-multi, timeseries-wide or timeseries-long for values over time; numeric-multi, numeric-wide or numeric-long for single numbers';

/** Checks the frames of one response (one refId). Accepts DataFrames or frame wire JSON; never throws. */
export function inspectFrames(input: readonly unknown[]): ResponseReport {
  const frames = input.map(toInspectable);
  const undeclared = frames.filter((f): f is InspectFrame => !isUnreadable(f) && !declaredType(f));
  // Frames without meta.type whose values have the wrong type (times as text…) match no
  // layout; the type they would have once fixed is guessed from the fixed frames.
  const causes = new Map<InspectFrame, TextCauses>(undeclared.map((f) => [f, textCauses(f)]));
  const broken = new Set(undeclared.filter((f) => causes.get(f)!.violations.length > 0));
  const inferred = inferType(broken.size > 0 ? undeclared.map((f) => causes.get(f)!.fixed) : undeclared);

  const reports: FrameReport[] = frames.map((frame, index) => {
    if (isUnreadable(frame)) return { index, source: 'none', violations: [{ ...violation('unreadable-frame', 'error', `the frame cannot be read: ${frame.problem}`), frame: index }], remainder: [] };
    const type: Pick<FrameReport, 'declared' | 'type' | 'source'> = broken.has(frame) ? { source: 'none' } : typeOf(frame, inferred);
    return { index, ...type, violations: [], remainder: type.type ? remainderFields(frame, type.type) : [] };
  });

  frames.forEach((frame, index) => {
    if (isUnreadable(frame)) return;
    const report = reports[index];
    const found: Violation[] = [
      ...readerProblems(frame),
      ...typeProblems(frame, report, inferred, causes.get(frame)),
      ...checkLengths(frame),
      ...checkTypesDeclared(frame),
      ...checkValueTypes(frame),
    ];
    if (report.type) found.push(...(kindOf(report.type) === 'timeseries' ? checkTimeSeriesFrame(frame, report.type) : checkNumericFrame(frame, report.type)));
    report.violations.push(...found.map((v) => ({ ...v, frame: index })));
  });

  const readable = frames.flatMap((frame, index) => (isUnreadable(frame) ? [] : [{ index, frame }]));
  const withData = readable.filter((m) => m.frame.fields.length > 0);
  for (const { index, frame } of readable) {
    if (frame.fields.length === 0 && withData.length > 0) {
      reports[index].violations.push({
        ...violation('no-data-beside-data', 'error', 'this frame has no fields (a "no data" frame) but other frames hold data: leave it out, or send it alone when there is no data.'),
        frame: index,
      });
    }
  }
  const response: Violation[] = [];
  for (const type of DATAPLANE_TYPES) {
    const members = readable.filter((m) => reports[m.index].type === type);
    if (members.length === 0) continue;
    for (const v of kindOf(type) === 'timeseries' ? checkTimeSeriesSet(members, type) : checkNumericSet(members, type)) {
      if (v.frame === undefined) response.push(v);
      else reports[v.frame].violations.push(v);
    }
  }
  const formats = new Map<string, Set<DataplaneType>>();
  for (const r of reports) if (r.type && r.source === 'declared') formats.set(kindOf(r.type), (formats.get(kindOf(r.type)) ?? new Set()).add(r.type));
  for (const types of formats.values()) {
    if (types.size > 1) {
      response.push(violation('mixed-formats', 'warning', `the frames mix ${[...types].join(' and ')}: a response should use one format per kind of data, so consumers read every frame the same way.`));
    }
  }
  return { frames: reports, response };
}

/** Every violation of a report, response-wide ones first. */
export function allViolations(report: ResponseReport): Violation[] {
  return [...report.response, ...report.frames.flatMap((f) => f.violations)];
}

function declaredType(frame: InspectFrame): string | undefined {
  const type = frame.meta?.type;
  return typeof type === 'string' && type !== '' ? type : undefined;
}

function typeOf(frame: InspectFrame, inferred: DataplaneType | undefined): Pick<FrameReport, 'declared' | 'type' | 'source'> {
  const declared = declaredType(frame);
  // A frame without fields is the "no data" answer: it has no layout to read.
  if (!declared) return inferred && frame.fields.length > 0 ? { type: inferred, source: 'inferred' } : { source: 'none' };
  if (isDataplaneType(declared)) return { declared, type: declared, source: 'declared' };
  if (declared === 'timeseries-many') return { declared, type: 'timeseries-multi', source: 'declared' };
  if (UNCHECKED_TYPES.includes(declared)) return { declared, source: 'unchecked' };
  return { declared, source: 'none' };
}

function typeProblems(frame: InspectFrame, report: FrameReport, inferred: DataplaneType | undefined, causes: TextCauses | undefined): Violation[] {
  const declared = report.declared;
  if (declared === undefined) {
    if (frame.fields.length === 0) return []; // a bare "no data" frame needs no type
    if (causes && causes.violations.length > 0) {
      const next = inferred ? `With that fixed it would look like ${inferred}; then say so with meta.type.` : 'Fix that, then pick the layout you mean and declare it with meta.type.';
      const why = `meta.type is not set, and the frame's shape matches no data-plane type because ${joinPhrases(causes.phrases)}. ${next}`;
      return [violation('type-missing', 'warning', why), ...causes.violations];
    }
    const guess = inferred
      ? `From its shape it looks like ${inferred}; say so`
      : `Its shape matches none of them either${causes?.phrases.length ? ` (${joinPhrases(causes.phrases)})` : ''}; pick the layout you mean and declare it`;
    return [violation('type-missing', 'warning', `meta.type is not set, so Grafana has to guess the data-plane type. ${guess} with meta.type.`)];
  }
  if (declared === 'timeseries-many') {
    return [violation('type-deprecated', 'warning', "meta.type 'timeseries-many' is the old name of 'timeseries-multi': use the new name.")];
  }
  if (report.source === 'none') return [violation('type-unknown', 'error', `meta.type '${declared}' is not a data-plane type. Use ${TYPE_LIST}.`)];
  if (report.source === 'declared' && !isVersion(frame.meta?.typeVersion)) {
    return [violation('type-version-missing', 'warning', 'meta.typeVersion is not set: say which version of the type the frame follows, e.g. [0, 1].')];
  }
  return [];
}

/** "a, b and c". */
function joinPhrases(phrases: readonly string[]): string {
  return phrases.length <= 1 ? (phrases[0] ?? '') : `${phrases.slice(0, -1).join(', ')} and ${phrases.at(-1)}`;
}

/** What the checker reads but Grafana's JavaScript reader would not. */
function readerProblems(frame: InspectFrame): Violation[] {
  if (!frame.valuesShorthand) return [];
  const n = frame.fields.length;
  return [
    violation(
      'data-values-empty',
      'warning',
      `data.values is [] although schema.fields lists ${n} field${n === 1 ? '' : 's'}. The contract reads that as a frame without rows, and so does this checker, but Grafana's JavaScript reader (dataFrameFromJSON) expects one array per field and fails on it: send ${JSON.stringify(Array.from({ length: n }, () => []))}.`,
    ),
  ];
}

function isVersion(v: unknown): boolean {
  return Array.isArray(v) && v.length === 2 && v.every((n) => Number.isInteger(n) && n >= 0);
}
