// Types for scripts/bench/calibrate.mjs (plain JavaScript so `node` runs the bench as is).
import type { Browser } from '@playwright/test';

/** The fixed workload: its time in ms and a checksum of what it computed. */
export function calibrationWorkload(): { ms: number; checksum: number };
/** Median ms of the workload in Node and in a blank page; throws when their checksums differ. */
export function calibrate(browser: Browser): Promise<{ nodeMs: number; pageMs: number; repeats: number }>;
