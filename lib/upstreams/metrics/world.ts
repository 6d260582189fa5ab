/**
 * The metrics upstream's data for one Run: which series exist (label values) and how
 * each moves (values, phases), as a pure function of the Run's seed (../seed.ts).
 *
 * The lab page's own Run uses the canonical world (no seed): the label values the lab
 * prose quotes (`web-1`, `/api/orders`…), the same series every time. A graded Run draws
 * a seed, and its world has the same metric names, label names and number of series,
 * but its own instance, route and queue names and its own values, so frames learnt in
 * one Run are wrong in the next. The seed never reaches the sandbox; checks rebuild the
 * world from it on the host (`metricsWorld(record.seed)`) to know what was served.
 */
import { SEED_SALT, seededUnit, type RunSeed } from '../seed';
import { buildCatalog, CANONICAL_LABEL_VALUES, METRIC_CATALOG, type CatalogLabelValues, type MetricSpec } from './catalog';

/** What the upstream serves in one Run. */
export interface MetricsWorld {
  /** The Run's seed; undefined for the canonical world of the lab page. */
  seed: RunSeed | undefined;
  /** The metrics and their series (same names and sizes in every world). */
  catalog: readonly MetricSpec[];
  /** The label values the catalogue was built from. */
  labelValues: CatalogLabelValues;
}

const INSTANCE_HOSTS = ['web', 'app', 'api', 'edge', 'node', 'srv', 'host', 'box'] as const;
const ROUTES = ['/api/orders', '/api/users', '/api/carts', '/api/search', '/api/payments', '/api/items', '/api/login', '/api/reports', '/api/invoices', '/api/stock'] as const;
const QUEUES = ['orders', 'emails', 'payments', 'invoices', 'exports', 'images', 'refunds', 'reports'] as const;

/** `count` distinct values, drawn from `seed` by `pick(u)` for a stream of units u in [0, 1). */
function distinct(seed: RunSeed, stream: number, count: number, pick: (unit: number) => string): string[] {
  const out: string[] = [];
  // A stream of draws: every pool holds eight values or more, so a few draws find `count` (at most 3) distinct ones.
  for (let i = 0; out.length < count; i++) {
    const value = pick(seededUnit(seed, SEED_SALT.labels, stream * 1000 + i));
    if (!out.includes(value)) out.push(value);
  }
  return out;
}

const at = <T>(list: readonly T[], unit: number): T => list[Math.floor(unit * list.length)];

/** The label values of a seeded world: instances like `edge-41`, two routes, one queue. */
export function seededLabelValues(seed: RunSeed): CatalogLabelValues {
  // One unit picks the host (its whole part, scaled) and the number (what is left of it).
  const instance = (u: number) => `${at(INSTANCE_HOSTS, u)}-${1 + Math.floor(((u * INSTANCE_HOSTS.length) % 1) * 99)}`;
  const instances = distinct(seed, 1, 3, instance);
  const routes = distinct(seed, 2, 2, (u) => at(ROUTES, u));
  return { instances: instances as [string, string, string], routes: routes as [string, string], queue: at(QUEUES, seededUnit(seed, SEED_SALT.labels, 3000)) };
}

const CANONICAL: MetricsWorld = { seed: undefined, catalog: METRIC_CATALOG, labelValues: CANONICAL_LABEL_VALUES };
/** A Run asks for its world many times (each upstream request, each check): the last few are kept. */
const recent = new Map<RunSeed, MetricsWorld>();

/** The world of a Run's seed, or the canonical world when `seed` is undefined. */
export function metricsWorld(seed?: RunSeed): MetricsWorld {
  if (seed === undefined) return CANONICAL;
  let world = recent.get(seed);
  if (!world) {
    const labelValues = seededLabelValues(seed);
    world = { seed, catalog: buildCatalog(labelValues), labelValues };
    if (recent.size >= 8) recent.delete(recent.keys().next().value!);
    recent.set(seed, world);
  }
  return world;
}
