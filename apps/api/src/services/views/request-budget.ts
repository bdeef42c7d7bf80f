/**
 * What one request may cost, beyond graphql-armor's static limits (which cannot see list sizes or how many
 * points a variable holds, and let fifteen aliases each ask for the maximum): per request at most
 * {@link REQUEST_BUDGET.points} points scored or sampled across all fitted-density fields, and at most
 * {@link REQUEST_BUDGET.nodes} objects listed across all connections and object lists, and at most
 * {@link REQUEST_BUDGET.pixels} thumbnail pixels, and at most {@link REQUEST_BUDGET.similarity} multiply-adds of
 * similarity statistics computed on demand (cross-model CKA: n·D²/2 for n examples of representations D wide in all;
 * a comparison answered from the cache costs nothing). A listing reserves its
 * page size (`first`/`last`, else the largest page) before it runs and gives back what it did not fill, so
 * sibling listings started together cannot overshoot; past either limit the field that asks is refused with
 * BAD_USER_INPUT naming the limit, and nothing below it runs.
 */
import { BadUserInputError } from '../errors.ts';

export const REQUEST_BUDGET = {
  /** Points per request over every logDensity/classify/sampleClass field (one maximal call, or several smaller). */
  points: 10_000,
  /** Listed objects per request (the dashboard's largest page lists a few hundred). */
  nodes: 20_000,
  /** Thumbnail pixels per request (the Class page's 24 thumbnails of 56² are 75,264; this is 256 of 256²). */
  pixels: 2 ** 24,
  /**
   * Multiply-adds of similarity statistics per request (n·D²/2 per uncached comparison; about 2 s of one core). Two
   * demo models (2,000 examples, D = 240) take 5.8·10⁷; two paper-scale ResNet-18s (50,000 × 1,920) would take 9·10¹⁰.
   */
  similarity: 4e9,
} as const;

export interface RequestBudget {
  /** Charges `count` points to `field`; throws when the request's total would pass the limit. */
  chargePoints(count: number, field: string): void;
  /** Reserves `count` objects for a listing about to run; throws when the request would pass its limit. */
  reserveNodes(count: number, field: string): void;
  /** After the listing: `reserved` objects were set aside, `listed` came back (charged, and may exceed it). */
  settleNodes(reserved: number, listed: number): void;
  /** Charges a thumbnail of `count` pixels (an upper bound, before it is drawn); throws past the limit. */
  chargePixels(count: number, field: string): void;
  /** Charges `count` multiply-adds of similarity statistics about to be computed; throws past the limit. */
  chargeSimilarity(count: number, field: string): void;
  used(): { points: number; nodes: number; pixels: number; similarity: number };
}

/** Limits of one request; absent ones take {@link REQUEST_BUDGET}'s. */
export type RequestLimits = { readonly [K in keyof typeof REQUEST_BUDGET]?: number };

export function createRequestBudget(given: RequestLimits = {}): RequestBudget {
  const limits = { ...REQUEST_BUDGET, ...given };
  let points = 0;
  let nodes = 0;
  let pixels = 0;
  let similarity = 0;
  const overNodes = (field: string) =>
    new BadUserInputError(field, `this request lists more than ${limits.nodes} objects in all; ask for smaller pages (first/after) or fewer nested listings`);
  return {
    chargePoints(count, field) {
      if (points + count > limits.points) {
        throw new BadUserInputError(field, `this request scores ${points + count} points in all; at most ${limits.points} per request (split it into several requests)`);
      }
      points += count;
    },
    reserveNodes(count, field) {
      if (nodes + count > limits.nodes || nodes >= limits.nodes) throw overNodes(field);
      nodes += count;
    },
    settleNodes(reserved, listed) {
      nodes += listed - reserved;
    },
    chargePixels(count, field) {
      if (pixels + count > limits.pixels) {
        throw new BadUserInputError(field, `this request draws more than ${limits.pixels} thumbnail pixels in all; ask for fewer or smaller thumbnails`);
      }
      pixels += count;
    },
    chargeSimilarity(count, field) {
      if (similarity + count > limits.similarity) {
        throw new BadUserInputError(
          field,
          `computing this similarity takes ${(similarity + count).toExponential(2)} multiply-adds (n examples × D² / 2, D the widths of the layers compared) in this request; at most ${limits.similarity.toExponential(1)} per request (compare fewer layers, e.g. Layer.similarity for one pair)`,
        );
      }
      similarity += count;
    },
    used: () => ({ points, nodes, pixels, similarity }),
  };
}
