'use client';
/** What shows while a results view's code chunk loads, or why it could not (e.g. after a redeploy). */
export function ViewLoading({ error }: { error?: Error | null }) {
  if (error) {
    return (
      <p role="alert" className="rounded border border-bad/60 bg-bad/10 p-3 text-sm">
        Could not load the results view: {error.message}. Reload the page to try again.
      </p>
    );
  }
  return (
    <p role="status" className="text-sm text-muted">
      Loading the results view…
    </p>
  );
}
