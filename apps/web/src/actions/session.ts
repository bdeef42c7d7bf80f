'use server';

import { redirect } from 'next/navigation';
import { viewerFor } from '@/lib/api/viewer';
import { forgetToken, keepToken, safeNext, TOKEN_PATTERN } from '@/lib/api/session';

/** What the sign-in form shows after a failed attempt. */
export interface SignInState {
  readonly error: string | null;
}

/** Checks the token with the API, keeps it in the session cookie and goes back to `next`; or says why not. */
export async function signIn(_previous: SignInState, form: FormData): Promise<SignInState> {
  const token = String(form.get('token') ?? '').trim();
  if (!TOKEN_PATTERN.test(token)) return { error: 'That is not a classfit API token: it starts with cft_ and has 47 characters (`classfit token create` prints one).' };
  const answer = await viewerFor(token);
  if ('refused' in answer) return { error: `The API refused this token: ${answer.refused}` };
  if (answer.viewer.kind !== 'USER') return { error: 'The API did not recognise a user for this token.' };
  await keepToken(token);
  redirect(safeNext(form.get('next')));
}

/** Forgets the session token and returns to the sign-in page. */
export async function signOut(): Promise<void> {
  await forgetToken();
  redirect('/sign-in');
}
