import { spawn } from 'node:child_process';
import { once } from 'node:events';
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

  it('stores streamed pieces under the same key as the joined bytes, leaving no temporary file', async () => {
    root = await mkdtemp(join(tmpdir(), 'classfit-artifacts-'));
    const store = createArtifactStore(root);
    const pieces = ['a', 'b', 'c'].map((t) => new TextEncoder().encode(t));
    async function* slowly() {
      for (const p of pieces) yield p;
    }
    const key = await store.putPieces(slowly(), 'json');
    expect(key).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad.json'); // sha256("abc")
    expect(await store.putPieces(pieces, 'json')).toBe(key); // again: idempotent
    expect(new TextDecoder().decode(await store.get(key))).toBe('abc');
    expect((await readdir(root)).sort()).toEqual(['ba']);
    const failing = (function* () {
      yield pieces[0];
      throw new Error('the producer failed');
    })();
    await expect(store.putPieces(failing, 'npz')).rejects.toThrow('the producer failed');
    expect((await readdir(root)).sort()).toEqual(['ba']); // nothing half-written is left
    // putStream also says whether the call created the artifact.
    expect(await store.putStream(pieces, 'json')).toEqual({ key, created: false });
    const other = await store.putStream([new TextEncoder().encode('abcd')], 'json');
    expect(other).toEqual({ key: expect.stringMatching(/^[0-9a-f]{64}\.json$/), created: true });
    expect(await store.has(other.key)).toBe(true);
  });

  it('streams and stats artifacts; a second store on the same (shared) folder sees the first one\'s artifacts', async () => {
    root = await mkdtemp(join(tmpdir(), 'classfit-artifacts-'));
    const writer = createArtifactStore(root);
    const reader = createArtifactStore(root); // another process or machine mounting the same directory
    const bytes = new Uint8Array(200_000).map((_, i) => i % 251);
    const key = await writer.put(bytes, 'npy');
    expect(await reader.stat(key)).toEqual({ size: 200_000, modifiedAt: expect.any(Date) });
    const pieces: Uint8Array[] = [];
    for await (const piece of await reader.getStream(key)) pieces.push(piece);
    expect(Buffer.concat(pieces)).toEqual(Buffer.from(bytes));
    expect(await reader.list()).toEqual([key]);
    await reader.remove(key);
    expect(await writer.stat(key)).toBeUndefined();
    await expect(writer.getStream(key)).rejects.toBeInstanceOf(ArtifactNotFoundError);
  });

  it('a writer killed (SIGKILL) mid-write leaves no artifact under any key, and the same bytes store whole afterwards', async () => {
    root = await mkdtemp(join(tmpdir(), 'classfit-artifacts-'));
    // A child process streams 1 KiB pieces forever into the store; it is killed once its temporary file has grown.
    const script = `
      import { createArtifactStore } from ${JSON.stringify(new URL('./artifact-store.ts', import.meta.url).pathname)};
      const piece = new Uint8Array(1024).fill(7);
      async function* forever() { for (;;) { yield piece; await new Promise((r) => setTimeout(r, 1)); } }
      process.stdout.write('writing\\n');
      await createArtifactStore(${JSON.stringify(root)}).putPieces(forever(), 'npy');`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const started = await Promise.race([once(child.stdout!, 'data').then(() => true), once(child, 'exit').then(() => false)]);
    expect(started, 'the writer process started').toBe(true);
    for (let i = 0; i < 100 && (await readdir(root)).every((n) => !n.startsWith('.incoming-')); i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    expect((await readdir(root)).some((n) => n.startsWith('.incoming-')), 'killed while writing').toBe(true);
    child.kill('SIGKILL');
    await once(child, 'exit');
    const store = createArtifactStore(root);
    expect(await store.list()).toEqual([]); // the half-written temporary file is no artifact
    expect((await readdir(root)).filter((n) => !n.startsWith('.incoming-'))).toEqual([]);
    const key = await store.putPieces([new Uint8Array(1024).fill(7)], 'npy');
    expect((await store.get(key)).length).toBe(1024);
  });
});
