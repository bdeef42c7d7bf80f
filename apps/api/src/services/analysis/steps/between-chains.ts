/** Every class's figures per chain and their spread, and how far the chains agree on the groups (chain-figures.ts). */
import { layerChainFigures } from '../chain-figures.ts';
import { need } from './layer-draft.ts';
import type { LayerStep } from './step.ts';

export const betweenChainsStep: LayerStep = {
  name: 'between-chains', title: 'between-chain spread of class figures and groups', level: 'layer', reads: ['model'], needs: ['own-densities', 'groups', 'relative-entropy'],
  options: ['chains'], tables: ['class_fits.chain_*', 'group_splits.chain_*'], artifacts: [], phase: 'chains',
  enabled: () => true,
  async run({ options, progress }, draft) {
    progress('chains');
    const scored = need(draft.scored, 'scored rows', 'own-densities');
    draft.chains = await layerChainFigures(need(draft.model, 'the main fit', 'fit'), options.chains, draft.scoredPoints!, scored.length, draft.ownLabels!, {
      stats: draft.stats!, split: need(draft.split, 'the split', 'groups'),
      entropyPerTrace: new Map([...need(draft.entropies, 'entropies', 'relative-entropy')].map(([label, e]) => [label, e.perTrace])),
    });
  },
};
