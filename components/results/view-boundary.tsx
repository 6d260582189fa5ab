'use client';
/**
 * Catches a render error of a results tab, so a run whose results a view cannot prepare
 * shows why instead of taking the lab page down. The tabs' view models are prepared when a
 * tab first reads them (lib/view: the panel's plan, the lifecycle trace), so their errors
 * surface in the tab's render.
 */
import type { ReactNode } from 'react';
import { ErrorBoundary } from '@/components/ui/error-boundary';

/** `resetKey`: changing it (a new run) clears a caught error; give each tab its own boundary (`key`). */
export function ResultsViewBoundary({ resetKey, children }: { resetKey: unknown; children: ReactNode }) {
  return (
    <ErrorBoundary
      resetKey={resetKey}
      fallback={(error) => (
        <p role="alert" className="rounded border border-bad/60 bg-bad/10 p-3 text-sm">
          Could not prepare this run&apos;s results: {error.message}.
        </p>
      )}
    >
      {children}
    </ErrorBoundary>
  );
}
