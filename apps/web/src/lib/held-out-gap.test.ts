import { describe, expect, it } from 'vitest';
import { heldOutCaption, type HeldOutPoint } from './held-out-gap';

const point = (label: number, inSample: number, heldOut: number, count = 5): HeldOutPoint => ({ label, name: `c${label}`, inSample, heldOut, gap: inSample - heldOut, count });

describe('heldOutCaption', () => {
  it('summarises the gaps from the numbers: mean, range with the classes, how many score their training points higher', () => {
    expect(heldOutCaption([point(0, -10, -12), point(1, -20, -19.5), point(2, -5, -35, 3)])).toBe(
      'Mean gap 10.5 nats over 3 classes (13 held-out examples), from -0.500 (c1) to 30.0 (c2); training points score higher than held-out examples in 2 of 3.',
    );
  });

  it('has no range for one class and no caption without held-out examples', () => {
    expect(heldOutCaption([point(4, -1, -3, 1)])).toBe('Mean gap 2.00 nats over 1 class (1 held-out example); training points score higher than held-out examples in 1 of 1.');
    expect(heldOutCaption([])).toBeNull();
  });
});
