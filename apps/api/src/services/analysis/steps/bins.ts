/** Density bins: examples sorted by own-class log-density in `bins` equal bins, with memorization and high-group share (METHOD H.3). */
import { densityBins } from '@classfit/core/analysis';
import { upsertDensityBins } from '@classfit/db';
import { need } from './layer-draft.ts';
import type { LayerStep } from './step.ts';

export const binsStep: LayerStep = {
  name: 'bins', title: 'density bins (memorization and group share per bin)', level: 'layer', needs: ['own-densities', 'groups'],
  options: ['bins'], tables: ['density_bins'], artifacts: [], phase: 'bins',
  enabled: () => true,
  async run({ data, options, progress }, draft) {
    progress('bins');
    const scored = need(draft.scored, 'scored rows', 'own-densities');
    const split = need(draft.split, 'the split', 'groups');
    const high = draft.high!;
    const binSize = Math.max(1, Math.ceil(scored.length / options.bins));
    draft.bins = densityBins(draft.own!, {
      binSize,
      ...(data.memorization ? { scores: { memorization: Array.from(scored, (i) => data.memorization![i]) } } : {}),
      ...(split ? { highDensity: Array.from(scored, (i) => high.has(data.labels[i])) } : {}),
    }).map((b) => ({
      bin: b.index,
      stats: {
        count: b.count, logDensityMean: b.logDensity.mean, logDensitySd: b.logDensity.sd,
        memorizationMean: b.scores.memorization?.mean ?? null, memorizationSd: b.scores.memorization?.sd ?? null, highDensityFraction: b.highDensityShare,
      },
    }));
  },
  async store({ tx, runId }, r) {
    await upsertDensityBins(tx, r.bins.map((b) => ({ runId, layerId: r.input.layer.id, ...b })));
  },
};
