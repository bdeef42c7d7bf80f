import type { ImageArray } from '@classfit/core/io';
import { describe, expect, it } from 'vitest';
import { decodePng } from '../../testing/png-decode.ts';
import { BadUserInputError } from '../errors.ts';
import { thumbnailDataUrl, thumbnailPixels } from './thumbnail.ts';

// Three 2×3 grayscale images; pixel (i, y, x) = 100·i + 10·y + x.
const gray: ImageArray = { count: 3, height: 2, width: 3, channels: 1, data: Uint8Array.from({ length: 18 }, (_, j) => 100 * Math.floor(j / 6) + 10 * Math.floor((j % 6) / 3) + (j % 3)) };

describe('thumbnailPixels', () => {
  it('cuts out one image at its stored size', () => {
    expect(thumbnailPixels(gray, 1)).toEqual({ width: 3, height: 2, channels: 1, data: Uint8Array.of(100, 101, 102, 110, 111, 112) });
    expect(thumbnailPixels(gray, 2, 3)?.data).toEqual(Uint8Array.of(200, 201, 202, 210, 211, 212));
  });

  it('upscales by nearest neighbour, longer side to `size`, keeping the aspect ratio', () => {
    const big = thumbnailPixels(gray, 0, 6)!;
    expect([big.width, big.height]).toEqual([6, 4]);
    expect(Array.from(big.data)).toEqual([0, 0, 1, 1, 2, 2, 0, 0, 1, 1, 2, 2, 10, 10, 11, 11, 12, 12, 10, 10, 11, 11, 12, 12]);
  });

  it('keeps RGB channels together', () => {
    const rgb: ImageArray = { count: 1, height: 1, width: 2, channels: 3, data: Uint8Array.of(1, 2, 3, 4, 5, 6) };
    expect(Array.from(thumbnailPixels(rgb, 0, 4)!.data)).toEqual([1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6, 1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6]);
  });

  it('has no image outside [0, count)', () => {
    expect(thumbnailPixels(gray, 3)).toBeNull();
    expect(thumbnailPixels(gray, -1)).toBeNull();
    expect(thumbnailDataUrl(gray, 3, 56)).toBeNull();
  });

  it('rejects sizes outside 1..256', () => {
    for (const size of [0, 257, 2.5]) expect(() => thumbnailPixels(gray, 0, size)).toThrow(BadUserInputError);
  });

  it('encodes a decodable PNG of the scaled image', () => {
    const png = decodePng(thumbnailDataUrl(gray, 2, 9)!);
    expect([png.width, png.height, png.channels]).toEqual([9, 6, 1]);
    expect(png.data[0]).toBe(200);
    expect(png.data.at(-1)).toBe(212);
  });
});
