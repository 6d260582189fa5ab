import { createDataFrame, dataFrameFromJSON, dataFrameToJSON, FieldType, type DataFrame, type DataFrameType, type FieldDTO } from '@grafana/data';
import { describe, expect, it } from 'vitest';
import { describeViolation } from './format';
import { allViolations, inspectFrames } from './inspect';
import { frame, MINUTE, T0, times, VALID } from './test-fixtures';
import { DATAPLANE_TYPES, type DataplaneType, type RuleId } from './types';

const wire = (frames: DataFrame[]) => frames.map((f) => dataFrameToJSON(f));
const rules = (frames: unknown[]) => allViolations(inspectFrames(frames)).map((v) => v.rule);
const messages = (frames: unknown[]) => allViolations(inspectFrames(frames)).map(describeViolation);

/** The one violation of `rule`, failing the test when there is none or more. */
function only(frames: unknown[], rule: RuleId) {
  const found = allViolations(inspectFrames(frames)).filter((v) => v.rule === rule);
  expect(found, `violations of ${rule} in ${JSON.stringify(messages(frames))}`).toHaveLength(1);
  return found[0];
}

describe('valid frames of every type', () => {
  it.each(DATAPLANE_TYPES)('%s: declared, detected, nothing to report (as DataFrames and as wire JSON)', (type) => {
    for (const input of [VALID[type](), wire(VALID[type]())]) {
      const report = inspectFrames(input);
      expect(report.frames.map((f) => [f.type, f.source])).toEqual(input.map(() => [type, 'declared']));
      expect(allViolations(report)).toEqual([]);
    }
  });

  it.each(DATAPLANE_TYPES)('%s: without meta.type the shape gives the same type, and the only problem is the missing type', (type) => {
    const bare = VALID[type]().map((f) => ({ ...f, meta: undefined }));
    const report = inspectFrames(bare);
    expect(report.frames.map((f) => [f.type, f.source])).toEqual(bare.map(() => [type, 'inferred']));
    expect(new Set(rules(bare))).toEqual(new Set(['type-missing']));
    expect(messages(bare)[0]).toMatch(new RegExp(`looks like ${type}`));
  });

  it('a single "no data" frame is fine; beside data it is not', () => {
    const empty = createDataFrame({ fields: [], meta: { type: 'timeseries-multi' as unknown as DataFrameType, typeVersion: [0, 1] } });
    expect(rules([empty])).toEqual([]);
    expect(rules([...VALID['timeseries-multi'](), empty])).toEqual(['no-data-beside-data']);
  });

  it('frames with columns but no rows ("empty value") are fine', () => {
    const empty = frame('timeseries-wide', [
      { name: 'time', type: FieldType.time, values: [] },
      { name: 'cpu', type: FieldType.number, values: [] },
    ]);
    expect(rules([empty])).toEqual([]);
  });
});

describe('rules every frame shares', () => {
  it('fields of different lengths, seen in wire JSON (dataFrameFromJSON would pad them)', () => {
    const f = frame('timeseries-multi', [
      { name: 'time', type: FieldType.time, values: times(12) },
      { name: 'value', type: FieldType.number, values: times(10).map((_, i) => i) },
    ]);
    for (const input of [[f], wire([f])]) {
      expect(only(input, 'field-lengths').message).toBe("field 'value' has 10 values but 'time' has 12: every field of a frame needs one value per row.");
    }
  });

  it('numbers sent as text, in a field typed number', () => {
    const f = frame('timeseries-multi', [
      { name: 'time', type: FieldType.time, values: times(3) },
      { name: 'value', type: FieldType.number, values: ['42.17', '40', '41'] },
    ]);
    expect(only([f], 'value-wrong-type')).toMatchObject({
      field: 'value',
      row: 0,
      message: expect.stringMatching(/^field 'value' has type number but holds text at row 0 \("42.17"\) \(and 2 more places\)\. Convert the text to numbers/),
    });
  });

  it('advice for numbers as text never stops at Number(): it says how to read "+Inf" and "-Inf"', () => {
    const f = frame('timeseries-multi', [
      { name: 'time', type: FieldType.time, values: times(3) },
      { name: 'value', type: FieldType.number, values: ['1', '+Inf', 'NaN'] },
    ]);
    const { message } = only([f], 'value-wrong-type');
    expect(message).toContain('turn Prometheus\' "+Inf" and "-Inf" into NaN: map those two to Infinity and -Infinity yourself');
    expect(message).not.toMatch(/Convert it with Number\(/);
  });

  it('missing, unknown, deprecated types and a missing version', () => {
    const multi = VALID['timeseries-multi']();
    const withMeta = (meta: DataFrame['meta']) => multi.map((f) => ({ ...f, meta }));
    expect(only(withMeta({ type: 'timeseries' as unknown as DataFrameType }).slice(0, 1), 'type-unknown').message).toMatch(/^meta.type 'timeseries' is not a data-plane type\. Use timeseries-multi/);
    expect(rules(withMeta({ type: 'timeseries-many' as unknown as DataFrameType, typeVersion: [0, 1] }))).toEqual(['type-deprecated', 'type-deprecated']);
    expect(rules(withMeta({ type: 'timeseries-multi' as unknown as DataFrameType }))).toEqual(['type-version-missing', 'type-version-missing']);
    const unchecked = inspectFrames(withMeta({ type: 'log-lines' as unknown as DataFrameType }));
    expect(unchecked.frames.map((f) => f.source)).toEqual(['unchecked', 'unchecked']);
    expect(allViolations(unchecked)).toEqual([]);
  });

  it('a field without a type (wire JSON) is reported and guessed', () => {
    const [json] = wire(VALID['timeseries-multi']());
    const fields = json.schema!.fields.map((f, i) => (i === 1 ? { ...f, type: undefined } : f));
    const report = inspectFrames([{ ...json, schema: { ...json.schema, fields } }]);
    expect(allViolations(report).map((v) => v.message)).toEqual(["field 'cpu' has no type, so it was guessed as 'number': set the type (FieldType) yourself."]);
  });

  it('reads number columns sent as Float64Array (how long columns leave the sandbox) without copying them', () => {
    const time = Float64Array.from(times(4));
    time[2] = Number.NaN; // a typed array has no null: a missing time arrives as NaN
    const frame = {
      schema: { meta: { type: 'timeseries-multi', typeVersion: [0, 1] }, fields: [{ name: 'time', type: 'time' }, { name: 'cpu', type: 'number' }] },
      data: { values: [time, Float64Array.from([1, 2, 3, 4])] },
    };
    expect(messages([frame])).toEqual(["Frame 0: time field 'time' has a NaN at row 2: every row needs a time."]);
  });

  it('unreadable frames are reported, not thrown', () => {
    expect(messages([42, { schema: {} }, { schema: { fields: [{ name: 'a' }, { name: 'b' }] }, data: { values: [[]] } }])).toEqual([
      'Frame 0: the frame cannot be read: the frame is a number, not a data frame object.',
      'Frame 1: the frame cannot be read: the frame JSON has no schema.fields array.',
      'Frame 2: the frame cannot be read: schema.fields lists 2 field(s) but data.values has 1 column(s).',
    ]);
  });

  it('fields listed with data.values [] is an empty frame, as the contract\'s examples write it, with a note on Grafana\'s JS reader', () => {
    // From the contract's examples (timeseries-long, "empty, two item names").
    const json = {
      schema: {
        meta: { type: 'timeseries-long', typeVersion: [0, 1] },
        fields: [
          { name: 't', type: 'time' },
          { name: 'slothCount', type: 'number' },
          { name: 'sleepHours', type: 'number' },
          { name: 'city', type: 'string' },
        ],
      },
      data: { values: [] },
    };
    const report = inspectFrames([json]);
    expect(report.frames[0]).toMatchObject({ type: 'timeseries-long', source: 'declared' });
    expect(allViolations(report).map((v) => [v.rule, v.severity])).toEqual([['data-values-empty', 'warning']]);
    expect(messages([json])[0]).toMatch(/dataFrameFromJSON\) expects one array per field and fails on it: send \[\[\],\[\],\[\],\[\]\]\.$/);
    expect(() => dataFrameFromJSON(json as never)).toThrow(); // the reason for the note
    expect(rules([{ ...json, data: { values: [[], [], [], []] } }])).toEqual([]);
  });

  it('mixing formats of one kind in a response', () => {
    expect(rules([...VALID['timeseries-wide'](), ...VALID['timeseries-long']()])).toEqual(['mixed-formats']);
  });
});

describe('time series rules', () => {
  const multi = (time: unknown[], values: unknown[], labels?: Record<string, string>, extra: FieldDTO[] = []) =>
    frame('timeseries-multi', [{ name: 'time', type: FieldType.time, values: time }, { name: 'cpu', type: FieldType.number, values, labels }, ...extra]);

  it('time not sorted: names the rows and their times', () => {
    const t = times(16);
    [t[13], t[14]] = [t[14], t[13]];
    expect(only([multi(t, t.map(() => 1))], 'time-not-sorted')).toMatchObject({
      row: 14,
      message: "time field 'time' is not sorted: row 14 (2026-11-22 10:13:00Z) is earlier than row 13 (2026-11-22 10:14:00Z). Sort the rows by time, oldest first.",
    });
  });

  it('a null time', () => {
    const t: unknown[] = times(5);
    t[3] = null;
    expect(only([multi(t, [1, 2, 3, 4, 5])], 'time-null').message).toBe("time field 'time' has a null at row 3: every row needs a time.");
  });

  it('times as text or in seconds', () => {
    const text = only([multi(['2026-11-22T10:00:00Z'], [1])], 'time-not-number');
    expect(text.message).toBe("time field 'time' holds text at row 0 (\"2026-11-22T10:00:00Z\"): times are numbers, milliseconds since 1970 (UTC).");
    const seconds = only([multi(times(3).map((t) => t / 1000), [1, 2, 3])], 'time-in-seconds');
    expect(seconds.message).toMatch(/^time field 'time' looks like it holds seconds: 1795341600 at row 0 would be 1970-01-21 .*multiply seconds by 1000\.$/);
  });

  it('duplicate timestamps: wrong in wide and multi, fine in long', () => {
    const t = times(8);
    t[6] = t[5];
    const wide = frame('timeseries-wide', [
      { name: 'time', type: FieldType.time, values: t },
      { name: 'cpu', type: FieldType.number, values: t.map(() => 1) },
    ]);
    expect(only([wide], 'duplicate-time').message).toBe('duplicate timestamp 2026-11-22 10:05:00Z at rows 5 and 6 (a wide frame needs one row per time, shared by every series).');
    expect(only([multi(t, t.map(() => 1))], 'duplicate-time').message).toMatch(/at rows 5 and 6 \(a series has one value per time\)/);
    expect(rules(VALID['timeseries-long']())).toEqual([]); // the long fixture repeats every time
  });

  it('labels on the time field', () => {
    const f = frame('timeseries-multi', [
      { name: 'time', type: FieldType.time, values: times(2), labels: { host: 'a' } },
      { name: 'cpu', type: FieldType.number, values: [1, 2] },
    ]);
    expect(only([f], 'time-labels').message).toBe('time field \'time\' has labels {host="a"}: labels describe a series and belong on its value field.');
  });

  it('two series with the same name and labels, in multi and in wide', () => {
    const dupMulti = [multi(times(2), [1, 2], { host: 'a' }), multi(times(2), [3, 4], { host: 'a' })];
    expect(only(dupMulti, 'duplicate-series')).toMatchObject({ frame: 1 });
    expect(only(dupMulti, 'duplicate-series').message).toMatch(/two series share name 'cpu' and labels \{host="a"\}/);
    const wide = frame('timeseries-wide', [
      { name: 'time', type: FieldType.time, values: times(2) },
      { name: 'cpu', type: FieldType.number, values: [1, 2], labels: { host: 'a' } },
      { name: 'cpu', type: FieldType.number, values: [3, 4], labels: { host: 'a' } },
    ]);
    expect(only([wide], 'duplicate-series').message).toMatch(/^fields 1 and 2 are the same series/);
  });

  it('no time field, or no value field, with hints for the usual slips', () => {
    const numberTime = frame('timeseries-multi', [
      { name: 'time', type: FieldType.number, values: times(2) },
      { name: 'cpu', type: FieldType.number, values: [1, 2] },
    ]);
    expect(only([numberTime], 'no-time-field').message).toBe("there is no time field: a timeseries-multi frame needs a field of type time. Field 'time' has type number: give it type time (FieldType.time), with values in milliseconds since 1970.");
    const textValues = frame('timeseries-multi', [
      { name: 'time', type: FieldType.time, values: times(2) },
      { name: 'value', type: FieldType.string, values: ['1.5', '2'] },
    ]);
    expect(only([textValues], 'no-value-field').message).toMatch(/Field 'value' holds numbers as text \("1.5"\)\. Convert the text to numbers/);
  });

  it('remainder data (strings, later time fields, multi\'s later value fields) is noted, not a violation', () => {
    const f = multi(times(2), [1, 2], undefined, [
      { name: 'host', type: FieldType.string, values: ['a', 'a'] },
      { name: 'mem', type: FieldType.number, values: [1, 2] },
      { name: 'received', type: FieldType.time, values: times(2) },
    ]);
    const report = inspectFrames([f]);
    expect(allViolations(report)).toEqual([]);
    expect(report.frames[0].remainder.map((r) => [r.index, r.field])).toEqual([
      [2, 'host'],
      [3, 'mem'],
      [4, 'received'],
    ]);
    expect(report.frames[0].remainder[1].note).toMatch(/only 'cpu' is read/);
  });

  it('more than one wide frame', () => {
    const two = [...VALID['timeseries-wide'](), ...VALID['timeseries-wide']()];
    const report = inspectFrames(two);
    expect(report.response.map((v) => v.message)).toEqual([
      '2 frames (0, 1) declare timeseries-wide, but a wide response is one frame whose value fields share its time field. Use timeseries-multi for one frame per series.',
    ]);
  });

  it('long: the same point twice, labels that are ignored, missing dimensions', () => {
    const long = (host: unknown[], labels?: Record<string, string>) =>
      frame('timeseries-long', [
        { name: 'time', type: FieldType.time, values: [T0, T0, T0 + MINUTE] },
        { name: 'host', type: FieldType.string, values: host },
        { name: 'cpu', type: FieldType.number, values: [1, 2, 3], labels },
      ]);
    expect(only([long(['a', 'a', 'a'])], 'duplicate-row').message).toBe(
      'rows 0 and 1 are the same point: time 2026-11-22 10:00:00Z with {host="a"}. In a long frame a series has one row per time.',
    );
    expect(only([long(['a', 'b', 'a'], { dc: 'x' })], 'labels-ignored').field).toBe('cpu');
    expect(only([long(['a', null, 'a'])], 'dimension-null').row).toBe(1);
  });
});

describe('numeric rules', () => {
  it('wide and multi hold at most one row', () => {
    const f = frame('numeric-wide', [{ name: 'cpu', type: FieldType.number, values: [1, 2, 3] }]);
    expect(only([f], 'too-many-rows').message).toMatch(/^the frame has 3 rows, but a numeric-wide frame holds one number per value field: 0 or 1 rows/);
    const m = frame('numeric-multi', [{ name: 'cpu', type: FieldType.number, values: [1, 2] }]);
    expect(rules([m])).toEqual(['too-many-rows']);
  });

  it('time and string fields are remainder data in wide and multi, noted and not reported', () => {
    const f = frame('numeric-multi', [
      { name: 'time', type: FieldType.time, values: [T0] },
      { name: 'cpu', type: FieldType.number, values: [1] },
    ]);
    const report = inspectFrames([f]);
    expect(allViolations(report)).toEqual([]);
    expect(report.frames[0].remainder).toMatchObject([{ index: 0, field: 'time', note: expect.stringMatching(/holds numbers without a time/) }]);
  });

  it('long: several rows need a string field, and each row is a different item', () => {
    const bare = frame('numeric-long', [{ name: 'cpu', type: FieldType.number, values: [1, 6] }]);
    expect(only([bare], 'dimension-missing').message).toMatch(/^the frame has 2 rows but no string field/);
    const dup = frame('numeric-long', [
      { name: 'cpu', type: FieldType.number, values: [1, 6, 7] },
      { name: 'host', type: FieldType.string, values: ['a', 'b', 'a'] },
    ]);
    expect(only([dup], 'duplicate-row').message).toBe('rows 0 and 2 are the same item {host="a"}: each row of a numeric-long frame must be a different item.');
  });

  it('duplicate items across numeric-multi frames, and one frame for wide and long', () => {
    const m = VALID['numeric-multi']();
    expect(only([m[0], m[0]], 'duplicate-series').frame).toBe(1);
    expect(inspectFrames([...VALID['numeric-long'](), ...VALID['numeric-long']()]).response.map((v) => v.rule)).toEqual(['one-frame-expected']);
  });
});

describe('inferring a type from the shape', () => {
  const undeclared = (fields: FieldDTO[]) => createDataFrame({ fields });
  it.each<[string, DataFrame[], DataplaneType | undefined]>([
    ['one frame, time + one number', [undeclared([{ name: 't', type: FieldType.time, values: [T0] }, { name: 'v', type: FieldType.number, values: [1] }])], 'timeseries-multi'],
    ['several rows of bare numbers', [undeclared([{ name: 'v', type: FieldType.number, values: [1, 2] }])], undefined],
    ['only strings', [undeclared([{ name: 's', type: FieldType.string, values: ['a'] }])], undefined],
  ])('%s', (_name, frames, type) => {
    expect(inspectFrames(frames).frames[0].type).toBe(type);
  });
  it('times and numbers as text (a JSON API read as it comes): names both causes and the type it would have', () => {
    // Built with createDataFrame and no types, as a handler that maps JSON rows would.
    const naive = createDataFrame({
      fields: [
        { name: 'timestamp', values: ['2026-01-15T12:00:00Z', '2026-01-15T12:01:00Z'] },
        { name: 'value', values: ['42.1', '40'] },
      ],
    });
    const report = inspectFrames([naive]);
    expect(report.frames[0].source).toBe('none');
    const found = allViolations(report);
    expect(found[0].message).toBe(
      "meta.type is not set, and the frame's shape matches no data-plane type because 'timestamp' holds times as text and 'value' holds numbers as text. With that fixed it would look like timeseries-multi; then say so with meta.type.",
    );
    expect(found.map((v) => [v.rule, v.field])).toEqual(
      expect.arrayContaining([
        ['time-not-number', 'timestamp'],
        ['value-wrong-type', 'value'],
      ]),
    );
    expect(found.find((v) => v.rule === 'time-not-number')!.message).toMatch(/Date.parse reads this form\) and give the field type time\.$/);
  });

  it('the same frame as wire JSON with both fields typed string, and time typed number', () => {
    const json = {
      schema: { fields: [{ name: 'time', type: 'string' }, { name: 'cpu', type: 'string' }] },
      data: { values: [['1768478400', '1768478460'], ['1.5', '+Inf']] },
    };
    const report = inspectFrames([json]);
    expect(allViolations(report).map((v) => v.rule)).toEqual(['type-missing', 'time-not-number', 'value-wrong-type']);
    expect(allViolations(report)[0].message).toMatch(/because 'time' holds times as text and 'cpu' holds numbers as text\. With that fixed it would look like timeseries-multi/);
    expect(allViolations(report)[2].message).toMatch(/map those two to Infinity and -Infinity yourself\. Then give the field type number\.$/);
    const numberTime = { schema: { fields: [{ name: 'ts', type: 'number' }, { name: 'cpu', type: 'number' }] }, data: { values: [[T0, T0 + MINUTE], [1, 2]] } };
    expect(messages([numberTime])).toEqual([
      "Frame 0: meta.type is not set, and the frame's shape matches no data-plane type because 'ts' is typed number instead of time. With that fixed it would look like timeseries-multi; then say so with meta.type.",
      "Frame 0: field 'ts' looks like the time but has type number, so the frame has no time field: give it type time (FieldType.time), with values in milliseconds since 1970.",
    ]);
  });

  it('a declared frame with times as text under any name gets the same advice', () => {
    const declared = frame('timeseries-multi', [
      { name: 'when', type: FieldType.string, values: ['2026-01-15T12:00:00Z'] },
      { name: 'cpu', type: FieldType.number, values: [1] },
    ]);
    expect(only([declared], 'no-time-field').message).toMatch(/Field 'when' holds times as text \("2026-01-15T12:00:00Z"\): convert each one to milliseconds/);
  });

  it('a frame of no known shape says so', () => {
    expect(messages([undeclared([{ name: 's', type: FieldType.string, values: ['a'] }])])[0]).toMatch(/Its shape matches none of them either/);
  });
});

describe("the contract's own examples (grafana/dataplane examples/data) are valid", () => {
  const wide = (extra: object, values: unknown[][]) => ({
    schema: {
      meta: { type: 'timeseries-wide', typeVersion: [0, 1] },
      fields: [{ name: 't', type: 'time' }, { name: 'slothCount', type: 'number', labels: { city: 'LGA' } }, extra],
    },
    data: { values },
  });
  it.each<[string, unknown[]]>([
    ['timeseries-wide with a remainder string field', [wide({ name: 'note', type: 'string' }, [[T0, T0 + 1000], [3, 5], ['remainder', 'data']])]],
    ['timeseries-wide with a remainder time field', [wide({ name: 't2', type: 'time' }, [[T0, T0 + 1000], [3, 5], [T0 + 5, T0 + 7]])]],
    [
      'timeseries-multi, unaligned, with a remainder string in one frame',
      [
        {
          schema: { meta: { type: 'timeseries-multi', typeVersion: [0, 1] }, fields: [{ name: 't', type: 'time' }, { name: 'slothCount', type: 'number', labels: { city: 'LGA' } }, { name: 'slothNote', type: 'string' }] },
          data: { values: [[T0, T0 + 1000], [3, 5], ['', 'Sloth']] },
        },
        {
          schema: { meta: { type: 'timeseries-multi', typeVersion: [0, 1] }, fields: [{ name: 't', type: 'time' }, { name: 'slothCount', type: 'number', labels: { city: 'MIA' } }] },
          data: { values: [[T0 + 10, T0 + 610, T0 + 1010], [6, 7, 9]] },
        },
      ],
    ],
    [
      'numeric-wide with a remainder time field',
      [
        {
          schema: {
            meta: { type: 'numeric-wide', typeVersion: [0, 1] },
            fields: [{ name: 't', type: 'time' }, { name: 'avg', type: 'number', labels: { city: 'LGA' } }, { name: 'avg', type: 'number', labels: { city: 'MIA' } }],
          },
          data: { values: [[T0], [4], [7.5]] },
        },
      ],
    ],
    ['timeseries-wide, one empty item', [{ schema: { meta: { type: 'timeseries-wide', typeVersion: [0, 1] }, fields: [{ name: 't', type: 'time' }, { name: 'slothCount', type: 'number' }] }, data: { values: [[], []] } }]],
  ])('%s', (_name, frames) => {
    const report = inspectFrames(frames);
    expect(allViolations(report)).toEqual([]);
    expect(report.frames.every((f) => f.source === 'declared')).toBe(true);
  });
});
