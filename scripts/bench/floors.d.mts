// Types for scripts/bench/floors.mjs (plain JavaScript so `node` runs the bench as is).
import type { Browser, Page } from '@playwright/test';

/** min / median / p95 in ms over n samples (scripts/bench/stats.mjs). */
export interface Summary {
  n: number;
  min: number | null;
  median: number | null;
  p95: number | null;
}

export const RUN_COUNTER_INIT: () => void;
/** Messages by `type`, each way, counted on MessagePorts (RUN_COUNTER_INIT). */
export interface MessageCounts {
  sent: Record<string, number>;
  received: Record<string, number>;
}
export function messagesSoFar(page: Page): Promise<MessageCounts>;
/** Median per type over the Runs (and `total`, the median of each Run's sum), each way. */
export function messagesPerRun(runs: { before: MessageCounts; after: MessageCounts }[]): MessageCounts;
export function installEchoWorker(page: Page): Promise<void>;
export function workerRoundTrip(page: Page, where?: 'frame' | 'page'): Promise<{ median: number; p95: number; pings: number }>;
export function runLoopFloor(
  roundTrip: { median: number; p95: number },
  runsPerRun: number,
  figureMedian: number,
): { roundTripMs: number; roundTripP95Ms: number; runsPerRun: number; floorMs: number; ratio: number | null };
export function monacoColdFloor(browser: Browser, base: string, samples: number): Promise<Summary>;
export function uplotFloor(browser: Browser, base: string, samples: number): Promise<Summary>;
/** figure ÷ floor, two decimals; null when either is missing or the floor is 0. */
export function ratio(figure: number | null | undefined, floor: number | null | undefined): number | null;
