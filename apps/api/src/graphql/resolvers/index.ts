/** The resolver map of the whole schema, assembled from one file per type (or small family of types). */
import { DensityBin, GenerativeClassification, GroupSplit, KLMatrix } from './analysis.ts';
import { Architecture, Dataset, DatasetClass, Project } from './catalog.ts';
import { ClassFit, Diagnostics } from './class-fit.ts';
import { Example, ExampleScore } from './example.ts';
import { FitRun } from './fit-run.ts';
import { Layer } from './layer.ts';
import { Certification, Model } from './model.ts';
import { Mutation } from './mutation.ts';
import { Node } from './node.ts';
import { Query } from './query.ts';
import { DateTime, JSONScalar } from './scalars.ts';
import { Subscription } from './subscription.ts';

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
  ClassFit,
  Diagnostics,
  GroupSplit,
  GenerativeClassification,
  KLMatrix,
  DensityBin,
};
