// Wall time of the all-labs conformance test (figure 7).
import { execFileSync } from 'node:child_process';
import { SUITE_RUNS } from '../config.mjs';
import { summarize } from '../stats.mjs';

/** 7. Wall time of the all-labs conformance test (vitest, Node sandbox). */
export function checkSuite() {
  const times = [];
  for (let i = 0; i < SUITE_RUNS; i++) {
    const started = Date.now();
    execFileSync('npx', ['vitest', 'run', 'tests/unit/labs-conformance.test.ts'], { stdio: 'ignore' });
    times.push(Date.now() - started);
  }
  return summarize(times.map((ms) => ms / 1000));
}
