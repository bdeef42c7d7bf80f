import Link from 'next/link';

/** A row of mutually exclusive choices kept in the URL (each option is a link). */
export function SegmentedLinks({ label, options, current }: { label: string; options: readonly { key: string; label: string; href: string }[]; current: string }) {
  return (
    <nav className="segmented" aria-label={label}>
      {options.map((option) => (
        <Link key={option.key} href={option.href} scroll={false} aria-current={option.key === current ? 'true' : undefined} data-option={option.key}>
          {option.label}
        </Link>
      ))}
    </nav>
  );
}
