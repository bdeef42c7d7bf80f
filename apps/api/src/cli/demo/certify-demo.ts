/**
 * Demo step 3: certified robustness per density bin (METHOD.md H.4), scaled down to seconds. One base
 * network — the demo's plain CNN trained with Gaussian input noise σ = 0.5 on the same training images —
 * smooths every demo model's examples; a seeded subsample of each density bin of the deepest stage is
 * certified with n0 = 40, n = 400 (measured on the loaded 2-core machine, wasm: 0.17 s per example,
 * 300 examples 50 s, plus 23 s to train the base network: ≈ 75 s; a second run reuses both). The paper
 * trains one base ResNet per bin WITHOUT that bin (50 networks) and certifies every example with n = 10⁵;
 * here the base net has seen the examples and, with n = 400, no radius can exceed σ·Φ⁻¹(α^(1/n)) ≈ 1.06.
 * Whatever is already stored (network, certificates) is reused.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { blackLevel, clopperPearsonLower, type DemoConfig, type ImageDataset, normalQuantile, runTrainingJobs, selectionOf } from '@classfit/core/models';
import { getModelByName, updateModel } from '@classfit/db';
import type { AppContext } from '../../context/app-context.ts';
import { certifyModelExamples, type CertifyModelResult } from '../../services/certify-model.ts';
import { demoModelName, type DemoPaths } from './demo-paths.ts';
import type { DemoReporter } from './demo-reporter.ts';

/** Certification settings of the demo (measured to keep the step within ~90 s on 2 cores; see the module doc). */
export const DEMO_CERTIFICATION: DemoCertification = Object.freeze({ sigma: 0.5, perBin: 2, n0: 40, n: 400, alpha: 0.001, seed: 0 });

/** The certification settings a demo run uses (see `certifyModelExamples`). */
export interface DemoCertification {
  readonly sigma: number;
  readonly perBin: number;
  readonly n0: number;
  readonly n: number;
  readonly alpha: number;
  readonly seed: number;
}

const NOTE_MARK = 'Certified robustness:';

function certificationNote(config: DemoConfig, c: DemoCertification): string {
  const cap = c.sigma * normalQuantile(clopperPearsonLower(c.n, c.n, c.alpha));
  return (
    `${NOTE_MARK} ${c.perBin} examples per density bin (deepest stage) certified by randomized smoothing with ONE ` +
    `${config.memorization.arch} base network trained with input noise σ = ${c.sigma} on all ${config.trainSize} training images; ` +
    `n0 = ${c.n0}, n = ${c.n}, α = ${c.alpha} (paper: 50 base ResNets, each without its bin, every example, n = 10⁵), ` +
    `so radii are capped at σ·Φ⁻¹(α^(1/n)) = ${cap.toFixed(2)} and the base net has seen the examples.`
  );
}

/** Trains the noisy base network unless it is saved already; returns its directory. */
export async function trainDemoBaseNetwork(
  config: DemoConfig,
  data: ImageDataset,
  paths: DemoPaths,
  report: DemoReporter,
  certification: DemoCertification = DEMO_CERTIFICATION,
): Promise<string> {
  const arch = config.memorization.arch;
  const directory = paths.noisyNetwork(arch, certification.sigma);
  if (await stat(join(directory, 'model.json')).then(() => true, () => false)) {
    report.note(`base network: reusing ${directory}`);
    return directory;
  }
  const bar = report.bar(`train ${arch} with input noise σ = ${certification.sigma}`, config.epochs);
  await runTrainingJobs(
    [{
      spec: { arch, width: config.memorization.width, inputShape: data.imageShape, numClasses: data.classNames.length, seed: config.seed },
      options: { epochs: config.epochs, batchSize: config.batchSize, augmentPad: 0, augmentFlip: false, padValue: blackLevel(data), noiseStd: certification.sigma, seed: config.seed },
      saveDirectory: directory,
      info: { dataset: selectionOf(data), classNames: data.classNames, normalization: data.normalization, noiseStd: certification.sigma, demo: true },
    }],
    { train: data.train, heldOut: data.test },
    {
      workers: 1,
      onProgress: (_index, p) => bar.update(p.kind === 'batch' ? Math.round((p.epoch + (p.batch + 1) / p.batches) * 10) / 10 : p.epoch + 1, p.kind === 'epoch' ? `held-out acc ${p.heldOutAccuracy.toFixed(3)}` : undefined),
    },
  );
  bar.finish();
  return directory;
}

/** Certifies a subsample of every demo model's density bins (stored examples are skipped) and notes the settings on the model. */
export async function certifyDemoModels(
  ctx: AppContext,
  config: DemoConfig,
  networkDir: string,
  report: DemoReporter,
  certification: DemoCertification = DEMO_CERTIFICATION,
): Promise<CertifyModelResult[]> {
  const results: CertifyModelResult[] = [];
  for (const arch of config.architectures) {
    const name = demoModelName(arch, config.width);
    let bar: ReturnType<DemoReporter['bar']> | undefined;
    const result = await certifyModelExamples(
      ctx,
      { model: name, networkDir, ...certification },
      { onProgress: (done, total) => (bar ??= report.bar(`certify ${arch}`, total)).update(done) },
    );
    bar?.finish();
    report.note(`${name}: ${result.certified} certified, ${result.skipped} already stored, ${result.abstained} abstained (${result.bins} bins of ${result.layer})`);
    const model = await getModelByName(ctx.db, name);
    if (model && !(model.notes ?? '').includes(NOTE_MARK)) await updateModel(ctx.db, model.id, { notes: [model.notes, certificationNote(config, certification)].filter(Boolean).join(' ') });
    results.push(result);
  }
  return results;
}
