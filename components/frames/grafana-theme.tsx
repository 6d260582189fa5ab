'use client';
/**
 * Shared client plumbing for the Grafana-backed frame views: the dark Grafana theme,
 * Grafana's field pipeline, icon path, container width measuring, keyboard access to
 * Table's scroll area, and an error boundary so frames @grafana/ui cannot draw show a
 * message instead of taking the page down.
 *
 * Only import this from modules loaded via `next/dynamic(..., { ssr: false })`.
 */
import { startTransition, useEffect, useRef, useState, type ReactNode } from 'react';
import { ErrorBoundary } from '@/components/ui/error-boundary';
import { ThemeContext, applyFieldOverrides, createTheme, type DataFrame } from '@grafana/data';
import { FIELD_CONFIG_SOURCE, displaySafeFrame, forGrafanaDisplay } from '@/lib/frames';

/**
 * Where @grafana/ui fetches its SVG icons from: `<path>build/img/icons/<set>/<name>.svg`.
 * Without it, it asks for `public/build/img/icons/...` relative to the current page,
 * which 404s and leaves alerts and the panel status corner without icons. The files
 * ship in `node_modules/@grafana/ui/dist/public/img/icons/`; the asset step must copy
 * them to `public/grafana/build/img/icons/` (missing icons only leave blank squares).
 */
export const GRAFANA_PUBLIC_PATH = '/grafana/';
if (typeof window !== 'undefined') {
  const w = window as typeof window & { __grafana_public_path__?: string };
  w.__grafana_public_path__ ??= GRAFANA_PUBLIC_PATH;
}

/** Grafana's dark theme, built once. Must come from the same @grafana/data copy @grafana/ui uses. */
export const GRAFANA_THEME = createTheme({ colors: { mode: 'dark' } });

/** Grafana's default: show times in the viewer's time zone. */
export const TIME_ZONE = 'browser';

/**
 * Runs frames through Grafana's field pipeline (display processors, series colours,
 * state), as a panel does before drawing. Apply `withFieldDefaults` first.
 */
export function applyGrafanaOverrides(frames: DataFrame[]): DataFrame[] {
  return applyFieldOverrides({
    // Learner field config may ask for image/markdown cells or script links: see lib/frames/display-safety.ts.
    data: frames.map((frame) => forGrafanaDisplay(displaySafeFrame(frame))),
    fieldConfig: FIELD_CONFIG_SOURCE,
    theme: GRAFANA_THEME,
    replaceVariables: (value) => value,
    timeZone: TIME_ZONE,
  });
}

/** Provides the Grafana dark theme to @grafana/ui components below it. */
export function GrafanaThemeProvider({ children }: { children: ReactNode }) {
  return <ThemeContext.Provider value={GRAFANA_THEME}>{children}</ThemeContext.Provider>;
}

/**
 * Measures an element's content width with ResizeObserver. Returns 0 until the first
 * measurement: @grafana/ui's Table and TimeSeries need a real pixel width, so callers
 * render nothing until it is positive.
 *
 * The width is set in a transition. An update from an observer's callback otherwise gets
 * React's default lane, which renders in one piece: the first width is what draws the
 * panel (TimeSeries' config, the legend, emotion's styles), and in one task that was
 * 0.15–0.4 s of the first Run after a cold open (traces on the 2-core machines here). A
 * transition renders a component at a time and yields to the page between them.
 */
export function useContainerWidth<T extends HTMLElement = HTMLDivElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => startTransition(() => setWidth(Math.floor(entry.contentRect.width))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

interface BoundaryProps {
  /** What was being drawn, for the message, e.g. "the panel". */
  what: string;
  /** Changing this (e.g. new results) clears a caught error. */
  resetKey: unknown;
  children: ReactNode;
}

/** Catches render errors from @grafana/ui so learner frames can't crash the page. */
export function FramesErrorBoundary({ what, resetKey, children }: BoundaryProps) {
  return (
    <ErrorBoundary
      resetKey={resetKey}
      fallback={(error) => (
        <div role="alert" className="rounded border border-bad/60 bg-bad/10 p-3 text-sm">
          <p className="font-semibold text-white">Could not draw {what}.</p>
          <p className="mt-1 text-muted">
            Grafana&apos;s components failed on these frames: <span className="font-mono">{error.message}</span>. Check
            field types and values in the Data tab.
          </p>
        </div>
      )}
    >
      {children}
    </ErrorBoundary>
  );
}

/**
 * Makes @grafana/ui Table's scroll area reachable by keyboard. Its body scrolls inside a
 * `.scrollbar-view` div without a tabindex, so keyboard users could not scroll long
 * frames (axe: scrollable-region-focusable). It sits between the table and its rows, so
 * it becomes their `rowgroup`: a focusable generic div there breaks the table's ARIA.
 */
export function KeyboardScrollable({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Reading scrollHeight lays the page out. Read in the next animation frame, once per
    // frame however many mutations came, and only for views not marked yet: read in the
    // observer, it laid out the page again after each batch of rows a Table rendered (a
    // forced layout inside the task that drew a big result).
    let frame = 0;
    const mark = () => {
      frame = 0;
      el.querySelectorAll<HTMLElement>('.scrollbar-view').forEach((view) => {
        if (view.hasAttribute('tabindex') || view.scrollHeight <= view.clientHeight) return;
        view.tabIndex = 0;
        if (view.closest('[role="table"]')) view.setAttribute('role', 'rowgroup');
      });
    };
    const markSoon = () => {
      if (frame === 0) frame = requestAnimationFrame(mark);
    };
    markSoon();
    const observer = new MutationObserver(markSoon);
    observer.observe(el, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, []);
  return <div ref={ref}>{children}</div>;
}
