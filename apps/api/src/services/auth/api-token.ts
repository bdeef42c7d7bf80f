/**
 * API token secrets: `cft_` + 43 base64url characters (256 random bits). Only the SHA-256 of the whole string is
 * stored. A fast hash is the right one here: slow password hashes (bcrypt, scrypt, argon2) exist to make guessing
 * low-entropy passwords expensive, but a 256-bit random secret cannot be guessed at any speed, and a fast,
 * unsalted digest lets the server find the token by an indexed equality look-up (no per-user salt to fetch, no
 * comparison of secrets in application code). Anyone who reads the table learns hashes they cannot invert.
 */
import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'cft_';
const SECRET_PATTERN = /^cft_[A-Za-z0-9_-]{43}$/;

/** A freshly generated token: the secret (show once), its stored hash and the non-secret prefix for listings. */
export interface GeneratedToken {
  readonly secret: string;
  readonly hash: string;
  readonly prefix: string;
}

/** SHA-256 of a token string, lower-case hex. */
export function hashToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Makes a new random token. */
export function generateToken(): GeneratedToken {
  const secret = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashToken(secret), prefix: secret.slice(0, PREFIX.length + 6) };
}

/** Whether `value` is shaped like a classfit token (checked before any database look-up). */
export function looksLikeToken(value: string): boolean {
  return SECRET_PATTERN.test(value);
}
