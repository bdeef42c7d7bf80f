/**
 * Test helper: builds an import folder in the authors' layout from the REAL
 * shipped memorization scores/labels (and, optionally, split files) plus
 * synthetic activations of the right row count (none are shipped).
 */
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readNpzFile, toInt32Labels, writeNpy } from '@classfit/core/io';
import { createRng } from '@classfit/core/rng';

/** Repository root (apps/api/src/testing → ../../../..). */
export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
/** The authors' shipped files (METHOD.md J). */
export const authorsRoot = resolve(repoRoot, '../shared/data/authors');

/** Synthetic activations [n, d] float32: a class-dependent mean plus unit noise, deterministic. */
export function syntheticActivations(labels: Int32Array, d: number, seed: number): Uint8Array {
  const rng = createRng(seed, d);
  const data = new Float32Array(labels.length * d);
  for (let i = 0; i < labels.length; i++) {
    for (let j = 0; j < d; j++) data[i * d + j] = Math.abs(((labels[i] * 7 + j * 13) % 17) / 4 + rng.normal());
  }
  return writeNpy({ dtype: 'float32', shape: [labels.length, d], data });
}

/** Options of {@link makeAuthorsFolder}. */
export interface AuthorsFolderOptions {
  readonly arch?: string;
  readonly dataset?: string;
  /** Raw dimension per stage (small, to keep tests fast). */
  readonly dims?: readonly number[];
  /** Copy the shipped dkls/ and generative_classification/ split files (class_indices_split.json included) too. */
  readonly withSplits?: boolean;
}

/** Makes a temp folder in the authors' layout; returns it and the real labels. */
export async function makeAuthorsFolder(options: AuthorsFolderOptions = {}): Promise<{ folder: string; labels: Int32Array }> {
  const arch = options.arch ?? 'resnet18';
  const dataset = options.dataset ?? 'cifar100';
  const folder = await mkdtemp(join(tmpdir(), 'classfit-authors-'));
  const memPath = join(authorsRoot, 'memorization', arch, dataset, 'mem_scores.npz');
  await copyFile(memPath, join(folder, 'mem_scores.npz'));
  const labels = toInt32Labels((await readNpzFile(memPath)).tr_labels, 'tr_labels');
  const dims = options.dims ?? [4, 4, 8, 8];
  for (const [stage, d] of dims.entries()) await writeFile(join(folder, `avg_pooling_${stage}_acts.npy`), syntheticActivations(labels, d, stage));
  if (options.withSplits) {
    await mkdir(join(folder, 'dkls'));
    await mkdir(join(folder, 'generative_classification'));
    for (const name of ['least_mem', 'most_mem', 'random']) {
      await copyFile(join(authorsRoot, 'dkls', arch, dataset, `${name}_class_split.json`), join(folder, 'dkls', `${name}_class_split.json`));
    }
    for (const name of ['least_memorized', 'most_memorized', 'random', 'class_indices_split']) {
      await copyFile(join(authorsRoot, 'generative_classification', arch, dataset, `${name}.json`), join(folder, 'generative_classification', `${name}.json`));
    }
  }
  return { folder, labels };
}

/** A tiny model in the authors' layout: two stages of [30, 4] activations, 3 classes. */
export async function writeTinyAuthorsFolder(root: string, name: string, options: { badSecondLayer?: boolean } = {}): Promise<string> {
  const folder = join(root, name);
  await mkdir(folder, { recursive: true });
  const n = 30;
  const labels = Int32Array.from({ length: n }, (_, i) => i % 3);
  for (const stage of [0, 1]) {
    const rows = stage === 1 && options.badSecondLayer ? n - 1 : n;
    const data = Float32Array.from({ length: rows * 4 }, (_, i) => Math.sin(i * (stage + 1)) + labels[Math.floor(i / 4) % n] * 3);
    await writeFile(join(folder, `avg_pooling_${stage}_acts.npy`), writeNpy({ dtype: 'float32', shape: [rows, 4], data }));
  }
  await writeFile(join(folder, 'labels.npy'), writeNpy({ dtype: 'int32', shape: [n], data: labels }));
  return folder;
}
