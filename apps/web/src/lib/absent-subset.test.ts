import { describe, expect, it } from 'vitest';
import { absentKlReason } from './absent-subset';

const rule = 'classes with more than 100 examples with memorization ≥ 0.7; 100 drawn at random per kept class';

describe('absentKlReason', () => {
  it('says no class met the rule, quoting it', () => {
    expect(absentKlReason('most', [{ purpose: 'KL', name: 'most', classCount: 0, rule }])).toBe(`no class met its rule (${rule})`);
  });
  it('says one class is not enough for a divergence', () => {
    expect(absentKlReason('most', [{ purpose: 'KL', name: 'most', classCount: 1, rule }])).toMatch(/^only one class met its rule .*KL needs two$/);
  });
  it('tells a missing subset from a subset the run skipped', () => {
    expect(absentKlReason('most', [{ purpose: 'KL', name: 'random', classCount: 10, rule }])).toContain('no "most" subset');
    expect(absentKlReason('most', [])).toContain('no KL subsets');
    expect(absentKlReason('most', [{ purpose: 'KL', name: 'most', classCount: 5, rule }])).toContain('did not fit it');
  });
  it('ignores generative-classification subsets of the same name', () => {
    expect(absentKlReason('most', [{ purpose: 'GENCLASS', name: 'most', classCount: null, rule }])).toContain('no KL subsets');
  });
});
