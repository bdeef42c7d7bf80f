import { doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { models } from './models.ts';

/** SVD summary of a layer's reduction (METHOD.md A.4). */
export interface SvdSummary {
  /** Retained dimension k. */
  readonly k: number;
  /** Top singular values (at most k + 1 of them). */
  readonly singularValues: number[];
  /** cumsum(s²)/Σs² at k (uncentred, as the paper's code). */
  readonly varianceFraction: number;
}

/** One read-out layer of a model (e.g. ResNet stage 1..4): raw activations and the SVD reduction last applied. */
export const layers = pgTable(
  'layers',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    modelId: integer('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    /** Display name, unique in the model: `stage<i+1>` for the authors' `avg_pooling_<i>_acts.npy`, or the name given at import. */
    name: text('name').notNull(),
    /** The activation file's name without `_acts.npy` / `.npy` (e.g. `avg_pooling_0`); null for layers imported before it was kept. */
    sourceName: text('source_name'),
    index: integer('index').notNull(),
    /** Position along depth in (0, 1]: index+1 over layer count. */
    relativeDepth: doublePrecision('relative_depth').notNull(),
    /** Raw activation dimension D. */
    dim: integer('dim').notNull(),
    /** Number of activation rows (examples). */
    exampleCount: integer('example_count').notNull(),
    reducedDim: integer('reduced_dim'),
    svdSummary: jsonb('svd_summary').$type<SvdSummary>(),
    /** Artifact key of the raw activations `.npy` [n, D]. */
    activationsArtifact: text('activations_artifact').notNull(),
    /** Artifact key of the projection `.npy` [k, D] (z = V x). */
    projectionArtifact: text('projection_artifact'),
  },
  (t) => [
    uniqueIndex('layers_model_name_uq').on(t.modelId, t.name),
    uniqueIndex('layers_model_index_uq').on(t.modelId, t.index),
    index('layers_relative_depth_idx').on(t.relativeDepth),
  ],
);
