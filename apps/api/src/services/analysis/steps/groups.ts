/** The largest-gap split of the classes' mean log-densities into a low and a high group (METHOD E). */
import { largestGapSplit } from '@classfit/core/analysis';
import { upsertGroupSplits } from '@classfit/db';
import { need } from './layer-draft.ts';
import type { LayerStep } from './step.ts';

export const groupsStep: LayerStep = {
  name: 'groups', title: 'largest-gap groups (low / high density classes)', level: 'layer', needs: ['own-densities'],
  options: [], tables: ['group_splits', 'class_fits.group'], artifacts: [], phase: null,
  enabled: () => true,
  async run(_ctx, draft) {
    const stats = need(draft.stats, 'class log-density stats', 'own-densities');
    draft.split = stats.length >= 2 ? largestGapSplit(stats.map((s) => s.mean), stats.map((s) => s.label)) : null;
    draft.high = new Set(draft.split?.highClasses ?? []);
  },
  async store({ tx, runId }, r) {
    if (r.split) await upsertGroupSplits(tx, [{ runId, layerId: r.input.layer.id, ...r.split }]);
  },
};
