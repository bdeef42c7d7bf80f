/**
 * Test helper: a tiny model (3 classes × 24 points, two layers, or more: `layerCount`) written as
 * explicit files and imported, with KL split files so every analysis runs.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeNpy } from '@classfit/core/io';
import { createRng } from '@classfit/core/rng';
import type { AppContext } from '../context/app-context.ts';
import { importModel, type ImportModelResult } from '../services/import-model.ts';
import { explicitSource } from '../services/import/source-layout.ts';

/** Writes the files once; returns the folder. */
export async function writeSyntheticFiles(perClass = 24, classes = 3, layerCount = 2): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'classfit-synthetic-'));
  const n = perClass * classes;
  const labels = Int32Array.from({ length: n }, (_, i) => i % classes);
  const rng = createRng(11, 0);
  for (const [layer, d] of [[0, 4], [1, 6]] as const) {
    const data = new Float64Array(n * d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) data[i * d + j] = labels[i] * 3 * (j % 2 === layer ? 1 : -1) + rng.normal() * (1 + labels[i]);
    await writeFile(join(folder, `layer${layer}.npy`), writeNpy({ dtype: 'float64', shape: [n, d], data }));
  }
  await writeFile(join(folder, 'labels.npy'), writeNpy({ dtype: 'int32', shape: [n], data: labels }));
  await writeFile(join(folder, 'mem.npy'), writeNpy({ dtype: 'float64', shape: [n], data: Float64Array.from({ length: n }, () => rng.uniform()) }));
  const perClassLists = Array.from({ length: classes }, (_, c) => Array.from({ length: 10 }, (_, i) => c + classes * i));
  await writeFile(join(folder, 'random_class_split.json'), JSON.stringify(perClassLists));
  // A second KL split (used only when asked for): the other 14 points of each class.
  await writeFile(join(folder, 'least_class_split.json'), JSON.stringify(Array.from({ length: classes }, (_, c) => Array.from({ length: perClass - 10 }, (_, i) => c + classes * (i + 10)))));
  // Layers past the first two draw from their own RNG streams, so the first two (and mem.npy) stay as they were.
  for (let layer = 2; layer < layerCount; layer++) {
    const extra = createRng(11, layer);
    const d = layer % 2 === 0 ? 4 : 6;
    const data = Float64Array.from({ length: n * d }, (_, k) => labels[Math.floor(k / d)] * 2 * ((k % d) % 2 === 0 ? 1 : -1) + extra.normal());
    await writeFile(join(folder, `layer${layer}.npy`), writeNpy({ dtype: 'float64', shape: [n, d], data }));
  }
  return folder;
}

/** Imports the synthetic files as model `name` (with the example images at `options.imagesPath` when given; `leastSplit`: a second KL subset). */
export function importSynthetic(ctx: Pick<AppContext, 'db' | 'artifacts'>, folder: string, name: string, options: { imagesPath?: string; layerCount?: number; leastSplit?: boolean } = {}): Promise<ImportModelResult> {
  const extra = Array.from({ length: Math.max(0, (options.layerCount ?? 2) - 2) }, (_, i) => ({ name: `layer${i + 2}`, path: join(folder, `layer${i + 2}.npy`) }));
  return importModel(ctx, {
    name,
    dataset: 'synthetic',
    architecture: 'mlp2',
    source: explicitSource({
      layers: [{ name: 'early', path: join(folder, 'layer0.npy') }, { name: 'late', path: join(folder, 'layer1.npy') }, ...extra],
      labelsPath: join(folder, 'labels.npy'),
      memorizationPath: join(folder, 'mem.npy'),
      klSplitPaths: { random: join(folder, 'random_class_split.json'), ...(options.leastSplit ? { least: join(folder, 'least_class_split.json') } : {}) },
      imagesPath: options.imagesPath,
    }),
  });
}
