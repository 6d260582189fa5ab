/**
 * How the import preview names what a backup holds: every lab, exercise, interview
 * question and lab question by its title as the course shows it, never by its id, and
 * every time in the one format of format-time.ts. An id this release does not know (the
 * backup came from another version, or was edited) is shown as the id, marked
 * "not in this release", so the learner can still tell the rows apart.
 */
import type { Attempt, MockSession } from '../interview/progress-schema';
import { formatWhen } from './format-time';
import type { PreviewItem } from './import-plan';

/** Human titles by id, built where the content is loaded (the /progress/ page, at build time) and passed in. */
export interface ProgressTitles {
  /** Lab id → lab title. */
  labs: Record<string, string>;
  /** Exercise or simulation id → its title. */
  exercises: Record<string, string>;
  /** Interview question id → its title. */
  questions: Record<string, string>;
  /** Lab id → (lab question id → a short form of its prompt, see {@link shortPrompt}). */
  labQuestions: Record<string, Record<string, string>>;
}

/** Marks an id the titles do not know. */
export const UNKNOWN_MARK = '(not in this release)';

/** The title of `id` in `map`, own entries only (a backup may name `constructor`); the id, marked, when unknown. */
export function titleOf(map: Record<string, string> | undefined, id: string | undefined): string {
  return id !== undefined && map !== undefined && Object.hasOwn(map, id) ? map[id] : `${id ?? ''} ${UNKNOWN_MARK}`;
}

/** At most this many characters of a lab question's prompt name its answer in the preview. */
const PROMPT_CHARS = 100;

/**
 * A lab question's prompt cut to a name for a table row: Markdown code marks removed,
 * white space collapsed, at most {@link PROMPT_CHARS} characters, cut at a word with "…".
 * The whole prompt, not its first sentence: many open with a setting ("Start in the
 * browser.") and ask only at the end.
 */
export function shortPrompt(prompt: string): string {
  const plain = prompt.replace(/`/g, '').replace(/\s+/g, ' ').trim();
  if (plain.length <= PROMPT_CHARS) return plain;
  const cut = plain.slice(0, PROMPT_CHARS - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > PROMPT_CHARS / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** Lab fields and top-level progress fields, as the learner knows them. */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  lastRun: 'Last run results',
  queries: 'Request (queries)',
  scenarioId: 'Upstream scenario',
  rubric: 'Self-review rubric',
  assignments: 'Assignments from mentors',
  feedback: "Mentors' feedback",
  learnerName: 'Your name for handing in',
};

/** The table caption of an item's group: `Lab: First query path`. */
export function groupName(item: Pick<PreviewItem, 'scope' | 'owner'>, titles: ProgressTitles): string {
  switch (item.scope) {
    case 'lab':
      return `Lab: ${titleOf(titles.labs, item.owner)}`;
    case 'exercise':
      return `Exercise: ${titleOf(titles.exercises, item.owner)}`;
    case 'question':
      return `Interview question: ${titleOf(titles.questions, item.owner)}`;
    case 'mocks':
      return 'Mock interviews';
    default:
      return 'Other progress';
  }
}

/**
 * What a run result in the backup claims, marked as a claim: it was not run here, so
 * after the import it shows "as saved" and only a Run in this browser can say passed.
 */
function asSaved(value: unknown, unit: 'checks' | 'tests'): string {
  const run = value as { passed?: unknown; total?: unknown } | null;
  if (!run || typeof run.passed !== 'number' || typeof run.total !== 'number') return '';
  return ` (as saved in the backup: ${run.passed} of ${run.total} ${unit}; not counted as passed until you run it here)`;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The row's name of an item: `Answer to “Which field…?”`, `Practice attempt of 25 Nov 2026, 10:00, score 4 of 5`. */
export function itemName(item: Pick<PreviewItem, 'kind' | 'name' | 'owner' | 'value'>, titles: ProgressTitles): string {
  switch (item.kind) {
    case 'file':
    case 'exercise-file':
      return item.name;
    case 'answer': {
      const prompts = item.owner !== undefined && Object.hasOwn(titles.labQuestions, item.owner) ? titles.labQuestions[item.owner] : undefined;
      return prompts && Object.hasOwn(prompts, item.name) ? `Answer to “${prompts[item.name]}”` : `Answer to question ${titleOf(undefined, item.name)}`;
    }
    case 'field':
      if (item.name === 'lastRun') return `${FIELD_NAMES.lastRun}${asSaved(item.value, 'checks')}`;
      // Own entries only: a field named `constructor` in a backup must not find Object.prototype's.
      return Object.hasOwn(FIELD_NAMES, item.name) ? FIELD_NAMES[item.name] : item.name;
    case 'diagnosis':
      return 'Diagnosis answer';
    case 'exercise-answer':
      return `Answer to question “${item.name}”`;
    case 'last-result':
      return `Last test result${asSaved(item.value, 'tests')}`;
    case 'attempt': {
      const a = item.value as Attempt;
      return `${a.mode === 'mock' ? 'Mock' : 'Practice'} attempt of ${formatWhen(a.at)}, score ${a.score} of 5`;
    }
    case 'draft':
      return 'Practice in progress (notes, hints, timer)';
    case 'mock': {
      const m = item.value as MockSession;
      return `Mock interview of ${formatWhen(m.startedAt)} (${plural(m.questionIds.length, 'question')}: ${m.questionIds.map((id) => titleOf(titles.questions, id)).join('; ')})`;
    }
    case 'active-mock':
      return `Mock interview in progress, started ${formatWhen((item.value as MockSession).startedAt)}`;
    case 'filters':
      return 'Question bank filters';
  }
}
