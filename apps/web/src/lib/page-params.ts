/**
 * The search params of the Model, Layer, Class, Compare and Jobs pages (nuqs): what each page reads on the server
 * (a per-request cache, so nested server components read the same values without passing them down) and the
 * serializer its links are written with (defaults left out, so a link and a shared URL are the same text).
 */
import { createSearchParamsCache, createSerializer, parseAsString, parseAsStringLiteral } from 'nuqs/server';
import type { FitRunStatus } from '@/gql/graphql';
import { FIT_RUN_STATUSES } from './model-filters';
import { parseAsBoundedInt, parseAsCommaList, parseAsStatistic, parseAsUpperEnumList } from './url-parsers';

/** `/models/[id]`: the heatmap's statistic and colour scale, the similarity measure, the run (default: per layer, the newest that fitted it). */
export const modelPageParsers = {
  stat: parseAsStatistic.withDefault('mean-log-density'),
  scale: parseAsStringLiteral(['all', 'row'] as const).withDefault('all'),
  similarity: parseAsStringLiteral(['cka', 'procrustes'] as const).withDefault('cka'),
  run: parseAsString,
};
export const modelPageParams = createSearchParamsCache(modelPageParsers);
export const modelPageHref = createSerializer(modelPageParsers);

/** `/models/[id]/layers/[layerId]`: the run, the KL subset, the class whose traces show. */
export const layerPageParsers = { run: parseAsString, kl: parseAsString, trace: parseAsString };
export const layerPageParams = createSearchParamsCache(layerPageParsers);
export const layerPageHref = createSerializer(layerPageParsers);

/** `/models/[id]/classes/[label]`: the layer of the KL neighbours. */
export const classPageParsers = { layer: parseAsString };
export const classPageParams = createSearchParamsCache(classPageParsers);

/**
 * `/compare`: the models (baseline first unless `baseline` names another), the statistic, the aligned depth
 * (default: the deepest), `pick` (show the model picker), `runs`: fit runs to read instead of a model's
 * per-layer newest (each run names its own model), and the cross-model similarity measure.
 */
export const comparePageParsers = {
  models: parseAsCommaList,
  baseline: parseAsString,
  stat: parseAsStatistic.withDefault('mean-log-density'),
  depth: parseAsBoundedInt(0),
  pick: parseAsString,
  runs: parseAsCommaList,
  similarity: parseAsStringLiteral(['cka', 'procrustes'] as const).withDefault('cka'),
};
export const comparePageParams = createSearchParamsCache(comparePageParsers);
export const comparePageHref = createSerializer(comparePageParsers);

/** `/jobs`: the statuses shown. */
export const jobsPageParsers = { status: parseAsUpperEnumList<FitRunStatus>(FIT_RUN_STATUSES) };
export const jobsPageParams = createSearchParamsCache(jobsPageParsers);
export const jobsPageHref = createSerializer(jobsPageParsers);
