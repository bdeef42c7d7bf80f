import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import { NuqsAdapter } from 'nuqs/adapters/next/app';
import type { ReactNode } from 'react';
import { NavLinks } from '@/components/shell/nav-links';
import { ThemeToggle, themeScript } from '@/components/shell/theme-toggle';
import { ViewerBadge } from '@/components/shell/viewer-badge';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'classfit', template: '%s · classfit' },
  description: 'Per-class density models of network representations: browse and compare modes of class fitting.',
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f7f8fa' },
    { media: '(prefers-color-scheme: dark)', color: '#0f1115' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body>
        <header className="topbar">
          <Link href="/" className="brand">
            classfit
          </Link>
          <NavLinks />
          <ViewerBadge />
          <ThemeToggle />
        </header>
        <main><NuqsAdapter>{children}</NuqsAdapter></main>
      </body>
    </html>
  );
}
