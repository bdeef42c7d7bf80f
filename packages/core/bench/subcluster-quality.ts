/**
 * Sub-cluster vs collapsed sampler on held-out data, both samplers in one run: held-out mean own-class
 * log-density, largest-gap groups of the classes' held-out means, cluster counts, R-hat across chains,
 * the collapsed joint ln p(x, c | α) per point over the last quarter of sweeps (the posterior level the
 * chains reach) and wall time. A third row runs the collapsed sampler started at the sub-cluster chains'
 * final states: if it keeps their level, the two samplers agree on the posterior and the gap between the
 * first two rows is the collapsed sampler's mixing, not the sub-cluster sampler's error.
 *  - default: the synthetic 16-D acceptance data (tests/fixtures/synthetic, tests/scripts/make_synthetic_classes.py);
 *  - `--dim D`: `realShapedLayer` (bench/sampler-data.ts) at d = D, `--classes` × (`--train` + `--test`) points;
 *  - `--stages DIR --stage S`: a demo network's stage S (1…4) as bench/demo-stage-activations.ts writes it, fitted on
 *    the demo's training images and held out on its test images, SVD-reduced as the analysis reduces it;
 *  - `--demo-settings`: the demo's sampler settings (apps/api run-demo.ts DEMO_ANALYSIS) instead of the bench's.
 *
 *   npx tsx bench/subcluster-quality.ts [--iterations 400] [--chains 2] [--seed 3] [--dim 64 --classes 4 --train 500 --test 200]
 *   npx tsx bench/subcluster-quality.ts --stages /tmp/classfit-demo-stages/resnet18 --stage 4 --demo-settings
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { largestGapSplit } from '../src/analysis/index.ts';
import { scoreOwnClass } from '../src/density/index.ts';
import { type ClassData, fitClassDensities, type FitHooks, type FitOptionsInput, type FitResult } from '../src/dpgmm/index.ts';
import { readNpyFile } from '../src/io/index.ts';
import { project, truncatedSvdViaGram } from '../src/linalg/index.ts';
import { realShapedLayer } from './sampler-data.ts';
import { arg } from './sampler.ts';

const fixtures = fileURLToPath(new URL('../../../tests/fixtures/synthetic/', import.meta.url));

/** Training classes and held-out points with their labels. */
export interface HeldOutData {
  readonly name: string;
  readonly train: ClassData[];
  /** [m, d] */
  readonly test: Float64Array;
  readonly testLabels: Int32Array;
}

export interface SamplerQuality {
  readonly run: string;
  readonly heldOutMean: number;
  readonly classMeans: number[];
  readonly lowClasses: number[];
  readonly highClasses: number[];
  readonly meanClusters: number;
  readonly rHat: (number | null)[];
  /** Σ over classes of the chains' mean ln p(x, c | α) over their last quarter of sweeps, per training point. */
  readonly logJointPerPoint: number;
  readonly seconds: number;
}

function groupRows(x: Float64Array, y: ArrayLike<number>, d: number, from: number, to: number): ClassData[] {
  const labels = [...new Set(Array.from(y))].sort((a, b) => a - b);
  return labels.map((label) => {
    const rows: number[] = [];
    for (let i = from; i < to; i++) if (y[i] === label) rows.push(i);
    const points = new Float64Array(rows.length * d);
    rows.forEach((r, t) => points.set(x.subarray(r * d, (r + 1) * d), t * d));
    return { label, name: `class ${label}`, points, n: rows.length };
  });
}

/** The synthetic 16-D acceptance data. */
export async function acceptanceData(): Promise<HeldOutData> {
  const trainX = await readNpyFile(join(fixtures, 'train_x.npy'));
  const trainY = (await readNpyFile(join(fixtures, 'train_y.npy'))).data as Int32Array;
  const testX = await readNpyFile(join(fixtures, 'test_x.npy'));
  const d = trainX.shape[1];
  return {
    name: 'synthetic 16-D acceptance data',
    train: groupRows(Float64Array.from(trainX.data as ArrayLike<number>), trainY, d, 0, trainY.length),
    test: Float64Array.from(testX.data as ArrayLike<number>),
    testLabels: (await readNpyFile(join(fixtures, 'test_y.npy'))).data as Int32Array,
  };
}

/** `realShapedLayer` classes, the first `train` points of each for fitting, the next `test` held out. */
export function realShapedData(dim: number, classes: number, train: number, test: number): HeldOutData {
  const layer = realShapedLayer({ classes, points: train + test, dim });
  const testPoints = new Float64Array(classes * test * dim);
  const testLabels = new Int32Array(classes * test);
  layer.forEach((c, k) => {
    testPoints.set(c.points.subarray(train * dim), k * test * dim);
    testLabels.fill(c.label, k * test, (k + 1) * test);
  });
  return {
    name: `realShapedLayer d=${dim}, ${classes} classes × ${train} training + ${test} held-out points`,
    train: layer.map((c) => ({ ...c, points: c.points.slice(0, train * dim), n: train })),
    test: testPoints,
    testLabels,
  };
}

/** METHOD A.4's SVD widths of four stages (apps/api analysis-options.ts PAPER_REDUCED_DIMS), capped at the stage's width. */
const STAGE_REDUCED_DIMS = [16, 16, 64, 64];

/**
 * A demo stage reduced as the analysis reduces it (apps/api svd-reduce.ts: top-k right singular vectors of the
 * uncentred training activations, z = V x, the Gram matrix in float64 typed arrays); the held-out images are
 * projected onto the same components.
 */
export async function demoStageData(dir: string, stage: number): Promise<HeldOutData> {
  const load = async (split: string) => {
    const x = await readNpyFile(join(dir, `stage${stage}_${split}.npy`));
    return { x: x.data as Float32Array, n: x.shape[0], d: x.shape[1], labels: (await readNpyFile(join(dir, `${split}_labels.npy`))).data as Int32Array };
  };
  const [train, test] = [await load('train'), await load('test')];
  const k = Math.min(STAGE_REDUCED_DIMS[stage - 1], train.d);
  const svd = await truncatedSvdViaGram(train.x, train.n, train.d, k, { gram: 'typed' });
  return {
    name: `${dir} stage ${stage}: D = ${train.d} → k = ${k} (${(100 * svd.varianceFraction[k - 1]).toFixed(2)} % uncentred variance), ${train.n} training + ${test.n} held-out images`,
    train: groupRows(project(train.x, train.n, train.d, svd.components, k), train.labels, k, 0, train.n),
    test: project(test.x, test.n, test.d, svd.components, k),
    testLabels: test.labels,
  };
}

/** The demo's analysis settings (apps/api/src/cli/demo/run-demo.ts DEMO_ANALYSIS). */
const DEMO_SAMPLER = { iterations: 200, burnIn: 100, thin: 5, chains: 2, seed: 0 };

export async function samplerQuality(run: string, data: HeldOutData, options: Partial<FitOptionsInput>, hooks?: FitHooks): Promise<{ quality: SamplerQuality; fit: FitResult }> {
  const started = performance.now();
  const fit = await fitClassDensities(data.train, options, hooks);
  const seconds = (performance.now() - started) / 1000;
  const labels = data.train.map((c) => c.label);
  const own = await scoreOwnClass(fit.predictive, data.test, data.testLabels.length, 'reduced', data.testLabels);
  const classMeans = labels.map((label) => {
    let s = 0;
    let m = 0;
    for (let i = 0; i < data.testLabels.length; i++) if (data.testLabels[i] === label) [s, m] = [s + own[i], m + 1];
    return s / m;
  });
  const split = largestGapSplit(classMeans, labels);
  const counts = fit.classes.flatMap((c) => c.traces.map((t) => t.clusterCount));
  const tailMean = (v: number[]): number => {
    const tail = v.slice(Math.floor(v.length * 0.75));
    return tail.reduce((a, b) => a + b, 0) / tail.length;
  };
  const logJoint = fit.classes.reduce((s, c) => s + c.diagnostics.logLikelihoods.reduce((t, ll) => t + tailMean(ll), 0) / c.diagnostics.logLikelihoods.length, 0);
  const quality = {
    run,
    heldOutMean: own.reduce((a, b) => a + b, 0) / own.length,
    classMeans,
    lowClasses: split.lowClasses,
    highClasses: split.highClasses,
    meanClusters: counts.reduce((a, b) => a + b, 0) / counts.length,
    rHat: fit.classes.map((c) => c.diagnostics.rHat),
    logJointPerPoint: logJoint / data.train.reduce((s, c) => s + c.n, 0),
    seconds,
  };
  return { quality, fit };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const iterations = arg('iterations', 400);
  const sampler = process.argv.includes('--demo-settings')
    ? DEMO_SAMPLER
    : { iterations, burnIn: Math.floor(iterations * 0.8), thin: arg('thin', 4), chains: arg('chains', 2), seed: arg('seed', 3) };
  const options = { ...sampler, workers: arg('workers', 2) };
  const dim = arg('dim', 0);
  const stagesAt = process.argv.indexOf('--stages');
  const data =
    stagesAt >= 0
      ? await demoStageData(process.argv[stagesAt + 1], arg('stage', 4))
      : dim > 0
        ? realShapedData(dim, arg('classes', 4), arg('train', 500), arg('test', 200))
        : await acceptanceData();
  console.log(`${data.name}, ${JSON.stringify(options)}`);
  const collapsed = await samplerQuality('collapsed', data, { ...options, sampler: 'collapsed' });
  const subcluster = await samplerQuality('subcluster', data, { ...options, sampler: 'subcluster' });
  const startFrom = subcluster.fit.classes.flatMap((c) => c.finalStates);
  const warm = await samplerQuality('collapsed from the subcluster’s final states', data, { ...options, sampler: 'collapsed' }, { startFrom });
  const rows = [collapsed.quality, subcluster.quality, warm.quality];
  console.log('| run | held-out mean log p | per class | groups (low / high) | mean K | R-hat per class | ln p(x, c | α) per point | wall s |\n|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.run} | ${r.heldOutMean.toFixed(3)} | ${r.classMeans.map((m) => m.toFixed(2)).join(', ')} | ${r.lowClasses.join(',')} / ${r.highClasses.join(',')} | ${r.meanClusters.toFixed(1)} | ${r.rHat.map((h) => h?.toFixed(2) ?? '–').join(', ')} | ${r.logJointPerPoint.toFixed(3)} | ${r.seconds.toFixed(1)} |`,
    );
  }
  console.log(`Δ held-out (subcluster − collapsed) = ${(rows[1].heldOutMean - rows[0].heldOutMean).toFixed(3)} nats/point`);
}
