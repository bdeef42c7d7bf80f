/**
 * Passes the requested path (and protocol) on to server code as request headers, so that a page whose API call
 * is refused for want of a token can send the reader to the sign-in page and back to the same view afterwards.
 */
import { NextResponse, type NextRequest } from 'next/server';

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set('x-classfit-path', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  headers.set('x-classfit-proto', request.nextUrl.protocol);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ['/((?!_next/|icon.svg|favicon.ico).*)'] };
