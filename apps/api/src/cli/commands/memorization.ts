import { BACKEND_NAMES } from '@classfit/core/tensor';
import { ARCHITECTURES, blackLevel, DATASETS, estimateMemorization, loadDataset } from '@classfit/core/models';
import type { CliCommand } from '../command.ts';
import { JSON_FLAG, jsonUsage, printResult } from '../output.ts';
import { choiceOption, integerOption, parseCommandLine } from '../parse-options.ts';
import { createProgressBar } from '../progress.ts';
import { UsageError } from '../command.ts';
import { writeMemorizationScores } from '../../services/write-memorization-scores.ts';

const usage = `Usage: classfit memorization --dataset fashion-mnist --arch plain --models M [options]

Estimates Feldman's memorization score of every training example with the
subsampling estimator: M networks trained on random subsets (each example in
exactly round(F·M) of them, so every score is defined), mem(i) = mean
correctness of the models that trained on i − of those that did not. Writes
mem_scores.npz with tr_mem [n] float32, tr_mem_se [n] float32, tr_labels [n]
int32 and num_models [1] int32. Cost: M trainings; worker threads run them in parallel.

Options:
  --dataset NAME      ${DATASETS.join(' | ')}
  --arch NAME         ${ARCHITECTURES.join(' | ')} (default plain)
  --width W           stage-1 channels (default 8)
  --models M          number of subset models (default 16)
  --subset F          fraction of examples per model (default 0.7)
  --epochs N          epochs per model (default 8)
  --batch-size B      mini-batch size (default 32)
  --train-size N      training examples scored (default 1000)
  --seed S            seed of the data subset and the model subsets (default 0)
  --workers W         worker threads (default: CPU count)
  --out FILE          default mem_scores.npz
  --backend NAME      auto | ${BACKEND_NAMES.join(' | ')}
${jsonUsage(22)}`;

export const command: CliCommand = {
  usage,
  async run(argv) {
    const { values } = parseCommandLine(argv, {
      dataset: { type: 'string' },
      arch: { type: 'string' },
      width: { type: 'string' },
      models: { type: 'string' },
      subset: { type: 'string' },
      epochs: { type: 'string' },
      'batch-size': { type: 'string' },
      'train-size': { type: 'string' },
      seed: { type: 'string' },
      workers: { type: 'string' },
      out: { type: 'string' },
      backend: { type: 'string' },
      ...JSON_FLAG,
    });
    const subsetFraction = values.subset === undefined ? 0.7 : Number(values.subset);
    if (!(subsetFraction > 0 && subsetFraction < 1)) throw new UsageError(`--subset must be a fraction in (0, 1), got "${values.subset}"`);
    const models = integerOption(values.models, 'models', 2, 100_000) ?? 16;
    const seed = integerOption(values.seed, 'seed', 0) ?? 0;
    const out = values.out ?? 'mem_scores.npz';
    const data = await loadDataset(choiceOption(values.dataset, 'dataset', DATASETS) ?? 'fashion-mnist', {
      trainSize: integerOption(values['train-size'], 'train-size', 2) ?? 1000,
      testSize: 1000,
      seed,
    });
    const progress = createProgressBar('memorization models', models);
    const result = await estimateMemorization(
      data.train,
      {
        spec: { arch: choiceOption(values.arch, 'arch', ARCHITECTURES) ?? 'plain', width: integerOption(values.width, 'width', 1, 512) ?? 8, inputShape: data.imageShape, numClasses: data.classNames.length, seed },
        train: { epochs: integerOption(values.epochs, 'epochs', 1) ?? 8, batchSize: integerOption(values['batch-size'], 'batch-size', 1) ?? 32, padValue: blackLevel(data), seed },
        models,
        subsetFraction,
        seed,
        workers: integerOption(values.workers, 'workers', 0, 256),
        backend: values.backend,
        onProgress: (e) => progress.update(e.finished, e.progress?.kind === 'epoch' ? `model ${e.model + 1} epoch ${e.progress.epoch + 1} loss ${e.progress.loss.toFixed(3)}` : undefined),
      },
      data.test,
    );
    progress.finish();
    await writeMemorizationScores(out, result);
    const finite = Array.from(result.mem).filter(Number.isFinite);
    const mean = finite.reduce((a, b) => a + b, 0) / finite.length;
    const ses = Array.from(result.se).filter(Number.isFinite);
    const meanSe = ses.length > 0 ? (ses.reduce((a, b) => a + b, 0) / ses.length).toFixed(3) : 'n/a (needs ≥ 2 models on each side)';
    const accuracies = result.heldOutAccuracies.filter(Number.isFinite);
    const meanAccuracy = accuracies.reduce((a, b) => a + b, 0) / accuracies.length;
    printResult(
      values.json,
      {
        out, examples: result.mem.length, models: result.models, subsetFraction, seconds: result.seconds, meanMemorization: mean,
        meanStandardError: ses.length > 0 ? ses.reduce((a, b) => a + b, 0) / ses.length : null, meanHeldOutAccuracy: meanAccuracy,
      },
      () =>
        `wrote ${out}: ${result.mem.length} examples · ${result.models} models on ${(100 * subsetFraction).toFixed(0)}% subsets in ${result.seconds.toFixed(1)} s\n` +
        `mean mem ${mean.toFixed(3)} · mean s.e. ${meanSe} · model held-out accuracy ${meanAccuracy.toFixed(3)}`,
    );
    return 0;
  },
};
