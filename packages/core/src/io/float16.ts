/**
 * IEEE 754 binary16 (numpy 'f2', PyTorch `tensor.half()`) to a number. Every binary16 value, subnormals
 * included, is exactly representable in binary32, so widening to float32 loses nothing.
 */

let table: Float32Array | undefined;

/**
 * The value of one binary16 bit pattern.
 * @param bits an integer in [0, 65535]
 * @returns the exact value (±0, subnormal, normal, ±Infinity; NaN for every NaN pattern)
 */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24; // subnormal (and ±0): fraction · 2⁻¹⁰ · 2⁻¹⁴
  if (exponent === 31) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1024 + fraction) * 2 ** (exponent - 25); // (1 + fraction/2¹⁰) · 2^(exponent − 15)
}

/** All 65,536 values, built on first use (256 KiB), so decoding a file is one table lookup per element. */
export function halfTable(): Float32Array {
  if (!table) {
    table = new Float32Array(65536);
    for (let bits = 0; bits < 65536; bits++) table[bits] = halfToNumber(bits);
  }
  return table;
}
