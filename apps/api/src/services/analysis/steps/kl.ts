/** Between-class KL divergences per memorization subset, each from its own fit (METHOD F); one RNG stream per subset. */
import { betweenClassKl, positiveKlSummary } from '@classfit/core/analysis';
import { createRng } from '@classfit/core/rng';
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
    for (const [s, name] of options.klSubsets.entries()) {
      const positions = data.kl.get(name);
      if (!positions || options.klSamples === 0) continue;
      const classes = classDataFrom(z, k, data.labels, positions, data.classNames);
      if (classes.length < 2) continue;
      progress(`kl:${name}`);
      const start = options.refitStart === 'main' ? startsFromMain(need(draft.main, 'the main fit', 'fit'), data.labels, positions, options.chains) : undefined;
      const fit = await fits.run(`${layer.name}/kl-${name}`, classes, fitOptions(options, FIT_SEED_OFFSET.kl[name], options.subsetIterations ?? options.iterations), undefined, start);
      const rng = createRng(options.seed, layerStream + PURPOSE_STREAM.kl * 10_000 + s);
      const result = await betweenClassKl(fit.predictive, { rng, samplesPerClass: options.klSamples });
      const C = result.classes;
      const summary = positiveKlSummary(result.matrix);
      kl.push({
        subset: name, labels: fit.predictive.classes.map((c) => c.label),
        matrix: Array.from({ length: C }, (_, i) => Array.from(result.matrix.subarray(i * C, (i + 1) * C))),
        mean: summary.mean, sd: summary.sd,
      });
    }
    draft.kl = kl;
  },
  async store({ tx, runId }, r) {
    await upsertKlMatrices(tx, r.kl.map((k) => ({ runId, layerId: r.input.layer.id, subset: k.subset, labels: k.labels, matrix: k.matrix, mean: k.mean, sd: k.sd })));
  },
};
