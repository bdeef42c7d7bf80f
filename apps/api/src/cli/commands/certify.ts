import { BACKEND_NAMES } from '@classfit/core/tensor';
import { writeNpzFile } from '@classfit/core/io';
import { certify, type DatasetSelection, initTrainingBackend, loadDataset, loadModel } from '@classfit/core/models';
import type { CliCommand } from '../command.ts';
import { JSON_FLAG, jsonUsage, printResult } from '../output.ts';
import { UsageError } from '../command.ts';
import { choiceOption, integerOption, parseCommandLine, requiredString } from '../parse-options.ts';
import { createProgressBar } from '../progress.ts';

const usage = `Usage: classfit certify --model DIR [options]

Cohen et al.'s CERTIFY (randomized smoothing) with the model as base classifier:
top class from n0 noisy copies, Clopper–Pearson lower bound p̲ from n more; abstain
if p̲ < ½, else certified ℓ2 radius σ·Φ⁻¹(p̲) in normalised-input units. Base
networks should be trained with the same input noise (paper: σ = 0.5). Writes an
.npz with pred [m] int32 (−1 = abstain), radius [m] float32, p_lower [m] float64,
indices [m] int32 (example index in the split).

Options:
  --model DIR       directory with model.json + weights.bin (from classfit train)
  --split NAME      test (default) | train
  --count M         first M examples of the split (default 100)
  --n0 N            selection samples (default 100)
  --n N             estimation samples (default 1000; the paper used 100000)
  --alpha A         failure probability (default 0.001)
  --sigma S         noise s.d. (default 0.5)
  --seed S          noise seed (default 0)
  --out FILE        default certify.npz
  --backend NAME    auto | ${BACKEND_NAMES.join(' | ')}
${jsonUsage(20)}`;

export const command: CliCommand = {
  usage,
  async run(argv) {
    const { values } = parseCommandLine(argv, {
      model: { type: 'string' },
      split: { type: 'string' },
      count: { type: 'string' },
      n0: { type: 'string' },
      n: { type: 'string' },
      alpha: { type: 'string' },
      sigma: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      backend: { type: 'string' },
      ...JSON_FLAG,
    });
    const modelDir = requiredString(values.model, 'model');
    const split = choiceOption(values.split, 'split', ['train', 'test'] as const) ?? 'test';
    const alpha = values.alpha === undefined ? 0.001 : Number(values.alpha);
    const sigma = values.sigma === undefined ? 0.5 : Number(values.sigma);
    if (!(alpha > 0 && alpha < 1)) throw new UsageError(`--alpha must be in (0, 1), got "${values.alpha}"`);
    if (!(sigma > 0)) throw new UsageError(`--sigma must be > 0, got "${values.sigma}"`);
    await initTrainingBackend(values.backend);
    const network = await loadModel(modelDir);
    const selection = network.info.dataset as DatasetSelection | undefined;
    if (!selection?.name) throw new UsageError(`${modelDir} records no dataset (train it with classfit train)`);
    const examples = (await loadDataset(selection.name, selection))[split];
    const count = Math.min(examples.size, integerOption(values.count, 'count', 1) ?? 100);
    const size = network.spec.inputShape.reduce((a, b) => a * b, 1);
    const progress = createProgressBar('certify', count);
    const started = performance.now();
    const certificates = await certify(network, examples.images.subarray(0, count * size), {
      n0: integerOption(values.n0, 'n0', 1) ?? 100,
      n: integerOption(values.n, 'n', 1) ?? 1000,
      alpha,
      sigma,
      seed: integerOption(values.seed, 'seed', 0) ?? 0,
      onProgress: (done) => progress.update(done),
    });
    progress.finish();
    const out = values.out ?? 'certify.npz';
    await writeNpzFile(out, {
      pred: { dtype: 'int32', shape: [count], data: Int32Array.from(certificates, (c) => c.prediction) },
      radius: { dtype: 'float32', shape: [count], data: Float32Array.from(certificates, (c) => c.radius) },
      p_lower: { dtype: 'float64', shape: [count], data: Float64Array.from(certificates, (c) => c.pLower) },
      indices: { dtype: 'int32', shape: [count], data: Int32Array.from({ length: count }, (_, i) => i) },
    });
    const certified = certificates.filter((c) => !c.abstained);
    const correct = certificates.filter((c, i) => c.prediction === examples.labels[i]).length;
    const seconds = (performance.now() - started) / 1000;
    const meanRadius = certified.reduce((a, c) => a + c.radius, 0) / Math.max(1, certified.length);
    printResult(
      values.json,
      { out, examples: count, seconds, abstained: count - certified.length, smoothedAccuracy: correct / count, meanRadius: certified.length > 0 ? meanRadius : null },
      () =>
        `wrote ${out}: ${count} examples in ${seconds.toFixed(1)} s · abstained ${count - certified.length} · ` +
        `smoothed accuracy ${(correct / count).toFixed(3)} · mean radius (non-abstained) ${meanRadius.toFixed(3)}`,
    );
    network.model.dispose();
    return 0;
  },
};
