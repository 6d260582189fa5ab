/**
 * Time zones in the sandbox. The worker bundle keeps only part of moment-timezone's
 * database (scripts/build-sandbox.mjs TZ_YEARS, for a smaller and faster-starting
 * bundle); a handler formatting dates with @grafana/data must still get what the full
 * database gives, here in Node, for every zone name and any date a lab can meet.
 */
import { afterAll, describe, expect, it } from 'vitest';
import moment from 'moment-timezone';
import { dateTimeFormat } from '@grafana/data';
import { createNodeSandbox } from '../node/node-sandbox';
import { createUpstreamBridge } from '../upstream-bridge';
import { SEEDED_CLOCK_SPAN } from '../../upstreams/seed';
import { TZ_YEARS } from '../../../scripts/build-sandbox.mjs';

const sandbox = createNodeSandbox();
afterAll(() => sandbox.dispose());

const FORMAT = 'YYYY-MM-DD HH:mm:ss Z';

/** Mid-winter and mid-summer noon (UTC) of every year a seeded clock falls in, a year either side, and older dates. */
const INSTANTS = [
  Date.UTC(1880, 6, 1, 12),
  Date.UTC(1950, 0, 15, 12),
  0,
  Date.UTC(1999, 6, 15, 12),
  ...Array.from({ length: 10 }, (_, i) => 2023 + i).flatMap((year) => [Date.UTC(year, 0, 15, 12), Date.UTC(year, 6, 15, 12)]),
  // Either side of the EU's spring change in the span's last year (01:00 UTC, 30 March 2031).
  Date.UTC(2031, 2, 30, 0, 59),
  Date.UTC(2031, 2, 30, 1, 0),
  Date.UTC(2099, 6, 15, 12),
];

/** Formats every instant in every zone asked for, with @grafana/data: one line per zone. */
const HANDLER = `
import { dateTimeFormat } from '@grafana/data';
export async function queryData(req: { queries: { json: { zones: string[]; instants: number[]; format: string } }[] }) {
  const { zones, instants, format } = req.queries[0].json;
  const lines = zones.map((timeZone) => timeZone + ' ' + instants.map((t) => dateTimeFormat(t, { timeZone, format })).join(' | '));
  return { responses: { A: { frames: [{ fields: [{ name: 'line', type: 'string', values: lines }] }] } } };
}`;

async function formatInSandbox(zones: string[]): Promise<string[]> {
  const raw = await sandbox.run({
    files: { 'handler.ts': HANDLER },
    entry: 'handler.ts',
    invocation: 'queryData',
    request: { queries: [{ refId: 'A', json: { zones, instants: INSTANTS, format: FORMAT } }] },
    upstream: createUpstreamBridge([], []).resolve,
    timeLimitMs: 10_000,
  });
  const output = raw.output as { ok: boolean; value?: { responses: { A: { frames: { data: { values: string[][] } }[] } } } };
  expect(output.ok, JSON.stringify(raw.output).slice(0, 500)).toBe(true);
  // Frames come back in Grafana's wire shape (schema, then data.values by field).
  return output.value!.responses.A.frames[0].data.values[0];
}

describe('time zones in the sandbox', () => {
  it('keeps the years a seeded clock can show', () => {
    expect(new Date(SEEDED_CLOCK_SPAN.fromMs).getUTCFullYear()).toBeGreaterThan(TZ_YEARS.from);
    expect(new Date(SEEDED_CLOCK_SPAN.toMs).getUTCFullYear()).toBeLessThan(TZ_YEARS.to);
  });

  it("gives Berlin's summer time in the span's last year", async () => {
    const [line] = await formatInSandbox(['Europe/Berlin']);
    expect(line).toContain('2031-07-15 14:00:00 +02:00');
    expect(line).toContain('2031-01-15 13:00:00 +01:00');
  });

  it('formats every zone name as the full database does', async () => {
    const zones = moment.tz.names();
    expect(zones.length).toBeGreaterThan(500);
    const expected = zones.map((timeZone) => timeZone + ' ' + INSTANTS.map((t) => dateTimeFormat(t, { timeZone, format: FORMAT })).join(' | '));
    expect(await formatInSandbox(zones)).toEqual(expected);
  });
});
