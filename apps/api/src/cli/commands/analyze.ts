/**
 * `classfit analyze`: queue a model's analysis and (unless --queue) run it here with progress on stderr. On
 * PostgreSQL it is queued as pg-boss layer jobs (as the GraphQL mutation does) and followed (cli/follow-layer-run.ts).
 */
import { getRun, requeueStaleRuns, type FitRunRow } from '@classfit/db';
import { createAppContext, type AppContext } from '../../context/app-context.ts';
import { getEnv } from '../../env.ts';
import { queueLayerAnalysis } from '../../jobs/boss/boss-job-control.ts';
import { openBoss, type PgBoss } from '../../jobs/boss/boss.ts';
import { createJobRunner } from '../../jobs/job-runner.ts';
import { workerProcessGone } from '../../jobs/worker-id.ts';
import { defaultTasks } from '../../jobs/tasks/index.ts';
import { analysisOptionsObject, analysisOptionsSchema, type AnalysisOptionsInput } from '../../services/analysis-options.ts';
import { requestAnalysis, type AnalysisSummary } from '../../services/analyze-model.ts';
import { NotFoundError, ValidationError } from '../../services/errors.ts';
import type { CliCommand } from '../command.ts';
import { onStopRequest } from '../stop-signals.ts';
import { UsageError } from '../command.ts';
import { JSON_FLAG, jsonUsage, printResult } from '../output.ts';
import { integerOption, parseCommandLine, requiredString } from '../parse-options.ts';
import { SAMPLER_FLAGS } from '../sampler-flags.ts';
import { checkFlags, flagOptions, flagUsage, optionsFromFlags, type SchemaFlag } from '../schema-flags.ts';
import { createProgressBar } from '../progress.ts';
import { fitStepBars } from '../../services/analysis/fit-step-bars.ts';
import { followLayerRun } from '../follow-layer-run.ts';
import { splitPasses } from '../../services/analysis/split-evidence.ts';

/** Flags that set numeric analysis options (ranges and defaults from the schema). */
const ANALYSIS_FLAGS: readonly SchemaFlag[] = [
  ...SAMPLER_FLAGS,
  { flag: 'examples-per-class', field: 'examplesPerClass', help: 'analyse only the first N examples of each class', defaultText: 'all' },
  { flag: 'entropy-samples', field: 'entropySamples', help: 'Monte-Carlo samples per trace (paper 1e5)' },
  { flag: 'kl-samples', field: 'klSamples', help: 'samples per class per trace (paper 1e4)' },
  { flag: 'subset-iterations', field: 'subsetIterations', help: 'sweeps of the per-subset KL fits', defaultText: '--iterations' },
  { flag: 'genclass-iterations', field: 'genclassIterations', help: 'sweeps of the generative-classification refit', defaultText: '--iterations' },
];

const usage = `Usage: classfit analyze --model <id|name> [options]

Fits per-class DP-GMMs to every selected layer and stores every analysis (class log-densities,
largest-gap groups, relative entropy, distances, KL per memorization subset, generative
classification, density bins). Same model + same options = the same run: re-running resumes an
interrupted run; --rerun recomputes a succeeded one from scratch as a new run (the old run keeps
its results, which the views show until the new run succeeds).

With DATABASE_URL (PostgreSQL) the analysis is queued as one pg-boss job per layer, as the GraphQL
mutation queues it, and followed with a progress bar while \`classfit worker\`s take the layers; if no
worker takes one for 5 s, a worker runs in this process until the run ends (it says so), sharing
the model with any workers that join. Ctrl-C stops following; the layers stay queued.

Options:
  --model ID|NAME          the model (required)
  --layers a,b             layer names (default all)
  --reduce 16,16,64,64     SVD dimension per layer, or one for all (default 16/16/64/64, else min(64, D))
${flagUsage(analysisOptionsObject.shape, ANALYSIS_FLAGS, 27)}
  --no-kl, --no-genclass   skip between-class KL / generative classification
  --refit-start fresh|main how the genclass refit and KL subset fits start: fresh (B.6, paper; default) or
                           from the main fit's final partitions (pair with smaller --genclass/subset-iterations)
  --classify-all           also classify every example under all classes (costly)
  --rerun                  recompute a run that already succeeded (a new run, from scratch)
  --queue                  only queue the run (for \`classfit worker\`)
  --workers N              sampler worker threads (default: all cores)
${jsonUsage(27)}`;

function integerList(value: string | undefined, flag: string): number[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((part) => integerOption(part.trim(), flag, 1)!);
}

/** Parses the flags into service options, validated by the one options schema (its burn-in rule included). */
export function analysisOptionsFrom(values: Record<string, string | boolean | undefined>): AnalysisOptionsInput {
  const options: Record<string, unknown> = {
    ...optionsFromFlags(analysisOptionsObject.shape, ANALYSIS_FLAGS, values),
    layers: (values.layers as string | undefined)?.split(',').map((l) => l.trim()).filter(Boolean),
    reduce: integerList(values.reduce as string | undefined, 'reduce'),
    klSubsets: values['no-kl'] ? [] : undefined,
    genclassSubsets: values['no-genclass'] ? [] : undefined,
    classifyAll: values['classify-all'] ? true : undefined,
    refitStart: values['refit-start'],
  };
  return checkFlags(analysisOptionsSchema, ANALYSIS_FLAGS, Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)));
}

function summaryText(summary: AnalysisSummary): string {
  const lines = [`run ${summary.runId} (backend ${summary.backend})`];
  for (const l of summary.layers) {
    const evidence = l.split?.modesPValue == null ? '' : `, modes p ${l.split.modesPValue.toFixed(3)}: ${splitPasses(l.split.modesPValue) ? 'two modes' : 'not shown to be two modes'}`;
    const agreeing = l.split?.chainsAgreeing == null ? '' : `, ${l.split.chainsAgreeing}/${l.split.chainGaps.length} chains agree`;
    const split = l.split ? `groups ${l.split.lowCount} low / ${l.split.highCount} high at ${l.split.threshold.toFixed(2)} (gap ${l.split.gap.toFixed(2)}${evidence}${agreeing})` : 'no split';
    const genclass = l.genclass.map((g) => `${g.subset} ${g.f1.toFixed(3)}`).join(', ');
    const kl = l.kl.map((k) => `${k.subset} ${k.mean.toFixed(2)}`).join(', ');
    lines.push(`  ${l.name}: k=${l.reducedDim} (variance ${l.varianceFraction.toFixed(3)}), ${l.classes} classes, ${split}` +
      `${genclass ? `; genclass F1 ${genclass}` : ''}${kl ? `; KL ${kl}` : ''}`);
  }
  return lines.join('\n');
}

/**
 * Waits for a run another worker (e.g. the one inside `classfit serve`) is processing, showing its fit steps as the
 * same progress bars a run in this process shows; resolves to the exit code its outcome calls for.
 */
async function followRun(ctx: AppContext, runId: number, workerId: string | null, json: boolean | undefined): Promise<number> {
  process.stderr.write(`run ${runId} is being processed by worker ${workerId ?? '?'}; following it (Ctrl-C stops following, not the run)\n`);
  let stopped = false;
  const unregister = onStopRequest(() => (stopped = true));
  const bars = fitStepBars((step, total) => createProgressBar(`fit ${step}`, total));
  try {
    for (;;) {
      const run = await getRun(ctx.db, runId);
      if (!run) throw new Error(`run ${runId} disappeared`);
      if (run.progress) bars.onProgress(run.progress);
      if (run.status === 'succeeded') {
        bars.finish();
        printResult(json, { run: { id: runId, status: run.status }, created: false, followed: true }, () =>
          `run ${runId} succeeded (worker ${run.workerId ?? workerId ?? '?'}); classfit report shows its findings`);
        return 0;
      }
      if (run.status === 'failed' || run.status === 'cancelled') throw new Error(`run ${runId} ${run.status}${run.error ? `: ${run.error}` : ''}`);
      if (stopped) return 130;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    bars.finish();
    unregister();
  }
}

/**
 * A `running` run found by the process that holds the embedded store: its worker reached the store through an
 * earlier holder (or was one), so if that worker's process is gone it died with it and nobody will finish the run.
 * Re-queues it (resuming from its checkpoint) and returns it; undefined when its worker may still be at work.
 */
async function requeueOrphanedRun(ctx: AppContext, run: FitRunRow): Promise<FitRunRow | undefined> {
  if (ctx.storeAccess !== 'owner' || !run.workerId || !workerProcessGone(run.workerId)) return undefined;
  const requeued = (await requeueStaleRuns(ctx.db, { staleMs: getEnv().CLASSFIT_JOB_STALE_SECONDS * 1000, workerId: run.workerId })).find((r) => r.id === run.id);
  if (!requeued) return undefined;
  if (requeued.status === 'failed') throw new Error(`run ${run.id} failed: ${requeued.error}; classfit analyze again re-queues it`);
  process.stderr.write(`run ${run.id} was held by worker ${run.workerId}, whose process is gone (it ended with the previous holder of the store); re-queued it to run here\n`);
  return requeued;
}

export const command: CliCommand = {
  usage,
  async run(argv) {
    const { values } = parseCommandLine(argv, {
      model: { type: 'string' }, layers: { type: 'string' }, reduce: { type: 'string' }, ...flagOptions(ANALYSIS_FLAGS),
      'no-kl': { type: 'boolean' }, 'no-genclass': { type: 'boolean' }, 'classify-all': { type: 'boolean' }, 'refit-start': { type: 'string' },
      rerun: { type: 'boolean' }, queue: { type: 'boolean' }, workers: { type: 'string' }, ...JSON_FLAG,
    });
    const model = requiredString(values.model, 'model');
    const options = analysisOptionsFrom(values);
    const workers = integerOption(values.workers, 'workers', 1, 256);
    const ctx = await createAppContext();
    const url = ctx.engine === 'postgres' ? getEnv().DATABASE_URL : undefined;
    let boss: PgBoss | undefined;
    try {
      if (url) boss = await openBoss(url, { log: ctx.log });
      const request = boss ? queueLayerAnalysis(ctx, boss, model, options, { rerun: values.rerun }) : requestAnalysis(ctx, model, options, { rerun: values.rerun });
      const requested = await request.catch((error: unknown) => {
        if (error instanceof ValidationError || error instanceof NotFoundError) throw new UsageError(error.message);
        throw error;
      });
      const { created } = requested;
      let { run } = requested;
      if (values.queue) {
        printResult(values.json, { run: { id: run.id, status: run.status }, created }, () => `run ${run.id} ${created ? 'queued' : `is ${run.status}`}`);
        return 0;
      }
      if (run.status === 'succeeded') {
        printResult(values.json, { run: { id: run.id, status: run.status }, created: false }, () => `run ${run.id} already succeeded for these options; pass --rerun to recompute`);
        return 0;
      }
      if (boss) return await followLayerRun(ctx, boss, run, { created, json: values.json, workers });
      if (run.status === 'running') {
        const requeued = await requeueOrphanedRun(ctx, run);
        if (!requeued) return await followRun(ctx, run.id, run.workerId, values.json);
        run = requeued;
      }
      if (!created && run.checkpointArtifact) process.stderr.write(`resuming run ${run.id} from its checkpoint\n`);
      const bars = fitStepBars((step, total) => createProgressBar(`fit ${step}`, total));
      const runner = createJobRunner(ctx, { tasks: defaultTasks, workers, onProgress: (_run, p) => bars.onProgress(p) });
      const unregister = onStopRequest(() => void runner.stop());
      const done = await runner.runNext({ runId: run.id }).finally(unregister);
      bars.finish();
      if (!done) {
        const now = await getRun(ctx.db, run.id);
        // Another worker (e.g. the one inside `classfit serve`) claimed it first: follow that one.
        if (now?.status === 'running' || now?.status === 'succeeded') return await followRun(ctx, run.id, now.workerId, values.json);
        throw new UsageError(`run ${run.id} could not be claimed (status ${now?.status})`);
      }
      if (done.outcome === 'succeeded') {
        const summary = done.result as AnalysisSummary;
        printResult(values.json, { run: { id: run.id, status: 'succeeded' }, created, summary }, () => summaryText(summary));
        return 0;
      }
      if (done.outcome === 'released') {
        process.stderr.write(`interrupted; run ${run.id} resumes from its checkpoint with the same command\n`);
        return 130;
      }
      throw new Error(`run ${run.id} ${done.outcome}: ${(done.result as Error)?.message ?? ''}`);
    } finally {
      await boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
      await ctx.close();
    }
  },
};
