import type { Metadata } from 'next';
import Link from 'next/link';
import { signOut } from '@/actions/session';
import { SignInForm } from '@/components/shell/sign-in-form';
import { safeNext } from '@/lib/api/session';
import { fetchViewer } from '@/lib/api/viewer';

export const metadata: Metadata = { title: 'Sign in' };

/** Sign-in with an API token (kept in an httpOnly, SameSite=Strict cookie), then back to the page that asked. */
export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeNext((await searchParams).next);
  const answer = await fetchViewer();
  const viewer = 'viewer' in answer ? answer.viewer : null;
  return (
    <div className="stack" style={{ maxWidth: '40rem' }}>
      <h1>Sign in</h1>
      {viewer?.kind === 'OWNER' ? (
        <p data-testid="sign-in-open">
          This classfit server is open: {viewer.access.description.replace(/^access: /, '')}. There is nothing to sign in to. <Link href={next}>Continue</Link>
        </p>
      ) : viewer?.kind === 'USER' ? (
        <div className="stack">
          <p data-testid="sign-in-current">Signed in as <strong>{viewer.login}</strong>. <Link href={next}>Continue</Link></p>
          <form action={signOut}><button type="submit">Sign out</button></form>
        </div>
      ) : (
        <>
          <p className="muted">
            This server needs an API token. An admin creates one with <code>classfit token create --user LOGIN</code>; it is kept
            in a cookie only this dashboard's server can read, and never appears in a URL.
          </p>
          {'refused' in answer ? <p role="alert" className="notice error" data-testid="sign-in-refused">Your saved token was refused: {answer.refused}</p> : null}
          <SignInForm next={next} />
        </>
      )}
    </div>
  );
}
