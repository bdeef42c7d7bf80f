import type { CliCommand } from '../command.ts';
import { parseCommandLine, requiredString } from '../parse-options.ts';
import { scoreFiles } from '../../services/score-files.ts';

const usage = `Usage: classfit score --fit fit.json --points P.npy --out logp.npy

Writes log p(x | class) as float64 [n, classes] (classes in the order of
fit.json). The SVD projection stored in fit.json is applied first, so P.npy
holds raw activations when the fit was reduced. Both trace-averaging modes
of the file are honoured.

Options:
  --fit FILE      classfit.predictive/v1 file from \`classfit fit\`
  --points FILE   [n, D] float32/float64 .npy
  --out FILE      .npy to write`;

export const command: CliCommand = {
  usage,
  async run(argv) {
    const { values } = parseCommandLine(argv, { fit: { type: 'string' }, points: { type: 'string' }, out: { type: 'string' } });
    const out = requiredString(values.out, 'out');
    const summary = await scoreFiles(requiredString(values.fit, 'fit'), requiredString(values.points, 'points'), out);
    process.stdout.write(`wrote ${out}: float64 [${summary.n}, ${summary.classes.length}] log-densities (classes ${summary.classes.join(', ')}; dim ${summary.dim}${summary.projected ? ', projected' : ''})\n`);
    return 0;
  },
};
