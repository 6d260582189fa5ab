'use client';
/**
 * When a Run ends with the results below the fold (a 1280×720 or 1440×900 screen), the
 * page scrolls just enough to show their first lines: the learner sees that something
 * happened. Scrolling moves no focus, so typing in the editor goes on; a learner who
 * prefers reduced motion gets a jump instead of a glide.
 */
import { useEffect, useRef, type RefObject } from 'react';
import type { RunPhase } from '@/lib/kinds/types';

/** How much of the results (px) should be on screen after a Run. */
const SHOWN_PX = 260;

export function useRevealResults(phase: RunPhase, target: RefObject<HTMLElement | null>) {
  const previous = useRef(phase);
  useEffect(() => {
    const ended = previous.current !== 'idle' && phase === 'idle';
    previous.current = phase;
    const el = target.current;
    if (!ended || !el) return;
    const top = el.getBoundingClientRect().top;
    const missing = top - (window.innerHeight - SHOWN_PX);
    if (missing <= 0) return;
    const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    window.scrollBy({ top: missing, behavior: reduce ? 'auto' : 'smooth' });
  }, [phase, target]);
}
