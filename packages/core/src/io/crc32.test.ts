import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32, crc32Slicing } from './crc32.ts';

describe('crc32', () => {
  it('matches the published check value and the empty input', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926); // the CRC-32/ISO-HDLC check value
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('continues across pieces and agrees with the CRC fflate stores in a zip, for every length mod 8', () => {
    const bytes = Uint8Array.from({ length: 1037 }, (_, i) => (i * 131 + 7) & 0xff);
    for (let n = 1030; n <= 1037; n++) {
      const piece = bytes.subarray(0, n);
      const zip = zipSync({ a: [piece, { level: 0 }] });
      const stored = new DataView(zip.buffer, zip.byteOffset).getUint32(14, true); // local header CRC field
      expect(crc32(piece)).toBe(stored);
      expect(crc32(piece.subarray(5), crc32(piece.subarray(0, 5)))).toBe(stored);
      expect(crc32Slicing(piece)).toBe(stored);
      expect(crc32Slicing(piece.subarray(5), crc32Slicing(piece.subarray(0, 5)))).toBe(stored);
    }
  });
});
