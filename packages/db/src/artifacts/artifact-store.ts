/**
 * Content-addressed artifact store: large arrays and files live under
 * `<root>/<sha256[0..2]>/<sha256>.<ext>`, keyed `<sha256>.<ext>`. Files are
 * written to a temporary name on the same file system, then renamed, so a reader
 * never sees half a file and a writer killed mid-way (SIGKILL) leaves only a
 * `.incoming-*` / `*.tmp-*` file that no key names. The root is a local folder
 * (`$CLASSFIT_HOME/artifacts`) or a directory shared by several machines
 * (`CLASSFIT_ARTIFACTS`, e.g. NFS): content addressing makes concurrent writers of the
 * same bytes harmless (the same key, one rename wins). An S3-compatible store is the
 * next implementation of {@link ArtifactStore} (README "Artifacts").
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** An artifact key: `<64 hex>.<ext>`. */
export type ArtifactKey = string;

/** Bytes in, keys out; the same bytes always get the same key. */
export interface ArtifactStore {
  readonly root: string;
  /** Stores `bytes` with extension `ext` (e.g. `npy`, `json`); returns its key. Idempotent. */
  put(bytes: Uint8Array, ext: string): Promise<ArtifactKey>;
  /**
   * Stores the concatenation of `pieces`, written to a temporary file while it is hashed, so an artifact larger
   * than memory (or than one buffer) is never held whole; returns its key. Idempotent, like `put`.
   */
  putPieces(pieces: Iterable<Uint8Array> | AsyncIterable<Uint8Array>, ext: string): Promise<ArtifactKey>;
  /** `putPieces`, also saying whether this call created the artifact (false: the same bytes were stored already). */
  putStream(pieces: Iterable<Uint8Array> | AsyncIterable<Uint8Array>, ext: string): Promise<{ key: ArtifactKey; created: boolean }>;
  /** Reads an artifact; throws {@link ArtifactNotFoundError} when absent. */
  get(key: ArtifactKey): Promise<Uint8Array>;
  /** Streams an artifact in pieces (never held whole); throws {@link ArtifactNotFoundError} when absent. */
  getStream(key: ArtifactKey): Promise<AsyncIterable<Uint8Array>>;
  has(key: ArtifactKey): Promise<boolean>;
  /** Size and write time of an artifact, or undefined when absent. */
  stat(key: ArtifactKey): Promise<{ readonly size: number; readonly modifiedAt: Date } | undefined>;
  /**
   * Absolute path of an artifact's file (whether or not it exists), for readers that open files themselves
   * (`.npz`/`.npy` readers). Directory stores only; an S3 store would hand out a local cache file instead.
   */
  path(key: ArtifactKey): string;
  /** Every stored key (for garbage collection and tests). */
  list(): Promise<ArtifactKey[]>;
  /** Removes an artifact if present. */
  remove(key: ArtifactKey): Promise<void>;
}

/** Raised by {@link ArtifactStore.get} for a key that is not stored. */
export class ArtifactNotFoundError extends Error {
  override readonly name = 'ArtifactNotFoundError';
  constructor(readonly key: string) {
    super(`artifact ${key} is not in the store`);
  }
}

const KEY_PATTERN = /^([0-9a-f]{64})\.([a-z0-9][a-z0-9.]{0,15})$/;

function parseKey(key: string): { hash: string; ext: string } {
  const match = KEY_PATTERN.exec(key);
  if (!match) throw new Error(`malformed artifact key "${key}"`);
  return { hash: match[1], ext: match[2] };
}

/** Opens (lazily creating) an artifact store rooted at `root`. */
export function createArtifactStore(root: string): ArtifactStore {
  const pathOf = (key: string): string => {
    const { hash } = parseKey(key);
    return join(root, hash.slice(0, 2), key);
  };
  const putStream: ArtifactStore['putStream'] = async (pieces, ext) => {
    checkExtension(ext);
    await mkdir(root, { recursive: true });
    const temp = join(root, `.incoming-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
    const hash = createHash('sha256');
    const file = await open(temp, 'wx');
    try {
      for await (const piece of pieces) {
        hash.update(piece);
        for (let done = 0; done < piece.length; ) done += (await file.write(piece, done, piece.length - done)).bytesWritten;
      }
      await file.close();
      const digest = hash.digest('hex');
      const key = `${digest}.${ext}`;
      const target = pathOf(key);
      if (await exists(target)) {
        await rm(temp, { force: true });
        return { key, created: false };
      }
      await mkdir(join(root, digest.slice(0, 2)), { recursive: true });
      await rename(temp, target);
      return { key, created: true };
    } catch (error) {
      await file.close().catch(() => undefined);
      await rm(temp, { force: true });
      throw error;
    }
  };
  return {
    root,
    path: pathOf,
    async put(bytes, ext) {
      checkExtension(ext);
      const hash = createHash('sha256').update(bytes).digest('hex');
      const key = `${hash}.${ext}`;
      const target = pathOf(key);
      if (await exists(target)) return key;
      await mkdir(join(root, hash.slice(0, 2)), { recursive: true });
      const temp = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
      await writeFile(temp, bytes);
      await rename(temp, target);
      return key;
    },
    putStream,
    async putPieces(pieces, ext) {
      return (await putStream(pieces, ext)).key;
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ArtifactNotFoundError(key);
        throw error;
      }
    },
    async getStream(key) {
      const file = pathOf(key);
      if (!(await exists(file))) throw new ArtifactNotFoundError(key);
      return createReadStream(file);
    },
    has: (key) => exists(pathOf(key)),
    async stat(key) {
      try {
        const s = await stat(pathOf(key));
        return { size: s.size, modifiedAt: s.mtime };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async list() {
      const keys: string[] = [];
      for (const dir of await readdirOrEmpty(root)) {
        for (const name of await readdirOrEmpty(join(root, dir))) if (KEY_PATTERN.test(name)) keys.push(name);
      }
      return keys.sort();
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

function checkExtension(ext: string): void {
  if (!/^[a-z0-9][a-z0-9.]{0,15}$/.test(ext)) throw new Error(`bad artifact extension "${ext}"`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function readdirOrEmpty(path: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch {
    return [];
  }
}
