/**
 * Incident simulations (sim.json `"mode": "incident"`): instead of running a toy plugin,
 * the learner inspects a seeded incident hop by hop (panel, data source, query model,
 * plugin backend, upstream) and names the hop where it broke and the cause. Each seed
 * picks one cause and builds evidence at every hop that fits that cause only, so an
 * answer remembered from another seed does not pass. The sim's checks.ts exports the
 * model as `incident` next to its checks; the checks read the learner's answer from
 * the context (`SimCheckContext.incident`) and grade it against the seed's cause.
 *
 * No React here: components/exercise/incident-sim.tsx renders what `draw` returns.
 */
import { checkItems } from '../checks/runner';
import type { GradeReport } from '../grading/contract';
import { grade, type Gradable } from '../grading/grade';
import { hashString } from '../random';
import type { SimCheck, SimCheckContext } from './sim-types';

/** One thing the learner can look at in a hop: a label and what it shows. */
export interface EvidenceItem {
  /** What is inspected, as Grafana or the tool names it: "Save & test", "Query inspector → Data". */
  label: string;
  /** What it shows, one or more lines of plain text. */
  lines: string[];
  /** Show as code (JSON, log lines, a URL) rather than prose. */
  code?: boolean;
}

/** One hop of the query's path, with its evidence for this incident. */
export interface IncidentHop {
  /** Stable id, one of the model's `hops` ids. */
  id: string;
  /** Heading, e.g. "Data source". */
  title: string;
  /** Where a person would look, in a sentence ("Panel edit → Query inspector"). */
  where: string;
  evidence: EvidenceItem[];
}

/** A learner's diagnosis: the hop where it broke and the cause, by id. Either may be missing. */
export interface IncidentAnswer {
  hop?: string;
  cause?: string;
}

/** One seeded incident: what the learner sees, and the right answer (kept out of the view). */
export interface Incident {
  seed: number;
  /** One line: the report as a user would file it. */
  report: string;
  hops: IncidentHop[];
  answer: { hop: string; cause: string };
}

/** A choice the learner picks from, with a stable single-letter id (saved in progress). */
export interface IncidentChoice {
  id: string;
  text: string;
}

/** What a sim's checks.ts exports as `incident`. */
export interface IncidentModel {
  /** The hops in the order the query travels, for "where did it break?". */
  hops: readonly IncidentChoice[];
  /** Every cause the model can seed, plus none that it cannot: each names no hop. */
  causes: readonly IncidentChoice[];
  /** The incident of one seed (an unsigned 32-bit integer); the same seed always gives the same incident. */
  draw(seed: number): Incident;
}

/** The incident seed of a learner: their stable browser seed (components/lab/use-learner-seed.ts) hashed with the sim id. */
export function incidentSeed(learnerSeed: string, simId: string): number {
  return hashString(`${simId}:${learnerSeed}`);
}

/** Saved as the diagnosis `choice` (at most 5 characters in progress): "<hop id>-<cause id>", e.g. "c-f". */
export function encodeAnswer(answer: IncidentAnswer): string {
  return `${answer.hop ?? '_'}-${answer.cause ?? '_'}`;
}

export function decodeAnswer(choice: string | undefined): IncidentAnswer {
  const [hop, cause] = (choice ?? '').split('-');
  return { ...(hop && hop !== '_' ? { hop } : {}), ...(cause && cause !== '_' ? { cause } : {}) };
}

/** The incident and answer a check grades; a check context without them is a bug in the page or test. */
export function incidentOf(ctx: SimCheckContext): { incident: Incident; answer: IncidentAnswer } {
  if (!ctx.incident) throw new Error('This check grades an incident diagnosis, but the check context has no incident (mode "incident" needs one).');
  return ctx.incident;
}

/** A check context for an incident sim: there is no toy plugin to run, only the incident and the answer. */
export function incidentCheckContext(incident: Incident, answer: IncidentAnswer): SimCheckContext {
  const noRun = () => Promise.reject(new Error('An incident simulation has no plugin to run; its checks read the diagnosis only.'));
  return { now: 0, query: noRun, repeat: noRun, incident: { incident, answer } };
}

/** The checks as gradable items for one incident and answer; all belong to the sim's one task. */
export function incidentCheckItems(checks: readonly SimCheck[], incident: Incident, answer: IncidentAnswer): Gradable[] {
  return checkItems(
    checks.map((check) => ({ ...check, task: 1 })),
    incidentCheckContext(incident, answer),
  );
}

/** Grades a diagnosis of one incident with the sim's checks (the page, tests, the conformance suite). */
export function gradeIncident(checks: readonly SimCheck[], incident: Incident, answer: IncidentAnswer, signal: AbortSignal = new AbortController().signal, onUpdate?: (report: GradeReport) => void): Promise<GradeReport> {
  return grade(incidentCheckItems(checks, incident, answer), { signal, onUpdate });
}
