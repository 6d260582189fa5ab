/**
 * Checks of the "No data" incident simulation. They grade the learner's diagnosis of
 * their own seeded incident (./incident.ts): the hop where the query's path broke, and
 * the cause. The right answer depends on the seed, so an answer remembered from someone
 * else's incident passes only when both happen to share the cause.
 */
import { expect } from '@/lib/checks/assert';
import { incidentOf } from '@/lib/exercises/incident';
import type { SimCheck } from '@/lib/exercises/sim-types';
import { CAUSE_CHOICES, HOP_CHOICES, noDataIncident } from './incident';

/** The incident model the page draws from (lib/exercises/incident.ts). */
export const incident = noDataIncident;

const hopTitle = (id: string | undefined) => HOP_CHOICES.find((h) => h.id === id)?.title;

const checks: SimCheck[] = [
  {
    id: 'names-the-hop',
    title: 'Names the hop where the query’s path broke',
    hint: 'Open the hops in order. The broken one is the first whose output does not follow from what went into it.',
    async run(ctx) {
      const { incident: drawn, answer } = incidentOf(ctx);
      expect(answer.hop !== undefined, 'a hop picked under "Where did it break?"', 'none is picked yet: pick one, then Check diagnosis');
      expect(
        answer.hop === drawn.answer.hop,
        'the hop whose evidence shows the fault',
        `you picked ${hopTitle(answer.hop) ?? answer.hop}, but what that hop received and what it passed on are consistent for this incident: compare input and output at each hop again`,
      );
    },
  },
  {
    id: 'names-the-cause',
    title: 'Names the cause of this incident',
    hint: 'Each cause leaves its own trace: a status code, a field type, a label value, a time, a scope. Find the one this incident shows.',
    async run(ctx) {
      const { incident: drawn, answer } = incidentOf(ctx);
      expect(answer.cause !== undefined, 'a cause picked under "What broke?"', 'none is picked yet: pick one, then Check diagnosis');
      const picked = CAUSE_CHOICES.find((c) => c.id === answer.cause);
      expect(
        answer.cause === drawn.answer.cause,
        'the cause that every hop’s evidence agrees with',
        `the cause you picked ("${picked?.text ?? answer.cause}") would leave a trace this incident does not show at some hop: look for the evidence it predicts`,
      );
    },
  },
];

export default checks;
