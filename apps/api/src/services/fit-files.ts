/**
 * `classfit fit` as a service: one layer's activations and labels from .npy
 * files → per-class DP-GMMs → a `classfit.predictive/v1` file (DESIGN.md §7).
 */
import { type FitCheckpoint, fitClassDensities, type FitOptionsInput, type FitProgress, meanClusterCount } from '@classfit/core/dpgmm';
import { writePredictiveArrays, writePredictiveFile, type PredictiveModel } from '@classfit/core/density';
import { readNpyFile, validateActivations, validateLabels, writeFileAtomic } from '@classfit/core/io';
import { InvalidArgumentError } from '@classfit/core';
import { readFile, rm } from 'node:fs/promises';
import { classDataFrom } from './analysis/class-data.ts';
import { svdReduce } from './analysis/svd-reduce.ts';

export interface FitFilesInput {
  activationsPath: string;
  labelsPath: string;
  outPath: string;
  /** Reduce to this many SVD dimensions first (no centring, METHOD A.4); omitted: fit the raw dimensions. */
  reduce?: number;
  /** JSON list of class names indexed by label, or an object label → name. */
  classNamesPath?: string;
  fit: Partial<FitOptionsInput>;
  /**
   * Resumable fits: checkpoints are written here every `checkpointEverySweeps` sweeps and when the fit
   * is aborted; if the file exists, the fit continues from it (same data and options give the same
   * result as an uninterrupted run). Removed once the predictive file is written.
   */
  checkpointPath?: string;
  checkpointEverySweeps?: number;
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
  /** The sweep a resumed fit continued from (null for a fresh fit). */
  resumedFromSweep: number | null;
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
    const svd = await svdReduce(activations.data, n, rawDim, k);
    z = svd.z;
    dim = k;
    projection = { components: svd.components, outputDim: k, inputDim: rawDim };
    varianceCaptured = svd.varianceCaptured;
  }

  const all = Array.from({ length: n }, (_, i) => i);
  const classes = classDataFrom(z, dim, labels, all, names);
  if (classes.length === 0) throw new InvalidArgumentError('labels', 'no class has at least 2 examples');
  const checkpointPath = input.checkpointPath;
  const resumeFrom = checkpointPath ? await readCheckpoint(checkpointPath) : undefined;
  const result = await fitClassDensities(classes, input.fit, {
    onProgress: input.onProgress,
    signal: input.signal,
    resumeFrom,
    checkpointEverySweeps: input.checkpointEverySweeps,
    onCheckpoint: checkpointPath ? (c) => writeFileAtomic(checkpointPath, new TextEncoder().encode(JSON.stringify(c))) : undefined,
  });
  const predictive: PredictiveModel = { ...result.predictive, projection };
  // DESIGN.md §7: JSON v1 (streamed, no size ceiling); an `.npz` name asks for the binary form instead.
  await (input.outPath.endsWith('.npz') ? writePredictiveArrays : writePredictiveFile)(input.outPath, predictive);
  if (checkpointPath) await rm(checkpointPath, { force: true });

  return {
    n,
    rawDim,
    dim,
    varianceCaptured,
    classes: result.classes.map((c) => ({
      label: c.label,
      name: c.name,
      n: c.n,
      meanClusters: meanClusterCount(c.diagnostics.clusterCounts, result.options.burnIn) ?? Number.NaN,
      rHat: c.diagnostics.rHat,
    })),
    resumedFromSweep: resumeFrom ? Math.min(...resumeFrom.chains.map((c) => c.sweep)) : null,
    totalMs: result.timingsMs.total,
    perSweepMs: result.timingsMs.perSweep,
    workers: result.options.workers,
  };
}

async function readCheckpoint(path: string): Promise<FitCheckpoint | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as FitCheckpoint;
  } catch (error) {
    throw new InvalidArgumentError('checkpoint', `${path} is not a classfit fit checkpoint: ${(error as Error).message}`);
  }
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
