/** Between-class KL divergences per memorization subset, each from its own fit (METHOD F); one RNG stream per subset. */
import { betweenClassKl, positiveKlSummary } from '@classfit/core/analysis';
import type { PredictiveModel } from '@classfit/core/density';
import { createRng, type Rng } from '@classfit/core/rng';
import { upsertKlMatrices } from '@classfit/db';
import { classDataFrom } from '../class-data.ts';
import { FIT_SEED_OFFSET, fitOptions, PURPOSE_STREAM } from './fit-options.ts';
import { need, type LayerResults } from './layer-draft.ts';
import { startsFromMain } from '../warm-start.ts';
import type { LayerStep } from './step.ts';

export const klStep: LayerStep = {
  name: 'kl', title: 'between-class KL per memorization subset', level: 'layer', runsFits: true, needs: ['fit'],
  options: ['klSubsets', 'klSamples', 'subsetIterations', 'refitStart', 'iterations', 'burnIn', 'thin', 'chains', 'seed'], tables: ['kl_matrices'], artifacts: ['predictive (per subset fit)'], phase: 'kl:<subset>',
  enabled: (o) => o.klSubsets.length > 0 && o.klSamples > 0,
  async run({ input, data, options, fits, progress, layerStream }, draft) {
    const { z, k, layer } = input;
    const kl: LayerResults['kl'] = [];
    // A subset's Monte-Carlo KL (main thread) runs while the next subset's fit samples on the workers; that fit keeps
    // no traces until the scoring is done, so one subset model at a time is in memory. Each subset has its own RNG
    // stream, so the overlap changes no result.
    let scoring: Promise<void> = Promise.resolve();
    const afterScoring = fits.holdingResults(() => scoring);
    for (const [s, name] of options.klSubsets.entries()) {
      const positions = data.kl.get(name);
      if (!positions || options.klSamples === 0) continue;
      const classes = classDataFrom(z, k, data.labels, positions, data.classNames);
      if (classes.length < 2) continue;
      progress(`kl:${name}`);
      const start = options.refitStart === 'main' ? startsFromMain(need(draft.main, 'the main fit', 'fit'), data.labels, positions, options.chains) : undefined;
      const fit = await afterScoring.run(`${layer.name}/kl-${name}`, classes, fitOptions(options, FIT_SEED_OFFSET.kl[name], options.subsetIterations ?? options.iterations), undefined, start);
      await scoring;
      scoring = subsetKl(fit.predictive, name, createRng(options.seed, layerStream + PURPOSE_STREAM.kl * 10_000 + s), options.klSamples).then((r) => void kl.push(r));
      scoring.catch(() => {}); // awaited below or by the next fit's hold; a failure must not go unhandled until then
    }
    await scoring;
    draft.kl = kl;
  },
  async store({ tx, runId }, r) {
    await upsertKlMatrices(tx, r.kl.map((k) => ({ runId, layerId: r.input.layer.id, subset: k.subset, labels: k.labels, matrix: k.matrix, mean: k.mean, sd: k.sd })));
  },
};

/** One subset's between-class KL matrix and its Fig. 4 summary. */
async function subsetKl(predictive: PredictiveModel, subset: LayerResults['kl'][number]['subset'], rng: Rng, samplesPerClass: number): Promise<LayerResults['kl'][number]> {
  const result = await betweenClassKl(predictive, { rng, samplesPerClass });
  const C = result.classes;
  const summary = positiveKlSummary(result.matrix);
  return {
    subset, labels: predictive.classes.map((c) => c.label),
    matrix: Array.from({ length: C }, (_, i) => Array.from(result.matrix.subarray(i * C, (i + 1) * C))),
    mean: summary.mean, sd: summary.sd,
  };
}
