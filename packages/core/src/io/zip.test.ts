import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc32 } from './crc32.ts';
import { readNpy, readNpz, writeFileAtomic } from './index.ts';
import { bytesZipEntry, npyZipEntry } from './npz-stream.ts';
import { isZipFile, openZip } from './zip-read.ts';
import { storedZipPieces } from './zip-write.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

describe('stored zip writer and positional reader', () => {
  let dir: string;
  beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'classfit-zip-'))));
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  const matrix = Float64Array.from({ length: 12 }, (_, i) => i / 7 - 1);
  const entries = () => [
    bytesZipEntry('header.json', new TextEncoder().encode('{"format":"x","é":1}')),
    // One [4, 3] array written from four row views, never joined.
    npyZipEntry('rows', 'float64', [4, 3], () => [0, 1, 2, 3].map((r) => matrix.subarray(3 * r, 3 * r + 3))),
    npyZipEntry('labels', 'int64', [3], () => [BigInt64Array.of(-1n, 2n ** 60n, 3n)]),
  ];

  it('writes an archive fflate reads, with the same bytes our reader returns', async () => {
    const path = join(dir, 'a.npz');
    await writeFileAtomic(path, storedZipPieces(entries(), 64)); // tiny pieces: many joins and pass-throughs
    expect(await isZipFile(path)).toBe(true);
    const theirs = unzipSync(new Uint8Array(await readFile(path)));
    const zip = await openZip(path);
    try {
      expect([...zip.entries.keys()]).toEqual(['header.json', 'rows.npy', 'labels.npy']);
      for (const name of zip.entries.keys()) expect(await zip.read(name)).toEqual(theirs[name]);
      const rows = readNpy(await zip.read('rows.npy'), 'rows.npy', { copy: false });
      expect(rows.shape).toEqual([4, 3]);
      expect(Array.from(rows.data as Float64Array)).toEqual(Array.from(matrix));
      expect(rows.data.byteOffset % 8).toBe(0); // its own buffer: aligned views, no copy
      expect(Array.from(readNpy(await zip.read('labels.npy'), 'labels.npy').data as BigInt64Array)).toEqual([-1n, 2n ** 60n, 3n]);
    } finally {
      await zip.close();
    }
  });

  it('is byte-identical for identical input (content-addressed store)', async () => {
    const join1 = Buffer.concat([...storedZipPieces(entries())]);
    const join2 = Buffer.concat([...storedZipPieces(entries(), 7)]);
    expect(Buffer.compare(join1, join2)).toBe(0);
  });

  it("reads numpy's own archives (zip64 local headers; stored and deflated)", async () => {
    for (const file of ['stored.npz', 'compressed.npz']) {
      const path = join(FIXTURES, file);
      const whole = readNpz(new Uint8Array(readFileSync(path)), file);
      const zip = await openZip(path);
      try {
        for (const [key, array] of Object.entries(whole)) {
          expect(readNpy(await zip.read(`${key}.npy`), key).data).toEqual(array.data);
        }
      } finally {
        await zip.close();
      }
    }
  });

  it('rejects a size that does not match, a damaged entry, a truncated archive and a missing entry', async () => {
    expect(() => [...storedZipPieces([{ name: 'x', size: 3, pieces: () => [new Uint8Array(2)] }])]).toThrow(/declares 3 bytes but has 2/);
    expect(() => [...storedZipPieces([bytesZipEntry('x', new Uint8Array(1)), bytesZipEntry('x', new Uint8Array(1))])]).toThrow(/twice/);
    const bytes = Buffer.concat([...storedZipPieces(entries())]);
    const damaged = Buffer.from(bytes);
    const at = damaged.indexOf('rows.npy') + 'rows.npy'.length + 100; // inside the rows entry's data
    damaged[at] ^= 0xff;
    await writeFile(join(dir, 'damaged.npz'), damaged);
    const zip = await openZip(join(dir, 'damaged.npz'));
    await expect(zip.read('rows.npy')).rejects.toThrow(/CRC-32/);
    await expect(zip.read('nope.npy')).rejects.toThrow(/no entry 'nope.npy'/);
    await zip.close();
    await writeFile(join(dir, 'truncated.npz'), bytes.subarray(0, bytes.length - 30));
    await expect(openZip(join(dir, 'truncated.npz'))).rejects.toMatchObject({ name: 'InvalidArgumentError', parameter: join(dir, 'truncated.npz') });
    await expect(openZip(join(dir, 'missing.npz'))).rejects.toThrow(/no such file/);
    expect(await isZipFile(join(dir, 'missing.npz'))).toBe(false);
    expect(crc32(bytes)).toBeGreaterThan(0);
  });
});
