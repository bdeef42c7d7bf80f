/**
 * Colour scales for the SVG heatmap: value → CSS colour, plus legend ticks. The ramps are d3-scale-chromatic's:
 * sequential scales use viridis (perceptually uniform, readable in both themes and by most colour-blind
 * readers); diverging scales (deltas, e.g. against a baseline) use ColorBrewer's RdBu centred on 0.
 */
import { rgb } from 'd3-color';
import { interpolateRdBu, interpolateViridis } from 'd3-scale-chromatic';

export type ScaleKind = 'sequential' | 'diverging';

export interface ColorScale {
  readonly kind: ScaleKind;
  /** [min, max] of the values coloured; diverging scales are symmetric around 0. */
  readonly domain: readonly [number, number];
  /** CSS colour of a value; non-finite values get the `missing` colour. */
  color(value: number | null | undefined): string;
}

export const MISSING_COLOR = 'var(--heatmap-missing)';

/** A colour ramp over t ∈ [0, 1] (clamped; non-finite t reads as 0) as an `rgb(r, g, b)` string. */
export type Ramp = (t: number) => string;

/** Wraps a d3 interpolator: clamps t and writes the colour in one format, `rgb(r, g, b)`. */
export function ramp(interpolate: (t: number) => string): Ramp {
  return (t) => rgb(interpolate(Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)))).formatRgb();
}

const SEQUENTIAL = ramp(interpolateViridis);
/** RdBu reversed, so positive deltas are red and negative ones blue. */
const DIVERGING = ramp((t) => interpolateRdBu(1 - t));

/** Finite extent of a list of values, or [0, 1] when there is none. */
export function extent(values: Iterable<number | null | undefined>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/** A scale over the values' extent (sequential) or over ±max|value| (diverging). */
export function makeColorScale(values: Iterable<number | null | undefined>, kind: ScaleKind = 'sequential'): ColorScale {
  const [lo, hi] = extent(values);
  const bound = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
  const domain: [number, number] = kind === 'diverging' ? [-bound, bound] : [lo, hi];
  const span = domain[1] - domain[0];
  const colorAt = kind === 'diverging' ? DIVERGING : SEQUENTIAL;
  return Object.freeze({
    kind,
    domain,
    color(value: number | null | undefined) {
      if (value === null || value === undefined || !Number.isFinite(value)) return MISSING_COLOR;
      return colorAt(span === 0 ? 0.5 : (value - domain[0]) / span);
    },
  });
}

/**
 * One scale per row of a `[rows][columns]` matrix, each over that row's own values: colours then compare
 * cells within a row only (e.g. layers whose log-densities differ in magnitude with their dimension).
 * @returns `rows.length` scales; a row with no finite value gets the [0, 1] scale (all its cells missing).
 */
export function makeRowColorScales(rows: readonly (readonly (number | null | undefined)[])[], kind: ScaleKind = 'sequential'): ColorScale[] {
  return rows.map((row) => makeColorScale(row, kind));
}

/** Relative luminance (WCAG) of an `rgb(r, g, b)` string; used to pick readable text over a cell. */
export function luminance(rgb: string): number {
  const match = /rgb\((\d+), (\d+), (\d+)\)/.exec(rgb);
  if (!match) return 0.5;
  const [r, g, b] = match.slice(1).map((c) => {
    const s = Number(c) / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** About `count` round tick values covering [lo, hi] (1, 2, 5 × 10^k steps, as d3's `ticks`). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (lo === hi) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power;
  const step = power * (error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1);
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step); k * step <= hi + step * 1e-9; k++) {
    ticks.push(Number((k * step).toPrecision(12)) || 0);
  }
  return ticks;
}
