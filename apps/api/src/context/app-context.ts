/**
 * The shared application context: one database, one artifact store and the
 * chosen compute backend, opened once per process (CLI command, server, worker)
 * and passed to every service.
 */
import { join } from 'node:path';
import { createArtifactStore, createDb, describeHolder, type ArtifactStore, type Db, type DbEngine } from '@classfit/db';
import { describeDatabase, getEnv, type Env } from '../env.ts';

/** Where log lines go (stderr by default, so stdout stays for results). */
export type Logger = (line: string) => void;

/** Everything a service needs. */
export interface AppContext {
  readonly db: Db;
  readonly engine: DbEngine;
  /** For the embedded store: whether this process holds it (`owner`) or goes through the process that does. */
  readonly storeAccess?: 'owner' | 'client';
  readonly artifacts: ArtifactStore;
  /** `$CLASSFIT_HOME`, absolute. */
  readonly home: string;
  /** `CLASSFIT_BACKEND` preference, passed to core's `initBackend`. */
  readonly backendPreference: Env['CLASSFIT_BACKEND'];
  readonly log: Logger;
  close(): Promise<void>;
}

/** Overrides of {@link createAppContext}; anything absent comes from the environment. */
export interface AppContextOptions {
  readonly home?: string;
  /** Artifact store folder (default `CLASSFIT_ARTIFACTS`, else `<home>/artifacts`). */
  readonly artifactsDir?: string;
  /** PostgreSQL URL; `null` forces embedded PGlite even when DATABASE_URL is set. */
  readonly databaseUrl?: string | null;
  /** PGlite data directory; `':memory:'` for an in-memory database (tests). */
  readonly pgliteDir?: string;
  readonly backend?: Env['CLASSFIT_BACKEND'];
  readonly log?: Logger;
  /**
   * For `serve` and `demo`, which must own the embedded store: wait for a short command holding it to finish
   * (and refuse if another server holds it). Everything else goes through the process that holds it.
   */
  readonly ownStore?: boolean;
}

/** Opens the database (migrating it) and the artifact store (`CLASSFIT_ARTIFACTS`, default under `$CLASSFIT_HOME`). */
export async function createAppContext(options: AppContextOptions = {}): Promise<AppContext> {
  const env = options.home !== undefined && options.databaseUrl !== undefined && options.backend !== undefined ? undefined : getEnv();
  const home = options.home ?? env!.CLASSFIT_HOME;
  const url = options.databaseUrl === undefined ? env!.DATABASE_URL : (options.databaseUrl ?? undefined);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const pgliteDir = options.pgliteDir === ':memory:' ? undefined : (options.pgliteDir ?? join(home, 'db'));
  if (options.pgliteDir !== ':memory:') log(describeDatabase({ DATABASE_URL: url, CLASSFIT_HOME: home }));
  const { db, engine, access, close } = await createDb({
    url,
    dataDir: url ? undefined : pgliteDir,
    embedded: options.ownStore ? { longLived: true, whenHeld: 'wait', log } : { whenHeld: 'connect', log },
  });
  if (access?.role === 'client') log(`database: going through ${describeHolder(access.holder)}, which holds it`);
  return {
    db,
    engine,
    storeAccess: access?.role,
    artifacts: createArtifactStore(options.artifactsDir ?? (options.home === undefined ? env!.CLASSFIT_ARTIFACTS : join(home, 'artifacts'))),
    home,
    backendPreference: options.backend ?? env!.CLASSFIT_BACKEND,
    log,
    close,
  };
}
