/**
 * Held-out densities (docs/method.md "Held-out densities"): per class, the mean log-density of the genclass refit's
 * training points and of the held-out examples, both under the class's refit density. The main fit saw every
 * example, so it cannot score any of them as held out; the refit never saw the held-out ones.
 */
import { heldOutDensities } from '@classfit/core/analysis';
import { gatherRows } from '../class-data.ts';
import { need } from './layer-draft.ts';
import type { LayerStep } from './step.ts';

export const heldOutDensitiesStep: LayerStep = {
  name: 'held-out-densities', title: 'in-sample vs held-out mean log-density per class (genclass refit)', level: 'layer', reads: ['refit'], needs: ['genclass'],
  options: ['genclassSubsets'], tables: ['class_fits.held_out_*'], artifacts: [], phase: 'held-out',
  enabled: (o) => o.genclassSubsets.length > 0,
  async run({ input, data, progress }, draft) {
    const refit = need(draft.refit, 'the genclass refit', 'genclass');
    draft.heldOut = new Map();
    if (!refit) return;
    progress('held-out');
    const known = new Set(refit.predictive.classes.map((c) => c.label));
    const set = (rows: Int32Array) => {
      const kept = rows.filter((p) => known.has(data.labels[p]));
      return { points: gatherRows(input.z, input.k, kept), labels: Array.from(kept, (p) => data.labels[p]) };
    };
    const result = await heldOutDensities(refit.predictive, set(refit.train), set(refit.heldOut), 'reduced');
    draft.heldOut = new Map(result.filter((r) => r.heldOutCount > 0).map((r) => [r.label, r]));
  },
};
