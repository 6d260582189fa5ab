import type { Metadata } from 'next';
import Link from 'next/link';
import { ProgressBanners } from '@/components/progress/progress-banners';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Datasource Lab', template: '%s · Datasource Lab' },
  icons: { icon: '/favicon.svg' },
  description: 'Learn to build Grafana data source plugins by writing real handlers against mocked upstreams.',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-panel focus:p-2">
          Skip to content
        </a>
        <header className="border-b border-border bg-panel">
          <nav aria-label="Main" className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-3">
            <Link href="/" className="font-semibold text-white">
              Datasource Lab
            </Link>
            <Link href="/contract/" className="text-sm text-muted hover:text-white">
              The contract
            </Link>
            <Link href="/interview/" className="text-sm text-muted hover:text-white">
              Interview practice
            </Link>
            <Link href="/progress/" className="text-sm text-muted hover:text-white">
              Progress &amp; backup
            </Link>
          </nav>
        </header>
        <ProgressBanners />
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
