/**
 * What an interview question file (`content/interview/questions/NN-slug.json`) must
 * contain. The loader parses every file with this schema, so bad content fails the
 * build and the tests with a message naming the file, never a learner's session.
 */
import { z } from 'zod';

export const CATEGORIES = ['system-design', 'coding', 'architecture', 'troubleshooting', 'scenario'] as const;
export const categorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof categorySchema>;

/** Easiest first: the bank lists questions in this order, so a junior meets the beginner ones first. */
export const DIFFICULTIES = ['beginner', 'intermediate', 'advanced'] as const;
export const difficultySchema = z.enum(DIFFICULTIES);
export type Difficulty = z.infer<typeof difficultySchema>;

/** How categories and difficulties read on screen. */
export const CATEGORY_LABELS: Record<Category, string> = {
  'system-design': 'System design',
  coding: 'Coding',
  architecture: 'Architecture',
  troubleshooting: 'Troubleshooting',
  scenario: 'Scenario',
};
export const DIFFICULTY_LABELS: Record<Difficulty, string> = { beginner: 'Beginner', intermediate: 'Intermediate', advanced: 'Advanced' };

/** Auto-graded coding exercises built beside this bank (components/exercise/). */
export const EXERCISE_IDS = ['lru-ttl-cache', 'middleware-chain', 'connection-pool', 'retry-backoff'] as const;
/** Troubleshooting simulations built beside this bank (components/exercise/). */
export const SIMULATION_IDS = ['slow-queries', 'memory-leak'] as const;

const sentence = (min: number) => z.string().trim().min(min);

export const keyPointSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'use lowercase letters, digits and dashes').describe('stable id; the covered/missed tick is saved under it'),
  text: sentence(10).describe('one thing a strong answer covers, said as a checkable statement'),
});
export type KeyPoint = z.infer<typeof keyPointSchema>;

export const tradeOffSchema = z.object({
  choice: sentence(3).describe('the design decision'),
  gain: sentence(5).describe('what it buys'),
  cost: sentence(5).describe('what it costs or risks'),
});
export type TradeOff = z.infer<typeof tradeOffSchema>;

export const interviewQuestionFileSchema = z
  .object({
    title: sentence(5).describe('short title shown in lists and as the page heading'),
    category: categorySchema,
    difficulty: difficultySchema,
    suggestedMinutes: z.number().int().min(5).max(90).describe('time a candidate would get in an interview'),
    summary: sentence(20).max(240).describe('one sentence for the bank list'),
    prompt: sentence(40).describe('the question as the interviewer asks it (Markdown, our own trusted text)'),
    keyPoints: z.array(keyPointSchema).min(3).max(10).describe('the rubric: what an answer must cover'),
    outline: z
      .object({
        approach: sentence(20).describe('the shape of a good answer in two or three sentences'),
        steps: z.array(sentence(10)).min(3).max(10).describe('the model answer as an ordered outline'),
        tradeOffs: z.array(tradeOffSchema).min(1).max(8).describe('decisions worth naming, each with its gain and cost'),
      })
      .describe('a concise model answer'),
    hints: z.array(sentence(10)).min(2).max(4).describe('a ladder: the first nudges, the last nearly answers'),
    exercise: z.enum(EXERCISE_IDS).optional().describe('an auto-graded coding exercise for this question'),
    simulation: z.enum(SIMULATION_IDS).optional().describe('a troubleshooting simulation for this question'),
  })
  .strict()
  .superRefine((q, ctx) => {
    const seen = new Set<string>();
    q.keyPoints.forEach((point, i) => {
      if (seen.has(point.id)) ctx.addIssue({ code: 'custom', path: ['keyPoints', i, 'id'], message: `"${point.id}" is used twice; key point ids must be unique within a question` });
      seen.add(point.id);
    });
  });
export type InterviewQuestionFile = z.infer<typeof interviewQuestionFileSchema>;

/** A question as the app uses it: the file's content plus what its file name says. */
export interface InterviewQuestion extends InterviewQuestionFile {
  /** The slug from the file name: also the URL path under /interview/. */
  id: string;
  /** The number from the file name: the bank's order. */
  number: number;
  /** `prompt` rendered to HTML at build time. */
  promptHtml: string;
}

/** What lists and the mock interview picker need. */
export type InterviewQuestionSummary = Pick<InterviewQuestion, 'id' | 'number' | 'title' | 'category' | 'difficulty' | 'suggestedMinutes' | 'summary'> & {
  hasExercise: boolean;
};
