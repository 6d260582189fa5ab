'use client';
/**
 * The sweep as a strip of schedules: one button per seed, marked with what happened
 * under it (race, deadlock, crash, wrong result, clean). Pick one to run the program
 * again under that seed; or type any seed.
 */
import { useId, useState } from 'react';
import type { Sweep } from '@/lib/kinds/artifact/race/result';
import { OUTCOME_GLYPH, OUTCOME_LABEL, OUTCOME_STYLE } from './outcome-style';

interface Props {
  sweep: Sweep;
  /** The seed shown in detail. */
  seed: number;
  onPick(seed: number): void;
  busy: boolean;
}

export function SeedStrip({ sweep, seed, onPick, busy }: Props) {
  const [typed, setTyped] = useState('');
  const inputId = useId();
  const present = new Set(sweep.outcomes);
  const pickTyped = () => {
    const n = Number(typed);
    if (Number.isInteger(n) && n >= 0 && n <= 1_000_000) onPick(n);
  };
  return (
    <section aria-label="Schedules tried" className="space-y-2">
      <p className="text-sm">
        <strong className="text-white">{sweep.summary}</strong>
        <span className="text-muted"> (seeds {sweep.firstSeed}–{sweep.firstSeed + sweep.runs - 1}; one seed is one schedule)</span>
      </p>
      <div role="group" aria-label="Pick a schedule to run" className="flex flex-wrap gap-1">
        {sweep.outcomes.map((outcome, i) => {
          const s = sweep.firstSeed + i;
          return (
            <button
              key={s}
              type="button"
              aria-pressed={s === seed}
              aria-label={`seed ${s}: ${OUTCOME_LABEL[outcome]}`}
              title={`seed ${s}: ${OUTCOME_LABEL[outcome]}`}
              data-outcome={outcome}
              disabled={busy}
              onClick={() => onPick(s)}
              className={`h-7 w-7 rounded border text-xs ${OUTCOME_STYLE[outcome]} ${s === seed ? 'outline outline-2 outline-accent' : ''} focus-visible:outline focus-visible:outline-2 focus-visible:outline-accent disabled:opacity-60`}
            >
              {OUTCOME_GLYPH[outcome]}
            </button>
          );
        })}
      </div>
      <ul className="flex flex-wrap gap-3 text-xs text-muted" aria-label="Legend">
        {(Object.keys(OUTCOME_LABEL) as (keyof typeof OUTCOME_LABEL)[])
          .filter((o) => present.has(o))
          .map((o) => (
            <li key={o}>
              <span className={`mr-1 inline-block w-5 rounded border text-center ${OUTCOME_STYLE[o]}`} aria-hidden="true">
                {OUTCOME_GLYPH[o]}
              </span>
              {OUTCOME_LABEL[o]}
            </li>
          ))}
      </ul>
      <form
        className="flex items-center gap-2 text-xs"
        onSubmit={(e) => {
          e.preventDefault();
          pickTyped();
        }}
      >
        <label htmlFor={inputId} className="text-muted">
          Any other seed
        </label>
        <input id={inputId} type="number" min={0} max={1000000} step={1} value={typed} onChange={(e) => setTyped(e.target.value)} className="w-24 rounded border border-border bg-panel px-2 py-1 text-white" />
        <button type="submit" disabled={busy || typed === ''} className="rounded border border-border px-2 py-1 hover:text-white disabled:opacity-60">
          Run this seed
        </button>
      </form>
    </section>
  );
}
