/**
 * One lab in a list of a week's labs: title link, status badge, summary and effort.
 * The home page's week cards and the week pages both list labs this way.
 */
import Link from 'next/link';
import { LabStatusBadge } from './lab-status-badge';
import type { PlanLab } from './plan-progress';

export function LabListItem({ lab, heading = false, className }: { lab: PlanLab; heading?: boolean; className: string }) {
  const link = (
    <Link href={`/labs/${lab.id}/`} className={`${heading ? '' : 'font-medium '}text-accent underline-offset-2 hover:underline`}>
      {lab.title}
    </Link>
  );
  return (
    <li className={className}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        {heading ? (
          <h3 className="font-medium">
            <span className="text-muted">{lab.order}. </span>
            {link}
          </h3>
        ) : (
          link
        )}
        <LabStatusBadge lab={lab} />
      </div>
      <p className="mt-1 text-sm leading-relaxed text-muted">{lab.summary}</p>
      <p className="mt-1 text-xs text-muted">
        About {lab.estimatedMinutes} min · {lab.questionCount} {lab.questionCount === 1 ? 'question' : 'questions'}
      </p>
    </li>
  );
}
