/**
 * DataLoaders, fresh per request (so nothing is cached across users or requests): every field that needs rows
 * goes through one of these, so a page of models → layers → class fits costs a fixed number of statements.
 *
 * The loaders of entities (project, model, layer, run, …) see only what the request's caller may read: a row of
 * another project loads as absent, exactly like an unknown id. Every look-up by a client-supplied id goes through
 * them (node(id:), model(id:), exports, fitted-density queries, subscriptions, mutations), so this is where
 * project scope is enforced for reads; the per-parent loaders (layers of a model, fits of a run) are only reached
 * from a row already loaded through these.
 */
import DataLoader from 'dataloader';
import { readImageNpy, type ImageArray } from '@classfit/core/io';
import {
  architecturesByIds,
  certificationsByModelIds,
  classesByDatasetIds,
  classFitsByIds,
  classFitsByRunIds,
  classFitsByRunLayers,
  datasetClassesByIds,
  datasetsByIds,
  densityBinsByRunIds,
  examplesByIds,
  exampleScoresByKeys,
  genclassResultsByRunIds,
  groupSplitsByIds,
  groupSplitsByRunIds,
  klMatricesByRunIds, layerJobsByRunIds,
  latestRunsByModelIds,
  latestSucceededRunsByLayerIds,
  latestSucceededRunsByModelIds,
  layerCountsByModelIds,
  layerFitsByRunIds,
  layersByIds,
  layersByModelIds,
  memorizationSubsetsByModelIds,
  modelCountsByArchitectureIds,
  modelsByIds,
  projectsByIds,
  runsByIds,
  idsUsedByVisibleModels,
  type ArtifactStore,
  type Db,
  type ProjectVisibility,
  type ExampleScoreKey,
  type ExampleScoreRow,
  type ClassFitRow,
  type RunLayerKey,
} from '@classfit/db';
import { robustnessOfBins, type BinRobustness } from '../robustness/bin-robustness.ts';

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

/**
 * Class fits per run and per (run, layer): a page of one layer reads that layer's rows only, and once a whole run
 * is loaded (heatmap, comparison) its layers are served from it without another statement.
 */
function classFitsBy(db: Db): { ofRun: DataLoader<number, ClassFitRow[]>; ofRunLayer: DataLoader<RunLayerKey, ClassFitRow[], string> } {
  const keyOf = (k: RunLayerKey) => `${k.runId}:${k.layerId}`;
  const ofRunLayer = new DataLoader<RunLayerKey, ClassFitRow[], string>(
    async (keys) => {
      const groups = new Map<string, ClassFitRow[]>(keys.map((k) => [keyOf(k), []]));
      for (const row of await classFitsByRunLayers(db, keys)) groups.get(keyOf(row))?.push(row);
      return keys.map((k) => groups.get(keyOf(k))!);
    },
    { cacheKeyFn: keyOf },
  );
  const ofRun = new DataLoader<number, ClassFitRow[]>(async (runIds) => {
    const rows = await classFitsByRunIds(db, runIds);
    const perRun = new Map<number, ClassFitRow[]>(runIds.map((id) => [id, []]));
    const perLayer = new Map<string, ClassFitRow[]>();
    for (const row of rows) {
      perRun.get(row.runId)?.push(row);
      const layerRows = perLayer.get(keyOf(row));
      if (layerRows) layerRows.push(row);
      else perLayer.set(keyOf(row), [row]);
    }
    for (const layerRows of perLayer.values()) ofRunLayer.prime(layerRows[0], layerRows);
    return runIds.map((id) => perRun.get(id)!);
  });
  return { ofRun, ofRunLayer };
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

/** `loader` restricted to the rows `visible` accepts (it may itself load); the others load as undefined. */
function visibleOnly<R>(loader: DataLoader<number, R | undefined>, visible: (row: R) => Promise<boolean> | boolean): DataLoader<number, R | undefined> {
  return new DataLoader(async (ids) => Promise.all(ids.map(async (id) => {
    const row = await loader.load(id);
    return row !== undefined && (await visible(row)) ? row : undefined;
  })));
}

/** `loader` of datasets or architectures restricted to those a model of a visible project uses. */
function usedByVisibleModels<R extends { id: number }>(
  db: Db,
  kind: 'dataset' | 'architecture',
  loader: DataLoader<number, R | undefined>,
  visibility: ProjectVisibility,
): DataLoader<number, R | undefined> {
  if (visibility === 'all') return loader;
  return new DataLoader(async (ids) => {
    const [rows, used] = await Promise.all([loader.loadMany(ids), idsUsedByVisibleModels(db, kind, ids, visibility)]);
    return rows.map((row, i) => (row instanceof Error ? row : used.has(ids[i]) ? row : undefined));
  });
}

/** Creates the request's loaders; entity loaders see only the projects of `visibility` (see the module note). */
export function createLoaders(db: Db, artifacts: ArtifactStore, visibility: ProjectVisibility) {
  const densityBinsOfRun = manyBy(db, densityBinsByRunIds, (row) => row.runId);
  const classFits = classFitsBy(db);
  const certificationOfModel = oneBy(db, certificationsByModelIds, (row) => row.modelId);
  const all = visibility === 'all';
  const projects = new Set(all ? [] : visibility);
  // Unscoped look-ups, used only to find the project a row belongs to.
  const anyModel = byId(db, modelsByIds);
  const anyRun = byId(db, runsByIds);
  const modelVisible = async (modelId: number) => projects.has((await anyModel.load(modelId))?.projectId ?? -1);
  const runVisible = async (runId: number) => {
    const run = await anyRun.load(runId);
    return run !== undefined && modelVisible(run.modelId);
  };
  const scoped = <R>(loader: DataLoader<number, R | undefined>, visible: (row: R) => Promise<boolean> | boolean) => (all ? loader : visibleOnly(loader, visible));
  const dataset = usedByVisibleModels(db, 'dataset', byId(db, datasetsByIds), visibility);
  return {
    project: scoped(byId(db, projectsByIds), (row) => projects.has(row.id)),
    dataset,
    datasetClass: scoped(byId(db, datasetClassesByIds), async (row) => (await dataset.load(row.datasetId)) !== undefined),
    classesOfDataset: manyBy(db, classesByDatasetIds, (row) => row.datasetId),
    architecture: usedByVisibleModels(db, 'architecture', byId(db, architecturesByIds), visibility),
    modelCountOfArchitecture: countBy(db, (d, ids) => modelCountsByArchitectureIds(d, ids, visibility), (row) => row.architectureId),
    model: scoped(anyModel, (row) => projects.has(row.projectId)),
    example: scoped(byId(db, examplesByIds), (row) => modelVisible(row.modelId)),
    layer: scoped(byId(db, layersByIds), (row) => modelVisible(row.modelId)),
    layersOfModel: manyBy(db, layersByModelIds, (row) => row.modelId),
    layerCountOfModel: countBy(db, layerCountsByModelIds, (row) => row.modelId),
    fitRun: scoped(anyRun, (row) => modelVisible(row.modelId)),
    latestRunOfModel: oneBy(db, latestRunsByModelIds, (row) => row.modelId),
    latestSucceededRunOfModel: oneBy(db, latestSucceededRunsByModelIds, (row) => row.modelId),
    latestSucceededRunOfLayer: oneBy(db, latestSucceededRunsByLayerIds, (row) => row.layerId),
    classFit: scoped(byId(db, classFitsByIds), (row) => runVisible(row.runId)),
    groupSplit: scoped(byId(db, groupSplitsByIds), (row) => runVisible(row.runId)),
    classFitsOfRun: classFits.ofRun,
    classFitsOfRunLayer: classFits.ofRunLayer,
    layerFitsOfRun: manyBy(db, layerFitsByRunIds, (row) => row.runId),
    groupSplitsOfRun: manyBy(db, groupSplitsByRunIds, (row) => row.runId),
    genclassOfRun: manyBy(db, genclassResultsByRunIds, (row) => row.runId),
    klMatricesOfRun: manyBy(db, klMatricesByRunIds, (row) => row.runId),
    layerJobsOfRun: manyBy(db, layerJobsByRunIds, (row) => row.runId),
    densityBinsOfRun,
    certificationOfModel,
    memorizationSubsetsOfModel: manyBy(db, memorizationSubsetsByModelIds, (row) => row.modelId),
    binRobustness: robustnessBy(certificationOfModel, densityBinsOfRun, db),
    exampleScore: exampleScoreBy(db),
    images: imagesBy(artifacts),
  };
}

/** The request's loaders. */
export type Loaders = ReturnType<typeof createLoaders>;
