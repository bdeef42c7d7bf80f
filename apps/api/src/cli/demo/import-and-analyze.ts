/**
 * Demo step 2: import each network's layout (once) and analyse all four
 * stages through the same services and job runner as `classfit analyze`.
 */
import { getModelByName } from '@classfit/db';
import type { ArchitectureName, DemoConfig } from '@classfit/core/models';
import type { AppContext } from '../../context/app-context.ts';
import { createJobRunner } from '../../jobs/job-runner.ts';
import { defaultTasks } from '../../jobs/tasks/index.ts';
import type { AnalysisOptionsInput } from '../../services/analysis-options.ts';
import { type AnalysisSummary, requestAnalysis } from '../../services/analyze-model.ts';
import { importModel } from '../../services/import-model.ts';
import { demoModelName, type DemoPaths } from './demo-paths.ts';
import type { DemoReporter } from './demo-reporter.ts';
import { fitStepBars } from '../../services/analysis/fit-step-bars.ts';
import { demoArchitectureName, savedAccuracy } from './prepare-networks.ts';

/** Imports the demo network of `arch` unless a model of that name exists. */
export async function importDemoModel(ctx: AppContext, arch: ArchitectureName, config: DemoConfig, paths: DemoPaths, report: DemoReporter): Promise<void> {
  const name = demoModelName(arch, config.width);
  if (await getModelByName(ctx.db, name)) return report.note(`${name}: already imported`);
  const result = await importModel(ctx, {
    name,
    project: 'demo',
    architecture: demoArchitectureName(arch),
    dataset: config.dataset,
    seed: config.seed,
    accuracy: await savedAccuracy(paths.network(arch)),
    tags: ['demo', arch === 'plain' ? 'control' : 'residual', `width-${config.width}`],
    notes:
      `Trained by \`npm run demo\` on ${config.trainSize} Fashion-MNIST training images (${config.epochs} epochs, width ${config.width}, ` +
      `wasm on 2 CPU cores); small on purpose so the whole demo runs in minutes. Memorization: ${config.memorization.models} ` +
      `${config.memorization.arch} networks on ${Math.round(config.memorization.subsetFraction * 100)}% subsets.`,
    source: { folder: paths.layout(arch) },
  });
  report.note(`${name}: ${result.exampleCount} examples, ${result.classCount} classes, ${result.layers.length} layers`);
}

/** The demo was asked to stop; what was done is kept and the next run picks up from there. */
export class DemoInterrupted extends Error {
  override readonly name = 'DemoInterrupted';
}

/** Analyses a demo model (a finished run with the same options is reused, a partial one resumes). */
export async function analyzeDemoModel(
  ctx: AppContext,
  arch: ArchitectureName,
  config: DemoConfig,
  options: AnalysisOptionsInput,
  report: DemoReporter,
  signal?: AbortSignal,
): Promise<AnalysisSummary | null> {
  const name = demoModelName(arch, config.width);
  const { run } = await requestAnalysis(ctx, name, options);
  if (run.status === 'succeeded') {
    report.note(`${name}: analysis run ${run.id} already finished`);
    return null;
  }
  const bars = fitStepBars((step, total) => report.bar(`${arch} fit ${step}`, total));
  const runner = createJobRunner(ctx, { tasks: defaultTasks, onProgress: (_run, p) => bars.onProgress(p) });
  const stop = () => void runner.stop();
  signal?.addEventListener('abort', stop, { once: true });
  const done = await runner.runNext({ runId: run.id }).finally(() => signal?.removeEventListener('abort', stop));
  bars.finish();
  if (done?.outcome === 'released') throw new DemoInterrupted(`the analysis of ${name} (run ${run.id}) was interrupted; it resumes from its checkpoint on the next run`);
  if (!done || done.outcome !== 'succeeded') {
    throw new Error(`analysis of ${name} ${done?.outcome ?? 'could not start'}: ${(done?.result as Error | undefined)?.message ?? ''}`);
  }
  return done.result as AnalysisSummary;
}
