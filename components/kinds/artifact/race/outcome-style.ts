/** How a seed's outcome reads and looks, everywhere the race views show one. Text always says it: colour is never the only signal. */
import type { SeedOutcome } from '@/lib/kinds/artifact/race/result';

export const OUTCOME_LABEL: Record<SeedOutcome, string> = {
  race: 'data race reported',
  deadlock: 'deadlock',
  failed: 'crashed or never ended',
  wrong: 'wrong result, no report',
  clean: 'no race, right result',
};

/** One character for the strip, so it reads without colour too. */
export const OUTCOME_GLYPH: Record<SeedOutcome, string> = { race: 'R', deadlock: 'D', failed: '!', wrong: 'W', clean: '·' };

export const OUTCOME_STYLE: Record<SeedOutcome, string> = {
  race: 'border-bad/70 bg-bad/25 text-white',
  deadlock: 'border-warn/70 bg-warn/25 text-white',
  failed: 'border-bad/70 bg-bad/40 text-white',
  wrong: 'border-warn/70 bg-warn/15 text-white',
  clean: 'border-ok/50 bg-ok/10 text-muted',
};
