import { describe, expect, it } from 'vitest';
import { subsetRows } from './subset-rows';

describe('subsetRows', () => {
  it('orders layers by index and subsets as least, random, most, then the rest', () => {
    const layers = [
      { id: 'b', name: 'layer2', index: 1, values: [{ subset: 'most', mean: 2, sd: 0.2 }, { subset: 'all', mean: 9, sd: null }] },
      { id: 'a', name: 'layer1', index: 0, values: [{ subset: 'least', mean: 1, sd: 0.1 }, { subset: 'most', mean: 3, sd: 0.3 }] },
    ];
    const { rows, subsets } = subsetRows(layers, 'b', (l) => l.values);
    expect(subsets).toEqual(['least', 'most', 'all']);
    expect(rows.map((r) => r.layer)).toEqual(['layer1', 'layer2']);
    expect(rows[0]).toMatchObject({ least: 1, leastSd: 0.1, most: 3, current: false });
    expect(rows[1]).toMatchObject({ most: 2, all: 9, allSd: null, current: true });
    expect(rows[1].least).toBeUndefined();
  });
});
