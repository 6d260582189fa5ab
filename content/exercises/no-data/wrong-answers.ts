/**
 * Wrong ways to answer the "No data" incident, for the conformance test
 * (tests/unit/exercises-conformance.test.ts): each is a strategy a learner might follow,
 * applied to every seed, with the checks it must fail on the seeds where it is wrong.
 * None of them may pass every seed; the right reading of the evidence must.
 */
import type { Incident, IncidentAnswer } from '@/lib/exercises/incident';
import { CAUSE_CHOICES, CAUSE_HOP, HOP_CHOICES, factsOf } from './incident';

export interface WrongAnswer {
  name: string;
  why: string;
  /** The checks it fails on the seeds where it is wrong, no more and no fewer (as wrong/expected.json names them for patches). */
  fails: string[];
  answer(incident: Incident): IncidentAnswer;
}

const hopOf = (cause: string) => HOP_CHOICES.find((h) => h.hop === CAUSE_HOP[CAUSE_CHOICES.find((c) => c.id === cause)!.cause!])!.id;
const causeId = (cause: string) => CAUSE_CHOICES.find((c) => c.cause === cause)!.id;

export const wrongAnswers: WrongAnswer[] = [
  {
    name: 'memorised',
    why: 'The answer of one incident (seed 1), given for every seed: right only where the cause happens to be the same.',
    fails: ['names-the-cause', 'names-the-hop'],
    answer: () => ({ ...(noDataAnswer(1)) }),
  },
  {
    name: 'trusts-the-health-check',
    why: 'Save & test is green, so the data source is ruled out and the upstream blamed for every empty answer.',
    fails: ['names-the-cause', 'names-the-hop'],
    answer: () => ({ hop: 'e', cause: causeId('stale-upstream') }),
  },
  {
    name: 'blames-the-first-hop',
    why: 'The panel shows the symptom, so the panel is named, with a plausible panel cause.',
    fails: ['names-the-cause', 'names-the-hop'],
    answer: () => ({ hop: 'a', cause: causeId('time-range') }),
  },
  {
    name: 'right-cause-wrong-hop',
    why: 'The cause is found, but the fix is put where the error first shows (the upstream, for an upstream error the backend hid).',
    fails: ['names-the-hop'],
    answer: (incident) => ({ hop: incident.answer.cause === causeId('swallowed-error') ? 'e' : incident.answer.hop, cause: incident.answer.cause }),
  },
  {
    name: 'right-hop-other-cause',
    why: 'The right hop, but another cause there (or, where the hop has one seeded cause, a plausible one the evidence rules out).',
    fails: ['names-the-cause'],
    answer: (incident) => ({ hop: incident.answer.hop, cause: otherCauseAt(incident) }),
  },
  {
    name: 'never-answers',
    why: 'Nothing picked yet.',
    fails: ['names-the-cause', 'names-the-hop'],
    answer: () => ({}),
  },
];

function noDataAnswer(seed: number): IncidentAnswer {
  const f = factsOf(seed);
  const cause = causeId(f.cause);
  return { hop: hopOf(cause), cause };
}

/** Another cause at the incident's hop; a never-seeded cause when the hop has only one. */
function otherCauseAt(incident: Incident): string {
  const hop = HOP_CHOICES.find((h) => h.id === incident.answer.hop)!.hop;
  const other = CAUSE_CHOICES.find((c) => c.cause !== null && c.id !== incident.answer.cause && CAUSE_HOP[c.cause] === hop);
  return other?.id ?? CAUSE_CHOICES.find((c) => c.cause === null)!.id;
}
