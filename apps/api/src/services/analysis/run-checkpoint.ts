/**
 * The resumable state of an analysis run, stored as a JSON artifact whose key
 * is recorded in `fit_runs.checkpoint_artifact`: the outputs of every finished
 * fit step, and the sampler checkpoint of the step in progress.
 */
import type { ArtifactStore } from '@classfit/db';

/** Output of one finished fit step (artifact keys). */
export interface StepOutput {
  /** Predictive mixtures: `.npz` (`classfit.predictive-arrays/v1`), or `classfit.predictive/v1` JSON in older runs. */
  readonly predictive: string;
  /** {@link FitSummary} JSON. */
  readonly summary: string;
  readonly ms: number;
}

/** The run-level checkpoint document. */
export interface RunCheckpoint {
  readonly format: 'classfit.analysis-checkpoint/v1';
  readonly configKey: string;
  readonly steps: Readonly<Record<string, StepOutput>>;
  /** The step whose sampler was interrupted, and its `FitCheckpoint` artifact. */
  readonly current?: { readonly step: string; readonly fit: string };
}

/** Empty checkpoint for a config. */
export function emptyCheckpoint(configKey: string): RunCheckpoint {
  return { format: 'classfit.analysis-checkpoint/v1', configKey, steps: {} };
}

/** Loads a run checkpoint; a missing key, another config, or a foreign document gives an empty one. */
export async function loadCheckpoint(artifacts: ArtifactStore, key: string | null, configKey: string): Promise<RunCheckpoint> {
  if (!key || !(await artifacts.has(key))) return emptyCheckpoint(configKey);
  const doc = JSON.parse(new TextDecoder().decode(await artifacts.get(key))) as RunCheckpoint;
  return doc.format === 'classfit.analysis-checkpoint/v1' && doc.configKey === configKey ? doc : emptyCheckpoint(configKey);
}

/** Stores a JSON value as an artifact; returns its key. */
export async function putJson(artifacts: ArtifactStore, value: unknown): Promise<string> {
  return artifacts.put(new TextEncoder().encode(JSON.stringify(value)), 'json');
}

/** Reads a JSON artifact. */
export async function getJson<T>(artifacts: ArtifactStore, key: string): Promise<T> {
  return JSON.parse(new TextDecoder().decode(await artifacts.get(key))) as T;
}
