// The bench's settings (scripts/bench.mjs's knobs, read from the environment) and the
// lab most figures use: the first Week 2 lab, with its solution.
// BENCH_OUT measures a build made elsewhere (NEXT_DIST_DIR=.next-x npm run build).
export const OUT = process.env.BENCH_OUT ?? 'out';
export const BENCH_SITE = '.bench-site';
export const PORT = Number(process.env.BENCH_PORT ?? 3200); // BENCH_PORT: run two benches side by side
export const LAB = '/labs/week-2/first-query-path/';
export const LAB_ID = 'week-2/first-query-path';
export const LAB_DIR = 'labs/week-2/01-first-query-path';
const env = (name, fallback) => Number(process.env[name] ?? fallback);
export const RUNS = env('BENCH_RUNS', 50);
export const WARMUP = 5;
export const NAIVE_RUNS = env('BENCH_NAIVE_RUNS', 10);
export const COLD_RUNS = env('BENCH_COLD_RUNS', 7);
export const BIG_RUNS = env('BENCH_BIG_RUNS', 5);
export const SUITE_RUNS = env('BENCH_SUITE_RUNS', 3);
export const WEEK3_RUNS = env('BENCH_WEEK3_RUNS', 20);
export const OPERATE_RUNS = env('BENCH_OPERATE_RUNS', 10);
export const MEMORY_RUNS = env('BENCH_MEMORY_RUNS', 200);
/** Issue 17: nothing on the page's thread over 50 ms during a Run. */
export const LONGEST_TASK_BUDGET_MS = 50;
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
export const wanted = (id) => !ONLY || ONLY.has(id);

/** The pause between two timed Runs: long enough for the pool to start the next Run's sandbox. */
export const READ_PAUSE_MS = Number(process.env.BENCH_READ_PAUSE_MS ?? 1500);

