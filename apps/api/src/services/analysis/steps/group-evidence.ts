/** Evidence for the split: modes test, bootstrap intervals, stability (split-evidence.ts); its own RNG stream. */
import { createRng } from '@classfit/core/rng';
import { splitEvidence } from '../split-evidence.ts';
import { PURPOSE_STREAM } from './fit-options.ts';
import { need } from './layer-draft.ts';
import type { LayerStep } from './step.ts';

export const groupEvidenceStep: LayerStep = {
  name: 'group-evidence', title: 'evidence for two groups (modes test, bootstrap)', level: 'layer', needs: ['own-densities', 'groups'],
  options: ['seed'], tables: ['group_splits.modes_*'], artifacts: [], phase: null,
  enabled: () => true,
  async run({ options, layerStream }, draft) {
    const split = need(draft.split, 'the split', 'groups');
    draft.evidence = split ? splitEvidence(draft.own!, draft.ownLabels!, createRng(options.seed, layerStream + PURPOSE_STREAM.split * 10_000)) : null;
  },
};
