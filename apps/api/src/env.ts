/**
 * The API's one validated environment module (STYLE 3): nobody else reads
 * `process.env`. `DATABASE_URL` unset selects embedded PGlite under
 * `$CLASSFIT_HOME/db`, and {@link describeDatabase} says so in one visible line.
 *
 * `CLASSFIT_HOME` defaults to `.classfit/` in the monorepo root: the nearest
 * ancestor of the working directory whose package.json declares `workspaces`
 * (so `npx classfit …` from any package folder shares one store), or the
 * working directory itself outside a checkout.
 */
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { BACKEND_NAMES } from '@classfit/core/tensor';

const envSchema = z.object({
  CLASSFIT_HOME: z.string().min(1).optional(),
  /** Artifact store folder; a directory shared by every machine (e.g. NFS) for workers elsewhere. Default `$CLASSFIT_HOME/artifacts`. */
  CLASSFIT_ARTIFACTS: z.string().min(1).optional().or(z.literal('').transform(() => undefined)),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  CLASSFIT_BACKEND: z.enum(['auto', ...BACKEND_NAMES]).default('auto'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Browser origins allowed to call the API (comma-separated; the dashboard's `next dev`/`next start` by default). */
  CLASSFIT_CORS_ORIGINS: z
    .string()
    .default('http://localhost:3000,http://127.0.0.1:3000')
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean)),
  /** Seconds without a heartbeat after which a `running` job is presumed dead and re-queued. */
  CLASSFIT_JOB_STALE_SECONDS: z.coerce.number().int().min(5).default(120),
  /** Folders `importModel(input: { path })` may read, separated by the platform's path delimiter (`:`); absolute. */
  CLASSFIT_IMPORT_ROOTS: z
    .string()
    .default('')
    .transform((v) => v.split(delimiter).map((p) => p.trim()).filter(Boolean))
    .refine((roots) => roots.every((p) => isAbsolute(p)), 'every import root must be an absolute path'),
  /** API token for `classfit import --server` (instead of --token, which other users of the machine can see). */
  CLASSFIT_TOKEN: z.string().min(1).optional().or(z.literal('').transform(() => undefined)),
  /** Largest file an upload may hold (bytes; default 4 GiB). */
  CLASSFIT_UPLOAD_MAX_FILE_BYTES: z.coerce.number().int().min(1).default(4 * 2 ** 30),
  /** Largest upload, all its files together (bytes; default 16 GiB). */
  CLASSFIT_UPLOAD_MAX_BYTES: z.coerce.number().int().min(1).default(16 * 2 ** 30),
  /** Print stack traces of unexpected errors. */
  CLASSFIT_DEBUG: z
    .string()
    .optional()
    .transform((v) => v !== undefined && v !== '' && v !== '0' && v !== 'false'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** `1`: stop (as on SIGTERM) when the parent process dies; the demo sets it for the servers it starts. */
  CLASSFIT_STOP_WITH_PARENT: z
    .string()
    .optional()
    .transform((v) => v === '1' || v === 'true'),
  /** Set by npm for `npx …` and `npm run …`: npm runs the command through `sh -c` and does not pass signals on to it. */
  npm_command: z.string().optional(),
});

/** The validated environment, with `CLASSFIT_HOME` and `CLASSFIT_ARTIFACTS` resolved to absolute paths. */
export type Env = Omit<z.output<typeof envSchema>, 'CLASSFIT_HOME' | 'CLASSFIT_ARTIFACTS'> & { readonly CLASSFIT_HOME: string; readonly CLASSFIT_ARTIFACTS: string };

/** Raised when the environment is invalid: names every bad variable. */
export class EnvError extends Error {
  override readonly name = 'EnvError';
}

/** Parses `source` (default `process.env`); throws {@link EnvError} listing every bad variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env, cwd = process.cwd()): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new EnvError(`invalid environment: ${problems}`);
  }
  const home = result.data.CLASSFIT_HOME ? resolve(cwd, result.data.CLASSFIT_HOME) : join(findWorkspaceRoot(cwd), '.classfit');
  const artifacts = result.data.CLASSFIT_ARTIFACTS ? resolve(cwd, result.data.CLASSFIT_ARTIFACTS) : join(home, 'artifacts');
  return Object.freeze({ ...result.data, CLASSFIT_HOME: home, CLASSFIT_ARTIFACTS: artifacts });
}

/** The nearest ancestor of `start` whose package.json has `workspaces`, else `start`. */
export function findWorkspaceRoot(start: string): string {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { workspaces?: unknown }).workspaces) return dir;
      } catch {
        // an unreadable package.json is not a workspace root
      }
    }
    if (dirname(dir) === dir) return resolve(start);
  }
}

/** One line naming the database in use; the embedded default is stated explicitly. */
export function describeDatabase(env: Pick<Env, 'DATABASE_URL' | 'CLASSFIT_HOME'>): string {
  if (env.DATABASE_URL) {
    const url = new URL(env.DATABASE_URL);
    return `database: PostgreSQL at ${url.host}${url.pathname} (DATABASE_URL)`;
  }
  return `database: embedded PGlite in ${join(env.CLASSFIT_HOME, 'db')} (DATABASE_URL not set)`;
}

let cached: Env | undefined;

/** The process environment, validated once on first use. */
export function getEnv(): Env {
  cached ??= loadEnv();
  return cached;
}
