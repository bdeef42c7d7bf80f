/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment DashboardExample on Example {\n    index split memorization memorizationSe robustness logDensity(layer: $layer) thumbnail(size: $size)\n  }\n": typeof types.DashboardExampleFragmentDoc,
    "\n  query DashboardClassExamples($id: ID!, $label: Int!, $first: Int!, $layer: ID, $size: Int!) {\n    model(id: $id) {\n      id\n      most: examples(first: $first, filter: { label: [$label] }, orderBy: { field: MEMORIZATION, direction: DESC }) {\n        totalCount nodes { ...DashboardExample }\n      }\n      least: examples(first: $first, filter: { label: [$label] }, orderBy: { field: MEMORIZATION, direction: ASC }) {\n        totalCount nodes { ...DashboardExample }\n      }\n    }\n  }\n": typeof types.DashboardClassExamplesDocument,
    "\n  query DashboardClassNeighbours($layerId: ID!, $label: Int!, $k: Int!) {\n    layer(id: $layerId) {\n      id name\n      klMatrices { subset nearest(label: $label, k: $k) { label kl } farthest(label: $label, k: $k) { label kl } }\n    }\n  }\n": typeof types.DashboardClassNeighboursDocument,
    "\n  query DashboardCompare($ids: [ID!]!, $statistic: ClassStatistic!, $fitRuns: [ID!]) {\n    compareModels(ids: $ids, statistic: $statistic, fitRuns: $fitRuns) {\n      statistic\n      models {\n        id name accuracy layerCount classCount\n        architecture { name family }\n        dataset { name classes(first: 100) { nodes { label name } } }\n        fitRuns(first: 50) { nodes { id status createdAt config } }\n      }\n      depths {\n        relativeDepth\n        entries {\n          model { id }\n          layer { id name index relativeDepth }\n          fitRun { id createdAt config }\n          mean sd delta values groupAgreement cka ckaUnavailable\n          groupSplit { ...DashboardGroupSplit }\n        }\n      }\n    }\n  }\n": typeof types.DashboardCompareDocument,
    "\n  query DashboardRunModels($ids: [ID!]!) {\n    nodes(ids: $ids) { ... on FitRun { id model { id } } }\n  }\n": typeof types.DashboardRunModelsDocument,
    "\n  query DashboardCrossSimilarity($a: ID!, $b: ID!, $measure: SimilarityMeasure!) {\n    crossModelSimilarity(a: $a, b: $b, measure: $measure) {\n      measure exampleCount\n      rows { id name }\n      columns { id name }\n      values\n    }\n  }\n": typeof types.DashboardCrossSimilarityDocument,
    "\n  query DashboardCompareChoices {\n    models(first: 100, orderBy: { field: ARCHITECTURE, direction: ASC }) {\n      totalCount\n      nodes { id name architecture { name } dataset { name } status }\n    }\n  }\n": typeof types.DashboardCompareChoicesDocument,
    "\n  # log(last: 6): the list shows each job's six latest log lines.\n  fragment DashboardJob on FitRun {\n    id status backend error createdAt startedAt finishedAt log(last: 6)\n    progress { phase layer layerIndex layerCount classesDone classCount sweep totalSweeps fraction sweepsPerSecond etaMs message updatedAt }\n    model { id name architecture { name } project { id } }\n    layerJobs { layer status attempts worker host backend error }\n  }\n": typeof types.DashboardJobFragmentDoc,
    "\n  subscription DashboardJobQueued {\n    fitRunQueued { id }\n  }\n": typeof types.DashboardJobQueuedDocument,
    "\n  subscription DashboardJobProgress($id: ID!) {\n    fitRunProgress(id: $id) { ...DashboardJob }\n  }\n": typeof types.DashboardJobProgressDocument,
    "\n  query DashboardJobs($first: Int!, $status: [FitRunStatus!]) {\n    fitRuns(first: $first, filter: { status: $status }, orderBy: { field: CREATED_AT, direction: DESC }) { totalCount nodes { ...DashboardJob } }\n    backend { name requested fellBackFrom adapter { vendor architecture device software } dbEngine }\n  }\n": typeof types.DashboardJobsDocument,
    "\n  mutation DashboardCancelFitRun($id: ID!) {\n    cancelFitRun(input: { fitRunId: $id }) {\n      fitRun { id status }\n      userErrors { field message code }\n    }\n  }\n": typeof types.DashboardCancelFitRunDocument,
    "\n  query DashboardLayer($id: ID!, $run: ID) {\n    layer(id: $id) {\n      id name index relativeDepth dim reducedDim svd { components varianceFraction }\n      fitRun(fitRun: $run) { id status createdAt finishedAt config }\n      model {\n        id name\n        architecture { name }\n        dataset { name classes(first: 100) { nodes { label name } } }\n        latestFitRun { id config }\n        layers(first: 100) { nodes { id name index } }\n        fitRuns(first: 50) { nodes { id status createdAt config } }\n      }\n      groupSplit(fitRun: $run) { ...DashboardGroupSplit }\n    }\n  }\n": typeof types.DashboardLayerDocument,
    "\n  query DashboardLayerClassFits($id: ID!, $after: String, $run: ID) {\n    layer(id: $id) {\n      id\n      classFits(first: 100, after: $after, orderBy: { field: LABEL, direction: ASC }, fitRun: $run) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        nodes {\n          id label n meanLogDensity sdLogDensity relativeEntropy meanDistance group meanClusterCount\n          diagnostics { rHat clusterCountRHat chains sweeps }\n          chainSpread { chains meanLogDensities meanLogDensitySd relativeEntropies relativeEntropySd groupAgreement }\n          heldOutDensity { count inSampleMeanLogDensity heldOutMeanLogDensity gap }\n        }\n      }\n    }\n  }\n": typeof types.DashboardLayerClassFitsDocument,
    "\n  query DashboardLayerBins($id: ID!, $run: ID) {\n    layer(id: $id) {\n      id\n      densityBins(first: 100, fitRun: $run) {\n        totalCount\n        nodes { index count logDensityMean logDensitySd memorizationMean memorizationSd highDensityShare certifiedCount meanRadius sdRadius abstainRate smoothedAccuracy }\n      }\n    }\n  }\n": typeof types.DashboardLayerBinsDocument,
    "\n  query DashboardLayerKL($id: ID!, $subset: String, $run: ID) {\n    layer(id: $id) {\n      id\n      klMatrices(subset: $subset, fitRun: $run) { subset labels matrix { dtype shape data } mean sd }\n    }\n  }\n": typeof types.DashboardLayerKlDocument,
    "\n  query DashboardModelLayerSummaries($id: ID!) {\n    model(id: $id) {\n      id\n      layers(first: 100) {\n        nodes {\n          id name index relativeDepth\n          klMatrices { subset mean sd }\n          generativeClassification { subset f1Mean f1Sd accuracy exampleCount }\n        }\n      }\n    }\n  }\n": typeof types.DashboardModelLayerSummariesDocument,
    "\n  query DashboardClassTraces($id: ID!, $maxPoints: Int!) {\n    classFit(id: $id) {\n      id label\n      diagnostics {\n        rHat clusterCountRHat chains sweeps\n        clusterCounts(maxPoints: $maxPoints) { chain series { totalPoints x y } }\n        logLikelihoods(maxPoints: $maxPoints) { chain series { totalPoints x y } }\n      }\n    }\n  }\n": typeof types.DashboardClassTracesDocument,
    "\n  fragment DashboardGroupSplit on GroupSplit {\n    threshold gap lowCount highCount lowLabels highLabels chains chainGaps chainsAgreeing\n    significance { passes level modesPValue gap { estimate low high } sdRatio { estimate low high } stability intervalLevel }\n  }\n": typeof types.DashboardGroupSplitFragmentDoc,
    "\n  query DashboardModel($id: ID!) {\n    model(id: $id) {\n      id name seed accuracy tags notes createdAt layerCount classCount status\n      project { name }\n      architecture { name family depth }\n      dataset { name classCount classes(first: 100) { nodes { label name } } }\n      latestFitRun { id status backend seed config timings error createdAt startedAt finishedAt progress { fraction phase } }\n      layers(first: 100) { nodes { id name index relativeDepth dim reducedDim svd { components varianceFraction } } }\n      fitRuns(first: 50) { nodes { id status createdAt config } }\n    }\n  }\n": typeof types.DashboardModelDocument,
    "\n  query DashboardModelHeatmap($id: ID!, $statistic: ClassStatistic!, $fitRun: ID) {\n    model(id: $id) {\n      id\n      heatmap(statistic: $statistic, fitRun: $fitRun) {\n        statistic labels\n        rows {\n          layer { id name index relativeDepth }\n          fitRun { id createdAt config }\n          values\n          groupSplit { ...DashboardGroupSplit }\n        }\n      }\n    }\n  }\n": typeof types.DashboardModelHeatmapDocument,
    "\n  query DashboardModelSubsets($id: ID!) {\n    model(id: $id) { id memorizationSubsets { purpose name source exampleCount classCount rule } }\n  }\n": typeof types.DashboardModelSubsetsDocument,
    "\n  query DashboardLayerSimilarity($id: ID!, $fitRun: ID) {\n    model(id: $id) { id layerSimilarity(fitRun: $fitRun) { layers { id name } cka procrustes exampleCount } }\n  }\n": typeof types.DashboardLayerSimilarityDocument,
    "\n  query DashboardModels($first: Int, $after: String, $last: Int, $before: String, $filter: ModelFilter, $orderBy: ModelOrder) {\n    models(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes {\n        id name accuracy tags layerCount classCount status createdAt\n        architecture { name family }\n        dataset { name }\n      }\n    }\n  }\n": typeof types.DashboardModelsDocument,
    "\n  query DashboardModelFacets {\n    architectures(first: 100) { nodes { name family modelCount } }\n    datasets(first: 100) { nodes { name classCount } }\n    tags { name modelCount }\n  }\n": typeof types.DashboardModelFacetsDocument,
    "\n  query DashboardViewer {\n    viewer { kind login role projects { project { id name } role } access { mode description } }\n  }\n": typeof types.DashboardViewerDocument,
};
const documents: Documents = {
    "\n  fragment DashboardExample on Example {\n    index split memorization memorizationSe robustness logDensity(layer: $layer) thumbnail(size: $size)\n  }\n": types.DashboardExampleFragmentDoc,
    "\n  query DashboardClassExamples($id: ID!, $label: Int!, $first: Int!, $layer: ID, $size: Int!) {\n    model(id: $id) {\n      id\n      most: examples(first: $first, filter: { label: [$label] }, orderBy: { field: MEMORIZATION, direction: DESC }) {\n        totalCount nodes { ...DashboardExample }\n      }\n      least: examples(first: $first, filter: { label: [$label] }, orderBy: { field: MEMORIZATION, direction: ASC }) {\n        totalCount nodes { ...DashboardExample }\n      }\n    }\n  }\n": types.DashboardClassExamplesDocument,
    "\n  query DashboardClassNeighbours($layerId: ID!, $label: Int!, $k: Int!) {\n    layer(id: $layerId) {\n      id name\n      klMatrices { subset nearest(label: $label, k: $k) { label kl } farthest(label: $label, k: $k) { label kl } }\n    }\n  }\n": types.DashboardClassNeighboursDocument,
    "\n  query DashboardCompare($ids: [ID!]!, $statistic: ClassStatistic!, $fitRuns: [ID!]) {\n    compareModels(ids: $ids, statistic: $statistic, fitRuns: $fitRuns) {\n      statistic\n      models {\n        id name accuracy layerCount classCount\n        architecture { name family }\n        dataset { name classes(first: 100) { nodes { label name } } }\n        fitRuns(first: 50) { nodes { id status createdAt config } }\n      }\n      depths {\n        relativeDepth\n        entries {\n          model { id }\n          layer { id name index relativeDepth }\n          fitRun { id createdAt config }\n          mean sd delta values groupAgreement cka ckaUnavailable\n          groupSplit { ...DashboardGroupSplit }\n        }\n      }\n    }\n  }\n": types.DashboardCompareDocument,
    "\n  query DashboardRunModels($ids: [ID!]!) {\n    nodes(ids: $ids) { ... on FitRun { id model { id } } }\n  }\n": types.DashboardRunModelsDocument,
    "\n  query DashboardCrossSimilarity($a: ID!, $b: ID!, $measure: SimilarityMeasure!) {\n    crossModelSimilarity(a: $a, b: $b, measure: $measure) {\n      measure exampleCount\n      rows { id name }\n      columns { id name }\n      values\n    }\n  }\n": types.DashboardCrossSimilarityDocument,
    "\n  query DashboardCompareChoices {\n    models(first: 100, orderBy: { field: ARCHITECTURE, direction: ASC }) {\n      totalCount\n      nodes { id name architecture { name } dataset { name } status }\n    }\n  }\n": types.DashboardCompareChoicesDocument,
    "\n  # log(last: 6): the list shows each job's six latest log lines.\n  fragment DashboardJob on FitRun {\n    id status backend error createdAt startedAt finishedAt log(last: 6)\n    progress { phase layer layerIndex layerCount classesDone classCount sweep totalSweeps fraction sweepsPerSecond etaMs message updatedAt }\n    model { id name architecture { name } project { id } }\n    layerJobs { layer status attempts worker host backend error }\n  }\n": types.DashboardJobFragmentDoc,
    "\n  subscription DashboardJobQueued {\n    fitRunQueued { id }\n  }\n": types.DashboardJobQueuedDocument,
    "\n  subscription DashboardJobProgress($id: ID!) {\n    fitRunProgress(id: $id) { ...DashboardJob }\n  }\n": types.DashboardJobProgressDocument,
    "\n  query DashboardJobs($first: Int!, $status: [FitRunStatus!]) {\n    fitRuns(first: $first, filter: { status: $status }, orderBy: { field: CREATED_AT, direction: DESC }) { totalCount nodes { ...DashboardJob } }\n    backend { name requested fellBackFrom adapter { vendor architecture device software } dbEngine }\n  }\n": types.DashboardJobsDocument,
    "\n  mutation DashboardCancelFitRun($id: ID!) {\n    cancelFitRun(input: { fitRunId: $id }) {\n      fitRun { id status }\n      userErrors { field message code }\n    }\n  }\n": types.DashboardCancelFitRunDocument,
    "\n  query DashboardLayer($id: ID!, $run: ID) {\n    layer(id: $id) {\n      id name index relativeDepth dim reducedDim svd { components varianceFraction }\n      fitRun(fitRun: $run) { id status createdAt finishedAt config }\n      model {\n        id name\n        architecture { name }\n        dataset { name classes(first: 100) { nodes { label name } } }\n        latestFitRun { id config }\n        layers(first: 100) { nodes { id name index } }\n        fitRuns(first: 50) { nodes { id status createdAt config } }\n      }\n      groupSplit(fitRun: $run) { ...DashboardGroupSplit }\n    }\n  }\n": types.DashboardLayerDocument,
    "\n  query DashboardLayerClassFits($id: ID!, $after: String, $run: ID) {\n    layer(id: $id) {\n      id\n      classFits(first: 100, after: $after, orderBy: { field: LABEL, direction: ASC }, fitRun: $run) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        nodes {\n          id label n meanLogDensity sdLogDensity relativeEntropy meanDistance group meanClusterCount\n          diagnostics { rHat clusterCountRHat chains sweeps }\n          chainSpread { chains meanLogDensities meanLogDensitySd relativeEntropies relativeEntropySd groupAgreement }\n          heldOutDensity { count inSampleMeanLogDensity heldOutMeanLogDensity gap }\n        }\n      }\n    }\n  }\n": types.DashboardLayerClassFitsDocument,
    "\n  query DashboardLayerBins($id: ID!, $run: ID) {\n    layer(id: $id) {\n      id\n      densityBins(first: 100, fitRun: $run) {\n        totalCount\n        nodes { index count logDensityMean logDensitySd memorizationMean memorizationSd highDensityShare certifiedCount meanRadius sdRadius abstainRate smoothedAccuracy }\n      }\n    }\n  }\n": types.DashboardLayerBinsDocument,
    "\n  query DashboardLayerKL($id: ID!, $subset: String, $run: ID) {\n    layer(id: $id) {\n      id\n      klMatrices(subset: $subset, fitRun: $run) { subset labels matrix { dtype shape data } mean sd }\n    }\n  }\n": types.DashboardLayerKlDocument,
    "\n  query DashboardModelLayerSummaries($id: ID!) {\n    model(id: $id) {\n      id\n      layers(first: 100) {\n        nodes {\n          id name index relativeDepth\n          klMatrices { subset mean sd }\n          generativeClassification { subset f1Mean f1Sd accuracy exampleCount }\n        }\n      }\n    }\n  }\n": types.DashboardModelLayerSummariesDocument,
    "\n  query DashboardClassTraces($id: ID!, $maxPoints: Int!) {\n    classFit(id: $id) {\n      id label\n      diagnostics {\n        rHat clusterCountRHat chains sweeps\n        clusterCounts(maxPoints: $maxPoints) { chain series { totalPoints x y } }\n        logLikelihoods(maxPoints: $maxPoints) { chain series { totalPoints x y } }\n      }\n    }\n  }\n": types.DashboardClassTracesDocument,
    "\n  fragment DashboardGroupSplit on GroupSplit {\n    threshold gap lowCount highCount lowLabels highLabels chains chainGaps chainsAgreeing\n    significance { passes level modesPValue gap { estimate low high } sdRatio { estimate low high } stability intervalLevel }\n  }\n": types.DashboardGroupSplitFragmentDoc,
    "\n  query DashboardModel($id: ID!) {\n    model(id: $id) {\n      id name seed accuracy tags notes createdAt layerCount classCount status\n      project { name }\n      architecture { name family depth }\n      dataset { name classCount classes(first: 100) { nodes { label name } } }\n      latestFitRun { id status backend seed config timings error createdAt startedAt finishedAt progress { fraction phase } }\n      layers(first: 100) { nodes { id name index relativeDepth dim reducedDim svd { components varianceFraction } } }\n      fitRuns(first: 50) { nodes { id status createdAt config } }\n    }\n  }\n": types.DashboardModelDocument,
    "\n  query DashboardModelHeatmap($id: ID!, $statistic: ClassStatistic!, $fitRun: ID) {\n    model(id: $id) {\n      id\n      heatmap(statistic: $statistic, fitRun: $fitRun) {\n        statistic labels\n        rows {\n          layer { id name index relativeDepth }\n          fitRun { id createdAt config }\n          values\n          groupSplit { ...DashboardGroupSplit }\n        }\n      }\n    }\n  }\n": types.DashboardModelHeatmapDocument,
    "\n  query DashboardModelSubsets($id: ID!) {\n    model(id: $id) { id memorizationSubsets { purpose name source exampleCount classCount rule } }\n  }\n": types.DashboardModelSubsetsDocument,
    "\n  query DashboardLayerSimilarity($id: ID!, $fitRun: ID) {\n    model(id: $id) { id layerSimilarity(fitRun: $fitRun) { layers { id name } cka procrustes exampleCount } }\n  }\n": types.DashboardLayerSimilarityDocument,
    "\n  query DashboardModels($first: Int, $after: String, $last: Int, $before: String, $filter: ModelFilter, $orderBy: ModelOrder) {\n    models(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes {\n        id name accuracy tags layerCount classCount status createdAt\n        architecture { name family }\n        dataset { name }\n      }\n    }\n  }\n": types.DashboardModelsDocument,
    "\n  query DashboardModelFacets {\n    architectures(first: 100) { nodes { name family modelCount } }\n    datasets(first: 100) { nodes { name classCount } }\n    tags { name modelCount }\n  }\n": types.DashboardModelFacetsDocument,
    "\n  query DashboardViewer {\n    viewer { kind login role projects { project { id name } role } access { mode description } }\n  }\n": types.DashboardViewerDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DashboardExample on Example {\n    index split memorization memorizationSe robustness logDensity(layer: $layer) thumbnail(size: $size)\n  }\n"): typeof import('./graphql').DashboardExampleFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardClassExamples($id: ID!, $label: Int!, $first: Int!, $layer: ID, $size: Int!) {\n    model(id: $id) {\n      id\n      most: examples(first: $first, filter: { label: [$label] }, orderBy: { field: MEMORIZATION, direction: DESC }) {\n        totalCount nodes { ...DashboardExample }\n      }\n      least: examples(first: $first, filter: { label: [$label] }, orderBy: { field: MEMORIZATION, direction: ASC }) {\n        totalCount nodes { ...DashboardExample }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardClassExamplesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardClassNeighbours($layerId: ID!, $label: Int!, $k: Int!) {\n    layer(id: $layerId) {\n      id name\n      klMatrices { subset nearest(label: $label, k: $k) { label kl } farthest(label: $label, k: $k) { label kl } }\n    }\n  }\n"): typeof import('./graphql').DashboardClassNeighboursDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardCompare($ids: [ID!]!, $statistic: ClassStatistic!, $fitRuns: [ID!]) {\n    compareModels(ids: $ids, statistic: $statistic, fitRuns: $fitRuns) {\n      statistic\n      models {\n        id name accuracy layerCount classCount\n        architecture { name family }\n        dataset { name classes(first: 100) { nodes { label name } } }\n        fitRuns(first: 50) { nodes { id status createdAt config } }\n      }\n      depths {\n        relativeDepth\n        entries {\n          model { id }\n          layer { id name index relativeDepth }\n          fitRun { id createdAt config }\n          mean sd delta values groupAgreement cka ckaUnavailable\n          groupSplit { ...DashboardGroupSplit }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardCompareDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardRunModels($ids: [ID!]!) {\n    nodes(ids: $ids) { ... on FitRun { id model { id } } }\n  }\n"): typeof import('./graphql').DashboardRunModelsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardCrossSimilarity($a: ID!, $b: ID!, $measure: SimilarityMeasure!) {\n    crossModelSimilarity(a: $a, b: $b, measure: $measure) {\n      measure exampleCount\n      rows { id name }\n      columns { id name }\n      values\n    }\n  }\n"): typeof import('./graphql').DashboardCrossSimilarityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardCompareChoices {\n    models(first: 100, orderBy: { field: ARCHITECTURE, direction: ASC }) {\n      totalCount\n      nodes { id name architecture { name } dataset { name } status }\n    }\n  }\n"): typeof import('./graphql').DashboardCompareChoicesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  # log(last: 6): the list shows each job's six latest log lines.\n  fragment DashboardJob on FitRun {\n    id status backend error createdAt startedAt finishedAt log(last: 6)\n    progress { phase layer layerIndex layerCount classesDone classCount sweep totalSweeps fraction sweepsPerSecond etaMs message updatedAt }\n    model { id name architecture { name } project { id } }\n    layerJobs { layer status attempts worker host backend error }\n  }\n"): typeof import('./graphql').DashboardJobFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardJobQueued {\n    fitRunQueued { id }\n  }\n"): typeof import('./graphql').DashboardJobQueuedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardJobProgress($id: ID!) {\n    fitRunProgress(id: $id) { ...DashboardJob }\n  }\n"): typeof import('./graphql').DashboardJobProgressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardJobs($first: Int!, $status: [FitRunStatus!]) {\n    fitRuns(first: $first, filter: { status: $status }, orderBy: { field: CREATED_AT, direction: DESC }) { totalCount nodes { ...DashboardJob } }\n    backend { name requested fellBackFrom adapter { vendor architecture device software } dbEngine }\n  }\n"): typeof import('./graphql').DashboardJobsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardCancelFitRun($id: ID!) {\n    cancelFitRun(input: { fitRunId: $id }) {\n      fitRun { id status }\n      userErrors { field message code }\n    }\n  }\n"): typeof import('./graphql').DashboardCancelFitRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardLayer($id: ID!, $run: ID) {\n    layer(id: $id) {\n      id name index relativeDepth dim reducedDim svd { components varianceFraction }\n      fitRun(fitRun: $run) { id status createdAt finishedAt config }\n      model {\n        id name\n        architecture { name }\n        dataset { name classes(first: 100) { nodes { label name } } }\n        latestFitRun { id config }\n        layers(first: 100) { nodes { id name index } }\n        fitRuns(first: 50) { nodes { id status createdAt config } }\n      }\n      groupSplit(fitRun: $run) { ...DashboardGroupSplit }\n    }\n  }\n"): typeof import('./graphql').DashboardLayerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardLayerClassFits($id: ID!, $after: String, $run: ID) {\n    layer(id: $id) {\n      id\n      classFits(first: 100, after: $after, orderBy: { field: LABEL, direction: ASC }, fitRun: $run) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        nodes {\n          id label n meanLogDensity sdLogDensity relativeEntropy meanDistance group meanClusterCount\n          diagnostics { rHat clusterCountRHat chains sweeps }\n          chainSpread { chains meanLogDensities meanLogDensitySd relativeEntropies relativeEntropySd groupAgreement }\n          heldOutDensity { count inSampleMeanLogDensity heldOutMeanLogDensity gap }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardLayerClassFitsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardLayerBins($id: ID!, $run: ID) {\n    layer(id: $id) {\n      id\n      densityBins(first: 100, fitRun: $run) {\n        totalCount\n        nodes { index count logDensityMean logDensitySd memorizationMean memorizationSd highDensityShare certifiedCount meanRadius sdRadius abstainRate smoothedAccuracy }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardLayerBinsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardLayerKL($id: ID!, $subset: String, $run: ID) {\n    layer(id: $id) {\n      id\n      klMatrices(subset: $subset, fitRun: $run) { subset labels matrix { dtype shape data } mean sd }\n    }\n  }\n"): typeof import('./graphql').DashboardLayerKlDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardModelLayerSummaries($id: ID!) {\n    model(id: $id) {\n      id\n      layers(first: 100) {\n        nodes {\n          id name index relativeDepth\n          klMatrices { subset mean sd }\n          generativeClassification { subset f1Mean f1Sd accuracy exampleCount }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardModelLayerSummariesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardClassTraces($id: ID!, $maxPoints: Int!) {\n    classFit(id: $id) {\n      id label\n      diagnostics {\n        rHat clusterCountRHat chains sweeps\n        clusterCounts(maxPoints: $maxPoints) { chain series { totalPoints x y } }\n        logLikelihoods(maxPoints: $maxPoints) { chain series { totalPoints x y } }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardClassTracesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DashboardGroupSplit on GroupSplit {\n    threshold gap lowCount highCount lowLabels highLabels chains chainGaps chainsAgreeing\n    significance { passes level modesPValue gap { estimate low high } sdRatio { estimate low high } stability intervalLevel }\n  }\n"): typeof import('./graphql').DashboardGroupSplitFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardModel($id: ID!) {\n    model(id: $id) {\n      id name seed accuracy tags notes createdAt layerCount classCount status\n      project { name }\n      architecture { name family depth }\n      dataset { name classCount classes(first: 100) { nodes { label name } } }\n      latestFitRun { id status backend seed config timings error createdAt startedAt finishedAt progress { fraction phase } }\n      layers(first: 100) { nodes { id name index relativeDepth dim reducedDim svd { components varianceFraction } } }\n      fitRuns(first: 50) { nodes { id status createdAt config } }\n    }\n  }\n"): typeof import('./graphql').DashboardModelDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardModelHeatmap($id: ID!, $statistic: ClassStatistic!, $fitRun: ID) {\n    model(id: $id) {\n      id\n      heatmap(statistic: $statistic, fitRun: $fitRun) {\n        statistic labels\n        rows {\n          layer { id name index relativeDepth }\n          fitRun { id createdAt config }\n          values\n          groupSplit { ...DashboardGroupSplit }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardModelHeatmapDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardModelSubsets($id: ID!) {\n    model(id: $id) { id memorizationSubsets { purpose name source exampleCount classCount rule } }\n  }\n"): typeof import('./graphql').DashboardModelSubsetsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardLayerSimilarity($id: ID!, $fitRun: ID) {\n    model(id: $id) { id layerSimilarity(fitRun: $fitRun) { layers { id name } cka procrustes exampleCount } }\n  }\n"): typeof import('./graphql').DashboardLayerSimilarityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardModels($first: Int, $after: String, $last: Int, $before: String, $filter: ModelFilter, $orderBy: ModelOrder) {\n    models(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes {\n        id name accuracy tags layerCount classCount status createdAt\n        architecture { name family }\n        dataset { name }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardModelsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardModelFacets {\n    architectures(first: 100) { nodes { name family modelCount } }\n    datasets(first: 100) { nodes { name classCount } }\n    tags { name modelCount }\n  }\n"): typeof import('./graphql').DashboardModelFacetsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardViewer {\n    viewer { kind login role projects { project { id name } role } access { mode description } }\n  }\n"): typeof import('./graphql').DashboardViewerDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
