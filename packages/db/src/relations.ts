/** drizzle relations, kept apart from the tables (one table per file under schema/). */
import { relations } from 'drizzle-orm';
import {
  architectures,
  certifications,
  classFits,
  datasetClasses,
  datasets,
  densityBins,
  examples,
  exampleScores,
  fitRuns,
  genclassResults,
  groupSplits,
  klMatrices,
  layerFits,
  layers,
  memorizationSubsets,
  models,
  projectRoles,
  projects,
  apiTokens,
  users,
} from './schema/index.ts';

export const projectsRelations = relations(projects, ({ many }) => ({ models: many(models), roles: many(projectRoles) }));

export const usersRelations = relations(users, ({ many }) => ({ tokens: many(apiTokens), roles: many(projectRoles) }));

export const apiTokensRelations = relations(apiTokens, ({ one }) => ({
  user: one(users, { fields: [apiTokens.userId], references: [users.id] }),
}));

export const projectRolesRelations = relations(projectRoles, ({ one }) => ({
  user: one(users, { fields: [projectRoles.userId], references: [users.id] }),
  project: one(projects, { fields: [projectRoles.projectId], references: [projects.id] }),
}));

export const datasetsRelations = relations(datasets, ({ many }) => ({
  classes: many(datasetClasses),
  models: many(models),
}));

export const datasetClassesRelations = relations(datasetClasses, ({ one }) => ({
  dataset: one(datasets, { fields: [datasetClasses.datasetId], references: [datasets.id] }),
}));

export const architecturesRelations = relations(architectures, ({ many }) => ({ models: many(models) }));

export const modelsRelations = relations(models, ({ one, many }) => ({
  project: one(projects, { fields: [models.projectId], references: [projects.id] }),
  architecture: one(architectures, { fields: [models.architectureId], references: [architectures.id] }),
  dataset: one(datasets, { fields: [models.datasetId], references: [datasets.id] }),
  layers: many(layers),
  examples: many(examples),
  fitRuns: many(fitRuns),
  memorizationSubsets: many(memorizationSubsets),
  certifications: many(certifications),
}));

export const examplesRelations = relations(examples, ({ one, many }) => ({
  model: one(models, { fields: [examples.modelId], references: [models.id] }),
  scores: many(exampleScores),
}));

export const layersRelations = relations(layers, ({ one, many }) => ({
  model: one(models, { fields: [layers.modelId], references: [models.id] }),
  layerFits: many(layerFits),
  classFits: many(classFits),
}));

export const fitRunsRelations = relations(fitRuns, ({ one, many }) => ({
  model: one(models, { fields: [fitRuns.modelId], references: [models.id] }),
  layerFits: many(layerFits),
  classFits: many(classFits),
  groupSplits: many(groupSplits),
  genclassResults: many(genclassResults),
  klMatrices: many(klMatrices),
  densityBins: many(densityBins),
}));

export const layerFitsRelations = relations(layerFits, ({ one }) => ({
  run: one(fitRuns, { fields: [layerFits.runId], references: [fitRuns.id] }),
  layer: one(layers, { fields: [layerFits.layerId], references: [layers.id] }),
}));

export const classFitsRelations = relations(classFits, ({ one }) => ({
  run: one(fitRuns, { fields: [classFits.runId], references: [fitRuns.id] }),
  layer: one(layers, { fields: [classFits.layerId], references: [layers.id] }),
}));

export const exampleScoresRelations = relations(exampleScores, ({ one }) => ({
  run: one(fitRuns, { fields: [exampleScores.runId], references: [fitRuns.id] }),
  layer: one(layers, { fields: [exampleScores.layerId], references: [layers.id] }),
  example: one(examples, { fields: [exampleScores.exampleId], references: [examples.id] }),
}));

export const groupSplitsRelations = relations(groupSplits, ({ one }) => ({
  run: one(fitRuns, { fields: [groupSplits.runId], references: [fitRuns.id] }),
  layer: one(layers, { fields: [groupSplits.layerId], references: [layers.id] }),
}));

export const genclassResultsRelations = relations(genclassResults, ({ one }) => ({
  run: one(fitRuns, { fields: [genclassResults.runId], references: [fitRuns.id] }),
  layer: one(layers, { fields: [genclassResults.layerId], references: [layers.id] }),
}));

export const klMatricesRelations = relations(klMatrices, ({ one }) => ({
  run: one(fitRuns, { fields: [klMatrices.runId], references: [fitRuns.id] }),
  layer: one(layers, { fields: [klMatrices.layerId], references: [layers.id] }),
}));

export const densityBinsRelations = relations(densityBins, ({ one }) => ({
  run: one(fitRuns, { fields: [densityBins.runId], references: [fitRuns.id] }),
  layer: one(layers, { fields: [densityBins.layerId], references: [layers.id] }),
}));

export const memorizationSubsetsRelations = relations(memorizationSubsets, ({ one }) => ({
  model: one(models, { fields: [memorizationSubsets.modelId], references: [models.id] }),
}));

export const certificationsRelations = relations(certifications, ({ one }) => ({
  model: one(models, { fields: [certifications.modelId], references: [models.id] }),
  run: one(fitRuns, { fields: [certifications.runId], references: [fitRuns.id] }),
  layer: one(layers, { fields: [certifications.layerId], references: [layers.id] }),
}));
