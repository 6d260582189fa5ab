/**
 * What a Run needs beyond the page itself: the run engine, the mocked upstreams
 * (msw) and the check runner (with @grafana/data). Loaded on demand by
 * use-lab-session so the lab page's first load stays small.
 */
export { createCheckContext } from '@/lib/checks/context';
export { blocksChecks, checksNotRun, runChecks } from '@/lib/checks/runner';
export { runOnce } from '@/lib/engine/run';
export { CHECK_LOADERS } from '@/lib/labs/registry.generated';
