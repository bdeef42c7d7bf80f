/**
 * xoshiro128** — a small, fast 32-bit generator (Blackman & Vigna 2018).
 * State is four uint32 words, seeded through splitmix32 so any integer seed
 * (0 included) and any stream number give well-mixed, independent states.
 */
export type Xoshiro128State = [number, number, number, number];

function splitmix32(x: number): [number, number] {
  x = (x + 0x9e3779b9) | 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [x, (z ^ (z >>> 16)) >>> 0];
}

/** Seeds a state from `seed` and `stream` (both integers; 0 is valid). */
export function seedXoshiro128(seed: number, stream: number): Xoshiro128State {
  let x = (Math.floor(seed) ^ Math.imul(Math.floor(stream) + 1, 0x27d4eb2f)) | 0;
  x ^= Math.floor(seed / 2 ** 32) | 0;
  const state: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [next, out] = splitmix32(x);
    x = next;
    state.push(out);
  }
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
  return state as Xoshiro128State;
}

/** Advances `s` in place and returns the next uint32. */
export function nextUint32(s: Xoshiro128State): number {
  const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
  const t = s[1] << 9;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 11);
  s[0] >>>= 0;
  s[1] >>>= 0;
  s[2] >>>= 0;
  s[3] >>>= 0;
  return result;
}

export function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
