/**
 * `classfit fit` as a service: one layer's activations and labels from .npy
 * files → per-class DP-GMMs → a `classfit.predictive/v1` file (DESIGN.md §7).
 */
import { fitClassDensities, type FitOptionsInput, type FitProgress } from '@classfit/core/dpgmm';
import { writePredictiveFile, type PredictiveModel } from '@classfit/core/density';
import { readNpyFile, validateActivations, validateLabels } from '@classfit/core/io';
import { project, truncatedSvdViaGram } from '@classfit/core/linalg';
import { InvalidArgumentError } from '@classfit/core';
import { readFile } from 'node:fs/promises';
import { classDataFrom } from './analysis/class-data.ts';

export interface FitFilesInput {
  activationsPath: string;
  labelsPath: string;
  outPath: string;
  /** Reduce to this many SVD dimensions first (no centring, METHOD A.4); omitted: fit the raw dimensions. */
  reduce?: number;
  /** JSON list of class names indexed by label, or an object label → name. */
  classNamesPath?: string;
  fit: Partial<FitOptionsInput>;
  onProgress?(progress: FitProgress): void;
  signal?: AbortSignal;
}

export interface FitFilesSummary {
  n: number;
  rawDim: number;
  dim: number;
  /** Cumulative uncentred variance captured by the kept SVD components, when reduced. */
  varianceCaptured: number | null;
  classes: { label: number; name: string; n: number; meanClusters: number; rHat: number | null }[];
  totalMs: number;
  perSweepMs: number;
  workers: number;
}

/** Runs the fit and writes the predictive file atomically. */
export async function fitFiles(input: FitFilesInput): Promise<FitFilesSummary> {
  const activations = validateActivations(await readNpyFile(input.activationsPath), 'activations');
  const labels = validateLabels(await readNpyFile(input.labelsPath), activations.n, 'labels');
  const names = input.classNamesPath ? await readClassNames(input.classNamesPath) : new Map<number, string>();
  const { n, d: rawDim } = activations;

  let z = activations.data;
  let dim = rawDim;
  let projection: PredictiveModel['projection'];
  let varianceCaptured: number | null = null;
  if (input.reduce !== undefined) {
    const k = input.reduce;
    if (k > Math.min(n, rawDim)) {
      throw new InvalidArgumentError('reduce', `must be ≤ min(n, D) = ${Math.min(n, rawDim)}, got ${k}`);
    }
    const svd = await truncatedSvdViaGram(activations.data, n, rawDim, k);
    z = project(activations.data, n, rawDim, svd.components, k);
    dim = k;
    projection = { components: svd.components, outputDim: k, inputDim: rawDim };
    varianceCaptured = svd.varianceFraction[k - 1];
  }

  const all = Array.from({ length: n }, (_, i) => i);
  const classes = classDataFrom(z, dim, labels, all, names);
  if (classes.length === 0) throw new InvalidArgumentError('labels', 'no class has at least 2 examples');
  const result = await fitClassDensities(classes, input.fit, { onProgress: input.onProgress, signal: input.signal });
  const predictive: PredictiveModel = { ...result.predictive, projection };
  await writePredictiveFile(input.outPath, predictive);

  return {
    n,
    rawDim,
    dim,
    varianceCaptured,
    classes: result.classes.map((c) => ({
      label: c.label,
      name: c.name,
      n: c.n,
      meanClusters: mean(c.traces.map((t) => t.clusterCount)),
      rHat: c.diagnostics.rHat,
    })),
    totalMs: result.timingsMs.total,
    perSweepMs: result.timingsMs.perSweep,
    workers: result.options.workers,
  };
}

async function readClassNames(path: string): Promise<Map<number, string>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new InvalidArgumentError('classNames', `${path}: ${(error as Error).message}`);
  }
  const entries: [number, string][] = Array.isArray(parsed)
    ? parsed.map((name, label) => [label, String(name)])
    : Object.entries(parsed as Record<string, unknown>).map(([label, name]) => [Number(label), String(name)]);
  return new Map(entries);
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
