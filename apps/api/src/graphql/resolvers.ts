/** The resolver map of the whole schema: one file per type in `types/`, named like the type's `.graphql` file. */
import { Architecture } from './types/architecture.ts';
import { Certification } from './types/certification.ts';
import { ChainSpread } from './types/chain-spread.ts';
import { ClassFit } from './types/class-fit.ts';
import { Dataset } from './types/dataset.ts';
import { DatasetClass } from './types/dataset-class.ts';
import { DensityBin } from './types/density-bin.ts';
import { Diagnostics } from './types/diagnostics.ts';
import { Example } from './types/example.ts';
import { ExampleScore } from './types/example-score.ts';
import { FitRun } from './types/fit-run.ts';
import { LayerJob } from './types/layer-job.ts';
import { LayerSimilarity } from './types/layer-similarity.ts';
import { GenerativeClassification } from './types/generative-classification.ts';
import { GroupSplit } from './types/group-split.ts';
import { KLMatrix } from './types/kl-matrix.ts';
import { Layer } from './types/layer.ts';
import { MemorizationSubset } from './types/memorization-subset.ts';
import { Model } from './types/model.ts';
import { Mutation } from './types/mutation.ts';
import { Node } from './types/node.ts';
import { Project } from './types/project.ts';
import { Query } from './types/query.ts';
import { SplitSignificance } from './types/split-significance.ts';
import { DateTime, JSONScalar } from './types/scalars.ts';
import { Subscription } from './types/subscription.ts';
import { Viewer } from './types/viewer.ts';

export const resolvers = {
  DateTime,
  JSON: JSONScalar,
  Query,
  Mutation,
  Subscription,
  Node,
  Project,
  Dataset,
  DatasetClass,
  Architecture,
  Model,
  Certification,
  Example,
  ExampleScore,
  Layer,
  FitRun,
  LayerJob,
  LayerSimilarity,
  ClassFit,
  ChainSpread,
  Diagnostics,
  GroupSplit,
  SplitSignificance,
  GenerativeClassification,
  KLMatrix,
  DensityBin,
  MemorizationSubset,
  Viewer,
};
