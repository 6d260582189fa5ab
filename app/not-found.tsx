import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Page not found' };

/** Shown for any address the static site has no page for (out/404.html). */
export default function NotFound() {
  return (
    <div className="mx-auto max-w-3xl px-4 py-12">
      <h1 className="text-2xl font-semibold text-white">This page does not exist</h1>
      <p className="mt-3 text-muted">
        The address may be mistyped, or it points at a lab or exercise that was renamed. Your saved work is kept in this
        browser and is not affected.
      </p>
      <ul className="mt-6 list-disc space-y-1 pl-6">
        <li>
          <Link href="/" className="underline">
            The 4-week plan
          </Link>{' '}
          lists every week and lab.
        </li>
        <li>
          <Link href="/exercises/" className="underline">
            Exercises
          </Link>{' '}
          and{' '}
          <Link href="/interview/" className="underline">
            interview practice
          </Link>
          .
        </li>
        <li>
          <Link href="/progress/" className="underline">
            Progress &amp; backup
          </Link>{' '}
          shows what you have saved.
        </li>
      </ul>
    </div>
  );
}
