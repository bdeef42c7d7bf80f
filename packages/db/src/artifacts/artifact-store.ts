/**
 * Content-addressed artifact store: large arrays and files live under
 * `<root>/<sha256[0..2]>/<sha256>.<ext>`, keyed `<sha256>.<ext>`. Files are
 * written to a temporary name in the same folder, then renamed, so a reader
 * never sees half a file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** An artifact key: `<64 hex>.<ext>`. */
export type ArtifactKey = string;

/** Bytes in, keys out; the same bytes always get the same key. */
export interface ArtifactStore {
  readonly root: string;
  /** Stores `bytes` with extension `ext` (e.g. `npy`, `json`); returns its key. Idempotent. */
  put(bytes: Uint8Array, ext: string): Promise<ArtifactKey>;
  /** Reads an artifact; throws {@link ArtifactNotFoundError} when absent. */
  get(key: ArtifactKey): Promise<Uint8Array>;
  has(key: ArtifactKey): Promise<boolean>;
  /** Absolute path of an artifact (whether or not it exists). */
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
  return {
    root,
    path: pathOf,
    async put(bytes, ext) {
      if (!/^[a-z0-9][a-z0-9.]{0,15}$/.test(ext)) throw new Error(`bad artifact extension "${ext}"`);
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
    async get(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ArtifactNotFoundError(key);
        throw error;
      }
    },
    has: (key) => exists(pathOf(key)),
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
