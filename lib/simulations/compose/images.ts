/**
 * The images the lab's stack runs, as the simulation models them (nothing is pulled).
 * What matters to `docker compose up` and to a health check: which port the process
 * listens on inside the container, how long it takes to be ready, which HTTP tools
 * exist in the image, and which paths answer.
 *
 * - grafana/grafana (any tag): Grafana OSS on Alpine, listening on 3000. Its image ships
 *   BusyBox `wget` and `curl` (Grafana's Dockerfile installs curl). No HEALTHCHECK.
 *   `/api/health` answers 200 once it is ready.
 * - datasource-lab/mock-metrics-api (any tag): this course's stand-in for the Week 2
 *   metrics API (Prometheus-like), a small static Go server on BusyBox: `wget` and `nc`
 *   (BusyBox applets), no `curl`. Listens on 9090 (plain HTTP) and serves the same API
 *   over TLS on 9443, as the real API is only reached over https and the Week 2 plugin
 *   refuses any other base URL (its certificate is issued by the course's lab CA to the
 *   names Compose gives the container; certificate checks are not modelled). `/-/healthy`
 *   answers 200 once ready (no key); `/api/v1/status/buildinfo` and `/api/v1/query_range`
 *   need `Authorization: Bearer <key>`, the key issued to you (METRICS_API_KEY at `docker
 *   compose up`). No HEALTHCHECK.
 *
 * Ready times are drawn from the run's seed within the ranges below: a warm-up the
 * health check has to survive, not a measurement.
 */
export interface ImageModel {
  /** What the catalogue calls it, shown to the learner. */
  modelledAs: string;
  role: 'grafana' | 'metrics-api' | 'unknown';
  /** TCP port the process listens on inside the container (plain HTTP). */
  listens?: number;
  /** TCP port where the same process answers over TLS (https), if any. */
  tlsPort?: number;
  /** Virtual ms from container start until the process answers: [min, max]. */
  readyMs: [number, number];
  /** Commands on PATH a health check may call. */
  tools: string[];
  /** HTTP paths that answer 200 once ready (others 404); those needing the key. */
  paths: Record<string, 'open' | 'key'>;
}

export const GRAFANA_IMAGE: ImageModel = {
  modelledAs: 'grafana/grafana (Grafana OSS, Alpine base)',
  role: 'grafana',
  listens: 3000,
  readyMs: [4000, 8000],
  tools: ['sh', 'busybox', 'wget', 'nc', 'curl'],
  paths: { '/api/health': 'open', '/login': 'open' },
};

export const METRICS_API_IMAGE: ImageModel = {
  modelledAs: 'datasource-lab/mock-metrics-api (the Week 2 metrics API, mocked; BusyBox base)',
  role: 'metrics-api',
  listens: 9090,
  tlsPort: 9443,
  readyMs: [3000, 12000],
  tools: ['sh', 'busybox', 'wget', 'nc'],
  paths: { '/-/healthy': 'open', '/-/ready': 'open', '/api/v1/status/buildinfo': 'key', '/api/v1/query_range': 'key', '/api/v1/query': 'key' },
};

const UNKNOWN: ImageModel = { modelledAs: 'an image this lab does not model: it starts and listens on no port', role: 'unknown', readyMs: [1000, 1000], tools: ['sh'], paths: {} };

/** The model for an image reference such as "grafana/grafana:11.3.0" or "docker.io/grafana/grafana". */
export function imageModel(ref: string | undefined): ImageModel {
  const name = (ref ?? '').replace(/^docker\.io\//, '').replace(/@.*$/, '').replace(/:[^/]*$/, '');
  if (name === 'grafana/grafana' || name === 'grafana/grafana-oss' || name === 'grafana/grafana-enterprise') return GRAFANA_IMAGE;
  if (name === 'datasource-lab/mock-metrics-api') return METRICS_API_IMAGE;
  return UNKNOWN;
}

/** The plugin's id in its plugin.json (dist/plugin.json in the lab). */
export const PLUGIN_ID = 'lab-metrics-datasource';
/** Where Grafana looks for plugins and provisioning unless GF_PATHS_* say otherwise. */
export const GRAFANA_PLUGINS_DIR = '/var/lib/grafana/plugins';
export const GRAFANA_PROVISIONING_DIR = '/etc/grafana/provisioning';

/** The ports an image's process answers on inside its container: plain HTTP, then TLS. */
export function listeningPorts(image: ImageModel): number[] {
  return [image.listens, image.tlsPort].filter((p): p is number => p !== undefined);
}
