/** Own-class log-densities of every example (METHOD D), per-class mean/sd, and optionally every example classified. */
import { classLogDensityStats } from '@classfit/core/analysis';
import { classify, scoreOwnClass } from '@classfit/core/density';
import { upsertClassFits, upsertExampleScores } from '@classfit/db';
import { gatherRows } from '../class-data.ts';
import { need } from './layer-draft.ts';
import type { LayerStep } from './step.ts';

export const ownDensitiesStep: LayerStep = {
  name: 'own-densities', title: 'own-class log-densities per example and class', level: 'layer', reads: ['model'], needs: ['fit'],
  options: ['classifyAll'], tables: ['example_scores', 'class_fits'], artifacts: [], phase: 'score',
  enabled: () => true,
  async run({ input, data, options, progress }, draft) {
    progress('score');
    const model = need(draft.model, 'the main fit', 'fit');
    const n = data.labels.length;
    const fitted = new Set(model.classes.map((c) => c.label));
    const scored = Int32Array.from({ length: n }, (_, i) => i).filter((i) => fitted.has(data.labels[i]));
    const ownLabels = Array.from(scored, (i) => data.labels[i]);
    const scoredPoints = gatherRows(input.z, input.k, scored);
    const own = await scoreOwnClass(model, scoredPoints, scored.length, 'reduced', ownLabels);
    const ownLogDensity = new Float64Array(n).fill(Number.NaN);
    scored.forEach((row, i) => (ownLogDensity[row] = own[i]));
    Object.assign(draft, {
      scored, ownLabels, scoredPoints, own, ownLogDensity,
      predicted: options.classifyAll ? await classify(model, input.z, n, 'reduced') : null,
      stats: classLogDensityStats(own, ownLabels),
    });
  },
  async store({ tx, runId, exampleIds }, r) {
    const layerId = r.input.layer.id;
    await upsertClassFits(tx, r.classFits.map((c) => ({ runId, layerId, ...c, predictiveArtifact: r.predictiveArtifact })));
    const scores = [];
    for (let i = 0; i < r.ownLogDensity.length; i++) {
      if (Number.isNaN(r.ownLogDensity[i])) continue;
      scores.push({ runId, layerId, exampleId: exampleIds[i], ownLogDensity: r.ownLogDensity[i], predictedClass: r.predicted ? r.predicted[i] : null });
    }
    await upsertExampleScores(tx, scores);
  },
};
