/**
 * The backend the manifests deploy, as a model (not a real process): what each release
 * does when it starts, what its HTTP endpoints answer, how much memory and CPU it uses
 * under load. The README of the lab tells the learner the same facts. Numbers are ours,
 * chosen to be plausible for a small Go service; they are not measured.
 */

export const REPOSITORY = 'ghcr.io/lab-upstream/datasource-backend';

export interface Release {
  tag: string;
  /** Seconds from container start until it listens on its port (a normal node). */
  startSeconds: number;
  /** Set for a release that cannot serve: it listens and answers /healthz, but /readyz and every query fail. */
  broken?: boolean;
  /** Set for a release whose process exits this many seconds after it starts. */
  crashAfterSeconds?: number;
  crashMessage?: string;
  note: string;
}

export const RELEASES: Release[] = [
  { tag: '1.3.1', startSeconds: 4, note: 'the release before the current one' },
  { tag: '1.3.2', startSeconds: 4, note: 'the current release, running in production' },
  {
    tag: '1.4.0',
    startSeconds: 4,
    broken: true,
    crashAfterSeconds: 15,
    crashMessage: 'panic: settings: "upstreamUrl" was renamed to "upstream.url" (exit code 2)',
    note: 'the next release: it listens and answers /healthz, but fails /readyz and every query, then exits 15 s after it starts',
  },
];

export const CURRENT_TAG = '1.3.2';
/** The new upstream address the config-change scenario rolls out. */
export const NEW_UPSTREAM_URL = 'https://metrics-v2.lab.test';
export const BAD_TAG = '1.4.0';

export function releaseOf(image: string): Release | undefined {
  const at = image.lastIndexOf(':');
  if (at < 0 || image.slice(0, at) !== REPOSITORY) return undefined;
  return RELEASES.find((r) => r.tag === image.slice(at + 1));
}

export function imageOf(tag: string): string {
  return `${REPOSITORY}:${tag}`;
}

/** The port the backend listens on. */
export const APP_PORT = 8080;

/**
 * The backend's HTTP endpoints. `/healthz` answers while the process runs its loop (a
 * hung process does not answer); `/readyz` answers once the process has loaded and
 * serves queries; `/api/health` is the data source's CheckHealth: it calls the upstream
 * and answers 503 (after the upstream timeout) when the upstream does not.
 */
export const ENDPOINTS = ['/healthz', '/readyz', '/api/health'] as const;

/** Seconds the backend waits for the upstream before giving up (its own timeout). */
export const UPSTREAM_TIMEOUT_SECONDS = 5;

/** Queries per second one pod answers at most (its CPU bound); more wait and time out. */
export const POD_CAPACITY_RPS = 25;

/** CPU used by one pod, in cores: idle cost plus a cost per query per second. */
export function cpuUsage(rps: number): number {
  return 0.02 + 0.018 * rps;
}

/**
 * A pod's working set, in bytes, `seconds` after its container started, answering `rps`
 * queries per second: the Go runtime and code, a query cache that fills over the first
 * two minutes, and buffers per query in flight.
 */
export function workingSet(seconds: number, rps: number): number {
  const mi = 1024 * 1024;
  const cache = 110 * mi * Math.min(1, Math.max(0, seconds) / 120);
  return 48 * mi + cache + 1.6 * mi * rps;
}

/** Variables the backend reads at start (once: it never re-reads its environment). */
export const ENV = {
  url: 'UPSTREAM_URL',
  apiKey: 'UPSTREAM_API_KEY',
  maxRps: 'UPSTREAM_MAX_RPS',
} as const;
