/**
 * Whether a server may run open. With no users configured, `classfit serve` on a loopback address (the embedded
 * default, `npm run demo`) treats every caller as the local owner and says so; bound to any other address, or on
 * a shared PostgreSQL (`DATABASE_URL`), it refuses to start unless `--insecure-open` is given. With users, tokens
 * are required.
 */
import { isIP } from 'node:net';

/** How a running server treats callers without a token. */
export type AccessPolicy =
  | { readonly kind: 'tokens' }
  /** No users at start-up: callers without a token are the owner until the first user is added. */
  | { readonly kind: 'open'; readonly why: 'loopback' | 'insecure-open' };

/** Raised when the server must not start as configured; the message says how to fix it. */
export class AccessRefusedError extends Error {
  override readonly name = 'AccessRefusedError';
}

/** Whether `host` only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (h === '::1') return true;
  return /^::ffff:127\./.test(h);
}

/** What the start-up decision needs to know. */
export interface AccessFacts {
  readonly userCount: number;
  readonly host: string;
  /** Whether the data lives on a shared PostgreSQL server (DATABASE_URL). */
  readonly sharedDatabase: boolean;
  readonly insecureOpen: boolean;
}

/** Decides the policy and the one line to print at start-up; throws {@link AccessRefusedError} when refusing. */
export function decideAccessPolicy(facts: AccessFacts): { policy: AccessPolicy; line: string } {
  if (facts.userCount > 0) {
    return { policy: { kind: 'tokens' }, line: `access: API tokens required (${facts.userCount} user${facts.userCount === 1 ? '' : 's'}; \`classfit token create\` makes one)` };
  }
  const exposure = [
    ...(isLoopback(facts.host) ? [] : [`it listens on ${facts.host}, reachable from other machines`]),
    ...(facts.sharedDatabase ? ['it uses a shared PostgreSQL (DATABASE_URL)'] : []),
  ];
  if (exposure.length === 0) {
    return {
      policy: { kind: 'open', why: 'loopback' },
      line: `access: open — no users configured, so every caller on this machine (${facts.host}) is the local owner; \`classfit user add\` turns tokens on`,
    };
  }
  if (facts.insecureOpen) {
    return {
      policy: { kind: 'open', why: 'insecure-open' },
      line: `access: OPEN TO EVERYONE (--insecure-open): no users configured and ${exposure.join(' and ')}; anyone who can connect can import, analyse and cancel`,
    };
  }
  throw new AccessRefusedError(
    `refusing to start open: no users are configured and ${exposure.join(' and ')}. ` +
      'Add an admin first (`classfit user add <login> --role admin` then `classfit token create --user <login>`), ' +
      'bind to 127.0.0.1, or pass --insecure-open to serve everyone without tokens',
  );
}
