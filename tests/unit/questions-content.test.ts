/**
 * Quiz answers must not be guessable from their shape (issue 18, item 3). Over every
 * single-choice question in the app (each lab's questions.json, found by walking labs/,
 * each troubleshooting simulation's diagnosis question and further questions, from content/exercises/<id>/sim.json,
 * and any multiple-choice question in the interview bank) this reports:
 *
 * - the share of questions whose right option is the longest one (ties count as
 *   longest): a learner who always picks the longest option should do no better than
 *   chance would let them, so the share must stay at or below {@link MAX_LONGEST_SHARE};
 * - the share whose right option is the shortest, under the same limit: rewriting
 *   options so the right one is no longer the longest must not make it the plain,
 *   short one instead;
 * - how the right answers are spread over the authored positions (first, second, …):
 *   the page shuffles options per learner, but the authored order is what a learner
 *   sees in the source and what an old page showed, so no position may hold more than
 *   {@link MAX_POSITION_SHARE} of the answers.
 *
 * The figures are printed on every run so an author sees how close the bank is to the
 * limits, and the questions that break the length rule are named.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { questionsFileSchema } from '@/lib/labs/schema';
import { simMetaSchema } from '@/lib/exercises/schema';

/**
 * At most this share of choice questions may have the right option as the longest (or as the
 * shortest). It is below the one in three that chance gives a three-option question, so lengths
 * have to be varied on purpose, not left to how long the right explanation happens to be.
 */
const MAX_LONGEST_SHARE = 0.3;
/** At most this share of choice questions may have their answer at any one position. */
const MAX_POSITION_SHARE = 0.4;

const ROOT = process.cwd();

/** A single-choice question reduced to what this test measures. */
interface ChoiceItem {
  /** `labs/week-1/01-query-lifecycle/questions.json#why-one-frame-model` */
  where: string;
  /** option texts in authored order */
  options: string[];
  /** 0-based index of the right option in `options` */
  answerIndex: number;
}

function labChoiceQuestions(): ChoiceItem[] {
  const items: ChoiceItem[] = [];
  const labsDir = join(ROOT, 'labs');
  for (const week of readdirSync(labsDir).sort()) {
    const weekDir = join(labsDir, week);
    if (!statSync(weekDir).isDirectory()) continue;
    for (const lab of readdirSync(weekDir).sort()) {
      const file = join(weekDir, lab, 'questions.json');
      if (!existsSync(file)) continue;
      const rel = relative(ROOT, file);
      for (const q of questionsFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')))) {
        if (q.kind !== 'choice') continue;
        items.push({ where: `${rel}#${q.id}`, options: q.choices.map((c) => c.text), answerIndex: q.choices.findIndex((c) => c.id === q.answer) });
      }
    }
  }
  return items;
}

/**
 * The diagnosis question of every troubleshooting simulation (content/exercises/<id>/sim.json;
 * exercises without a sim.json have none). The page shows these options in authored order,
 * so their position counts as much as their length.
 */
function simulationDiagnosisQuestions(): ChoiceItem[] {
  const items: ChoiceItem[] = [];
  const exercisesDir = join(ROOT, 'content', 'exercises');
  for (const exercise of readdirSync(exercisesDir).sort()) {
    const file = join(exercisesDir, exercise, 'sim.json');
    if (!existsSync(file)) continue;
    const { diagnosis, questions } = simMetaSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    items.push({ where: `${relative(ROOT, file)}#diagnosis`, options: diagnosis.choices.map((c) => c.text), answerIndex: diagnosis.choices.findIndex((c) => c.id === diagnosis.answer) });
    // A simulation's further questions (a week's questions, under the diagnosis) count like a lab's.
    for (const q of questions) items.push({ where: `${relative(ROOT, file)}#${q.id}`, options: q.choices.map((c) => c.text), answerIndex: q.choices.findIndex((c) => c.id === q.answer) });
  }
  return items;
}

/**
 * The interview bank has no multiple-choice questions today; if one is added, in any
 * JSON file under content/interview/, as an object with `choices` ({ id, text }[]) and
 * an `answer` id, it is measured with the lab questions.
 */
function interviewChoiceQuestions(): ChoiceItem[] {
  const items: ChoiceItem[] = [];
  const visit = (node: unknown, where: string): void => {
    if (Array.isArray(node)) return node.forEach((child, i) => visit(child, `${where}[${i}]`));
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const choices = record.choices;
    if (Array.isArray(choices) && typeof record.answer === 'string' && choices.every((c) => c && typeof c.text === 'string')) {
      const options = choices as { id: unknown; text: string }[];
      items.push({ where: `${where}${typeof record.id === 'string' ? `#${record.id}` : ''}`, options: options.map((c) => c.text), answerIndex: options.findIndex((c) => c.id === record.answer) });
    }
    for (const [key, value] of Object.entries(record)) if (key !== 'choices') visit(value, where);
  };
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.json')) visit(JSON.parse(readFileSync(path, 'utf8')), relative(ROOT, path));
    }
  };
  walk(join(ROOT, 'content', 'interview'));
  return items;
}

/** True when no other option is longer than the right one (a tie counts: it does not hide the answer). */
function rightIsLongest(item: ChoiceItem): boolean {
  const right = item.options[item.answerIndex].length;
  return item.options.every((text) => text.length <= right);
}

/** True when no other option is shorter than the right one. */
function rightIsShortest(item: ChoiceItem): boolean {
  const right = item.options[item.answerIndex].length;
  return item.options.every((text) => text.length >= right);
}

const percent = (n: number, of: number) => `${((100 * n) / of).toFixed(0)}%`;

describe('choice questions cannot be answered by shape', () => {
  const labs = labChoiceQuestions();
  const simulations = simulationDiagnosisQuestions();
  const items = [...labs, ...simulations, ...interviewChoiceQuestions()];
  const longest = items.filter(rightIsLongest);
  const shortest = items.filter(rightIsShortest);
  const byPosition = new Map<number, number>();
  for (const item of items) byPosition.set(item.answerIndex, (byPosition.get(item.answerIndex) ?? 0) + 1);
  const positions = [...byPosition.entries()].sort(([a], [b]) => a - b);

  console.log(
    [
      `choice questions: ${items.length} (${labs.length} in labs, ${simulations.length} simulation diagnoses)`,
      `right option is the longest: ${longest.length} of ${items.length} (${percent(longest.length, items.length)}; limit ${MAX_LONGEST_SHARE * 100}%)`,
      `right option is the shortest: ${shortest.length} of ${items.length} (${percent(shortest.length, items.length)}; limit ${MAX_LONGEST_SHARE * 100}%)`,
      `right option's position: ${positions.map(([i, n]) => `${String.fromCharCode(97 + i)} ${n} (${percent(n, items.length)})`).join(', ')} (limit ${MAX_POSITION_SHARE * 100}% each)`,
      ...longest.map((item) => `  longest is right: ${item.where}`),
      ...shortest.map((item) => `  shortest is right: ${item.where}`),
    ].join('\n'),
  );

  it('finds the questions', () => {
    expect(labs.length).toBeGreaterThan(0);
    expect(simulations.length, 'no content/exercises/*/sim.json with a diagnosis question was found').toBeGreaterThan(0);
    for (const item of items) expect(item.answerIndex, `${item.where}: answer names no option`).toBeGreaterThanOrEqual(0);
  });

  it(`has the right option as the longest in at most ${MAX_LONGEST_SHARE * 100}% of questions`, () => {
    expect(longest.length / items.length, `right option is the longest in: ${longest.map((i) => i.where).join(', ')}`).toBeLessThanOrEqual(MAX_LONGEST_SHARE);
  });

  it(`has the right option as the shortest in at most ${MAX_LONGEST_SHARE * 100}% of questions`, () => {
    expect(shortest.length / items.length, `right option is the shortest in: ${shortest.map((i) => i.where).join(', ')}`).toBeLessThanOrEqual(MAX_LONGEST_SHARE);
  });

  it(`puts at most ${MAX_POSITION_SHARE * 100}% of the answers at any one position`, () => {
    for (const [index, count] of positions) {
      expect(count / items.length, `${count} of ${items.length} answers are option ${String.fromCharCode(97 + index)}`).toBeLessThanOrEqual(MAX_POSITION_SHARE);
    }
  });
});
