'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const links = [
  { href: '/', label: 'Models', match: (p: string) => p === '/' || p.startsWith('/models') },
  { href: '/compare', label: 'Compare', match: (p: string) => p.startsWith('/compare') },
  { href: '/jobs', label: 'Jobs', match: (p: string) => p.startsWith('/jobs') },
  { href: '/method', label: 'Method', match: (p: string) => p.startsWith('/method') },
];

/** The top navigation, marking the current section. */
export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main">
      {links.map((link) => (
        <Link key={link.href} href={link.href} aria-current={link.match(pathname) ? 'page' : undefined}>
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
