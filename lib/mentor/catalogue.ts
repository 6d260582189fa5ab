/**
 * What the mentor and assignment screens know of the course: labs, exercises and
 * interview questions by id and title. Serializable: server components build it at
 * build time (lib/mentor/catalogue-load.ts) and hand it to the client.
 */
import type { Titles } from './submission';

export interface CatalogueLab {
  /** `week-2/first-query-path`. */
  id: string;
  week: number;
  order: number;
  title: string;
  summary: string;
  estimatedMinutes: number;
  questionCount: number;
  /** Ids of the lab's questions: completion needs each answered. */
  questionIds: string[];
}

export interface CatalogueItem {
  id: string;
  title: string;
  /** "Coding exercise", "Troubleshooting simulation", or an interview category. */
  group: string;
}

export interface Catalogue {
  /** Groups of labs in plan order: the four weeks, then the capstones (`label` replaces "Week N"). */
  weeks: { number: number; title: string; label?: string }[];
  labs: CatalogueLab[];
  exercises: CatalogueItem[];
  questions: CatalogueItem[];
}

/** Titles by id, for submissions and feedback. */
export function catalogueTitles(catalogue: Catalogue): Titles {
  return {
    labs: Object.fromEntries(catalogue.labs.map((l) => [l.id, l.title])),
    exercises: Object.fromEntries(catalogue.exercises.map((e) => [e.id, e.title])),
    questions: Object.fromEntries(catalogue.questions.map((q) => [q.id, q.title])),
  };
}
