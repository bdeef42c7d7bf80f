/**
 * `npm run demo`: real networks on real data, analysed for real. Trains the
 * demo networks on Fashion-MNIST, estimates memorization, imports their stage
 * activations and analyses every stage — reusing whatever an earlier run
 * stored under $CLASSFIT_HOME, so a second run only starts the servers.
 */
import { demoConfig, type DemoConfig, loadDataset } from '@classfit/core/models';
import type { AppContext } from '../../context/app-context.ts';
import type { AnalysisOptionsInput } from '../../services/analysis-options.ts';
import type { AnalysisSummary } from '../../services/analyze-model.ts';
import { certifyDemoModels, DEMO_CERTIFICATION, type DemoCertification, trainDemoBaseNetwork } from './certify-demo.ts';
import { demoModelName, demoPaths } from './demo-paths.ts';
import type { DemoReporter } from './demo-reporter.ts';
import { analyzeDemoModel, DemoInterrupted, importDemoModel } from './import-and-analyze.ts';
import { estimateDemoMemorization, extractDemoLayouts, trainDemoNetworks } from './prepare-networks.ts';

/**
 * Analysis settings of the demo. Paper parity is 400 sweeps (burn-in 320, thin 4); the demo runs
 * 200 sweeps (burn-in 100, thin 5: still 20 traces per chain) and 100-sweep subset fits to keep the first
 * run within ~15 minutes on 2 cores. `classfit analyze --model <name>` gives the paper's settings.
 * Two chains (the analysis default), so every figure has its between-chain spread and R-hat: measured on
 * ResNet-18's 16 fits under the same load, 121 s of sampler time with one chain, 226 s with two (× 1.86).
 */
export const DEMO_ANALYSIS: AnalysisOptionsInput = Object.freeze({ iterations: 200, burnIn: 100, thin: 5, subsetIterations: 100, chains: 2, seed: 0 });

/** Everything a demo run is parameterised by; `npm run demo` uses {@link DEFAULT_DEMO_PLAN}. */
export interface DemoPlan {
  readonly config: DemoConfig;
  readonly analysis: AnalysisOptionsInput;
  readonly certification: DemoCertification;
}

export const DEFAULT_DEMO_PLAN: DemoPlan = Object.freeze({ config: demoConfig, analysis: DEMO_ANALYSIS, certification: DEMO_CERTIFICATION });

export interface DemoResult {
  readonly models: string[];
  readonly summaries: Record<string, AnalysisSummary | null>;
}

/** Prepares every demo model (idempotent); returns their names. */
export async function runDemo(ctx: AppContext, report: DemoReporter, plan: DemoPlan = DEFAULT_DEMO_PLAN, signal?: AbortSignal): Promise<DemoResult> {
  const checkpoint = () => {
    if (signal?.aborted) throw new DemoInterrupted('stopped between steps; what was stored is reused on the next run');
  };
  const { config } = plan;
  const paths = demoPaths(ctx.home);
  const names = config.architectures.map((arch) => demoModelName(arch, config.width));
  report.step(`Fashion-MNIST: ${config.trainSize} training and ${config.testSize} held-out images (seed ${config.seed})`);
  const data = await loadDataset(config.dataset, { trainSize: config.trainSize, testSize: config.testSize, seed: config.seed });

  report.step(`Networks: ${config.architectures.join(', ')} (width ${config.width}, ${config.epochs} epochs)`);
  await trainDemoNetworks(config, data, paths, report);
  checkpoint();

  report.step('Memorization scores (Feldman–Zhang subsampling estimator)');
  await estimateDemoMemorization(config, data, paths, report);
  checkpoint();

  report.step('Stage activations (global-average-pooled, post-ReLU) → import');
  await extractDemoLayouts(config, data, paths, report);
  for (const arch of config.architectures) await importDemoModel(ctx, arch, config, paths, report);
  checkpoint();

  report.step(`Analysis of all four stages: SVD, DP-GMM per class, densities, groups, entropies, KL, generative classification`);
  const summaries: Record<string, AnalysisSummary | null> = {};
  for (const arch of config.architectures) {
    summaries[demoModelName(arch, config.width)] = await analyzeDemoModel(ctx, arch, config, plan.analysis, report, signal);
    checkpoint();
  }

  const c = plan.certification;
  report.step(`Certified robustness: ${c.perBin} examples per density bin, randomized smoothing (σ = ${c.sigma}, n0 = ${c.n0}, n = ${c.n})`);
  const baseNetwork = await trainDemoBaseNetwork(config, data, paths, report, c);
  await certifyDemoModels(ctx, config, baseNetwork, report, c);
  return { models: names, summaries };
}
