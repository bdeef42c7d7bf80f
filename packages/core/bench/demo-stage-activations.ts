/**
 * The demo's stage activations as plain `.npy` files, for benches that need real layers: trains one demo
 * network exactly as `npm run demo` does (apps/api/src/cli/demo/prepare-networks.ts: `demoConfig`'s data,
 * width, epochs, batch, seed; no augmentation) — or reuses a network the demo saved — and extracts its four
 * stages on the demo's 2,000 training images (what the demo analyses) and its 1,000 held-out images.
 * Writes `<out>/<arch>/stage{1..4}_{train,test}.npy` (float32 [n, d]) and `{train,test}_labels.npy` (int32).
 *
 *   npx tsx bench/demo-stage-activations.ts [--arch resnet18] [--out /tmp/classfit-demo-stages] [--network $CLASSFIT_HOME/demo/networks/resnet18]
 */
import { stat } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeNpyFile } from '../src/io/index.ts';
import {
  type ArchitectureName,
  blackLevel,
  demoConfig,
  extractStageActivations,
  initTrainingBackend,
  loadDataset,
  loadModel,
  runTrainingJobs,
} from '../src/models/index.ts';

const { values } = parseArgs({ options: { arch: { type: 'string' }, out: { type: 'string' }, network: { type: 'string' } } });
const arch = (values.arch ?? 'resnet18') as ArchitectureName;
const out = join(values.out ?? '/tmp/classfit-demo-stages', arch);
const networkDir = values.network ?? join(out, 'network');
const cfg = demoConfig;
const started = performance.now();
const data = await loadDataset(cfg.dataset, { trainSize: cfg.trainSize, testSize: cfg.testSize, seed: cfg.seed });

const saved = await stat(join(networkDir, 'model.json')).then(() => true, () => false);
if (!saved) {
  const [trained] = await runTrainingJobs(
    [
      {
        spec: { arch, width: cfg.width, inputShape: data.imageShape, numClasses: data.classNames.length, seed: cfg.seed },
        options: { epochs: cfg.epochs, batchSize: cfg.batchSize, augmentPad: cfg.augment ? 2 : 0, augmentFlip: cfg.augment, padValue: blackLevel(data), seed: cfg.seed },
        saveDirectory: networkDir,
      },
    ],
    { train: data.train, heldOut: data.test },
    { workers: 1 },
  );
  console.log(`trained ${arch} in ${trained.result.seconds.toFixed(0)} s: held-out accuracy ${trained.result.heldOutAccuracy?.toFixed(3)}`);
}
await initTrainingBackend();
const network = await loadModel(networkDir);
for (const [split, images] of [['train', data.train], ['test', data.test]] as const) {
  const stages = await extractStageActivations(network, images.images);
  for (const s of stages) {
    await writeNpyFile(join(out, `stage${s.index + 1}_${split}.npy`), { dtype: 'float32', shape: [images.size, s.channels], data: s.activations });
  }
  await writeNpyFile(join(out, `${split}_labels.npy`), { dtype: 'int32', shape: [images.size], data: images.labels });
}
network.model.dispose();
console.log(`${arch}: stages written to ${out} in ${((performance.now() - started) / 1000).toFixed(0)} s (load ${loadavg()[0].toFixed(1)})`);
process.exit(0);
