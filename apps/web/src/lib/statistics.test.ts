import { describe, expect, it } from 'vitest';
import { GROUP_CODE, groupMatrix, parseStatistic } from './statistics';

describe('parseStatistic', () => {
  it('accepts known names and falls back otherwise', () => {
    expect(parseStatistic('relative-entropy')).toBe('relative-entropy');
    expect(parseStatistic('bogus')).toBe('mean-log-density');
    expect(parseStatistic(undefined, 'group')).toBe('group');
  });
});

describe('groupMatrix', () => {
  it('codes each class by its layer split, null where unknown', () => {
    const m = groupMatrix([0, 1, 2], [{ lowLabels: [0], highLabels: [2] }, null]);
    expect(m).toEqual([
      [GROUP_CODE.LOW, null, GROUP_CODE.HIGH],
      [null, null, null],
    ]);
  });
});
