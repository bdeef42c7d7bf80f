/**
 * Opens an embedded (PGlite) store safely when several processes want it: the first takes the store's lock,
 * opens PGlite and serves it on a Unix socket; the others either connect to that socket with node-postgres
 * (`whenHeld: 'connect'`, for commands such as `classfit report`) or wait for the lock to be released
 * (`whenHeld: 'wait'`, for `classfit serve`/`demo`, which must own the store). Whatever cannot be done stops
 * with {@link StoreBusyError}: one line naming the holder and what to do.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { describeHolder, tryAcquireStoreLock, type StoreLock, type StoreLockInfo } from './store-lock.ts';
import { startWireServer, type WireServer } from './wire-server.ts';

/** node-postgres addresses a Unix socket as `<host dir>/.s.PGSQL.<port>`. */
const SOCKET_PORT = 5432;
const SOCKET_NAME = `.s.PGSQL.${SOCKET_PORT}`;

/** Raised when the store is held and this process cannot go through the holder. */
export class StoreBusyError extends Error {
  override readonly name = 'StoreBusyError';
  constructor(
    message: string,
    readonly holder: StoreLockInfo,
  ) {
    super(message);
  }
}

/** How a process reaches the store. */
export type StoreAccess = { readonly role: 'owner'; readonly socketDir?: string } | { readonly role: 'client'; readonly holder: StoreLockInfo };

/** Options of {@link openEmbeddedStore}. */
export interface EmbeddedStoreOptions {
  readonly dataDir: string;
  /** The command line to record in the lock (default: this process's arguments). */
  readonly command?: string;
  /** A holder that stays up (serve, demo): recorded so others go through it instead of waiting. */
  readonly longLived?: boolean;
  /** When another process holds the store: `connect` through it (default) or `wait` for it to let go. */
  readonly whenHeld?: 'connect' | 'wait';
  /** How long to wait for a holder that is starting or finishing (default 30 s). */
  readonly waitMs?: number;
  /** Serve the store to other processes while holding it (default true). */
  readonly share?: boolean;
  /** Where "waiting for …" goes (default: nowhere). */
  readonly log?: (line: string) => void;
  /** Run by the owner on the open PGlite before others are let in (migrations). */
  readonly prepare?: (pglite: PGlite) => Promise<void>;
}

/** An opened embedded store, either way. */
export interface EmbeddedStore {
  readonly access: StoreAccess;
  /** Set when this process owns the store. */
  readonly pglite?: PGlite;
  /** Set when this process goes through the holder. */
  readonly pool?: pg.Pool;
  close(): Promise<void>;
}

/** The default description of this process for the lock: `classfit serve --port 4000`, or its argv. */
export function describeThisProcess(): string {
  const [, script, ...args] = process.argv;
  const name = script && /classfit(\.mjs)?$/.test(script) ? 'classfit' : [basename(process.argv0), script && basename(script)].filter(Boolean).join(' ');
  return [name, ...args].join(' ').slice(0, 200);
}

/** The directory of the store's socket: beside the data directory, or in the temp dir when that path is too long. */
export function socketDirFor(dataDir: string): string {
  const beside = `${resolve(dataDir)}.socket`;
  if (Buffer.byteLength(join(beside, SOCKET_NAME)) <= 100) return beside;
  return join(tmpdir(), `classfit-${process.getuid?.() ?? 'u'}-${createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16)}`);
}

function busyMessage(dataDir: string, holder: StoreLockInfo, whenHeld: 'connect' | 'wait'): string {
  const who = describeHolder(holder);
  const store = `the embedded store ${dataDir}`;
  if (whenHeld === 'wait' && holder.longLived)
    return `${store} is already served by ${who}; use that server (classfit report, import, analyze and the other commands go through it) or stop it (kill ${holder.pid}) first`;
  if (whenHeld === 'wait') return `${store} is in use by ${who}; wait for it to finish or stop it (kill ${holder.pid}), then run this again`;
  return `${store} is held by ${who}, which does not answer on its socket; wait for it to finish or stop it (kill ${holder.pid}), then run this again`;
}

async function connectThrough(holder: StoreLockInfo): Promise<pg.Pool | undefined> {
  if (!holder.socketDir || !existsSync(join(holder.socketDir, SOCKET_NAME))) return undefined;
  // A connection's start-up waits its turn like any exchange, i.e. for the holder's longest transaction (an analysis
  // storing its results under load can take a while): allow for that rather than report a busy holder as gone.
  const pool = new pg.Pool({ host: holder.socketDir, port: SOCKET_PORT, user: 'postgres', database: 'postgres', max: 4, connectionTimeoutMillis: 120_000 });
  pool.on('error', () => {}); // an idle connection dropped by a stopping holder; the next query reports it
  try {
    await pool.query('SELECT 1');
    return pool;
  } catch {
    await pool.end().catch(() => {});
    return undefined;
  }
}

/**
 * Settings of the embedded server. shared_buffers: PostgreSQL's default 128 MB is zeroed at start-up inside PGlite's
 * wasm heap, so every process that owns the store (an analysis, `classfit report`, the server) carried ~120 MB of RSS
 * for it; the store's files are read through the OS page cache anyway (PGlite's node filesystem), so 32 MB of
 * buffers cost little — measured: 349 → 257 MB RSS right after opening a store.
 */
const EMBEDDED_SETTINGS = ['shared_buffers=32MB'];

async function openAsOwner(dataDir: string, lock: StoreLock, share: boolean, prepare?: (pglite: PGlite) => Promise<void>): Promise<EmbeddedStore> {
  let pglite: PGlite | undefined;
  let wire: WireServer | undefined;
  const socketDir = socketDirFor(dataDir);
  const releaseOnExit = () => lock.release();
  process.once('exit', releaseOnExit);
  try {
    pglite = new PGlite(dataDir, { postgresqlconf: EMBEDDED_SETTINGS });
    await pglite.waitReady;
    await prepare?.(pglite);
    if (share) {
      mkdirSync(socketDir, { recursive: true, mode: 0o700 });
      const path = join(socketDir, SOCKET_NAME);
      if (existsSync(path)) unlinkSync(path); // left by a holder that was killed; we hold the lock now
      wire = await startWireServer(pglite, { path });
      lock.update({ socketDir });
    }
  } catch (error) {
    await wire?.close().catch(() => {});
    await pglite?.close().catch(() => {});
    lock.release();
    process.off('exit', releaseOnExit);
    throw error;
  }
  const db = pglite;
  let closing: Promise<void> | undefined;
  return {
    access: { role: 'owner', socketDir: share ? socketDir : undefined },
    pglite: db,
    close() {
      closing ??= (async () => {
        try {
          await wire?.close();
          if (share) {
            const path = join(socketDir, SOCKET_NAME);
            if (existsSync(path)) unlinkSync(path);
          }
          await db.close();
        } finally {
          lock.release();
          process.off('exit', releaseOnExit);
        }
      })();
      return closing;
    },
  };
}

/** Opens the store at `options.dataDir`: as its owner when free, else through (or after) its holder. */
export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<EmbeddedStore> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dirname(dataDir), { recursive: true });
  const whenHeld = options.whenHeld ?? 'connect';
  const deadline = Date.now() + (options.waitMs ?? 30_000);
  const lockPath = `${dataDir}.lock`;
  const claim = { command: options.command ?? describeThisProcess(), longLived: options.longLived ?? false };
  let announced = false;
  for (;;) {
    const attempt = tryAcquireStoreLock(lockPath, claim);
    if ('acquired' in attempt) return openAsOwner(dataDir, attempt.acquired, options.share !== false, options.prepare);
    const holder = attempt.heldBy;
    if (whenHeld === 'connect') {
      const pool = await connectThrough(holder);
      if (pool) {
        return { access: { role: 'client', holder }, pool, close: () => pool.end() };
      }
    } else if (holder.longLived) {
      throw new StoreBusyError(busyMessage(dataDir, holder, whenHeld), holder);
    }
    if (Date.now() > deadline) throw new StoreBusyError(busyMessage(dataDir, holder, whenHeld), holder);
    if (!announced) {
      announced = true;
      options.log?.(`waiting for ${describeHolder(holder)} ${whenHeld === 'wait' ? 'to release' : 'to serve'} ${basename(dataDir)}…`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * When `error` (or one of its causes) is the loss of the connection to the process holding an embedded store,
 * one line saying so; undefined for any other error.
 */
export function connectionLossMessage(error: unknown): string | undefined {
  for (let e = error as { message?: string; code?: string; cause?: unknown } | undefined, depth = 0; e && depth < 8; e = e.cause as typeof e, depth++) {
    const text = `${e.code ?? ''} ${e.message ?? ''}`;
    if (/Connection terminated|ECONNRESET|ECONNREFUSED|EPIPE|\.s\.PGSQL\.\d+/.test(text)) {
      return `lost the connection to the process that holds the embedded store (${e.message ?? e.code}); its open transaction was rolled back; run the command again`;
    }
  }
  return undefined;
}
