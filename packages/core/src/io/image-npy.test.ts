import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rejection } from '../testing/rejection.ts';
import { formatNpyHeader } from './npy-header.ts';
import { readImageNpy, readNpy, writeImageNpy } from './index.ts';

// Written by numpy: packages/core/fixtures/numerics/make_npy_fixtures.py.
const fixture = (file: string) => new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', file)));

describe('readImageNpy', () => {
  it('reads numpy grayscale [n, h, w] as one channel', () => {
    const images = readImageNpy(fixture('images_gray.npy'), 'images_gray.npy');
    expect([images.count, images.height, images.width, images.channels]).toEqual([2, 3, 4, 1]);
    expect(Array.from(images.data)).toEqual(Array.from({ length: 24 }, (_, i) => i));
  });

  it('reads numpy RGB [n, h, w, 3] in C order', () => {
    const images = readImageNpy(fixture('images_rgb.npy'), 'images_rgb.npy');
    expect([images.count, images.height, images.width, images.channels]).toEqual([2, 2, 3, 3]);
    expect(Array.from(images.data)).toEqual(Array.from({ length: 36 }, (_, i) => (i * 7) % 256));
  });

  it('round-trips what writeImageNpy writes, byte for byte like numpy', () => {
    const gray = readImageNpy(fixture('images_gray.npy'), 'g');
    expect(writeImageNpy(gray)).toEqual(fixture('images_gray.npy'));
    const rgb = readImageNpy(fixture('images_rgb.npy'), 'c');
    expect(readImageNpy(writeImageNpy(rgb), 'c')).toEqual(rgb);
  });

  it('rejects other dtypes, naming the file', () => {
    const error = rejection(() => readImageNpy(fixture('float32.npy'), 'acts.npy'));
    expect(error.parameter).toBe('acts.npy');
    expect(error.message).toMatch(/'<f4'.*uint8/);
  });

  it.each([[[5]], [[2, 3]], [[2, 3, 4, 2]], [[2, 0, 4]], [[2, 3, 4, 3, 1]]])('rejects shape %j', (shape) => {
    const header = formatNpyHeader('|u1', shape);
    const size = shape.reduce((a, b) => a * b, 1);
    const bytes = new Uint8Array(header.length + size);
    bytes.set(header);
    expect(rejection(() => readImageNpy(bytes, 'images.npy')).message).toMatch(/\[n, h, w\]/);
  });

  it('rejects truncated data', () => {
    const bytes = fixture('images_gray.npy');
    expect(rejection(() => readImageNpy(bytes.subarray(0, bytes.length - 1), 'images.npy')).message).toMatch(/truncated/);
  });

  it('leaves the activation reader strict: readNpy still rejects uint8', () => {
    expect(rejection(() => readNpy(fixture('images_gray.npy'), 'images.npy')).message).toMatch(/expected little-endian float32/);
  });

  it('writeImageNpy checks the data length', () => {
    expect(rejection(() => writeImageNpy({ count: 2, height: 2, width: 2, channels: 1, data: new Uint8Array(7) })).parameter).toBe('images');
  });
});
