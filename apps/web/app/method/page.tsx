import type { Metadata } from 'next';
import { methodHtml } from '@/lib/method/method-document';

export const metadata: Metadata = { title: 'Method' };
/** Rendered at build time from docs/method.md (the repository's own text, no user input). */
export const dynamic = 'force-static';

export default function MethodPage() {
  return <article className="card method-doc" dangerouslySetInnerHTML={{ __html: methodHtml() }} />;
}
