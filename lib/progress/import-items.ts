/**
 * Saved progress as a flat list of items an import can take one by one: each lab
 * file, answer and field; each exercise file, diagnosis answer and last result; each
 * interview attempt, practice draft and mock interview. An import adds what only the
 * backup has and keeps what only this browser has, so attempts and mock sessions end
 * up as the union of both sides; where both sides hold the same item differently, the
 * learner decides (import-plan.ts).
 */
import { EMPTY_INTERVIEW, MAX_ATTEMPTS_PER_QUESTION, MAX_MOCKS, practiceDraftSchema, type Attempt, type InterviewProgress, type MockSession } from '../interview/progress-schema';
import type { ExerciseEntry } from '../exercises/progress-schema';
import { dict, own } from './dict';
import { LAB_UNTIMED, sameData } from './merge';
import type { LabProgress, Progress } from './schema';

/** What an item belongs to: a lab, an exercise, an interview question, the mock interviews, or the rest. */
export type ItemScope = 'lab' | 'exercise' | 'question' | 'mocks' | 'other';

export type ItemKind =
  | 'file' // lab file, by path
  | 'answer' // lab question answer, by question id
  | 'field' // lab field (lastRun, queries, …) or another top-level field, by name
  | 'exercise-file' // exercise file, by path
  | 'diagnosis' // a simulation's diagnosis answer
  | 'exercise-answer' // a simulation's answer to one further question, by question id
  | 'last-result' // an exercise's last test result
  | 'attempt' // one scored interview attempt, by its time and mode
  | 'draft' // the practice in progress on one question
  | 'mock' // one finished mock interview, by session id
  | 'active-mock' // the mock interview in progress
  | 'filters'; // the question bank filters

/** One thing an import can add, keep or replace on its own. */
export interface ProgressItem {
  scope: ItemScope;
  /** Lab id, exercise id or question id; absent for mock interviews and other fields. */
  owner?: string;
  kind: ItemKind;
  /** File path, question id, field name, attempt key or mock session id. */
  name: string;
  /** The saved value; undefined for a lab file reset to the starter. */
  value: unknown;
  /** ISO time it last changed, when known. */
  time?: string;
}

export const itemKey = (i: Pick<ProgressItem, 'scope' | 'owner' | 'kind' | 'name'>) => JSON.stringify([i.scope, i.owner ?? null, i.kind, i.name]);

const keysOf = (...objects: (object | undefined)[]) => [...new Set(objects.flatMap((o) => (o ? Object.keys(o) : [])))];
const TOP_HANDLED = new Set(['version', 'labs', 'fieldTimes', 'interview', 'exercises']);
const EMPTY_DRAFT = practiceDraftSchema.parse({});

/** Attempts are told apart by when they were scored and how (practice or mock). */
export const attemptKey = (a: Pick<Attempt, 'at' | 'mode'>) => `${a.at}|${a.mode}`;

function labItems(owner: string, lab: LabProgress): ProgressItem[] {
  const base = { scope: 'lab' as const, owner };
  return [
    ...keysOf(lab.files, lab.fileTimes).map((name): ProgressItem => ({ ...base, kind: 'file', name, value: own(lab.files, name), time: own(lab.fileTimes, name) })),
    ...Object.entries(lab.answers).map(([name, answer]): ProgressItem => ({ ...base, kind: 'answer', name, value: answer, time: answer.at })),
    ...keysOf(lab, lab.fieldTimes)
      .filter((name) => !LAB_UNTIMED.has(name) && own(lab as Record<string, unknown>, name) !== undefined)
      .map((name): ProgressItem => ({ ...base, kind: 'field', name, value: own(lab as Record<string, unknown>, name), time: own(lab.fieldTimes, name) ?? (name === 'lastRun' ? lab.lastRun?.at : undefined) })),
  ];
}

function exerciseItems(owner: string, entry: ExerciseEntry, blockTime: string | undefined): ProgressItem[] {
  const base = { scope: 'exercise' as const, owner };
  const items = Object.entries(entry.files).map(([name, text]): ProgressItem => ({ ...base, kind: 'exercise-file', name, value: text, time: blockTime }));
  if (entry.diagnosis) items.push({ ...base, kind: 'diagnosis', name: 'diagnosis', value: entry.diagnosis, time: entry.diagnosis.at });
  for (const [name, answer] of Object.entries(entry.answers ?? {})) items.push({ ...base, kind: 'exercise-answer', name, value: answer, time: answer.at });
  if (entry.lastResult) items.push({ ...base, kind: 'last-result', name: 'lastResult', value: entry.lastResult, time: entry.lastResult.at });
  return items;
}

function interviewItems(interview: InterviewProgress, blockTime: string | undefined): ProgressItem[] {
  const items: ProgressItem[] = [];
  for (const [owner, question] of Object.entries(interview.questions)) {
    for (const attempt of question.attempts) items.push({ scope: 'question', owner, kind: 'attempt', name: attemptKey(attempt), value: attempt, time: attempt.at });
    if (!sameData(question.draft, EMPTY_DRAFT)) items.push({ scope: 'question', owner, kind: 'draft', name: 'draft', value: question.draft, time: question.draft.savedAt ?? blockTime });
  }
  for (const mock of interview.mocks) items.push({ scope: 'mocks', kind: 'mock', name: mock.id, value: mock, time: mock.finishedAt ?? mock.startedAt });
  if (interview.activeMock) items.push({ scope: 'mocks', kind: 'active-mock', name: 'active', value: interview.activeMock, time: blockTime });
  if (!sameData(interview.filters, EMPTY_INTERVIEW.filters)) items.push({ scope: 'other', kind: 'filters', name: 'filters', value: interview.filters, time: blockTime });
  return items;
}

/** Every item of `progress`, by itemKey. */
export function itemsOf(progress: Progress): Map<string, ProgressItem> {
  const times = progress.fieldTimes;
  const all: ProgressItem[] = [
    ...Object.entries(progress.labs).flatMap(([id, lab]) => labItems(id, lab)),
    ...Object.entries(progress.exercises ?? {}).flatMap(([id, entry]) => exerciseItems(id, entry, own(times, 'exercises'))),
    ...(progress.interview ? interviewItems(progress.interview, own(times, 'interview')) : []),
    ...keysOf(progress, times)
      .filter((name) => !TOP_HANDLED.has(name) && own(progress as Record<string, unknown>, name) !== undefined)
      .map((name): ProgressItem => ({ scope: 'other', kind: 'field', name, value: own(progress as Record<string, unknown>, name), time: own(times, name) })),
  ];
  return new Map(all.map((item) => [itemKey(item), item]));
}

/**
 * The value compared to tell "the same" from "changed": an answer given again with the
 * same choice is the same answer, and a run result is the same whether it was run here
 * or arrived in a backup.
 */
export function comparable(item: ProgressItem | undefined): unknown {
  if (!item || typeof item.value !== 'object' || item.value === null) return item?.value;
  if (item.kind === 'answer' || item.kind === 'diagnosis') return { ...item.value, at: undefined };
  if (item.kind === 'last-result' || (item.kind === 'field' && item.name === 'lastRun')) return { ...item.value, source: undefined };
  return item.value;
}

/** Defines an entry, whatever its name: plain assignment of `__proto__` would set a prototype instead. */
function setEntry(map: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
}

const keepLast = <T>(list: T[], max: number) => (list.length > max ? list.slice(list.length - max) : list);
const byTime = (a: string | undefined, b: string | undefined) => (Date.parse(a ?? '') || 0) - (Date.parse(b ?? '') || 0);

/** A run result taken from a backup: shown "as saved, not re-run" and never counted as passed here. */
function asImported<T extends object>(run: T): T & { source: 'import' } {
  return { ...run, source: 'import' };
}

function labOf(result: Progress, id: string, at: string): LabProgress {
  let lab = own(result.labs, id);
  if (!lab) {
    lab = { files: dict(), answers: dict(), updatedAt: at, fileTimes: dict(), fieldTimes: dict() };
    setEntry(result.labs, id, lab);
  }
  lab.fileTimes ??= dict();
  lab.fieldTimes ??= dict();
  return lab;
}

function exerciseOf(result: Progress, id: string): ExerciseEntry {
  result.exercises ??= dict();
  let entry = own(result.exercises, id);
  if (!entry) {
    entry = { files: dict() };
    setEntry(result.exercises, id, entry);
  }
  return entry;
}

function interviewOf(result: Progress): InterviewProgress {
  result.interview ??= structuredClone(EMPTY_INTERVIEW);
  return result.interview;
}

/**
 * Writes the backup's `item` into `result` (a copy of local progress the caller owns).
 * `time` is the change time to give it: the backup's for an added item, the time of
 * the import for one the learner chose to replace, so other tabs take it too.
 */
export function putItem(result: Progress, item: ProgressItem, time: string | undefined, at: string): void {
  const owner = item.owner ?? '';
  switch (item.kind) {
    case 'file': {
      const lab = labOf(result, owner, at);
      if (item.value === undefined) delete lab.files[item.name];
      else setEntry(lab.files, item.name, item.value);
      if (time !== undefined) setEntry(lab.fileTimes!, item.name, time);
      return;
    }
    case 'answer': {
      const lab = labOf(result, owner, at);
      setEntry(lab.answers, item.name, time === undefined ? item.value : { ...(item.value as object), at: time });
      return;
    }
    case 'field': {
      const value = item.name === 'lastRun' ? asImported(item.value as object) : item.value;
      if (item.scope === 'lab') {
        const lab = labOf(result, owner, at);
        (lab as Record<string, unknown>)[item.name] = value;
        if (time !== undefined) setEntry(lab.fieldTimes!, item.name, time);
      } else {
        (result as Record<string, unknown>)[item.name] = value;
        if (time !== undefined) result.fieldTimes = { ...dict(result.fieldTimes), [item.name]: time };
      }
      return;
    }
    case 'exercise-file':
      setEntry(exerciseOf(result, owner).files, item.name, item.value);
      return;
    case 'diagnosis':
      exerciseOf(result, owner).diagnosis = item.value as ExerciseEntry['diagnosis'];
      return;
    case 'exercise-answer': {
      const entry = exerciseOf(result, owner);
      entry.answers ??= dict();
      setEntry(entry.answers, item.name, item.value as NonNullable<ExerciseEntry['answers']>[string]);
      return;
    }
    case 'last-result':
      exerciseOf(result, owner).lastResult = asImported(item.value as NonNullable<ExerciseEntry['lastResult']>);
      return;
    case 'attempt': {
      const interview = interviewOf(result);
      const question = own(interview.questions, owner) ?? { draft: structuredClone(EMPTY_DRAFT), attempts: [] };
      const attempt = item.value as Attempt;
      const attempts = [...question.attempts.filter((a) => attemptKey(a) !== item.name), attempt].sort((a, b) => byTime(a.at, b.at));
      setEntry(interview.questions, owner, { ...question, attempts: keepLast(attempts, MAX_ATTEMPTS_PER_QUESTION) });
      return;
    }
    case 'draft': {
      const interview = interviewOf(result);
      const question = own(interview.questions, owner) ?? { draft: structuredClone(EMPTY_DRAFT), attempts: [] };
      setEntry(interview.questions, owner, { ...question, draft: item.value as typeof question.draft });
      return;
    }
    case 'mock': {
      const interview = interviewOf(result);
      const mock = item.value as MockSession;
      const mocks = [...interview.mocks.filter((m) => m.id !== item.name), mock].sort((a, b) => byTime(a.startedAt, b.startedAt));
      interview.mocks = keepLast(mocks, MAX_MOCKS);
      return;
    }
    case 'active-mock':
      interviewOf(result).activeMock = item.value as MockSession;
      return;
    case 'filters':
      interviewOf(result).filters = item.value as InterviewProgress['filters'];
      return;
  }
}
