/** The whole schema's SDL, in reading order. */
import { analysisTypeDefs } from './analysis.ts';
import { catalogTypeDefs } from './catalog.ts';
import { classFitTypeDefs } from './class-fit.ts';
import { commonTypeDefs } from './common.ts';
import { connectionTypeDefs } from './connections.ts';
import { densityTypeDefs } from './density.ts';
import { fitRunTypeDefs } from './fit-run.ts';
import { layerTypeDefs } from './layer.ts';
import { modelTypeDefs } from './model.ts';
import { mutationTypeDefs } from './mutation.ts';
import { queryTypeDefs } from './query.ts';
import { subscriptionTypeDefs } from './subscription.ts';

export const typeDefs: readonly string[] = [
  queryTypeDefs,
  mutationTypeDefs,
  subscriptionTypeDefs,
  commonTypeDefs,
  catalogTypeDefs,
  modelTypeDefs,
  layerTypeDefs,
  fitRunTypeDefs,
  classFitTypeDefs,
  analysisTypeDefs,
  densityTypeDefs,
  connectionTypeDefs,
];
