import { POINT_SPACES } from '@classfit/core/density';
import type { CliCommand } from '../command.ts';
import { JSON_FLAG, jsonUsage, printResult } from '../output.ts';
import { choiceOption, parseCommandLine, requiredString } from '../parse-options.ts';
import { scoreFiles } from '../../services/score-files.ts';

const usage = `Usage: classfit score --fit fit.json --points P.npy --out logp.npy [--space raw|reduced]

Writes log p(x | class) as float64 [n, classes] (classes in the order of
fit.json). Both trace-averaging modes of the file are honoured.

By default P.npy holds raw activations and the SVD projection stored in
fit.json is applied first — always, also when the reduction kept every
dimension (raw and reduced points then have the same width, so the width
cannot tell them apart). Pass --space reduced for points already projected.

Options:
  --fit FILE      predictive file from \`classfit fit\` (JSON, or the binary .npz form)
  --points FILE   [n, D] float16/32/64 .npy (any byte order, C or Fortran order)
  --out FILE      .npy to write
  --space SPACE   raw (default) or reduced
${jsonUsage(18)}`;

export const command: CliCommand = {
  usage,
  async run(argv) {
    const { values } = parseCommandLine(argv, {
      fit: { type: 'string' },
      points: { type: 'string' },
      out: { type: 'string' },
      space: { type: 'string' },
      ...JSON_FLAG,
    });
    const out = requiredString(values.out, 'out');
    const space = choiceOption(values.space, 'space', POINT_SPACES) ?? 'raw';
    const summary = await scoreFiles(requiredString(values.fit, 'fit'), requiredString(values.points, 'points'), out, space);
    const applied = summary.projected ? ', stored projection applied' : '';
    printResult(values.json, { out, shape: [summary.n, summary.classes.length], ...summary }, () =>
      `wrote ${out}: float64 [${summary.n}, ${summary.classes.length}] log-densities (classes ${summary.classes.join(', ')}; dim ${summary.dim}; ${summary.space} points${applied})`);
    return 0;
  },
};
