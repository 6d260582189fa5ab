import Link from 'next/link';

export interface PagerLink {
  href: string;
  title: string;
  /** "Week 2, lab 3" */
  where: string;
}

/** The way on from a lab: the previous and next lab of the plan, or back to the plan after the last. */
export function LabPager({ previous, next }: { previous?: PagerLink; next?: PagerLink }) {
  return (
    <nav aria-label="Labs of the plan" className="mx-auto mt-8 flex max-w-7xl flex-wrap justify-between gap-4 border-t border-border px-4 py-6 text-sm">
      {previous ? (
        <Link href={previous.href} className="rounded border border-border px-3 py-2 hover:bg-panel-2">
          <span className="block text-xs text-muted">← Previous: {previous.where}</span>
          {previous.title}
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link href={next.href} className="rounded border border-border px-3 py-2 text-right hover:bg-panel-2">
          <span className="block text-xs text-muted">Next: {next.where} →</span>
          {next.title}
        </Link>
      ) : (
        <Link href="/" className="rounded border border-border px-3 py-2 text-right hover:bg-panel-2">
          <span className="block text-xs text-muted">That was the last lab →</span>
          Back to the plan
        </Link>
      )}
    </nav>
  );
}
