/**
 * DataLoaders, fresh per request (so nothing is cached across users or requests): every field that needs rows
 * goes through one of these, so a page of models → layers → class fits costs a fixed number of statements.
 */
import DataLoader from 'dataloader';
import { readImageNpy, type ImageArray } from '@classfit/core/io';
import {
  architecturesByIds,
  certificationsByModelIds,
  classesByDatasetIds,
  classFitsByIds,
  classFitsByRunIds,
  datasetClassesByIds,
  datasetsByIds,
  densityBinsByRunIds,
  examplesByIds,
  exampleScoresByKeys,
  genclassResultsByRunIds,
  groupSplitsByIds,
  groupSplitsByRunIds,
  klMatricesByRunIds,
  latestRunsByModelIds,
  latestSucceededRunsByModelIds,
  layerCountsByModelIds,
  layerFitsByRunIds,
  layersByIds,
  layersByModelIds,
  modelCountsByArchitectureIds,
  modelsByIds,
  projectsByIds,
  runsByIds,
  type ArtifactStore,
  type Db,
  type ExampleScoreKey,
  type ExampleScoreRow,
} from '@classfit/db';
import { robustnessOfBins, type BinRobustness } from '../services/robustness/bin-robustness.ts';

type Fetch<R> = (db: Db, ids: readonly number[]) => Promise<R[]>;

/** A loader of one row per id (undefined when absent). */
function byId<R extends { id: number }>(db: Db, fetch: Fetch<R>): DataLoader<number, R | undefined> {
  return new DataLoader(async (ids) => {
    const rows = new Map((await fetch(db, ids)).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id));
  });
}

/** A loader of one row per key, keyed by `keyOf` (undefined when absent). */
function oneBy<R>(db: Db, fetch: Fetch<R>, keyOf: (row: R) => number): DataLoader<number, R | undefined> {
  return new DataLoader(async (keys) => {
    const rows = new Map((await fetch(db, keys)).map((row) => [keyOf(row), row]));
    return keys.map((key) => rows.get(key));
  });
}

/** A loader of all rows per key, in the order the query returns them. */
function manyBy<R>(db: Db, fetch: Fetch<R>, keyOf: (row: R) => number): DataLoader<number, R[]> {
  return new DataLoader(async (keys) => {
    const groups = new Map<number, R[]>(keys.map((key) => [key, []]));
    for (const row of await fetch(db, keys)) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** A loader of a count per key (0 when absent). */
function countBy<R extends { count: number }>(db: Db, fetch: Fetch<R>, keyOf: (row: R) => number): DataLoader<number, number> {
  return new DataLoader(async (keys) => {
    const counts = new Map((await fetch(db, keys)).map((row) => [keyOf(row), row.count]));
    return keys.map((key) => counts.get(key) ?? 0);
  });
}

/** A loader of example scores by (run, layer, example) (undefined when not scored). */
function exampleScoreBy(db: Db): DataLoader<ExampleScoreKey, ExampleScoreRow | undefined, string> {
  const keyOf = (k: ExampleScoreKey) => `${k.runId}:${k.layerId}:${k.exampleId}`;
  return new DataLoader(
    async (keys) => {
      const rows = new Map((await exampleScoresByKeys(db, keys)).map((row) => [keyOf(row), row]));
      return keys.map((key) => rows.get(keyOf(key)));
    },
    { cacheKeyFn: keyOf },
  );
}

/** A loader of a model's example images by artifact key: each file is read and parsed once per request. */
function imagesBy(artifacts: ArtifactStore): DataLoader<string, ImageArray> {
  return new DataLoader(async (keys) =>
    Promise.all(
      keys.map(async (key): Promise<ImageArray | Error> => {
        try {
          return readImageNpy(await artifacts.get(key), key);
        } catch (error) {
          return error as Error; // fails this key's fields only
        }
      }),
    ),
  );
}

/** Which layer's bins {@link robustnessBy} summarises. */
export interface BinRobustnessKey {
  readonly modelId: number;
  readonly runId: number;
  readonly layerId: number;
}

/**
 * A loader of per-bin robustness of (run, layer): models without a certification cost one batched look-up
 * (all bins null); certified ones one ranked query per layer over the stored results.
 */
function robustnessBy(
  certification: DataLoader<number, { modelId: number } | undefined>,
  densityBins: DataLoader<number, { layerId: number; stats: { count: number } }[]>,
  db: Db,
): DataLoader<BinRobustnessKey, BinRobustness[], string> {
  return new DataLoader(
    (keys) =>
      Promise.all(
        keys.map(async ({ modelId, runId, layerId }) => {
          const sizes = (await densityBins.load(runId)).filter((b) => b.layerId === layerId).map((b) => b.stats.count);
          if (!(await certification.load(modelId))) return sizes.map((_, bin) => ({ bin, certifiedCount: 0, meanRadius: null, sdRadius: null, abstainRate: null, smoothedAccuracy: null }));
          return robustnessOfBins(db, runId, layerId, sizes);
        }),
      ),
    { cacheKeyFn: (k) => `${k.runId}:${k.layerId}` },
  );
}

/** Creates the request's loaders. */
export function createLoaders(db: Db, artifacts: ArtifactStore) {
  const densityBinsOfRun = manyBy(db, densityBinsByRunIds, (row) => row.runId);
  const certificationOfModel = oneBy(db, certificationsByModelIds, (row) => row.modelId);
  return {
    project: byId(db, projectsByIds),
    dataset: byId(db, datasetsByIds),
    datasetClass: byId(db, datasetClassesByIds),
    classesOfDataset: manyBy(db, classesByDatasetIds, (row) => row.datasetId),
    architecture: byId(db, architecturesByIds),
    modelCountOfArchitecture: countBy(db, modelCountsByArchitectureIds, (row) => row.architectureId),
    model: byId(db, modelsByIds),
    example: byId(db, examplesByIds),
    layer: byId(db, layersByIds),
    layersOfModel: manyBy(db, layersByModelIds, (row) => row.modelId),
    layerCountOfModel: countBy(db, layerCountsByModelIds, (row) => row.modelId),
    fitRun: byId(db, runsByIds),
    latestRunOfModel: oneBy(db, latestRunsByModelIds, (row) => row.modelId),
    latestSucceededRunOfModel: oneBy(db, latestSucceededRunsByModelIds, (row) => row.modelId),
    classFit: byId(db, classFitsByIds),
    groupSplit: byId(db, groupSplitsByIds),
    classFitsOfRun: manyBy(db, classFitsByRunIds, (row) => row.runId),
    layerFitsOfRun: manyBy(db, layerFitsByRunIds, (row) => row.runId),
    groupSplitsOfRun: manyBy(db, groupSplitsByRunIds, (row) => row.runId),
    genclassOfRun: manyBy(db, genclassResultsByRunIds, (row) => row.runId),
    klMatricesOfRun: manyBy(db, klMatricesByRunIds, (row) => row.runId),
    densityBinsOfRun,
    certificationOfModel,
    binRobustness: robustnessBy(certificationOfModel, densityBinsOfRun, db),
    exampleScore: exampleScoreBy(db),
    images: imagesBy(artifacts),
  };
}

/** The request's loaders. */
export type Loaders = ReturnType<typeof createLoaders>;
