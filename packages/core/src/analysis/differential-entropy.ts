import type { PredictiveModel } from '../density/index.ts';
import { traceMonteCarlo, type MonteCarloEstimate, type MonteCarloOptions } from './trace-monte-carlo.ts';

/**
 * Differential entropy of one class (METHOD.md E, variant):
 * Ĥ = −(1/T) Σ_t (1/m) Σ_s log p_t(x_ts), x_ts ~ p_t. Shifts by Σ_j ln|a_j|
 * under x_j → a_j x_j + c_j.
 * @param classIndex the class, in model order
 */
export function differentialEntropy(model: PredictiveModel, classIndex: number, options: MonteCarloOptions): Promise<MonteCarloEstimate> {
  return traceMonteCarlo(model, classIndex, (_x, logp) => logp.map((v) => -v), options);
}
