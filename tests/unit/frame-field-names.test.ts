/**
 * Time series frames name their fields as Grafana's own data sources do: the time field
 * `Time` and the number field `Value` (Go: data.TimeSeriesTimeFieldName and
 * data.TimeSeriesValueFieldName; @grafana/data: TIME_SERIES_TIME_FIELD_NAME and
 * TIME_SERIES_VALUE_FIELD_NAME). Grafana builds a legend from the field name plus the
 * labels and leaves out a field named exactly `Value`, so a field called `value` reads
 * `value {instance="web-1"}` in every legend (issue 18, item 5).
 *
 * Every handler lab's solution and alternative runs here through the path the
 * conformance test uses (the node sandbox, a seeded check context, the mocked metrics
 * API), on its own run settings' queries and a few more (grouped, and each `format` a
 * lab may know). A number field may also carry the series' own name, the metric the
 * frame is named after: the data-plane contract reads the series name from the value
 * field's name, and Week 1's "Frames from upstream data" teaches that form.
 *
 * Labs of the operate kind run their handler through the same sandbox with Week 2's
 * run settings (their own runs go through a load simulation that keeps only a digest of
 * the frames).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { TIME_SERIES_TIME_FIELD_NAME, TIME_SERIES_VALUE_FIELD_NAME } from '@grafana/data';
import { framesFor, queryResponse } from '@/lib/checks/assert';
import { createCheckContext } from '@/lib/checks/context';
import { inspectFrames } from '@/lib/dataplane';
import type { RunRecord } from '@/lib/engine/run';
import { loadAllLabs, type LabContent } from '@/lib/labs/load';
import type { LabMeta } from '@/lib/labs/schema';
import { loadVariants } from '@/lib/labs/variants';
import { createNodeSandbox } from '@/lib/runtime/node/node-sandbox';
import { hashString } from '@/lib/random';

const labs = loadAllLabs();
const sandbox = createNodeSandbox();
afterAll(() => sandbox.dispose());

/** Week 2's run settings (base URL in jsonData, key in secureJsonData): what an operate lab's handler reads. */
const WEEK_2_RUN = labs.find((l) => l.id === 'week-2/config-and-secret')!.meta.run!;

/** Queries beyond a lab's own: a grouped one (several labelled series) and each frame layout. */
const EXTRA_QUERIES = [
  { metric: 'http_requests_per_second', aggregation: 'sum', groupBy: ['instance'] },
  { metric: 'http_requests_per_second', format: 'multi' },
  { metric: 'http_requests_per_second', format: 'long' },
  { metric: 'http_requests_per_second', format: 'wide' },
];

/** The lab's metadata as a handler run needs it: its own, or Week 2's run settings for an operate lab. */
function runnable(lab: LabContent): LabMeta | undefined {
  if (lab.meta.kind === 'artifact') return undefined;
  if (lab.meta.kind === 'operate') return { ...lab.meta, upstreams: ['metrics'], run: WEEK_2_RUN };
  // A lab whose Run calls checkHealth (its entry exports no queryData) returns no frames.
  return lab.meta.run?.invocation === 'queryData' ? lab.meta : undefined;
}

/** One name problem: where, and what the field is called. */
interface Misnamed {
  where: string;
  field: string;
  want: string;
}

/**
 * Runs one handler on the lab's queries and the extra ones, and lists every time field
 * not named `Time` and every number field named neither `Value` nor after its frame's
 * metric, in frames the data-plane checker reads as a time series. Also returns how many
 * time series frames it looked at, so a handler that answered nothing cannot pass.
 */
async function fieldNames(lab: LabContent, meta: LabMeta, files: Record<string, string>): Promise<{ frames: number; misnamed: Misnamed[] }> {
  const ctx = createCheckContext(sandbox, meta, files, undefined, { seed: hashString(lab.id) });
  const queries = [...meta.run!.queries.map((q) => q.json), ...EXTRA_QUERIES].map((json, i) => ({ refId: `Q${i}`, json }));
  const record: RunRecord = await ctx.query({ queries });
  const responses = queryResponse(record).responses;
  let frames = 0;
  const misnamed: Misnamed[] = [];
  for (const { refId } of queries) {
    const response = responses[refId];
    if (!response || response.error || response.frames.length === 0) continue;
    const report = inspectFrames(response.frames);
    framesFor(record, refId).forEach((frame, index) => {
      if (!report.frames[index]?.type?.startsWith('timeseries')) return;
      frames++;
      const where = `${refId} ${JSON.stringify(queries.find((q) => q.refId === refId)!.json)}, frame ${index} (${frame.name ?? 'unnamed'})`;
      for (const field of frame.fields) {
        if (field.type === 'time' && field.name !== TIME_SERIES_TIME_FIELD_NAME) misnamed.push({ where, field: field.name, want: TIME_SERIES_TIME_FIELD_NAME });
        if (field.type === 'number' && field.name !== TIME_SERIES_VALUE_FIELD_NAME && field.name !== frame.name) {
          misnamed.push({ where, field: field.name, want: `${TIME_SERIES_VALUE_FIELD_NAME} (or the frame's metric, ${JSON.stringify(frame.name)})` });
        }
      }
    });
  }
  return { frames, misnamed };
}

const handlerLabs = labs.filter((lab) => runnable(lab) && lab.meta.files.some((f) => f.path === lab.meta.entry));

describe('time series frames name their fields Time and Value, as Grafana does', () => {
  it('covers the handler labs', () => {
    expect(handlerLabs.map((l) => l.id)).toEqual(expect.arrayContaining(['week-1/frames-from-upstream', 'week-2/first-query-path']));
  });

  describe.each(handlerLabs.map((lab) => [lab.id, lab] as const))('%s', (_id, lab) => {
    const meta = runnable(lab)!;
    const alternative = loadVariants(lab).alternative;
    const variants: Array<[string, Record<string, string>]> = [['solution', lab.solution], ...(alternative ? [['alternative', alternative] as [string, Record<string, string>]] : [])];
    it.each(variants)('%s', async (_name, files) => {
      const { frames, misnamed } = await fieldNames(lab, meta, files);
      expect(frames, 'time series frames returned by the handler').toBeGreaterThan(0);
      expect(misnamed.map((m) => `${m.where}: field '${m.field}' should be named ${m.want}`)).toEqual([]);
    }, 60_000);
  });
});
