/**
 * The signed-in user's API token, kept in an httpOnly, SameSite=Strict cookie (never in a URL, never readable by
 * page scripts) and sent by server code to the API as `Authorization: Bearer <token>`. Without it the dashboard
 * calls the API as nobody — which a server running open (no users configured) treats as its local owner.
 */
import { cookies, headers } from 'next/headers';

/** The cookie's name. */
export const TOKEN_COOKIE = 'classfit_token';

/** The shape of a classfit API token (checked before any request is made with it). */
export const TOKEN_PATTERN = /^cft_[A-Za-z0-9_-]{43}$/;

/** The token of this request's cookie, if any. */
export async function sessionToken(): Promise<string | undefined> {
  const value = (await cookies()).get(TOKEN_COOKIE)?.value;
  return value && TOKEN_PATTERN.test(value) ? value : undefined;
}

/** Keeps `token` for later requests (30 days; Secure when the dashboard is served over HTTPS). */
export async function keepToken(token: string): Promise<void> {
  const secure = (await headers()).get('x-classfit-proto') === 'https:';
  (await cookies()).set(TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: 30 * 24 * 3600 });
}

/** Forgets the token. */
export async function forgetToken(): Promise<void> {
  (await cookies()).delete(TOKEN_COOKIE);
}

/** The path (with query) of the page being rendered, as `proxy.ts` passed it on; `/` when unknown. */
export async function currentPath(): Promise<string> {
  return (await headers()).get('x-classfit-path') ?? '/';
}

/** `next` if it is a path on this site (not `//host`, not a URL), else `/`: where to go after signing in. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\') ? next : '/';
}
