/** The sampler flags `classfit fit` and `classfit analyze` share; their ranges and defaults come from the options schema. */
import type { SchemaFlag } from './schema-flags.ts';

/** `--iterations`, `--burn-in`, `--thin`, `--seed`, `--chains`. */
export const SAMPLER_FLAGS: readonly SchemaFlag[] = [
  { flag: 'iterations', field: 'iterations', help: 'sweeps per chain' },
  { flag: 'burn-in', field: 'burnIn', help: 'first kept sweep', defaultText: '80% of --iterations, at most 320' },
  { flag: 'thin', field: 'thin', help: 'keep every N-th sweep from the burn-in on' },
  { flag: 'seed', field: 'seed', help: 'random seed' },
  { flag: 'chains', field: 'chains', help: 'independent chains per class (R-hat and the between-chain spread need ≥ 2)' },
];
