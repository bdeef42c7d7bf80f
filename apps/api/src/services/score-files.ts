/**
 * `classfit score` as a service: log p(x | class) of points under a
 * predictive file, written as float64 [n, classes] .npy (DESIGN.md §7).
 */
import { readPredictiveFile, scoreSamplesExact } from '@classfit/core/density';
import { readNpyFile, validateActivations, writeNpyFile } from '@classfit/core/io';
import { InvalidArgumentError } from '@classfit/core';

export interface ScoreFilesSummary {
  n: number;
  classes: number[];
  dim: number;
  projected: boolean;
}

/** Scores with the exact float64 kernel (contract: ≤ 1e-4 relative to scipy), then writes atomically. */
export async function scoreFiles(fitPath: string, pointsPath: string, outPath: string): Promise<ScoreFilesSummary> {
  const model = await readPredictiveFile(fitPath);
  const points = validateActivations(await readNpyFile(pointsPath), 'points');
  const expected = model.projection ? model.projection.inputDim : model.dim;
  if (points.d !== expected) {
    throw new InvalidArgumentError('points', `must have ${expected} columns to match ${fitPath}${model.projection ? ' (raw dimension before its projection)' : ''}; got ${points.d}`);
  }
  const logp = scoreSamplesExact(model, points.data, points.n);
  await writeNpyFile(outPath, { dtype: 'float64', shape: [points.n, model.classes.length], data: logp });
  return { n: points.n, classes: model.classes.map((c) => c.label), dim: model.dim, projected: Boolean(model.projection) };
}
