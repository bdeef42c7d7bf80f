import Link from 'next/link';
import { signOut } from '@/actions/session';
import { fetchViewer } from '@/lib/api/viewer';

/** The header's note on who is signed in: the user (with sign-out), the open server's local owner, or a sign-in link. */
export async function ViewerBadge() {
  let answer: Awaited<ReturnType<typeof fetchViewer>>;
  try {
    answer = await fetchViewer();
  } catch {
    return null; // the API is unreachable: the page says so itself
  }
  if ('refused' in answer) return <Link href="/sign-in" className="viewer-badge" data-testid="viewer-badge" data-kind="REFUSED">Sign in</Link>;
  const { viewer } = answer;
  if (viewer.kind === 'OWNER') {
    return <span className="viewer-badge muted" data-testid="viewer-badge" data-kind="OWNER" title={viewer.access.description}>local owner · open (no users)</span>;
  }
  if (viewer.kind === 'ANONYMOUS') return <Link href="/sign-in" className="viewer-badge" data-testid="viewer-badge" data-kind="ANONYMOUS">Sign in</Link>;
  const roles = viewer.role ? `${viewer.role.toLowerCase()} everywhere` : viewer.projects.map((p) => `${p.role.toLowerCase()} in ${p.project.name}`).join(', ');
  return (
    <form action={signOut} className="viewer-badge row" data-testid="viewer-badge" data-kind="USER" style={{ gap: '0.5rem' }}>
      <span title={roles}><strong data-testid="viewer-login">{viewer.login}</strong> <span className="muted">{roles}</span></span>
      <button type="submit" data-testid="sign-out">Sign out</button>
    </form>
  );
}
