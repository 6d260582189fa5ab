/**
 * Checks of a troubleshooting simulation: like a lab's checks, they run the toy
 * plugin in the sandbox and assert (in the host) on what came back: how many upstream
 * requests it made and whether they overlapped, how much it keeps in memory.
 */
import type { RequestOverrides } from '../engine/request';
import type { QueryDataRunRecord } from '../engine/run';
import type { ScenarioInput } from '../upstreams/scenario';
import type { Incident, IncidentAnswer } from './incident';
import type { RepeatRecord } from './repeat';

export interface SimCheckContext {
  /** One queryData run of the toy plugin with the simulation's request (overrides as for lab checks). */
  query(options?: RequestOverrides & { scenario?: ScenarioInput }): Promise<QueryDataRunRecord>;
  /** The dashboard refreshing `times` times, all in one plugin process; memory sampled after each. */
  repeat(times?: number): Promise<RepeatRecord>;
  /** The fixed "now" of the first request, epoch ms. */
  now: number;
  /** Incident simulations only (lib/exercises/incident.ts): the learner's seeded incident and their diagnosis of it. */
  incident?: { incident: Incident; answer: IncidentAnswer };
}

export interface SimCheck {
  id: string;
  /** What it proves: "Queries run concurrently". */
  title: string;
  /** Where to look when it fails, without giving the answer away. */
  hint: string;
  /** Resolves when the behaviour is right; throws CheckFailure (via `expect` from lib/checks/assert) when not. */
  run(ctx: SimCheckContext): Promise<void>;
}
