import { describe, expect, it } from 'vitest';
import { memorizationDomain } from './memorization-domain';

describe('memorizationDomain', () => {
  it('starts at 0 for non-negative means however far the s.d. reaches below, and ends at the highest mean + s.d.', () => {
    expect(memorizationDomain([{ memorizationMean: 0.05, memorizationSd: 0.25 }, { memorizationMean: 0.4, memorizationSd: 0.2 }])).toEqual([0, 0.6]);
  });
  it('goes below 0 only for negative bin means, and never past [−1, 1]', () => {
    expect(memorizationDomain([{ memorizationMean: -0.03, memorizationSd: 0.01 }, { memorizationMean: 0.9, memorizationSd: 0.4 }])).toEqual([-0.1, 1]);
  });
  it('falls back to [0, 1] without scores', () => {
    expect(memorizationDomain([{ memorizationMean: null, memorizationSd: null }])).toEqual([0, 1]);
  });
});
