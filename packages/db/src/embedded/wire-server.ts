/**
 * Serves one open PGlite to other local processes over the PostgreSQL wire protocol (a Unix socket), so
 * `classfit report|import|analyze|export` can use the store while `classfit serve` holds it.
 *
 * PGlite is one backend. Each connection therefore gets the database to itself for a whole *exchange*: from
 * its first message until PGlite answers ReadyForQuery with status idle ('I'), i.e. a simple query, an
 * extended-protocol batch up to its Sync, or a BEGIN … COMMIT. During an exchange the connection holds
 * PGlite's transaction mutex, the same one the owner's own `query`/`transaction` calls take, so neither the
 * owner nor another connection can run a statement inside a foreign transaction. (The multiplexer of
 * `@electric-sql/pglite-socket` 0.2 takes only the per-query mutex, which in-process transactions do not
 * hold between their statements; see /work/notes/embedded.md.)
 *
 * A connection that disappears mid-exchange has its transaction rolled back before the lock is released;
 * one that stays silent inside an exchange for `exchangeIdleMs` is rolled back and disconnected.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;

/** `Sync`: ends an extended-protocol batch (and any error state) with a ReadyForQuery. */
const SYNC = Uint8Array.of(0x53, 0, 0, 0, 4);

/** A simple-protocol `Query` message. */
function queryMessage(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`, 'utf8');
  const message = Buffer.alloc(5 + text.length);
  message[0] = 0x51; // 'Q'
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return message;
}

/** Options of {@link startWireServer}. */
export interface WireServerOptions {
  /** Unix socket path (node-postgres connects to `<dir>/.s.PGSQL.<port>` with `host: <dir>`). */
  readonly path: string;
  /** Roll back and disconnect a connection silent this long inside an exchange (default 120 s). */
  readonly exchangeIdleMs?: number;
  /** Called with connection-level problems (never with query errors, which go to the client). */
  readonly onError?: (error: Error) => void;
}

/** A running server. */
export interface WireServer {
  readonly path: string;
  /** Open client connections. */
  connections(): number;
  /** Stops accepting, disconnects every client (rolling back what they left open) and closes the socket. */
  close(): Promise<void>;
}

/** Resolves when `fn` may run with PGlite to itself; `release()` lets others in again. */
interface HeldLock {
  release(): void;
}

function holdTransactionLock(db: PGlite): Promise<HeldLock> {
  return new Promise((resolveHeld) => {
    void db._runExclusiveTransaction(
      () =>
        new Promise<void>((release) => {
          resolveHeld({ release: () => release() });
        }),
    );
  });
}

/** The status byte of the last ReadyForQuery in `data`, if it contains one. */
function lastReadyStatus(chunks: readonly Uint8Array[]): number | undefined {
  let status: number | undefined;
  for (const data of chunks) {
    const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    let offset = 0;
    while (offset + 5 <= view.length) {
      const type = view[offset];
      const length = view.readInt32BE(offset + 1);
      if (type === 0x5a && length === 5 && offset + 6 <= view.length) status = view[offset + 5];
      offset += 1 + length;
    }
  }
  return status;
}

class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private started = false;
  private lock: HeldLock | undefined;
  private acquiring: Promise<HeldLock> | undefined;
  private queue: Promise<void> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly db: PGlite,
    private readonly socket: Socket,
    private readonly exchangeIdleMs: number,
    private readonly onGone: (connection: Connection) => void,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (data) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, data]) : data;
      this.queue = this.queue.then(() => this.drain()).catch((error: unknown) => this.fail(error as Error));
    });
    socket.on('error', () => void this.close());
    socket.on('close', () => void this.close());
  }

  /** Splits the buffer into complete messages and runs them in order. */
  private async drain(): Promise<void> {
    for (;;) {
      if (this.closed) return;
      if (!this.started) {
        if (this.buffer.length < 8) return;
        const length = this.buffer.readInt32BE(0);
        if (this.buffer.length < length) return;
        const code = this.buffer.readInt32BE(4);
        const message = this.buffer.subarray(0, length);
        this.buffer = this.buffer.subarray(length);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          this.socket.write('N'); // no encryption on a local socket; the client then sends its startup message
          continue;
        }
        if (code === CANCEL_REQUEST || code !== PROTOCOL_3) {
          this.socket.end();
          return;
        }
        this.started = true;
        await this.execute(message);
        continue;
      }
      if (this.buffer.length < 5) return;
      const length = 1 + this.buffer.readInt32BE(1);
      if (this.buffer.length < length) return;
      const message = this.buffer.subarray(0, length);
      this.buffer = this.buffer.subarray(length);
      if (message[0] === 0x58) {
        // Terminate: the backend is shared, so only this connection ends (after this drain returns).
        void this.close();
        return;
      }
      await this.execute(message);
    }
  }

  /** Runs one message with the database held for this connection's exchange. */
  private async execute(message: Uint8Array): Promise<void> {
    await this.acquire();
    this.stopIdleTimer();
    const replies: Uint8Array[] = [];
    await this.db.runExclusive(() =>
      this.db.execProtocolRawStream(new Uint8Array(message), {
        onRawData: (data) => {
          const copy = new Uint8Array(data); // the callback's view is into wasm memory, reused afterwards
          replies.push(copy);
          if (!this.socket.destroyed) this.socket.write(copy);
        },
      }),
    );
    const status = lastReadyStatus(replies);
    if (status === 0x49 /* 'I' */ && !this.db.isInTransaction()) this.releaseLock();
    else this.startIdleTimer();
  }

  private async acquire(): Promise<void> {
    if (this.lock) return;
    this.acquiring ??= holdTransactionLock(this.db);
    const lock = await this.acquiring;
    this.acquiring = undefined;
    if (this.closed) {
      lock.release();
      throw new Error('connection closed while waiting for the database');
    }
    this.lock = lock;
  }

  private releaseLock(): void {
    this.stopIdleTimer();
    const lock = this.lock;
    this.lock = undefined;
    lock?.release();
  }

  private startIdleTimer(): void {
    this.stopIdleTimer();
    this.idleTimer = setTimeout(() => void this.close(), this.exchangeIdleMs);
    this.idleTimer.unref();
  }

  private stopIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private fail(error: Error): void {
    if (!this.closed) this.socket.destroy(error);
    void this.close();
  }

  /** Ends the connection; rolls back whatever exchange it left open, then lets others in. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopIdleTimer();
    if (!this.socket.destroyed) this.socket.destroy();
    // Wait for the message in flight (if any) before touching the database again.
    await this.queue.catch(() => undefined);
    if (this.acquiring) this.lock = await this.acquiring;
    if (this.lock) {
      try {
        await this.db.runExclusive(async () => {
          await this.db.execProtocolRaw(SYNC, { throwOnError: false });
          if (this.db.isInTransaction()) await this.db.execProtocolRaw(queryMessage('ROLLBACK'), { throwOnError: false });
        });
      } catch {
        // the database is closing; nothing left to roll back into
      } finally {
        this.releaseLock();
      }
    }
    this.onGone(this);
  }
}

/** Starts serving `db` on a Unix socket at `options.path` (which must not exist). */
export async function startWireServer(db: PGlite, options: WireServerOptions): Promise<WireServer> {
  const connections = new Set<Connection>();
  const exchangeIdleMs = options.exchangeIdleMs ?? 120_000;
  const server: Server = createServer((socket) => {
    const connection = new Connection(db, socket, exchangeIdleMs, (gone) => connections.delete(gone));
    connections.add(connection);
  });
  server.on('error', (error) => options.onError?.(error));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    path: options.path,
    connections: () => connections.size,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...connections].map((c) => c.close()));
      await closed;
    },
  };
}
