/**
 * `Model.memorizationSubsets`: what each stored least/most/random subset holds and the rule that chose it, so a
 * reader can tell an absent KL subset ("no class met the rule") from one that was never computed.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeNpy, writeNpzFile } from '@classfit/core/io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTestEngines, openTestApi, type TestApi } from '../testing/graphql-harness.ts';

const PER_CLASS = 120;

/**
 * Three classes of 120 examples. Class 0 has 110 examples with memorization 0.9 (the only class with more than 100
 * in the most-memorized pool), class 1 has exactly 100 with memorization 0 (not more than 100: no least-memorized
 * class), class 2 is in between.
 */
async function writeFolder(root: string): Promise<string> {
  const folder = join(root, 'subsets');
  await mkdir(folder, { recursive: true });
  const n = 3 * PER_CLASS;
  const labels = Int32Array.from({ length: n }, (_, i) => Math.floor(i / PER_CLASS));
  const mem = Float32Array.from(labels, (label, i) => {
    const j = i % PER_CLASS;
    if (label === 0) return j < 110 ? 0.9 : 0.3;
    if (label === 1) return j < 100 ? 0 : 0.3;
    return 0.3;
  });
  const acts = Float32Array.from({ length: n * 4 }, (_, i) => Math.sin(i) + labels[Math.floor(i / 4)] * 3);
  await writeFile(join(folder, 'avg_pooling_0_acts.npy'), writeNpy({ dtype: 'float32', shape: [n, 4], data: acts }));
  await writeFile(join(folder, 'labels.npy'), writeNpy({ dtype: 'int32', shape: [n], data: labels }));
  await writeNpzFile(join(folder, 'mem_scores.npz'), {
    tr_mem: { dtype: 'float32', shape: [n], data: mem },
    tr_labels: { dtype: 'int32', shape: [n], data: labels },
  });
  return folder;
}

describe.each(apiTestEngines())('Model.memorizationSubsets on $name', (engine) => {
  let api: TestApi;
  let root: string;

  beforeAll(async () => {
    api = await openTestApi(engine);
    root = await mkdtemp(join(tmpdir(), 'classfit-subsets-'));
  });
  afterAll(async () => {
    await api?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('lists each subset with its size, kept classes and rule', async () => {
    const path = await writeFolder(root);
    const imported = await api.execute(
      `mutation($input: ImportModelInput!) { importModel(input: $input) { model { id } userErrors { message } } }`,
      { input: { path, name: 'subsets' } },
    );
    expect(imported.data!.importModel.userErrors).toEqual([]);
    const result = await api.execute(
      `query($id: ID!) { node(id: $id) { ... on Model { memorizationSubsets { purpose name source exampleCount classCount rule } } } }`,
      { id: imported.data!.importModel.model.id },
    );
    expect(result.errors).toBeUndefined();
    const subsets = result.data!.node.memorizationSubsets as { purpose: string; name: string; source: string; exampleCount: number; classCount: number | null; rule: string }[];
    const byKey = new Map(subsets.map((s) => [`${s.purpose}:${s.name}`, s]));
    expect(byKey.get('KL:most')).toMatchObject({ source: 'COMPUTED', classCount: 1, exampleCount: 100 });
    expect(byKey.get('KL:most')!.rule).toContain('more than 100 examples with memorization ≥ 0.7');
    expect(byKey.get('KL:least')).toMatchObject({ classCount: 0, exampleCount: 0 });
    expect(byKey.get('KL:least')!.rule).toContain('memorization ≤ 0.015');
    expect(byKey.get('KL:random')).toMatchObject({ classCount: 3, exampleCount: 300 });
    // generative-classification test sets: at most 10 % of the 360 examples each
    for (const name of ['least', 'most', 'random']) expect(byKey.get(`GENCLASS:${name}`)).toMatchObject({ classCount: null, exampleCount: 36 });
  });
});
