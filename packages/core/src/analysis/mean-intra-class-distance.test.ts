import { describe, expect, it } from 'vitest';
import { meanIntraClassDistance } from './mean-intra-class-distance.ts';

describe('meanIntraClassDistance', () => {
  it('averages the non-zero pairwise distances (3-4-5 triangle, duplicate excluded)', () => {
    const points = Float64Array.of(0, 0, 3, 0, 0, 4, 3, 0);
    // pairs: 3, 4, 0 (duplicate), 5, 3, 5... (0,0)-(3,0)=3, (0,0)-(0,4)=4, (0,0)-(3,0)=3, (3,0)-(0,4)=5, (3,0)-(3,0)=0, (0,4)-(3,0)=5
    expect(meanIntraClassDistance(points, 4, 2)).toBeCloseTo((3 + 4 + 3 + 5 + 5) / 5, 14);
    expect(meanIntraClassDistance(Float64Array.of(1, 1), 2, 1)).toBeNaN();
    expect(() => meanIntraClassDistance(points, 3, 2)).toThrow(/points/);
  });
});
