/**
 * DataLoaders, fresh per request: every field that needs rows goes through one of these, so a page of models →
 * layers → class fits costs a fixed number of statements. Across requests only the rows read at the same store
 * data version are shared (shared-reads.ts), never a caller's view of them.
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
  exampleLabelsOfModel,
  listRuns,
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
import type { ReadsAtVersion } from './shared-reads.ts';

type Fetch<R> = (db: Db, ids: readonly number[]) => Promise<R[]>;

/** A batch function of a loader: values in the order of `keys`. */
type Batch<K, V> = (keys: readonly K[]) => Promise<V[]>;

/**
 * Routes a loader's batch through the rows shared at the request's data version (shared-reads.ts): keys held there
 * are answered from them, the others read by `batch` (and held for the next request). `name` must be unique per
 * loader; only loaders whose answers do not depend on the caller may share.
 */
export type Share = <K, V>(name: string, batch: Batch<K, V>, keyOf?: (key: K) => string) => Batch<K, V>;

function sharing(reads: ReadsAtVersion | undefined): Share {
  if (!reads) return (_, batch) => batch;
  return <K, V>(name: string, batch: Batch<K, V>, keyOf: (key: K) => string = String) => {
    if (!name) throw new Error('a shared loader needs a name (its fetch function has none)');
    return async (keys: readonly K[]) => {
      const values: (Promise<V> | undefined)[] = keys.map((key) => reads.get(`${name}:${keyOf(key)}`) as Promise<V> | undefined);
      const missing = keys.filter((_, i) => values[i] === undefined);
      if (missing.length > 0) {
        const all = batch(missing);
        let j = 0;
        keys.forEach((key, i) => {
          if (values[i] !== undefined) return;
          const at = j++;
          values[i] = all.then((rows) => rows[at]);
          reads.set(`${name}:${keyOf(key)}`, values[i]);
        });
      }
      return Promise.all(values as Promise<V>[]);
    };
  };
}

/** A loader of one row per id (undefined when absent). */
function byId<R extends { id: number }>(db: Db, fetch: Fetch<R>, share: Share): DataLoader<number, R | undefined> {
  return new DataLoader(
    share(fetch.name, async (ids: readonly number[]) => {
      const rows = new Map((await fetch(db, ids)).map((row) => [row.id, row]));
      return ids.map((id) => rows.get(id));
    }),
  );
}

/** A loader of one row per key, keyed by `keyOf` (undefined when absent). */
function oneBy<R>(db: Db, fetch: Fetch<R>, keyOf: (row: R) => number, share: Share): DataLoader<number, R | undefined> {
  return new DataLoader(
    share(fetch.name, async (keys: readonly number[]) => {
      const rows = new Map((await fetch(db, keys)).map((row) => [keyOf(row), row]));
      return keys.map((key) => rows.get(key));
    }),
  );
}

/** A loader of all rows per key, in the order the query returns them. */
function manyBy<R>(db: Db, fetch: Fetch<R>, keyOf: (row: R) => number, share: Share): DataLoader<number, R[]> {
  return new DataLoader(
    share(fetch.name, async (keys: readonly number[]) => {
      const groups = new Map<number, R[]>(keys.map((key) => [key, []]));
      for (const row of await fetch(db, keys)) groups.get(keyOf(row))?.push(row);
      return keys.map((key) => groups.get(key) ?? []);
    }),
  );
}

/** A loader of a count per key (0 when absent). */
function countBy<R extends { count: number }>(db: Db, fetch: Fetch<R>, keyOf: (row: R) => number, share: Share): DataLoader<number, number> {
  return new DataLoader(
    share(fetch.name, async (keys: readonly number[]) => {
      const counts = new Map((await fetch(db, keys)).map((row) => [keyOf(row), row.count]));
      return keys.map((key) => counts.get(key) ?? 0);
    }),
  );
}

/**
 * Class fits per run and per (run, layer): a page of one layer reads that layer's rows only, and once a whole run
 * is loaded (heatmap, comparison) its layers are served from it without another statement.
 */
function classFitsBy(db: Db, share: Share): { ofRun: DataLoader<number, ClassFitRow[]>; ofRunLayer: DataLoader<RunLayerKey, ClassFitRow[], string> } {
  const keyOf = (k: RunLayerKey) => `${k.runId}:${k.layerId}`;
  const ofRunLayer = new DataLoader<RunLayerKey, ClassFitRow[], string>(
    share(
      'classFitsByRunLayers',
      async (keys: readonly RunLayerKey[]) => {
        const groups = new Map<string, ClassFitRow[]>(keys.map((k) => [keyOf(k), []]));
        for (const row of await classFitsByRunLayers(db, keys)) groups.get(keyOf(row))?.push(row);
        return keys.map((k) => groups.get(keyOf(k))!);
      },
      keyOf,
    ),
    { cacheKeyFn: keyOf },
  );
  const ofRunBatch = share('classFitsByRunIds', async (runIds: readonly number[]) => {
    const perRun = new Map<number, ClassFitRow[]>(runIds.map((id) => [id, []]));
    for (const row of await classFitsByRunIds(db, runIds)) perRun.get(row.runId)?.push(row);
    return runIds.map((id) => perRun.get(id)!);
  });
  const ofRun = new DataLoader<number, ClassFitRow[]>(async (runIds) => {
    const runs = await ofRunBatch(runIds);
    for (const rows of runs) {
      const perLayer = new Map<string, ClassFitRow[]>();
      for (const row of rows) {
        const layerRows = perLayer.get(keyOf(row));
        if (layerRows) layerRows.push(row);
        else perLayer.set(keyOf(row), [row]);
      }
      for (const layerRows of perLayer.values()) ofRunLayer.prime(layerRows[0], layerRows);
    }
    return runs;
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

/** Which page of a model's runs. */
export interface RunPageKey {
  readonly modelId: number;
  readonly first: number;
  readonly after?: string | null;
}
const runPageKey = (k: RunPageKey) => `${k.modelId}:${k.first}:${k.after ?? ''}`;

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

/**
 * Creates the request's loaders; entity loaders see only the projects of `visibility` (see the module note). With
 * `shared` (the rows of the request's data version), every loader whose answer does not depend on the caller reads
 * through it; the scoped loaders filter what they return per request as before.
 */
export function createLoaders(db: Db, artifacts: ArtifactStore, visibility: ProjectVisibility, shared?: ReadsAtVersion) {
  const share = sharing(shared);
  const densityBinsOfRun = manyBy(db, densityBinsByRunIds, (row) => row.runId, share);
  const classFits = classFitsBy(db, share);
  const certificationOfModel = oneBy(db, certificationsByModelIds, (row) => row.modelId, share);
  const all = visibility === 'all';
  const projects = new Set(all ? [] : visibility);
  // Unscoped look-ups, used only to find the project a row belongs to.
  const anyModel = byId(db, modelsByIds, share);
  const anyRun = byId(db, runsByIds, share);
  const modelVisible = async (modelId: number) => projects.has((await anyModel.load(modelId))?.projectId ?? -1);
  const runVisible = async (runId: number) => {
    const run = await anyRun.load(runId);
    return run !== undefined && modelVisible(run.modelId);
  };
  const scoped = <R>(loader: DataLoader<number, R | undefined>, visible: (row: R) => Promise<boolean> | boolean) => (all ? loader : visibleOnly(loader, visible));
  const dataset = usedByVisibleModels(db, 'dataset', byId(db, datasetsByIds, share), visibility);
  return {
    project: scoped(byId(db, projectsByIds, share), (row) => projects.has(row.id)),
    dataset,
    datasetClass: scoped(byId(db, datasetClassesByIds, share), async (row) => (await dataset.load(row.datasetId)) !== undefined),
    classesOfDataset: manyBy(db, classesByDatasetIds, (row) => row.datasetId, share),
    architecture: usedByVisibleModels(db, 'architecture', byId(db, architecturesByIds, share), visibility),
    modelCountOfArchitecture: countBy(db, (d, ids) => modelCountsByArchitectureIds(d, ids, visibility), (row) => row.architectureId, sharing(undefined)),
    model: scoped(anyModel, (row) => projects.has(row.projectId)),
    example: scoped(byId(db, examplesByIds, share), (row) => modelVisible(row.modelId)),
    layer: scoped(byId(db, layersByIds, share), (row) => modelVisible(row.modelId)),
    layersOfModel: manyBy(db, layersByModelIds, (row) => row.modelId, share),
    layerCountOfModel: countBy(db, layerCountsByModelIds, (row) => row.modelId, share),
    fitRun: scoped(anyRun, (row) => modelVisible(row.modelId)),
    latestRunOfModel: oneBy(db, latestRunsByModelIds, (row) => row.modelId, share),
    latestSucceededRunOfModel: oneBy(db, latestSucceededRunsByModelIds, (row) => row.modelId, share),
    latestSucceededRunOfLayer: oneBy(db, latestSucceededRunsByLayerIds, (row) => row.layerId, share),
    classFit: scoped(byId(db, classFitsByIds, share), (row) => runVisible(row.runId)),
    groupSplit: scoped(byId(db, groupSplitsByIds, share), (row) => runVisible(row.runId)),
    classFitsOfRun: classFits.ofRun,
    classFitsOfRunLayer: classFits.ofRunLayer,
    layerFitsOfRun: manyBy(db, layerFitsByRunIds, (row) => row.runId, share),
    groupSplitsOfRun: manyBy(db, groupSplitsByRunIds, (row) => row.runId, share),
    genclassOfRun: manyBy(db, genclassResultsByRunIds, (row) => row.runId, share),
    klMatricesOfRun: manyBy(db, klMatricesByRunIds, (row) => row.runId, share),
    layerJobsOfRun: manyBy(db, layerJobsByRunIds, (row) => row.runId, share),
    densityBinsOfRun,
    certificationOfModel,
    /** A page of a model's runs, newest first (Model.fitRuns). */
    runPageOfModel: new DataLoader<RunPageKey, Awaited<ReturnType<typeof listRuns>>, string>(
      share('listRuns', (keys: readonly RunPageKey[]) => Promise.all(keys.map((k) => listRuns(db, k))), runPageKey),
      { cacheKeyFn: runPageKey },
    ),
    /** Labels of a model's training examples in index order (pairing two models' activation rows). */
    exampleLabelsOfModel: new DataLoader<number, Int32Array>(share('exampleLabelsOfModel', (ids: readonly number[]) => Promise.all(ids.map((id) => exampleLabelsOfModel(db, id))))),
    memorizationSubsetsOfModel: manyBy(db, memorizationSubsetsByModelIds, (row) => row.modelId, share),
    binRobustness: robustnessBy(certificationOfModel, densityBinsOfRun, db),
    exampleScore: exampleScoreBy(db),
    images: imagesBy(artifacts),
  };
}

/** The request's loaders. */
export type Loaders = ReturnType<typeof createLoaders>;
