/**
 * CRC-32 (IEEE 802.3, the zip checksum): zlib's native crc32 where Node has it (20.15+, 22.2+), else
 * slicing by 8 in TypeScript: eight 256-entry tables let the loop consume 8 bytes per step, ~1 GB/s in
 * V8 against ~0.3 GB/s byte by byte. Both compute the same function.
 */
import * as zlib from 'node:zlib';

type Crc32 = (bytes: Uint8Array, crc?: number) => number;
const nativeCrc32 = (zlib as unknown as { crc32?: Crc32 }).crc32;

const TABLES = buildTables();

function buildTables(): Int32Array[] {
  const tables = Array.from({ length: 8 }, () => new Int32Array(256));
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    tables[0][n] = c;
  }
  for (let n = 0; n < 256; n++) {
    for (let t = 1; t < 8; t++) tables[t][n] = (tables[t - 1][n] >>> 8) ^ tables[0][tables[t - 1][n] & 0xff];
  }
  return tables;
}

/**
 * Continues a CRC-32 over `bytes`.
 * @param bytes the next bytes
 * @param crc the CRC of everything before (0 to start)
 * @returns the CRC of everything so far, an unsigned 32-bit integer
 */
export function crc32(bytes: Uint8Array, crc = 0): number {
  return nativeCrc32 ? nativeCrc32(bytes, crc) : crc32Slicing(bytes, crc);
}

/** The TypeScript CRC-32 (the fallback, and the twin the tests hold the native one to). */
export function crc32Slicing(bytes: Uint8Array, crc = 0): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = TABLES;
  let c = ~crc;
  let i = 0;
  const end8 = bytes.length - (bytes.length % 8);
  for (; i < end8; i += 8) {
    const a = c ^ (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
    c = t7[a & 0xff] ^ t6[(a >>> 8) & 0xff] ^ t5[(a >>> 16) & 0xff] ^ t4[a >>> 24] ^
      t3[bytes[i + 4]] ^ t2[bytes[i + 5]] ^ t1[bytes[i + 6]] ^ t0[bytes[i + 7]];
  }
  for (; i < bytes.length; i++) c = t0[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
