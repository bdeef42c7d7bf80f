import { createAppContext } from '../../context/app-context.ts';
import { NotFoundError } from '../../services/errors.ts';
import { modelReport, type ModelReport } from '../../services/model-report.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';
import { JSON_FLAG, printResult } from '../output.ts';
import { choiceOption, parseCommandLine } from '../parse-options.ts';

const usage = `Usage: classfit report --model <id|name>[,<id|name>…] [--per-class] [--format markdown|json] [--json]

Prints the paper's findings for analysed models, per layer: the largest-gap split of class mean
log-densities (classes per group, gap), group means of log-density and relative entropy, median
per-class s.d., mean cluster count, generative-classification F1 and between-class KL by
memorization subset. Reads the latest succeeded analysis of each model.

A class's cluster count is the mean number of occupied clusters over the sweeps after burn-in (the same number as
GraphQL ClassFit.meanClusterCount); "clusters" per layer is its mean over the layer's classes.

A second table says per layer whether the split is real (Silverman modes-test p-value; "two modes" at p < 0.05;
bootstrap intervals of the gap and of the low/high s.d. ratio) and how far the sampler chains agree (chains
reproducing the split, each chain's gap, between-chain s.d. of class mean log-density and relative entropy,
largest R-hats).

  --per-class            add a table per layer with every class: label, name, n, group, mean and s.d. of
                         log-density, relative entropy, mean distance, cluster count, and between chains:
                         each chain's mean log-density, their s.d., relative entropy's s.d., R-hats, and in
                         how many chains the class keeps its group; and held out: the mean log-density
                         of the class's training points and of its held-out examples under the
                         generative-classification refit (the fit without them), their gap, and how
                         many were held out ("–": none held out, or an older run; docs/method.md)
  --json                 the same as --format json`;

const f = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '–' : v.toFixed(digits));

/** "run 7", or "runs 9 (stage1, stage2), 7 (stage3, stage4)" when a later run re-analysed only some layers. */
function runsOf(report: ModelReport): string {
  const byRun = new Map<number, string[]>();
  for (const l of report.layers) byRun.set(l.runId, [...(byRun.get(l.runId) ?? []), l.name]);
  if (byRun.size <= 1) return `run ${report.runId}`;
  return `runs ${[...byRun].sort((a, b) => b[0] - a[0]).map(([id, names]) => `${id} (${names.join(', ')})`).join(', ')}`;
}

function markdown(report: ModelReport): string {
  const subsets = ['least', 'random', 'most'];
  const lines = [
    `### ${report.model.name} (accuracy ${f(report.model.accuracy, 3)}; ${runsOf(report)}, backend ${report.backend ?? '?'})`,
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
  lines.push('', ...trustTable(report));
  for (const l of report.layers) {
    if (!l.perClass) continue;
    lines.push(
      '',
      `#### ${l.name}${l.sourceName && l.sourceName !== l.name ? ` (${l.sourceName})` : ''}: per class`,
      '',
      '| label | class | n | group | mean log-dens. | s.d. | rel. entropy | mean distance | clusters | mean log-dens. per chain | between-chain s.d. | rel. entropy between-chain s.d. | R-hat log-lik. / clusters | same group in | held out: in-sample / held-out mean log-dens. | gap | held out |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
      ...l.perClass.map((c) =>
        `| ${c.label} | ${c.name.replace(/\|/g, '\\|')} | ${c.n} | ${c.group ?? '–'} | ${f(c.meanLogDensity, 2)} | ${f(c.sdLogDensity, 2)} | ${f(c.relativeEntropy, 2)} | ${f(c.meanDistance, 2)} | ${f(c.meanClusters, 2)} | ` +
          `${c.chains ? c.chains.meanLogDensities.map((v) => v.toFixed(2)).join(' / ') : '–'} | ${f(c.chains?.meanLogDensitySd, 2)} | ${f(c.chains?.relativeEntropySd, 2)} | ` +
          `${g(c.chains?.logLikelihoodRHat)} / ${g(c.chains?.clusterCountRHat)} | ${c.chains?.groupAgreement == null ? '–' : `${c.chains.groupAgreement}/${c.chains.meanLogDensities.length}`} | ` +
          `${c.heldOut ? `${f(c.heldOut.inSampleMeanLogDensity, 2)} / ${f(c.heldOut.heldOutMeanLogDensity, 2)}` : '–'} | ${f(c.heldOut?.gap, 2)} | ${c.heldOut?.count ?? '–'} |`),
    );
  }
  return lines.join('\n');
}

const interval = (i: { low: number; high: number } | null | undefined, digits = 1) => (i ? `[${i.low.toFixed(digits)}, ${i.high.toFixed(digits)}]` : '–');
/** An R-hat (3 significant digits; values at the stored cap read ≥1e6). */
const g = (v: number | null | undefined) => (v === null || v === undefined ? '–' : v >= 1e6 ? '≥1e6' : v.toPrecision(3));

/** Per layer: is the split real, and do the chains agree? */
function trustTable(report: ModelReport): string[] {
  const lines = [
    '| layer | chains | modes p | two modes? | gap [95%] | s.d. ratio low/high [95%] | stability | chains agreeing | gap per chain | between-chain s.d. log-dens. median / max | rel. entropy median / max | max R-hat log-lik. / clusters |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const l of report.layers) {
    const sig = l.significance;
    const ch = l.chains;
    lines.push(
      `| ${l.name} | ${ch?.chains ?? '–'} | ${sig ? sig.pValue.toFixed(3) : '–'} | ${sig ? (sig.passes ? 'yes' : 'no') : '–'} | ${f(l.split?.gap)} ${interval(sig?.gap)} | ` +
        `${sig?.sdRatio ? `${sig.sdRatio.estimate.toFixed(2)} ${interval(sig.sdRatio, 2)}` : '–'} | ${sig ? sig.stability.toFixed(2) : '–'} | ` +
        `${ch?.chainsAgreeing == null ? '–' : `${ch.chainsAgreeing}/${ch.chains}`} | ${ch?.chainGaps ? ch.chainGaps.map((x) => x.toFixed(1)).join(' / ') : '–'} | ` +
        `${f(ch?.meanLogDensitySd.median, 2)} / ${f(ch?.meanLogDensitySd.max, 2)} | ${f(ch?.relativeEntropySd.median, 2)} / ${f(ch?.relativeEntropySd.max, 2)} | ` +
        `${g(ch?.maxLogLikelihoodRHat)} / ${g(ch?.maxClusterCountRHat)} |`,
    );
  }
  if (report.layers.some((l) => l.chains?.chains === 1)) lines.push('', '_One chain: no R-hat and no between-chain spread (`classfit analyze --chains 2`)._');
  return lines;
}

export const command: CliCommand = {
  usage,
  async run(argv) {
    const { values } = parseCommandLine(argv, { model: { type: 'string' }, format: { type: 'string' }, 'per-class': { type: 'boolean' }, ...JSON_FLAG });
    if (!values.model) throw new UsageError('--model is required');
    const format = choiceOption(values.format, 'format', ['markdown', 'json'] as const) ?? (values.json ? 'json' : 'markdown');
    if (values.json && format !== 'json') throw new UsageError('--json and --format markdown contradict each other');
    const ctx = await createAppContext();
    try {
      const reports: ModelReport[] = [];
      for (const name of values.model.split(',').map((s) => s.trim()).filter(Boolean)) {
        reports.push(await modelReport(ctx.db, name, { perClass: values['per-class'] }).catch((error: unknown) => {
          if (error instanceof NotFoundError) throw new UsageError(error.message);
          throw error;
        }));
      }
      printResult(format === 'json', reports, () => reports.map(markdown).join('\n\n'));
      return 0;
    } finally {
      await ctx.close();
    }
  },
};
