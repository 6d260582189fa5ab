import { describe, expect, it } from 'vitest';
import { seededNow } from '../../upstreams/seed';
import { loadProfile } from './load-profile';
import { INCIDENT_KINDS } from './upstream';

const at = (seed: number) => loadProfile({ seed, epochMs: seededNow(seed) });

describe('loadProfile', () => {
  it('is the same for a seed and different for another', () => {
    expect(at(7)).toEqual(at(7));
    expect(JSON.stringify(at(7))).not.toBe(JSON.stringify(at(8)));
  });

  it('holds a few hundred requests from several dashboards and tenants, in time order, with mixed query types', () => {
    for (const seed of [1, 99, 0xffff_ffff]) {
      const { requests } = at(seed);
      expect(requests.length).toBeGreaterThan(200);
      expect(requests.length).toBeLessThan(1_000);
      expect(requests.every((r, i) => i === 0 || requests[i - 1].atMs <= r.atMs)).toBe(true);
      expect(new Set(requests.map((r) => r.dashboard)).size).toBeGreaterThanOrEqual(5);
      expect(new Set(requests.map((r) => r.instanceUid)).size).toBe(3);
      expect(new Set(requests.flatMap((r) => r.queries.map((q) => q.queryType)))).toEqual(new Set(['range', 'instant']));
      // Both kinds of range: "now" ranges (never cacheable) and past ones (the cache's work).
      expect(requests.some((r) => 'lastMs' in r.range)).toBe(true);
      expect(requests.some((r) => !('lastMs' in r.range))).toBe(true);
    }
  });

  it('schedules one incident of every kind, apart from each other, inside the profile', () => {
    const { incidents } = at(5);
    expect(incidents.map((i) => i.kind).sort()).toEqual([...INCIDENT_KINDS].sort());
    const sorted = [...incidents].sort((a, b) => a.fromMs - b.fromMs);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i].fromMs).toBeGreaterThanOrEqual(sorted[i - 1].toMs);
    expect(sorted.every((i) => i.fromMs < i.toMs && i.toMs <= 600_000)).toBe(true);
  });

  it('gives every incident traffic to the instance it hits', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const { requests, incidents } = at(seed);
      for (const i of incidents) {
        const during = requests.filter((r) => r.instanceUid === i.instanceUid && r.atMs >= i.fromMs && r.atMs < i.toMs);
        expect(during.length, `seed ${seed}: ${i.kind} on ${i.instanceUid}`).toBeGreaterThan(2);
      }
    }
  });
});
