/**
 * What an evaluation takes and gives (engine.ts): its options and budgets, and the
 * shapes of range and instant results, as Prometheus' HTTP API names them.
 */
import type { Labels, Sample } from './storage';

/** How far back an instant selector looks for a sample: Prometheus' default, 5 minutes. */
export const DEFAULT_LOOKBACK_MS = 300_000;

/** Budgets of one evaluation. */
export interface Limits {
  /** Most series one selector may select. */
  maxSeries: number;
  /** Most samples read from storage plus points produced by every node, in total. */
  maxSamples: number;
  /** Most intervals of a range query ((end - start) / step), as Prometheus' 11,000. */
  maxSteps: number;
}

export const DEFAULT_LIMITS: Limits = { maxSeries: 10_000, maxSamples: 5_000_000, maxSteps: 11_000 };

/** Options of an evaluation. */
export interface EvaluateOptions {
  /** Lookback of instant selectors, ms (default 5 minutes). */
  lookbackMs?: number;
  /** Budgets; unset fields keep DEFAULT_LIMITS. */
  limits?: Partial<Limits>;
}

/** A range query's window: epoch milliseconds, `step` > 0. */
export interface QueryRange {
  start: number;
  end: number;
  step: number;
}

/** One series of a matrix: its labels and `[ms, value]` samples in time order. */
export interface MatrixSeries {
  metric: Labels;
  values: Sample[];
}

/** One element of an instant vector. */
export interface VectorSample {
  metric: Labels;
  value: Sample;
}

/** What a range query returns: series sorted by labels, and warnings (e.g. a non-numeric `le`). */
export interface RangeResult {
  resultType: 'matrix';
  result: MatrixSeries[];
  warnings: string[];
}

/** What an instant query returns, by the type of its expression. */
export type InstantResult =
  | { resultType: 'vector'; result: VectorSample[]; warnings: string[] }
  | { resultType: 'scalar'; result: Sample; warnings: string[] }
  | { resultType: 'matrix'; result: MatrixSeries[]; warnings: string[] }
  | { resultType: 'string'; result: readonly [number, string]; warnings: string[] };

