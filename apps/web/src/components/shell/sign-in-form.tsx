'use client';

import { useActionState } from 'react';
import { signIn, type SignInState } from '@/actions/session';

/** The token form: posted to a server action (the token travels in the request body, never in a URL). */
export function SignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signIn, { error: null });
  return (
    <form action={action} className="stack" data-testid="sign-in-form" style={{ maxWidth: '32rem' }}>
      <label className="stack" style={{ gap: '0.25rem' }}>
        <span>API token</span>
        <input name="token" type="password" autoComplete="off" spellCheck={false} required placeholder="cft_…" data-testid="sign-in-token" />
      </label>
      <input type="hidden" name="next" value={next} />
      <div className="row">
        <button type="submit" disabled={pending} data-testid="sign-in-submit">{pending ? 'Signing in…' : 'Sign in'}</button>
      </div>
      {state.error ? <p role="alert" className="notice error" data-testid="sign-in-error">{state.error}</p> : null}
    </form>
  );
}
