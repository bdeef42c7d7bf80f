import { describe, expect, it } from 'vitest';
import { createRng } from '../rng/index.ts';
import { assembleBatch } from './augment.ts';

const shape = [3, 4, 1] as const;
const image = Float32Array.from({ length: 12 }, (_, i) => i + 1); // rows [1..4], [5..8], [9..12]

describe('assembleBatch', () => {
  it('copies examples unchanged without augmentation', () => {
    const out = new Float32Array(24);
    const images = new Float32Array(24);
    images.set(image, 12);
    assembleBatch(images, shape, [1, 1], null, -1, createRng(0), out);
    expect(Array.from(out)).toEqual([...image, ...image]);
  });

  it('produces only shifted / flipped copies of the image padded with the black level', () => {
    const out = new Float32Array(12);
    const seen = new Set<string>();
    const rng = createRng(3);
    for (let trial = 0; trial < 200; trial++) {
      assembleBatch(image, shape, [0], { pad: 1, flip: true, noiseStd: 0 }, -9, rng, out);
      seen.add(Array.from(out).join(','));
      for (let y = 0; y < 3; y++) {
        const row = Array.from(out.subarray(y * 4, y * 4 + 4)).filter((v) => v !== -9);
        // Inside pixels of a row are consecutive values from a single source row, ascending or (flipped) descending.
        for (let x = 1; x < row.length; x++) expect(Math.abs(row[x] - row[x - 1])).toBe(1);
      }
    }
    // 3 × 3 shifts × 2 flips = 18 distinct outcomes, all reached in 200 draws (each has p = 1/18).
    expect(seen.size).toBe(18);
  });

  it('adds Gaussian noise of the requested s.d.', () => {
    const big = new Float32Array(20_000);
    const out = new Float32Array(20_000);
    assembleBatch(big, [100, 200, 1], [0], { pad: 0, flip: false, noiseStd: 0.5 }, 0, createRng(1), out);
    const mean = out.reduce((a, b) => a + b, 0) / out.length;
    const sd = Math.sqrt(out.reduce((a, b) => a + (b - mean) ** 2, 0) / (out.length - 1));
    // 20,000 draws: s.e. of the s.d. ≈ 0.5/√(2·20,000) ≈ 0.0025; 0.015 is 6 s.e.
    expect(Math.abs(sd - 0.5)).toBeLessThan(0.015);
    expect(Math.abs(mean)).toBeLessThan(0.02);
  });
});
