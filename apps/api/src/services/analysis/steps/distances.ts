/** Mean intra-class distance of every fitted class's reduced points (METHOD H). */
import { meanIntraClassDistance } from '@classfit/core/analysis';
import { gatherRows } from '../class-data.ts';
import { need } from './layer-draft.ts';
import type { LayerStep } from './step.ts';

export const distancesStep: LayerStep = {
  name: 'distances', title: 'mean intra-class distance', level: 'layer', reads: ['model'], needs: ['own-densities'],
  options: [], tables: ['class_fits.mean_distance'], artifacts: [], phase: null,
  enabled: () => true,
  async run({ input, data }, draft) {
    const scored = need(draft.scored, 'scored rows', 'own-densities');
    draft.distances = new Map(need(draft.model, 'the main fit', 'fit').classes.map((mixture) => {
      const rows = scored.filter((i) => data.labels[i] === mixture.label);
      const distance = meanIntraClassDistance(gatherRows(input.z, input.k, rows), rows.length, input.k);
      return [mixture.label, Number.isFinite(distance) ? distance : null];
    }));
  },
};
