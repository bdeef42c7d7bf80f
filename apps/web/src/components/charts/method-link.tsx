import Link from 'next/link';

/** A link to the section of docs/method.md that defines what a figure shows, e.g. `H.1`. */
export function MethodLink({ section }: { section: string }) {
  return (
    <Link href={`/method#${section}`} className="method-link" title={`How this is computed: method §${section}`}>
      method §{section}
    </Link>
  );
}
