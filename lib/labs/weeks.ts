/**
 * Reads the four weeks of the plan from `content/weeks.json` at build time (server
 * components and Node tests; never the browser). The file is checked against
 * `weekSchema` plus the plan's own rules; a problem throws an error naming the file
 * and the field, so bad content fails the build instead of showing a broken plan.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { projectPath } from './project-path';
import { capstoneStepSchema, weekSchema, type CapstoneStep, type Week } from './schema';

export const WEEKS_FILE = join(process.cwd(), 'content', 'weeks.json');

/** How many weeks the plan has; week N sits at index N - 1. */
export const WEEK_COUNT = 4;
/** Outcomes per week: fewer says too little, more stops being a short list. */
export const MIN_OUTCOMES = 3;
export const MAX_OUTCOMES = 5;

export class WeeksContentError extends Error {
  constructor(file: string, field: string, problem: string, schema = 'weekSchema') {
    super(`${file}, ${field}: ${problem} Fix the file so it matches ${schema} in lib/labs/schema.ts.`);
    this.name = 'WeeksContentError';
  }
}

/** The plan's rules on top of `weekSchema`, which leaves lengths open. */
const planSchema = z
  .array(
    weekSchema.extend({
      title: z.string().trim().min(3, 'needs a title of at least 3 characters'),
      goal: z.string().trim().min(10, 'needs a one-line goal of at least 10 characters').refine((g) => !g.includes('\n'), 'must be one line'),
      outcomes: z
        .array(z.string().trim().min(1, 'must not be empty'))
        .min(MIN_OUTCOMES, `needs at least ${MIN_OUTCOMES} items`)
        .max(MAX_OUTCOMES, `has more than ${MAX_OUTCOMES} items`),
    }),
  )
  .length(WEEK_COUNT, `must list exactly ${WEEK_COUNT} weeks`)
  .superRefine((weeks, ctx) => {
    weeks.forEach((week, i) => {
      if (week.number !== i + 1) {
        ctx.addIssue({ code: 'custom', path: [i, 'number'], message: `is ${week.number}, but the weeks must be listed in order 1 to ${WEEK_COUNT}, so this one must be ${i + 1}` });
      }
    });
  });

/** The weeks of the plan, in order. `file` is for tests; the app reads content/weeks.json. */
export function loadWeeks(file: string = WEEKS_FILE): Week[] {
  const rel = projectPath(file);
  if (!existsSync(file)) throw new WeeksContentError(rel, '(file)', 'is missing.');

  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new WeeksContentError(rel, '(file)', `is not valid JSON (${(err as Error).message}).`);
  }

  const parsed = planSchema.safeParse(raw);
  if (!parsed.success) {
    // Report the first problem precisely; the others usually follow from it.
    const issue = parsed.error.issues[0];
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problem(s))` : '';
    throw new WeeksContentError(rel, fieldName(issue.path), `${issue.message}${more}.`);
  }
  return parsed.data;
}

/** [1, 'outcomes', 0] → "[1].outcomes[0] (week 2)", so an author finds the spot at once. */
function fieldName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  const field = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
  return typeof path[0] === 'number' ? `${field} (week ${path[0] + 1})` : field;
}

export const CAPSTONES_FILE = join(process.cwd(), 'content', 'capstones.json');
const SCHEMA = 'capstoneStepSchema';

/**
 * The plan's capstone step from `content/capstones.json`. `labIds` are the labs that
 * exist: a capstone that names a lab must name one of them, and every capstone lab
 * must be listed, so the plan never links to nothing nor hides a built capstone.
 */
export function loadCapstones(labIds: readonly string[], file: string = CAPSTONES_FILE): CapstoneStep {
  const rel = projectPath(file);
  if (!existsSync(file)) throw new WeeksContentError(rel, '(file)', 'is missing.', SCHEMA);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new WeeksContentError(rel, '(file)', `is not valid JSON (${(err as Error).message}).`, SCHEMA);
  }
  const parsed = capstoneStepSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WeeksContentError(rel, issue.path.map(String).join('.') || '(root)', `${issue.message}.`, SCHEMA);
  }
  parsed.data.capstones.forEach((c, i) => {
    if (c.lab && !labIds.includes(c.lab)) throw new WeeksContentError(rel, `capstones[${i}].lab`, `names ${c.lab}, but no such lab exists in labs/capstone/.`, SCHEMA);
  });
  const listed = new Set(parsed.data.capstones.map((c) => c.lab));
  const orphan = labIds.find((id) => id.startsWith('capstone/') && !listed.has(id));
  if (orphan) throw new WeeksContentError(rel, 'capstones', `does not list the lab ${orphan}; add it, or the plan never shows it.`, SCHEMA);
  return parsed.data;
}
