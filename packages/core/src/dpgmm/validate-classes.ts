import { InvalidArgumentError } from '../errors/index.ts';
import type { ClassData } from './types.ts';

/**
 * Checks the classes passed to `fitClassDensities` (STYLE 5) and returns d.
 * Every class needs ≥ 2 points, `points.length === n·d` with one d shared by all
 * classes, and finite values.
 * @throws InvalidArgumentError naming `classes` or `classes[i].points` / `.n`
 */
export function validateClasses(classes: readonly ClassData[]): number {
  if (!Array.isArray(classes) || classes.length === 0) {
    throw new InvalidArgumentError('classes', 'must be a non-empty array of ClassData');
  }
  let dim = -1;
  classes.forEach((c, i) => {
    const where = `classes[${i}]`;
    if (c === null || typeof c !== 'object') throw new InvalidArgumentError(where, 'must be a ClassData object');
    if (!Number.isInteger(c.n) || c.n < 2) {
      throw new InvalidArgumentError(`${where}.n`, `needs at least 2 points to fit a density, got n = ${c.n}`);
    }
    if (!(c.points instanceof Float64Array)) throw new InvalidArgumentError(`${where}.points`, 'must be a Float64Array [n, d]');
    const d = c.points.length / c.n;
    if (!Number.isInteger(d) || d < 1) {
      throw new InvalidArgumentError(`${where}.points`, `length ${c.points.length} is not n·d for n = ${c.n}`);
    }
    if (dim === -1) dim = d;
    else if (d !== dim) throw new InvalidArgumentError(`${where}.points`, `has d = ${d}, but classes[0] has d = ${dim}`);
    for (let k = 0; k < c.points.length; k++) {
      if (!Number.isFinite(c.points[k])) {
        throw new InvalidArgumentError(
          `${where}.points`,
          `must be [n, d] finite numbers; row ${Math.floor(k / d)} has ${c.points[k]} at column ${k % d}`,
        );
      }
    }
  });
  return dim;
}
