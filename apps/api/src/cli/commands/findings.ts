import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { writeFileAtomic } from '@classfit/core/io';
import { demoConfig } from '@classfit/core/models';
import { createAppContext } from '../../context/app-context.ts';
import { findingsIn, renderFindings, replaceFindings } from '../../services/findings.ts';
import { modelReport, type ModelReport } from '../../services/model-report.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';
import { demoModelName } from '../demo/demo-paths.ts';
import { JSON_FLAG, printResult } from '../output.ts';
import { parseCommandLine } from '../parse-options.ts';

const usage = `Usage: classfit findings [--from-store [--models a,b,c]] [--update | --check] [--snapshot FILE] [--readme FILE]

The README's findings block, computed from \`classfit report --per-class\` numbers (services/findings.ts decides
every statement from them). Without options it prints the block rendered from the snapshot.

  --from-store   read the reports from the local store (default models: the demo's three networks)
                 instead of the snapshot
  --update       with --from-store: write the snapshot and replace the README's block
  --check        exit 1 when the README's block differs from the rendered one
  --snapshot     the committed report of the demo run (default docs/demo-report.json)
  --readme       default README.md
  --json         print { models, block } instead of the block`;

/** The repository root: where `npm run findings` runs (INIT_CWD), else the working directory. */
const root = () => process.env.INIT_CWD ?? process.cwd();

async function storeReports(models: readonly string[]): Promise<ModelReport[]> {
  const ctx = await createAppContext();
  try {
    const reports: ModelReport[] = [];
    for (const name of models) reports.push(await modelReport(ctx.db, name, { perClass: true }));
    return reports;
  } finally {
    await ctx.close();
  }
}

export const command: CliCommand = {
  usage,
  async run(argv) {
    const { values } = parseCommandLine(argv, {
      'from-store': { type: 'boolean' }, models: { type: 'string' }, update: { type: 'boolean' }, check: { type: 'boolean' },
      snapshot: { type: 'string' }, readme: { type: 'string' }, ...JSON_FLAG,
    });
    if (values.update && !values['from-store']) throw new UsageError('--update needs --from-store (it writes the snapshot from the store)');
    if (values.update && values.check) throw new UsageError('--update and --check contradict each other');
    const snapshotPath = resolve(root(), values.snapshot ?? 'docs/demo-report.json');
    const readmePath = resolve(root(), values.readme ?? 'README.md');
    const models = values.models?.split(',').map((s) => s.trim()).filter(Boolean) ?? demoConfig.architectures.map((a) => demoModelName(a, demoConfig.width));
    const reports: ModelReport[] = values['from-store'] ? await storeReports(models) : JSON.parse(await readFile(snapshotPath, 'utf8'));
    const block = renderFindings(reports);
    if (values.update) {
      const readme = await readFile(readmePath, 'utf8');
      await writeFileAtomic(snapshotPath, [`${JSON.stringify(reports, null, 2)}\n`]);
      await writeFileAtomic(readmePath, [replaceFindings(readme, block)]);
      process.stderr.write(`wrote ${snapshotPath} and the findings block of ${readmePath}\n`);
      return 0;
    }
    if (values.check) {
      const current = findingsIn(await readFile(readmePath, 'utf8'));
      if (current === block) return 0;
      process.stderr.write(`${readmePath}: the findings block is ${current === null ? 'missing' : 'out of date'}; run npm run findings -- --from-store --update after npm run demo\n`);
      return 1;
    }
    printResult(values.json, { models: reports.map((r) => r.model.name), block }, () => block);
    return 0;
  },
};
