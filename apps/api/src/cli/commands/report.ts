import { createAppContext } from '../../context/app-context.ts';
import { NotFoundError } from '../../services/errors.ts';
import { modelReport, type ModelReport } from '../../services/model-report.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';
import { choiceOption, parseCommandLine } from '../parse-options.ts';

const usage = `Usage: classfit report --model <id|name>[,<id|name>…] [--format markdown|json]

Prints the paper's findings for analysed models, per layer: the largest-gap split of class mean
log-densities (classes per group, gap), group means of log-density and relative entropy, median
per-class s.d., mean cluster count, generative-classification F1 and between-class KL by
memorization subset. Reads the latest succeeded analysis of each model.`;

const f = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '–' : v.toFixed(digits));

function markdown(report: ModelReport): string {
  const subsets = ['least', 'random', 'most'];
  const lines = [
    `### ${report.model.name} (accuracy ${f(report.model.accuracy, 3)}; run ${report.runId}, backend ${report.backend ?? '?'})`,
    '',
    '| layer | depth | dim→k | groups low/high | gap | mean log-dens. low / high | median s.d. low / high | rel. entropy low / high | clusters | genclass F1 least / random / most | KL least / random / most |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const l of report.layers) {
    lines.push(
      `| ${l.name} | ${f(l.relativeDepth, 2)} | ${l.dim}→${l.reducedDim ?? l.dim} | ${l.split ? `${l.split.low}/${l.split.high}` : '–'} | ${f(l.split?.gap)} | ` +
        `${f(l.meanLogDensity.low)} / ${f(l.meanLogDensity.high)} | ${f(l.medianSd.low)} / ${f(l.medianSd.high)} | ${f(l.relativeEntropy.low)} / ${f(l.relativeEntropy.high)} | ` +
        `${f(l.meanClusters)} | ${subsets.map((s) => f(l.genclassF1[s], 3)).join(' / ')} | ${subsets.map((s) => f(l.klMean[s])).join(' / ')} |`,
    );
  }
  return lines.join('\n');
}

export const command: CliCommand = {
  usage,
  async run(argv) {
    const { values } = parseCommandLine(argv, { model: { type: 'string' }, format: { type: 'string' } });
    if (!values.model) throw new UsageError('--model is required');
    const format = choiceOption(values.format, 'format', ['markdown', 'json'] as const) ?? 'markdown';
    const ctx = await createAppContext();
    try {
      const reports: ModelReport[] = [];
      for (const name of values.model.split(',').map((s) => s.trim()).filter(Boolean)) {
        reports.push(await modelReport(ctx.db, name).catch((error: unknown) => {
          if (error instanceof NotFoundError) throw new UsageError(error.message);
          throw error;
        }));
      }
      process.stdout.write(format === 'json' ? `${JSON.stringify(reports, null, 2)}\n` : `${reports.map(markdown).join('\n\n')}\n`);
      return 0;
    } finally {
      await ctx.close();
    }
  },
};
