/** `classfit analyze`: queue a model's analysis and (unless --queue) run it here with progress on stderr. */
import { getRun } from '@classfit/db';
import { createAppContext } from '../../context/app-context.ts';
import { createJobRunner } from '../../jobs/job-runner.ts';
import { defaultTasks } from '../../jobs/tasks/index.ts';
import type { AnalysisOptionsInput } from '../../services/analysis-options.ts';
import { requestAnalysis, type AnalysisSummary } from '../../services/analyze-model.ts';
import { NotFoundError, ValidationError } from '../../services/errors.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';
import { integerOption, parseCommandLine, requiredString } from '../parse-options.ts';
import { createProgressBar } from '../progress.ts';
import { fitStepBars } from '../../services/analysis/fit-step-bars.ts';

const usage = `Usage: classfit analyze --model <id|name> [options]

Fits per-class DP-GMMs to every selected layer and stores every analysis (class log-densities,
largest-gap groups, relative entropy, distances, KL per memorization subset, generative
classification, density bins). Same model + same options = the same run: re-running resumes an
interrupted run or, with --rerun, recomputes it in place.

Options:
  --model ID|NAME          the model (required)
  --layers a,b             layer names (default all)
  --reduce 16,16,64,64     SVD dimension per layer, or one for all (default 16/16/64/64, else min(64, D))
  --iterations N           sweeps (default 400)      --burn-in N   first kept sweep (default 320;
                           80% of --iterations when that is ≤ 320)
  --thin N                 keep every N-th (default 4)   --seed N  (default 0)   --chains N (default 1)
  --examples-per-class N   analyse only the first N examples of each class
  --entropy-samples N      Monte-Carlo samples per trace (default 2000; paper 1e5)
  --kl-samples N           samples per class per trace (default 500; paper 1e4)
  --subset-iterations N    sweeps of the per-subset KL fits (default --iterations)
  --no-kl, --no-genclass   skip between-class KL / generative classification
  --classify-all           also classify every example under all classes (costly)
  --rerun                  recompute a run that already succeeded
  --queue                  only queue the run (for \`classfit worker\`)
  --workers N              sampler worker threads (default: all cores)`;

function integerList(value: string | undefined, flag: string): number[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((part) => integerOption(part.trim(), flag, 1)!);
}

/** Parses the flags into service options. */
export function analysisOptionsFrom(values: Record<string, string | boolean | undefined>): AnalysisOptionsInput {
  const int = (flag: string, min = 0) => integerOption(values[flag] as string | undefined, flag, min);
  const options: Record<string, unknown> = {
    layers: (values.layers as string | undefined)?.split(',').map((l) => l.trim()).filter(Boolean),
    reduce: integerList(values.reduce as string | undefined, 'reduce'),
    iterations: int('iterations', 1), burnIn: int('burn-in'), thin: int('thin', 1), seed: int('seed'), chains: int('chains', 1),
    examplesPerClass: int('examples-per-class', 2), entropySamples: int('entropy-samples'), klSamples: int('kl-samples'),
    subsetIterations: int('subset-iterations', 1),
    klSubsets: values['no-kl'] ? [] : undefined,
    genclassSubsets: values['no-genclass'] ? [] : undefined,
    classifyAll: values['classify-all'] ? true : undefined,
  };
  if (options.burnIn === undefined && typeof options.iterations === 'number' && options.iterations <= 320) options.burnIn = Math.floor(options.iterations * 0.8);
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as AnalysisOptionsInput;
}

function printSummary(summary: AnalysisSummary): void {
  process.stdout.write(`run ${summary.runId} (backend ${summary.backend})\n`);
  for (const l of summary.layers) {
    const split = l.split ? `groups ${l.split.lowCount} low / ${l.split.highCount} high at ${l.split.threshold.toFixed(2)} (gap ${l.split.gap.toFixed(2)})` : 'no split';
    const genclass = l.genclass.map((g) => `${g.subset} ${g.f1.toFixed(3)}`).join(', ');
    const kl = l.kl.map((k) => `${k.subset} ${k.mean.toFixed(2)}`).join(', ');
    process.stdout.write(`  ${l.name}: k=${l.reducedDim} (variance ${l.varianceFraction.toFixed(3)}), ${l.classes} classes, ${split}` +
      `${genclass ? `; genclass F1 ${genclass}` : ''}${kl ? `; KL ${kl}` : ''}\n`);
  }
}

export const command: CliCommand = {
  usage,
  async run(argv) {
    const { values } = parseCommandLine(argv, {
      model: { type: 'string' }, layers: { type: 'string' }, reduce: { type: 'string' }, iterations: { type: 'string' }, 'burn-in': { type: 'string' },
      thin: { type: 'string' }, seed: { type: 'string' }, chains: { type: 'string' }, 'examples-per-class': { type: 'string' },
      'entropy-samples': { type: 'string' }, 'kl-samples': { type: 'string' }, 'subset-iterations': { type: 'string' },
      'no-kl': { type: 'boolean' }, 'no-genclass': { type: 'boolean' }, 'classify-all': { type: 'boolean' },
      rerun: { type: 'boolean' }, queue: { type: 'boolean' }, workers: { type: 'string' },
    });
    const model = requiredString(values.model, 'model');
    const options = analysisOptionsFrom(values);
    const workers = integerOption(values.workers, 'workers', 1, 256);
    const ctx = await createAppContext();
    try {
      const { run, created } = await requestAnalysis(ctx, model, options, { rerun: values.rerun }).catch((error: unknown) => {
        if (error instanceof ValidationError || error instanceof NotFoundError) throw new UsageError(error.message);
        throw error;
      });
      if (values.queue) {
        process.stdout.write(`run ${run.id} ${created ? 'queued' : `is ${run.status}`}\n`);
        return 0;
      }
      if (run.status === 'succeeded') {
        process.stdout.write(`run ${run.id} already succeeded for these options; pass --rerun to recompute\n`);
        return 0;
      }
      if (run.status === 'running') throw new UsageError(`run ${run.id} is being processed by worker ${run.workerId}`);
      if (!created && run.checkpointArtifact) process.stderr.write(`resuming run ${run.id} from its checkpoint\n`);
      const bars = fitStepBars((step, total) => createProgressBar(`fit ${step}`, total));
      const runner = createJobRunner(ctx, { tasks: defaultTasks, workers, onProgress: (_run, p) => bars.onProgress(p) });
      const stop = () => void runner.stop();
      process.once('SIGINT', stop);
      const done = await runner.runNext({ runId: run.id });
      process.off('SIGINT', stop);
      bars.finish();
      if (!done) throw new UsageError(`run ${run.id} could not be claimed (status ${(await getRun(ctx.db, run.id))?.status})`);
      if (done.outcome === 'succeeded') {
        printSummary(done.result as AnalysisSummary);
        return 0;
      }
      if (done.outcome === 'released') {
        process.stderr.write(`interrupted; run ${run.id} resumes from its checkpoint with the same command\n`);
        return 130;
      }
      throw new Error(`run ${run.id} ${done.outcome}: ${(done.result as Error)?.message ?? ''}`);
    } finally {
      await ctx.close();
    }
  },
};
