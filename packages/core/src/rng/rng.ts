import { InvalidArgumentError } from '../errors/index.ts';
import { nextUint32, rotl, seedXoshiro128, type Xoshiro128State } from './xoshiro128.ts';

/**
 * The one source of randomness in classfit. Every sampler takes an `Rng`
 * parameter; nothing calls `Math.random`. Same seed and stream → same numbers.
 */
export interface Rng {
  /** Uniform on [0, 1), 53 random bits. */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /**
   * Writes `to - from` standard normals into `out[from..to)`: the same numbers, and the same
   * state afterwards, as that many `normal()` calls, faster.
   */
  fillNormal(out: Float64Array, from?: number, to?: number): void;
  /** Gamma(shape, rate) (shape–rate parameterisation; mean shape/rate). */
  gamma(shape: number, rate?: number): number;
  /** Beta(a, b). */
  beta(a: number, b: number): number;
  /** Chi-square with `k` degrees of freedom (k > 0, need not be an integer). */
  chiSquare(k: number): number;
  /** Bernoulli(p): 1 with probability p. */
  bernoulli(p: number): 0 | 1;
  /** Index drawn from unnormalised log-weights `logWeights[0..count)` (log-sum-exp safe). */
  categoricalLog(logWeights: ArrayLike<number>, count?: number): number;
  /** Uniform integer in [0, n). */
  integer(n: number): number;
  /** A uniformly random permutation of 0..n-1. */
  permutation(n: number): Int32Array;
  /** Fisher–Yates shuffle of `values` in place. */
  shuffle(values: Int32Array): Int32Array;
  /** Serialisable state; `restoreRng(state)` continues the same stream exactly. */
  state(): RngState;
}

/** Serialisable generator state (xoshiro words plus the cached spare normal). */
export interface RngState {
  words: [number, number, number, number];
  spareNormal: number | null;
}

/**
 * Creates a seeded generator.
 * @param seed integer seed (0 is a valid seed)
 * @param stream independent stream number, e.g. class index × chains + chain
 */
export function createRng(seed: number, stream = 0): Rng {
  if (!Number.isFinite(seed) || !Number.isFinite(stream)) {
    throw new InvalidArgumentError('seed', `must be a finite integer, got ${seed} (stream ${stream})`);
  }
  return new XoshiroRng({ words: seedXoshiro128(seed, stream), spareNormal: null });
}

/** Continues a generator from `state()` output. */
export function restoreRng(state: RngState): Rng {
  return new XoshiroRng({ words: [...state.words] as Xoshiro128State, spareNormal: state.spareNormal });
}

class XoshiroRng implements Rng {
  private readonly words: Xoshiro128State;
  private spare: number | null;
  /** Scratch for categoricalLog's exponentiated weights (not part of the state). */
  private weights = new Float64Array(64);

  constructor(state: RngState) {
    this.words = state.words;
    this.spare = state.spareNormal;
  }

  uniform(): number {
    const hi = nextUint32(this.words) >>> 5;
    const lo = nextUint32(this.words) >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  normal(): number {
    if (this.spare !== null) {
      const value = this.spare;
      this.spare = null;
      return value;
    }
    // Marsaglia polar method: two normals per accepted pair.
    let u: number, v: number, s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * factor;
    return u * factor;
  }

  fillNormal(out: Float64Array, from = 0, to = out.length): void {
    let i = from;
    if (i >= to) return;
    if (this.spare !== null) {
      out[i++] = this.spare;
      this.spare = null;
    }
    // normal() with uniform() and nextUint32 inlined on local copies of the state words, fully
    // unrolled (a loop over the four steps ran slower than normal()): ~3× the normals per second.
    const words = this.words;
    let s0 = words[0] | 0;
    let s1 = words[1] | 0;
    let s2 = words[2] | 0;
    let s3 = words[3] | 0;
    let r: number, t: number, hi: number, u: number, v: number, s: number;
    while (i < to) {
      do {
        // Each uniform is two xoshiro128** steps: the high 27 bits, then the low 26.
        r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
        t = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
        hi = r >>> 5;
        r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
        t = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
        u = 2 * ((hi * 67108864 + (r >>> 6)) / 9007199254740992) - 1;
        r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
        t = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
        hi = r >>> 5;
        r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
        t = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
        v = 2 * ((hi * 67108864 + (r >>> 6)) / 9007199254740992) - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const factor = Math.sqrt((-2 * Math.log(s)) / s);
      out[i++] = u * factor;
      if (i < to) out[i++] = v * factor;
      else this.spare = v * factor;
    }
    words[0] = s0 >>> 0;
    words[1] = s1 >>> 0;
    words[2] = s2 >>> 0;
    words[3] = s3 >>> 0;
  }

  gamma(shape: number, rate = 1): number {
    if (!(shape > 0) || !(rate > 0)) {
      throw new InvalidArgumentError('gamma', `shape and rate must be > 0, got shape ${shape}, rate ${rate}`);
    }
    if (shape < 1) {
      // Boost: Gamma(a) = Gamma(a + 1) · U^(1/a).
      const u = 1 - this.uniform();
      return (this.gamma(shape + 1, 1) * Math.pow(u, 1 / shape)) / rate;
    }
    // Marsaglia & Tsang (2000).
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number, v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - this.uniform();
      if (u < 1 - 0.0331 * x * x * x * x) return (d * v) / rate;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return (d * v) / rate;
    }
  }

  beta(a: number, b: number): number {
    const x = this.gamma(a, 1);
    const y = this.gamma(b, 1);
    return x / (x + y);
  }

  chiSquare(k: number): number {
    return 2 * this.gamma(k / 2, 1);
  }

  bernoulli(p: number): 0 | 1 {
    return this.uniform() < p ? 1 : 0;
  }

  categoricalLog(logWeights: ArrayLike<number>, count = logWeights.length): number {
    let max = -Infinity;
    for (let i = 0; i < count; i++) if (logWeights[i] > max) max = logWeights[i];
    if (max === -Infinity || Number.isNaN(max)) {
      throw new InvalidArgumentError('logWeights', `no finite weight among ${count} (max ${max})`);
    }
    if (this.weights.length < count) this.weights = new Float64Array(Math.max(count, 2 * this.weights.length));
    const weights = this.weights;
    let total = 0;
    for (let i = 0; i < count; i++) {
      weights[i] = Math.exp(logWeights[i] - max);
      total += weights[i];
    }
    let target = this.uniform() * total;
    for (let i = 0; i < count; i++) {
      target -= weights[i];
      if (target < 0) return i;
    }
    // Rounding can leave target ≥ 0 after the last term: return the last positive weight.
    for (let i = count - 1; i >= 0; i--) if (logWeights[i] > -Infinity) return i;
    return count - 1;
  }

  integer(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  permutation(n: number): Int32Array {
    const values = new Int32Array(n);
    for (let i = 0; i < n; i++) values[i] = i;
    return this.shuffle(values);
  }

  shuffle(values: Int32Array): Int32Array {
    for (let i = values.length - 1; i > 0; i--) {
      const j = this.integer(i + 1);
      const t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
    return values;
  }

  state(): RngState {
    return { words: [...this.words] as [number, number, number, number], spareNormal: this.spare };
  }
}
