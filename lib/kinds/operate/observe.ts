/**
 * What operate checks read back from a run, in general: the run's last scrape, a metric
 * family of it, a counter's totals by one label, the errors the handler answered with
 * (the host's record) and how long each request took on the virtual clock. The Week 4
 * checks grew these one lab at a time; every operate lab's checks use them from here.
 * Every helper fails the check (lib/checks/assert) with what was expected and what was
 * found, so checks read as a list of claims.
 */
import { expect, fail, RunDidNotComplete } from '../../checks/assert';
import type { OperateCheckContext } from './context';
import { samplesOf, type MetricFamily } from './exposition';
import type { OperatePlan } from './plan';
import type { OperateRunRecord, ScrapeRecord } from './run';

/** The record of a run that served its schedule; a run that could not (a syntax error, a loop) ends the check as an error. */
export async function servedRun(ctx: OperateCheckContext, plan: OperatePlan): Promise<OperateRunRecord> {
  const record = await ctx.serve(plan);
  if (record.error) throw new RunDidNotComplete(record.error);
  return record;
}

/** The last scrape the host could read, or a failure saying why there is none. */
export function lastScrape(record: OperateRunRecord, entry = 'handler.ts'): ScrapeRecord & { families: MetricFamily[] } {
  if (record.noRegistry) fail(`a registry exported from ${entry} as \`registry\``, `${entry} exports none, so there was nothing to scrape`);
  const last = record.scrapes.at(-1);
  expect(last, 'a scrape of your registry at the end of the run', 'there was none');
  expect(last.families, 'exposition text the host can read', () => last.error ?? 'it gave no text');
  return last as ScrapeRecord & { families: MetricFamily[] };
}

/** Fails unless the family `name` is in the scrape, with the type `type`. */
export function metricFamily(families: readonly MetricFamily[], name: string, type: MetricFamily['type']): MetricFamily {
  const found = families.find((f) => f.name === name);
  expect(found, `a ${type} named ${name} in your metrics`, `your registry exposes ${families.map((f) => f.name).join(', ') || 'nothing'}`);
  expect(found.type === type, `${name} to be a ${type}`, `it is a ${found.type}`);
  return found;
}

/** Totals of the samples named `name` by their value of `label`; fails when a sample lacks the label. */
export function totalsBy(families: readonly MetricFamily[], name: string, label: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of samplesOf(families, name)) {
    const value = s.labels[label];
    if (value === undefined) fail(`every ${name} series labelled with ${label}`, `a series has labels {${Object.keys(s.labels).join(', ')}}`);
    out.set(value, (out.get(value) ?? 0) + s.value);
  }
  return out;
}

/** The sum of the samples named `name`. */
export const totalOf = (families: readonly MetricFamily[], name: string, where: Record<string, string> = {}) => samplesOf(families, name, where).reduce((a, s) => a + s.value, 0);

/** `a 3, b 1`, sorted, for messages. */
export const describeCounts = (counts: ReadonlyMap<string, number>) =>
  [...counts.entries()]
    .filter(([, v]) => v !== 0)
    .sort()
    .map(([k, v]) => `${k || '""'} ${v}`)
    .join(', ') || 'nothing';

/** Whether two count maps agree, zero counts ignored. */
export function sameCounts(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].every((k) => (a.get(k) ?? 0) === (b.get(k) ?? 0));
}

/** Every query the handler answered with an error, by category (what Grafana received); fails when a request got no answer. */
export function answeredErrors(record: OperateRunRecord): Map<string, number> {
  const out = new Map<string, number>();
  for (const entry of record.schedule) {
    const outcome = record.outcomes[entry.id];
    if (!outcome || outcome.status !== 'answered') fail('an answer to every request', `the request sent at ${entry.atMs / 1000} s got ${outcome?.message ?? 'none'}`);
    for (const response of Object.values(outcome.responses ?? {})) if (response.error) out.set(response.error.category, (out.get(response.error.category) ?? 0) + 1);
  }
  return out;
}

/** Virtual ms request `id` took, from when Grafana sent it to its answer. */
export function requestMs(record: OperateRunRecord, id: number): number {
  const entry = record.schedule.find((e) => e.id === id);
  const outcome = record.outcomes[id];
  expect(entry && outcome, `an outcome for request ${id}`, 'there is none');
  return outcome.endedAtMs - entry.atMs;
}

/** Close enough for sums of virtual durations: 0.5 % and a millisecond per observation. */
export const closeTo = (actual: number, truth: number, observations: number) => Math.abs(actual - truth) <= 0.005 * Math.abs(truth) + 0.001 * observations;

/** Seconds for messages: `1.25 s`. */
export const secs = (v: number) => `${Number(v.toFixed(3))} s`;

/** A virtual instant or span in ms as seconds for messages: `12 s` on a whole second, `12.35 s` (two decimals) off it. */
export const atSeconds = (ms: number) => `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 2)} s`;
