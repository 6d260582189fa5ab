/**
 * Attack: a handler answers with thousands of tiny frames (or refIds, or fields). Each
 * is well inside the output budget, but drawing them all froze the page for seconds.
 * The Panel and Data tabs decode, draw and list only the first ones, and say so.
 */
import { describe, expect, it } from 'vitest';
import { FieldType, type DataFrameJSON } from '@grafana/data';
import {
  DATA_FRAMES_PER_PAGE,
  DATA_RESULT_LIMIT,
  DECODED_FIELD_LIMIT,
  DECODED_FRAME_LIMIT,
  PANEL_FRAME_LIMIT,
  PANEL_NOTE_LIMIT,
  PANEL_SERIES_LIMIT,
  inspectResults,
  listForDataTab,
  parseResults,
  planPanel,
  type QueryResultView,
} from './index';
import { T0, tableJSON } from './test-fixtures';

const twoPoints = (i: number): DataFrameJSON => ({
  schema: { fields: [{ name: 'time', type: FieldType.time }, { name: 'value', type: FieldType.number, labels: { i: String(i) } }] },
  data: { values: [[T0, T0 + 1000], [i, i + 1]] },
});
const many = (n: number, make: (i: number) => DataFrameJSON = twoPoints): QueryResultView[] => [{ refId: 'A', frames: Array.from({ length: n }, (_, i) => make(i)) }];
const plan = (results: QueryResultView[]) => {
  const parsed = parseResults(results);
  return planPanel(results, parsed.frames, 500, parsed.decoded);
};

describe('thousands of frames', () => {
  it('decodes only the first frames and counts them all', () => {
    const parsed = parseResults(many(6000));
    expect(parsed.frames).toHaveLength(DECODED_FRAME_LIMIT);
    expect(parsed).toMatchObject({ total: 6000, decoded: DECODED_FRAME_LIMIT });
    expect(parsed.frames.at(-1)?.key).toBe(`A-${DECODED_FRAME_LIMIT - 1}`);
  });

  it('draws the first frames on the panel, with a note saying how many of how many', () => {
    const p = plan(many(6000));
    expect(p.series).toHaveLength(PANEL_FRAME_LIMIT);
    expect(p.legend).toHaveLength(PANEL_FRAME_LIMIT);
    expect(p.frames).toEqual({ total: 6000, shown: PANEL_FRAME_LIMIT });
    expect(p.notes[0]).toMatch(new RegExp(`^Showing the first ${PANEL_FRAME_LIMIT} of 6,000 frames`));
    expect(p.notes[0]).toMatch(/JSON tab/);
  });

  it('counts tables and unreadable frames among those shown', () => {
    const results: QueryResultView[] = [{ refId: 'A', frames: [...Array.from({ length: 30 }, tableJSON), null as never, ...Array.from({ length: 40 }, (_, i) => twoPoints(i))] }];
    const parsed = parseResults(results);
    const p = planPanel(results, parsed.frames, 500, parsed.decoded);
    expect(p.tables).toHaveLength(30);
    expect(p.series).toHaveLength(PANEL_FRAME_LIMIT - 30);
    expect(p.notes[0]).toMatch(new RegExp(`^Showing the first ${PANEL_FRAME_LIMIT + 1} of 71 frames`));
  });

  it('says nothing about limits when every frame is drawn', () => {
    const p = plan(many(PANEL_FRAME_LIMIT));
    expect(p.series).toHaveLength(PANEL_FRAME_LIMIT);
    expect(p.notes).toEqual([]);
  });

  it('draws at most PANEL_SERIES_LIMIT series from one wide frame', () => {
    const fields = [{ name: 'time', type: FieldType.time }, ...Array.from({ length: 5000 }, (_, i) => ({ name: `v${i}`, type: FieldType.number }))];
    const wide: DataFrameJSON = { schema: { fields }, data: { values: [[T0, T0 + 1], ...Array.from({ length: 5000 }, () => [1, 2])] } };
    const p = plan([{ refId: 'A', frames: [wide, twoPoints(1)] }]);
    expect(p.legend).toHaveLength(PANEL_SERIES_LIMIT);
    expect(p.notes[0]).toMatch(/Showing the first 1 of 2 frames/);
  });

  it('reads the first fields of a frame with hundreds of thousands, and says so', () => {
    const n = 200_000;
    const fields = [{ name: 'time', type: FieldType.time }, ...Array.from({ length: n }, (_, i) => ({ name: `v${i}`, type: FieldType.number }))];
    const wide: DataFrameJSON = { schema: { fields }, data: { values: [[T0, T0 + 1], ...Array.from({ length: n }, () => [1, 2])] } };
    const [parsed] = parseResults([{ refId: 'A', frames: [wide] }]).frames;
    expect(parsed.frame.fields).toHaveLength(DECODED_FIELD_LIMIT);
    expect(parsed.notes).toEqual([expect.stringMatching(/^Only the first 1,000 of its 200,001 fields are read here/)]);
    expect(inspectResults([{ refId: 'A', frames: [wide] }]).get('A')?.frames[0]).toBeDefined();
    expect(wide.schema?.fields).toHaveLength(n + 1); // the handler's answer is not changed
  });

  it('lists a limited number of notes and counts the rest', () => {
    const empty = (): DataFrameJSON => ({ schema: { fields: [{ name: 'time', type: FieldType.time }, { name: 'v', type: FieldType.number }] }, data: { values: [[], []] } });
    const p = plan(many(150, empty));
    expect(p.notes).toHaveLength(PANEL_NOTE_LIMIT + 1);
    expect(p.notes.at(-1)).toMatch(/and 130 more notes/);
  });

  it('checks the data-plane contract of the decoded frames only', () => {
    const reports = inspectResults([...many(DECODED_FRAME_LIMIT - 1), { refId: 'B', frames: [twoPoints(1), twoPoints(2)] }, { refId: 'C', frames: [twoPoints(3)] }]);
    expect(reports.get('A')?.frames).toHaveLength(DECODED_FRAME_LIMIT - 1);
    expect(reports.get('B')?.frames).toHaveLength(1);
    expect(reports.has('C')).toBe(false);
  });
});

describe('listForDataTab', () => {
  it('lists a page of frames, then more on request, up to the decoded ones', () => {
    const results = many(6000);
    const parsed = parseResults(results);
    const first = listForDataTab(results, parsed, DATA_FRAMES_PER_PAGE);
    expect(first.sections[0].frames).toHaveLength(DATA_FRAMES_PER_PAGE);
    expect(first).toMatchObject({ shownFrames: DATA_FRAMES_PER_PAGE, totalFrames: 6000, hiddenResults: 0, more: true });
    const all = listForDataTab(results, parsed, 10_000);
    expect(all).toMatchObject({ shownFrames: DECODED_FRAME_LIMIT, more: false });
  });

  it('lists at most DATA_RESULT_LIMIT refIds', () => {
    const results = Array.from({ length: 5000 }, (_, i): QueryResultView => ({ refId: `R${i}`, frames: [], error: { category: 'upstream', message: 'x' } }));
    const listing = listForDataTab(results, parseResults(results), DATA_FRAMES_PER_PAGE);
    expect(listing.sections).toHaveLength(DATA_RESULT_LIMIT);
    expect(listing).toMatchObject({ hiddenResults: 5000 - DATA_RESULT_LIMIT, more: false });
  });

  it('stops at the frame limit across refIds', () => {
    const results = Array.from({ length: 30 }, (_, i): QueryResultView => ({ refId: `R${i}`, frames: [twoPoints(1)] }));
    const listing = listForDataTab(results, parseResults(results), DATA_FRAMES_PER_PAGE);
    expect(listing.sections).toHaveLength(DATA_FRAMES_PER_PAGE);
    expect(listing).toMatchObject({ shownFrames: DATA_FRAMES_PER_PAGE, hiddenResults: 30 - DATA_FRAMES_PER_PAGE, more: true });
  });
});
