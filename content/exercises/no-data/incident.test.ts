/**
 * The "No data" incident model: deterministic per seed, every cause reachable, and the
 * evidence enough to tell the cause and consistent with it alone. The last is proven
 * by a reader that sees only the rendered evidence (what the learner sees, never the
 * facts) and asks, for each cause, "does this incident show that cause's trace?": for
 * every seed exactly one cause must match, and it must be the seed's own.
 */
import { describe, expect, it } from 'vitest';
import type { Incident } from '@/lib/exercises/incident';
import { CAUSE_CHOICES, CAUSE_HOP, CAUSES, HOP_CHOICES, factsOf, noDataIncident, type CauseId } from './incident';

const SEEDS = Array.from({ length: 400 }, (_, i) => (i * 2_654_435_761) >>> 0);

const evidence = (incident: Incident, hop: string, label: string): string[] => {
  const item = incident.hops.find((h) => h.id === hop)?.evidence.find((e) => e.label.startsWith(label));
  return item?.lines ?? [];
};
const text = (incident: Incident, hop: string, label: string) => evidence(incident, hop, label).join('\n');
const dateIn = (line: string) => Date.parse(/\d{4}-\d\d-\d\dT[\d:]+Z/.exec(line)?.[0] ?? 'x');

/** Each cause's trace, read from the evidence alone, as a careful learner would read it. */
const TRACES: Record<CauseId, (i: Incident) => boolean> = {
  'hidden-query': (i) => text(i, 'a', 'Query editor').includes('(hidden'),
  'key-scope': (i) => !text(i, 'b', 'The API key').includes('metrics:read') && text(i, 'e', 'Response').startsWith('403'),
  'swallowed-error': (i) => /^(5\d\d|429) /.test(text(i, 'e', 'Response')) && !text(i, 'd', 'QueryData response').includes('"error"'),
  'refid-mismatch': (i) => {
    const asked = /"refId": "([^"]+)"/.exec(text(i, 'c', 'The DataQuery'))?.[1];
    const answered = /"responses": \{\s*"([^"]+)"/.exec(text(i, 'd', 'QueryData response'))?.[1];
    return asked !== undefined && answered !== undefined && asked !== answered;
  },
  'string-values': (i) => text(i, 'd', 'QueryData response').includes('type: "string"'),
  'label-typo': (i) => {
    const sent = /"job": "([^"]+)"/.exec(text(i, 'c', 'The DataQuery'))?.[1];
    return sent !== undefined && !text(i, 'e', 'GET /api/v1/label/job/values').includes(`"${sent}"`);
  },
  'time-range': (i) => {
    const [from] = evidence(i, 'c', 'Time range in the request');
    return from !== undefined && dateIn(from) > dateIn(text(i, 'c', 'Dashboard clock'));
  },
  'stale-upstream': (i) => {
    const [from] = evidence(i, 'c', 'Time range in the request');
    const newest = dateIn(text(i, 'e', 'Newest sample'));
    return from !== undefined && newest < dateIn(from) && dateIn(from) <= dateIn(text(i, 'c', 'Dashboard clock'));
  },
};

describe('no-data incident', () => {
  it('is the same incident for the same seed', () => {
    for (const seed of SEEDS.slice(0, 20)) expect(noDataIncident.draw(seed)).toEqual(noDataIncident.draw(seed));
  });

  it('seeds every cause, none much more often than the others', () => {
    const counts = new Map<CauseId, number>();
    for (const seed of SEEDS) counts.set(factsOf(seed).cause, (counts.get(factsOf(seed).cause) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...CAUSES].sort());
    for (const [cause, n] of counts) expect(n, cause).toBeGreaterThan(SEEDS.length / CAUSES.length / 2);
  });

  it('shows, at every seed, the trace of its own cause and of no other', () => {
    for (const seed of SEEDS) {
      const incident = noDataIncident.draw(seed);
      const matching = CAUSES.filter((cause) => TRACES[cause](incident));
      expect(matching, `seed ${seed} (${factsOf(seed).cause})`).toEqual([factsOf(seed).cause]);
    }
  });

  it('answers with the choice ids of its cause and of the hop that cause belongs to', () => {
    for (const seed of SEEDS.slice(0, 50)) {
      const { cause } = factsOf(seed);
      const { answer } = noDataIncident.draw(seed);
      expect(CAUSE_CHOICES.find((c) => c.id === answer.cause)?.cause).toBe(cause);
      expect(HOP_CHOICES.find((h) => h.id === answer.hop)?.hop).toBe(CAUSE_HOP[cause]);
    }
  });

  it('keeps the two never-seeded causes ruled out: Save & test is green and no log line mentions a timeout', () => {
    for (const seed of SEEDS) {
      const incident = noDataIncident.draw(seed);
      expect(text(incident, 'b', 'Save & test')).toContain('working');
      expect(text(incident, 'd', 'Plugin logs')).not.toMatch(/timeout|deadline/i);
    }
  });

  it('never shows the answer ids or cause names in the evidence', () => {
    for (const seed of SEEDS.slice(0, 50)) {
      const shown = JSON.stringify(noDataIncident.draw(seed).hops);
      for (const cause of CAUSES) expect(shown).not.toContain(cause);
    }
  });

  it('has single-letter choice ids that fit the saved answer', () => {
    for (const choice of [...noDataIncident.hops, ...noDataIncident.causes]) expect(choice.id).toMatch(/^[a-z]$/);
  });
});
