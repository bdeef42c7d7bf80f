/*
 * classfit's WebAssembly SIMD kernels (built by build-kernels.sh into kernels.wasm).
 *
 * Every kernel performs, per lane and per matrix element, exactly the IEEE-754 double
 * operations of its TypeScript twin, in the same order (no FMA: wasm has none and the
 * build passes -ffp-contract=off; no reassociation: no -ffast-math), so results are
 * bit-identical to the JS path. Speed comes from doing two lanes per f64x2 instruction
 * and from interleaving independent rows, never from reordering a sum.
 *
 * Lane layout (as BlockScorer's): points in groups of four, element k of lane b at
 * (b >> 2)·4d + 4k + (b & 3).
 */
#include <wasm_simd128.h>

typedef v128_t vd;

static inline vd ld(const double *p) { return wasm_v128_load(p); }
static inline void st(double *p, vd v) { wasm_v128_store(p, v); }
static inline vd splat(double x) { return wasm_f64x2_splat(x); }
static inline vd sub(vd a, vd b) { return wasm_f64x2_sub(a, b); }
static inline vd mul(vd a, vd b) { return wasm_f64x2_mul(a, b); }
static inline vd add(vd a, vd b) { return wasm_f64x2_add(a, b); }

/* s ← s − l·y for the two halves (lanes 0–1 and 2–3) of one row. */
#define STEP(a, b, l, ya, yb) \
  do {                        \
    vd l_ = splat(l);         \
    a = sub(a, mul(l_, ya));  \
    b = sub(b, mul(l_, yb));  \
  } while (0)

/* Finishes row r: s ← s · (1/L_rr), stores y_r, q ← q + s². */
#define FINISH(a, b, r, row)                  \
  do {                                        \
    vd inv_ = splat(1.0 / (row)[r]);          \
    a = mul(a, inv_);                         \
    b = mul(b, inv_);                         \
    st(y + 4 * (r), a);                       \
    st(y + 4 * (r) + 2, b);                   \
    qa = add(qa, mul(a, a));                  \
    qb = add(qb, mul(b, b));                  \
  } while (0)

/*
 * One group of four lanes: y = L⁻¹(x − m), sq = ‖y‖² per lane (forward substitution,
 * the sum over k < i taken in increasing k, as in BlockScorer.solve).
 * Rows are taken four at a time: rows i..i+3 share every load of y_k for k < i, and
 * their eight accumulators are independent, which hides the subtraction latency.
 */
static void solve_group(const double *restrict L, const double *restrict m, const double *restrict x,
                        double *restrict y, double *restrict sq, int d) {
  vd qa = splat(0), qb = splat(0);
  int i = 0;
  for (; i + 3 < d; i += 4) {
    const double *r0 = L + i * d, *r1 = r0 + d, *r2 = r1 + d, *r3 = r2 + d;
    vd a0 = sub(ld(x + 4 * i), splat(m[i])), b0 = sub(ld(x + 4 * i + 2), splat(m[i]));
    vd a1 = sub(ld(x + 4 * i + 4), splat(m[i + 1])), b1 = sub(ld(x + 4 * i + 6), splat(m[i + 1]));
    vd a2 = sub(ld(x + 4 * i + 8), splat(m[i + 2])), b2 = sub(ld(x + 4 * i + 10), splat(m[i + 2]));
    vd a3 = sub(ld(x + 4 * i + 12), splat(m[i + 3])), b3 = sub(ld(x + 4 * i + 14), splat(m[i + 3]));
    for (int k = 0; k < i; k++) {
      vd ya = ld(y + 4 * k), yb = ld(y + 4 * k + 2);
      STEP(a0, b0, r0[k], ya, yb);
      STEP(a1, b1, r1[k], ya, yb);
      STEP(a2, b2, r2[k], ya, yb);
      STEP(a3, b3, r3[k], ya, yb);
    }
    FINISH(a0, b0, i, r0);
    STEP(a1, b1, r1[i], a0, b0);
    STEP(a2, b2, r2[i], a0, b0);
    STEP(a3, b3, r3[i], a0, b0);
    FINISH(a1, b1, i + 1, r1);
    STEP(a2, b2, r2[i + 1], a1, b1);
    STEP(a3, b3, r3[i + 1], a1, b1);
    FINISH(a2, b2, i + 2, r2);
    STEP(a3, b3, r3[i + 2], a2, b2);
    FINISH(a3, b3, i + 3, r3);
  }
  for (; i < d; i++) {
    const double *r = L + i * d;
    vd a = sub(ld(x + 4 * i), splat(m[i])), b = sub(ld(x + 4 * i + 2), splat(m[i]));
    for (int k = 0; k < i; k++) STEP(a, b, r[k], ld(y + 4 * k), ld(y + 4 * k + 2));
    FINISH(a, b, i, r);
  }
  st(sq, qa);
  st(sq + 2, qb);
}

/*
 * Whitened residuals of `groups` groups of four lanes against one cluster:
 * y_b = L⁻¹(x_b − m), sq_b = ‖y_b‖². L row-major [d, d] (lower triangle read), m [d],
 * x and y in the lane layout [groups][d][4], sq [groups·4]. Byte offsets into memory.
 */
__attribute__((export_name("solve_lanes"))) void solve_lanes(const double *L, const double *m, const double *x,
                                                             double *y, double *sq, int d, int groups) {
  for (int g = 0; g < groups; g++) solve_group(L, m, x + g * 4 * d, y + g * 4 * d, sq + 4 * g, d);
}

/*
 * One row of the lanes' Gram matrix: out[b] = Σ_k y_a[k]·y_b[k] (k increasing, from 0)
 * for every lane b of `groups` groups, where a is a lane index. Same layout as above.
 */
__attribute__((export_name("gram_row"))) void gram_row(const double *y, int a, int d, int groups, double *out) {
  const double *ya = y + (a >> 2) * 4 * d + (a & 3);
  for (int g = 0; g < groups; g++) {
    const double *yg = y + g * 4 * d;
    vd sa = splat(0), sb = splat(0);
    for (int k = 0; k < d; k++) {
      vd w = splat(ya[4 * k]);
      sa = add(sa, mul(w, ld(yg + 4 * k)));
      sb = add(sb, mul(w, ld(yg + 4 * k + 2)));
    }
    st(out + 4 * g, sa);
    st(out + 4 * g + 2, sb);
  }
}

/* s ← s + l·z for the two halves of one row (the sampler's product, a sum, not a solve). */
#define ACC(a, b, l, za, zb)  \
  do {                        \
    vd l_ = splat(l);         \
    a = add(a, mul(l_, za));  \
    b = add(b, mul(l_, zb));  \
  } while (0)

/* Finishes row r: out_r ← m_r + scale · s. */
#define EMIT(a, b, r)                                  \
  do {                                                 \
    vd m_ = splat(m[r]);                               \
    st(out + 4 * (r), add(m_, mul(sa, a)));            \
    st(out + 4 * (r) + 2, add(m_, mul(sb, b)));        \
  } while (0)

/*
 * One group of four lanes: out = m + scale · (L z), the sum over k ≤ i taken in increasing k
 * from 0 (as sampleComponents' TypeScript twin). Rows four at a time share the loads of z_k.
 */
static void tril_group(const double *restrict L, const double *restrict m, const double *restrict z,
                       const double *restrict scale, double *restrict out, int d) {
  vd sa = ld(scale), sb = ld(scale + 2);
  int i = 0;
  for (; i + 3 < d; i += 4) {
    const double *r0 = L + i * d, *r1 = r0 + d, *r2 = r1 + d, *r3 = r2 + d;
    vd a0 = splat(0), b0 = splat(0), a1 = splat(0), b1 = splat(0);
    vd a2 = splat(0), b2 = splat(0), a3 = splat(0), b3 = splat(0);
    for (int k = 0; k < i; k++) {
      vd za = ld(z + 4 * k), zb = ld(z + 4 * k + 2);
      ACC(a0, b0, r0[k], za, zb);
      ACC(a1, b1, r1[k], za, zb);
      ACC(a2, b2, r2[k], za, zb);
      ACC(a3, b3, r3[k], za, zb);
    }
    vd za = ld(z + 4 * i), zb = ld(z + 4 * i + 2);
    ACC(a0, b0, r0[i], za, zb);
    ACC(a1, b1, r1[i], za, zb);
    ACC(a2, b2, r2[i], za, zb);
    ACC(a3, b3, r3[i], za, zb);
    za = ld(z + 4 * i + 4), zb = ld(z + 4 * i + 6);
    ACC(a1, b1, r1[i + 1], za, zb);
    ACC(a2, b2, r2[i + 1], za, zb);
    ACC(a3, b3, r3[i + 1], za, zb);
    za = ld(z + 4 * i + 8), zb = ld(z + 4 * i + 10);
    ACC(a2, b2, r2[i + 2], za, zb);
    ACC(a3, b3, r3[i + 2], za, zb);
    za = ld(z + 4 * i + 12), zb = ld(z + 4 * i + 14);
    ACC(a3, b3, r3[i + 3], za, zb);
    EMIT(a0, b0, i);
    EMIT(a1, b1, i + 1);
    EMIT(a2, b2, i + 2);
    EMIT(a3, b3, i + 3);
  }
  for (; i < d; i++) {
    const double *r = L + i * d;
    vd a = splat(0), b = splat(0);
    for (int k = 0; k <= i; k++) ACC(a, b, r[k], ld(z + 4 * k), ld(z + 4 * k + 2));
    EMIT(a, b, i);
  }
}

/*
 * Student-t draws from standard normals: out_b = m + scale_b · L z_b for `groups` groups of
 * four lanes. L row-major [d, d] (lower triangle read), m [d], z and out in the lane layout
 * [groups][d][4], scale [groups·4]. Byte offsets into memory.
 */
__attribute__((export_name("tril_lanes"))) void tril_lanes(const double *L, const double *m, const double *z,
                                                           const double *scale, double *out, int d, int groups) {
  for (int g = 0; g < groups; g++) tril_group(L, m, z + g * 4 * d, scale + 4 * g, out + g * 4 * d, d);
}
