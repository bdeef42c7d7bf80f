/** The main fit of a layer: one DP-GMM per class on the reduced points (METHOD B), resumable. */
import { setLayerReduction, upsertLayerFit } from '@classfit/db';
import { classDataFrom } from '../class-data.ts';
import { FIT_SEED_OFFSET, fitOptions } from './fit-options.ts';
import type { LayerStep } from './step.ts';

export const fitStep: LayerStep = {
  name: 'fit', title: 'per-class DP-GMM fit (main)', level: 'layer', makes: ['model'], runsFits: true, needs: [],
  options: ['iterations', 'burnIn', 'thin', 'chains', 'seed', 'checkpointEverySweeps'],
  tables: ['layer_fits', 'layers.reduced_dim'], artifacts: ['predictive (per layer)', 'projection (.npy)'], phase: 'fit',
  enabled: () => true,
  async run({ input, data, options, fits, progress }, draft) {
    progress('fit');
    const all = Int32Array.from({ length: data.labels.length }, (_, i) => i);
    const projection = { components: input.components, outputDim: input.k, inputDim: input.dim };
    const { predictive, ...main } = await fits.run(`${input.layer.name}/main`, classDataFrom(input.z, input.k, data.labels, all, data.classNames), fitOptions(options, FIT_SEED_OFFSET.main), projection);
    draft.main = main;
    draft.model = { ...predictive, projection: undefined };
  },
  async store({ tx, runId }, r) {
    const layerId = r.input.layer.id;
    await setLayerReduction(tx, layerId, { reducedDim: r.input.k, svdSummary: r.input.svdSummary, projectionArtifact: r.projectionArtifact });
    await upsertLayerFit(tx, { runId, layerId, reducedDim: r.input.k, classCount: r.classCount, predictiveArtifact: r.predictiveArtifact, timings: { fitMs: r.fitMs } });
  },
};
