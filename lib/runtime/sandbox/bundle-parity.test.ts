/**
 * @grafana/data in the sandbox behaves as it does in Node. The worker bundle loads some of
 * it differently, to start faster (scripts/build-sandbox.mjs): lodash is wrapped once
 * for all its importers, and the extra themes are checked on first use of the theme
 * registry, not when the bundle loads. The same calls, in the sandbox and here, must
 * give the same answers.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as grafanaData from '@grafana/data';
import { createNodeSandbox } from '../node/node-sandbox';
import { createUpstreamBridge } from '../upstream-bridge';

const sandbox = createNodeSandbox();
afterAll(() => sandbox.dispose());

/** Calls reaching the lazily registered themes and lodash-backed helpers; `g` is @grafana/data. */
const PROBE = `(g) => {
  const frame = g.toDataFrame({ fields: [{ name: 'Time', type: 'time', values: [1, 2, 3] }, { name: 'Value', values: [1.5, 2, '4'] }] });
  const theme = g.getThemeById('tron');
  return {
    themes: g.getBuiltInThemes(['tron', 'aubergine', 'zen']).map((t) => [t.id, t.name, Boolean(t.isExtra)]),
    tron: [theme.name, theme.isDark, theme.colors.primary.main, theme.colors.background.primary],
    unknownTheme: g.getThemeById('no-such-theme').name,
    reduced: g.reduceField({ field: frame.fields[1], reducers: ['mean', 'max', 'last', 'sum'] }),
    types: [g.guessFieldTypeFromValue('12.5'), g.guessFieldTypeFromValue('2027-01-02T03:04:05Z'), g.guessFieldTypeFromValue(true)],
    numbers: [g.anyToNumber('7'), g.anyToNumber(null), g.anyToNumber('x')],
    dateMath: g.dateMath.parseDateMath('-1h/h', g.toUtc(Date.UTC(2027, 0, 1, 10, 30)), false).valueOf(),
    merged: g.outerJoinDataFrames({ frames: [frame, frame] }).fields.map((f) => f.name),
  };
}`;

const HANDLER = `
import * as g from '@grafana/data';
export async function queryData() {
  const answer = JSON.stringify((${PROBE})(g));
  return { responses: { A: { frames: [{ fields: [{ name: 'answer', type: 'string', values: [answer] }] }] } } };
}`;

describe('@grafana/data in the sandbox bundle', () => {
  it('answers as it does outside the sandbox (themes, lodash-backed helpers)', async () => {
    const raw = await sandbox.run({
      files: { 'handler.ts': HANDLER },
      entry: 'handler.ts',
      invocation: 'queryData',
      request: { queries: [] },
      upstream: createUpstreamBridge([], []).resolve,
      timeLimitMs: 10_000,
      epochMs: Date.UTC(2027, 4, 1, 12),
    });
    const output = raw.output as { ok: boolean; value?: { responses: { A: { frames: { data: { values: string[][] } }[] } } } };
    expect(output.ok, JSON.stringify(raw.output).slice(0, 500)).toBe(true);
    const inSandbox = JSON.parse(output.value!.responses.A.frames[0].data.values[0][0]);
    const here = JSON.parse(JSON.stringify((eval(PROBE) as (g: unknown) => unknown)(grafanaData)));
    expect(inSandbox).toEqual(here);
    expect(inSandbox.themes.map((t: [string]) => t[0])).toEqual(expect.arrayContaining(['dark', 'light', 'tron', 'aubergine', 'zen']));
  });
});
