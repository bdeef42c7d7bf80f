/**
 * `classfit score` as a service: log p(x | class) of points under a
 * predictive file, written as float64 [n, classes] .npy (DESIGN.md §7).
 */
import { describeSpace, pointWidth, readPredictiveFile, scoreSamplesExact, type PointSpace } from '@classfit/core/density';
import { readNpyFile, validateActivations, writeNpyFile } from '@classfit/core/io';
import { InvalidArgumentError } from '@classfit/core';

export interface ScoreFilesSummary {
  n: number;
  classes: number[];
  dim: number;
  /** The space the points were read in. */
  space: PointSpace;
  /** Whether the stored projection was applied (raw points of a reduced fit). */
  projected: boolean;
}

/**
 * Scores with the exact float64 kernel (contract: ≤ 1e-4 relative to scipy), then writes atomically.
 * @param space `raw` (the contract's default: the stored projection is applied first) or `reduced`
 */
export async function scoreFiles(fitPath: string, pointsPath: string, outPath: string, space: PointSpace = 'raw'): Promise<ScoreFilesSummary> {
  const model = await readPredictiveFile(fitPath);
  const points = validateActivations(await readNpyFile(pointsPath), 'points');
  const expected = pointWidth(model, space);
  if (points.d !== expected) {
    const hint = space === 'raw' && model.projection ? ` (pass --space reduced for points already projected to ${model.dim})` : '';
    throw new InvalidArgumentError('points', `must have ${expected} columns in the ${describeSpace(model, space)} of ${fitPath}; got ${points.d}${hint}`);
  }
  const logp = scoreSamplesExact(model, points.data, points.n, space);
  await writeNpyFile(outPath, { dtype: 'float64', shape: [points.n, model.classes.length], data: logp });
  return { n: points.n, classes: model.classes.map((c) => c.label), dim: model.dim, space, projected: space === 'raw' && Boolean(model.projection) };
}
