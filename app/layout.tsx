import type { Metadata } from 'next';
import Link from 'next/link';
import { ProgressBanners } from '@/components/progress/progress-banners';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Datasource Lab', template: '%s · Datasource Lab' },
  icons: { icon: '/favicon.svg' },
  description: 'Learn to build Grafana data source plugins by writing real handlers against mocked upstreams.',
};

/** The top bar's sections, in the order a learner meets them. */
const NAV = [
  { href: '/contract/', label: 'The contract' },
  { href: '/exercises/', label: 'Exercises' },
  { href: '/interview/', label: 'Interview practice' },
  { href: '/progress/', label: 'Progress & backup' },
  { href: '/mentor/', label: 'Mentor' },
];

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-panel focus:p-2">
          Skip to content
        </a>
        <header className="border-b border-border bg-panel">
          {/* Wraps onto a second line on narrow screens (390 px) instead of running off the edge. */}
          <nav aria-label="Main" className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
            {/* No prefetch from the header: it is on every page, and prefetching its five routes'
                payloads (about 480 KB) competed with a lab's editor and sandbox on a cold open. A
                click still navigates in the app; it fetches the route then. */}
            <Link href="/" prefetch={false} className="font-semibold text-white">
              Datasource Lab
            </Link>
            <ul className="flex flex-wrap items-center gap-x-5 gap-y-1 text-sm">
              {NAV.map(({ href, label }) => (
                <li key={href}>
                  <Link href={href} prefetch={false} className="text-muted hover:text-white">
                    {label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <ProgressBanners />
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
