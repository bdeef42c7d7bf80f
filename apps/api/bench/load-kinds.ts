/**
 * The dashboard's requests that the load benchmark replays (apps/api/bench/load.ts) and the statement count
 * (apps/api/bench/statements.ts) measures: the page-visit mix, each kind's GraphQL document (apps/web/src/gql) and
 * variables drawn from the seeded ids, and what a full answer holds.
 */
import {
  DashboardCompareDocument,
  DashboardLayerClassFitsDocument,
  DashboardLayerDocument,
  DashboardModelHeatmapDocument,
  DashboardModelsDocument,
} from '../../web/src/gql/graphql.ts';
import type { ArtifactStore, Db } from '@classfit/db';
import { toGlobalId } from '../src/services/views/global-id.ts';
import { toNumericArray } from '../src/services/views/numeric/numeric-array.ts';
import { seedAnalysedModels } from '../src/testing/graphql-seed.ts';
import { createIdentities, type TestIdentity } from '../src/testing/identities.ts';

/** What one client request is: its GraphQL document and variables, chosen from the seeded ids. */
export type Request = { query: string; variables: Record<string, unknown> };
export interface Ids {
  readonly models: string[];
  readonly layers: string[];
}
const FILTERS = [null, { tag: { eq: 'even' } }, { architecture: { in: ['resnet18'] } }, { name: { contains: 'model-01' } }];
const STATISTICS = ['MEAN_LOG_DENSITY', 'RELATIVE_ENTROPY', 'MEAN_DISTANCE'];
const points = { array: toNumericArray(Float32Array.from({ length: 50 * 4 }, (_, i) => ((i * 7919) % 97) / 10 - 5), [50, 4]) };

/** One kind of request: its weight in the mix, how to make one, and what a full answer holds. */
export interface RequestKind {
  readonly weight: number;
  readonly request: (ids: Ids, pick: (n: number) => number) => Request;
  /** Run on the warm-up answer, so that an empty page is not measured as a fast one. */
  readonly check: (data: any) => boolean;
}

/** The seeded store's shape, which the checks compare answers with. */
export interface StoreShape {
  readonly models: number;
  readonly layers: number;
  readonly classes: number;
}

/** The mix: kind → (weight, request). Weights follow a dashboard visit: listings and model pages most, scoring least. */
export function requestKinds({ models: modelCount, layers: LAYERS, classes: CLASSES }: StoreShape): Record<string, RequestKind> {
  return {
    models: {
      weight: 25,
      request: (_, pick) => ({
        query: String(DashboardModelsDocument),
        variables: { first: 25, after: null, last: null, before: null, filter: FILTERS[pick(FILTERS.length)], orderBy: { field: 'ACCURACY', direction: 'DESC' } },
      }),
      check: (data) => data.models.nodes.length === Math.min(25, modelCount),
    },
    heatmap: {
      weight: 20,
      request: (ids, pick) => ({ query: String(DashboardModelHeatmapDocument), variables: { id: ids.models[pick(ids.models.length)], statistic: STATISTICS[pick(STATISTICS.length)], fitRun: null } }),
      check: (data) => data.model.heatmap.rows.length === LAYERS && data.model.heatmap.rows.every((r: { values: unknown[] }) => r.values.length === CLASSES),
    },
    layer: {
      weight: 15,
      request: (ids, pick) => ({ query: String(DashboardLayerDocument), variables: { id: ids.layers[pick(ids.layers.length)], run: null } }),
      check: (data) => data.layer.groupSplit.lowCount + data.layer.groupSplit.highCount === CLASSES,
    },
    classFits: {
      weight: 15,
      request: (ids, pick) => ({ query: String(DashboardLayerClassFitsDocument), variables: { id: ids.layers[pick(ids.layers.length)], after: null, run: null } }),
      check: (data) => data.layer.classFits.nodes.length === CLASSES,
    },
    compare: {
      weight: 15,
      request: (ids, pick) => {
        const a = pick(ids.models.length);
        const b = (a + 1 + pick(ids.models.length - 1)) % ids.models.length;
        return { query: String(DashboardCompareDocument), variables: { ids: [ids.models[a], ids.models[b]], statistic: STATISTICS[pick(STATISTICS.length)], fitRuns: null } };
      },
      check: (data) => data.compareModels.models.length === 2 && data.compareModels.depths.length > 0,
    },
    logDensity: {
      weight: 10,
      request: (ids, pick) => ({
        query: 'query BenchLogDensity($l: ID!, $p: PointsInput!) { logDensity(layerId: $l, points: $p) { labels logDensities { shape } } }',
        variables: { l: ids.layers[pick(ids.layers.length)], p: points },
      }),
      check: (data) => data.logDensity.logDensities.shape.join('x') === `50x${CLASSES}`,
    },
  };
}

/** A small deterministic generator per client (so runs replay the same sequence). */
export function picker(seed: number): (n: number) => number {
  let state = seed * 2654435761 + 1;
  return (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.floor((state / 2 ** 32) * n);
  };
}


/** Seeds `shape` (every result table filled, a real predictive file per run) and one viewer of every project with an API token. */
export async function seedBenchStore(db: Db, artifacts: ArtifactStore, shape: StoreShape): Promise<{ ids: Ids; viewer: TestIdentity }> {
  const seeded = await seedAnalysedModels({ db, artifacts }, shape.models, { layers: shape.layers, classes: shape.classes });
  const { viewer } = await createIdentities(db, { viewer: { login: 'bench-viewer', grants: [{ role: 'viewer' }] } });
  return {
    ids: { models: seeded.models.map((m) => toGlobalId('Model', m.id)), layers: [...seeded.layers.values()].flat().map((l) => toGlobalId('Layer', l.id)) },
    viewer,
  };
}
