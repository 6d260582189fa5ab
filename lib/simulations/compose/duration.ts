/**
 * Compose durations ("1m30s", "10s", "500ms", "2h"), as the Compose specification's
 * `healthcheck.interval` and friends take them: Go's time.ParseDuration units
 * (us, ms, s, m, h), several parts summed, no sign. Returns milliseconds, or undefined
 * for text that is not a duration.
 */
const UNIT_MS: Record<string, number> = { us: 0.001, 'µs': 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(us|µs|ms|s|m|h)/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== trimmed) return undefined;
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]], 0);
}

/** 90000 → "1m30s", 500 → "500ms": how `docker inspect` prints a duration. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const m = Math.floor(ms / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${m ? `${m}m` : ''}${s || !m ? `${Number(s.toFixed(3))}s` : ''}`;
}
