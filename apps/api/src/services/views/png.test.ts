import { describe, expect, it } from 'vitest';
import { decodePng } from '../../testing/png-decode.ts';
import { encodePng, pngDataUrl } from './png.ts';

describe('encodePng', () => {
  it('writes 8-bit grayscale that decodes (CRCs checked) to the same pixels', () => {
    const data = Uint8Array.from({ length: 5 * 3 }, (_, i) => (i * 17) % 256);
    const png = decodePng(encodePng({ width: 5, height: 3, channels: 1, data }));
    expect(png).toMatchObject({ width: 5, height: 3, channels: 1, depth: 8 });
    expect(png.data).toEqual(data);
  });

  it('writes RGB rows in order', () => {
    const data = Uint8Array.from({ length: 2 * 4 * 3 }, (_, i) => 255 - i);
    const png = decodePng(encodePng({ width: 2, height: 4, channels: 3, data }));
    expect([png.width, png.height, png.channels]).toEqual([2, 4, 3]);
    expect(png.data).toEqual(data);
  });

  it('encodes a 1×1 image and a data URL of it', () => {
    const url = pngDataUrl({ width: 1, height: 1, channels: 1, data: Uint8Array.of(200) });
    expect(url).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(decodePng(url).data).toEqual(Uint8Array.of(200));
  });

  it('rejects empty images and data of the wrong length', () => {
    expect(() => encodePng({ width: 0, height: 1, channels: 1, data: new Uint8Array(0) })).toThrow(RangeError);
    expect(() => encodePng({ width: 2, height: 2, channels: 3, data: new Uint8Array(11) })).toThrow(/needs 12 bytes/);
  });
});
