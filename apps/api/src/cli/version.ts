/** The CLI's version: the `version` of apps/api/package.json (the package that ships the `classfit` binary). */
import { readFileSync } from 'node:fs';

/** e.g. `0.1.0`. */
export function cliVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const version = (manifest as { version?: unknown }).version;
  if (typeof version !== 'string') throw new Error('apps/api/package.json has no version');
  return version;
}
