export type {
  ClassMixture,
  DiagonalGaussian,
  PredictiveModel,
  Projection,
  StudentTComponent,
  TraceAveraging,
} from './predictive-model.ts';
export { studentTLogPdf, studentTLogNormaliser, studentTLogPdfFromMahalanobis } from './student-t-log-pdf.ts';
export { mixtureLogPdf, traceLogPdf, logSumExp } from './mixture-log-pdf.ts';
export { assertValidModel, findModelProblem, WEIGHT_TOLERANCE } from './check-model.ts';
export { toModelSpace, pointWidth, describeSpace, POINT_SPACES, type PointSpace } from './project.ts';
export {
  scoreSamples,
  scoreSamplesExact,
  scoreSamplesPerTrace,
  scoreOwnClass,
  type ScoreKernel,
  type ScoreOptions,
} from './score.ts';
export { classify, classifyPerTrace, argmaxLabels } from './classify.ts';
export {
  PREDICTIVE_FORMAT,
  parsePredictive,
  formatPredictive,
  predictiveJsonChunks,
  readPredictiveFile,
  readPredictiveJsonFile,
  writePredictiveFile,
} from './predictive-file.ts';
export {
  PREDICTIVE_ARRAYS_FORMAT,
  predictiveArrayEntries,
  predictiveArrayPieces,
  readPredictiveArrays,
  writePredictiveArrays,
} from './predictive-arrays.ts';
export { sampleClass, sampleTrace } from './sample.ts';
export { traceModel, tracesModel, effectiveTraceCount } from './trace-model.ts';
