/** Relative entropy of every class's density (METHOD K), Monte-Carlo per trace; one RNG stream per class. */
import { relativeEntropy, type MonteCarloEstimate } from '@classfit/core/analysis';
import { createRng } from '@classfit/core/rng';
import { PURPOSE_STREAM } from './fit-options.ts';
import { need } from './layer-draft.ts';
import type { LayerStep } from './step.ts';

export const relativeEntropyStep: LayerStep = {
  name: 'relative-entropy', title: 'relative entropy per class', level: 'layer', reads: ['model'], needs: ['fit'],
  options: ['entropySamples', 'seed'], tables: ['class_fits.relative_entropy'], artifacts: [], phase: 'entropy',
  enabled: (o) => o.entropySamples > 0,
  async run({ options, progress, layerStream }, draft) {
    progress('entropy');
    const model = need(draft.model, 'the main fit', 'fit');
    const entropies = new Map<number, MonteCarloEstimate>();
    if (options.entropySamples > 0) {
      for (const [ci, mixture] of model.classes.entries()) {
        const rng = createRng(options.seed, layerStream + PURPOSE_STREAM.entropy * 10_000 + ci);
        entropies.set(mixture.label, await relativeEntropy(model, ci, { rng, samplesPerTrace: options.entropySamples }));
      }
    }
    draft.entropies = entropies;
  },
};
