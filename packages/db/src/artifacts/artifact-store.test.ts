import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ArtifactNotFoundError, createArtifactStore } from './artifact-store.ts';

describe('artifact store', () => {
  let root: string;
  afterEach(async () => rm(root, { recursive: true, force: true }));

  it('stores bytes under their sha256 and returns them unchanged', async () => {
    root = await mkdtemp(join(tmpdir(), 'classfit-artifacts-'));
    const store = createArtifactStore(root);
    const bytes = new TextEncoder().encode('abc');
    const key = await store.put(bytes, 'json');
    // sha256("abc"), a published test vector.
    expect(key).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad.json');
    expect(store.path(key)).toBe(join(root, 'ba', key));
    expect(await store.get(key)).toEqual(bytes);
    expect(await store.has(key)).toBe(true);
    expect(await store.put(bytes, 'json')).toBe(key);
    expect(await store.list()).toEqual([key]);
    // No temp files remain beside the artifact.
    expect(await readdir(join(root, 'ba'))).toEqual([key]);
  });

  it('reports missing and malformed keys', async () => {
    root = await mkdtemp(join(tmpdir(), 'classfit-artifacts-'));
    const store = createArtifactStore(root);
    const missing = `${'0'.repeat(64)}.npy`;
    expect(await store.has(missing)).toBe(false);
    await expect(store.get(missing)).rejects.toBeInstanceOf(ArtifactNotFoundError);
    expect(() => store.path('../../etc/passwd')).toThrow(/malformed/);
    await expect(store.put(new Uint8Array(1), '../x')).rejects.toThrow(/extension/);
    expect(await store.list()).toEqual([]);
  });
});
