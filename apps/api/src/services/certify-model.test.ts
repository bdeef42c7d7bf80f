import { certificationOfModel, examplesOfModel, type ModelRow } from '@classfit/db';
import { testEngines } from '@classfit/db/testing';
import { clopperPearsonLower, normalQuantile, type BatchClassifier } from '@classfit/core/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../context/app-context.ts';
import { seedAnalysedModels, type Seeded } from '../testing/graphql-seed.ts';
import { openTestContext } from '../testing/test-context.ts';
import { certifyModelExamples } from './certify-model.ts';
import { CancelledError, NotFoundError, ValidationError } from './errors.ts';
import type { BaseNetwork, OpenBaseNetwork } from './robustness/base-network.ts';
import { densityBinMembers } from './robustness/bin-members.ts';

// The seeded store: 30 examples (label = index mod 3), layers stage1/stage2, 3 density bins of 10 per layer.
const SIZE = 4;
const constant = (label: number): BatchClassifier => (_inputs, count) => new Int32Array(count).fill(label);
/** Stub base network over the seeded examples' "training split" (labels index mod 3). */
function stub(classify: BatchClassifier, labels = Int32Array.from({ length: 30 }, (_, i) => i % 3)): OpenBaseNetwork & { disposed: number } {
  const open = Object.assign(
    async (directory: string): Promise<BaseNetwork> => ({
      name: `stub:${directory}`,
      numClasses: 3,
      classify,
      train: { images: Float32Array.from({ length: labels.length * SIZE }, (_, i) => i / 100), labels, count: labels.length, size: SIZE },
      dispose: () => void open.disposed++,
    }),
    { disposed: 0 },
  );
  return open;
}

async function certified(ctx: AppContext, model: ModelRow) {
  return (await examplesOfModel(ctx.db, model.id)).filter((e) => e.robustnessRadius !== null);
}

for (const engine of testEngines()) {
  describe(`certifyModelExamples on ${engine.name}`, () => {
    let ctx: AppContext;
    let seeded: Seeded;
    let model: ModelRow;
    const base = { networkDir: 'net', perBin: 2, n0: 10, n: 50, alpha: 0.001, sigma: 0.5, seed: 3 };

    beforeAll(async () => {
      ctx = await openTestContext(engine);
      seeded = await seedAnalysedModels(ctx, 2);
      model = seeded.models[0];
    });
    afterAll(async () => ctx?.close());

    it('certifies exactly perBin examples of every bin of the deepest layer; a constant classifier gets the closed-form radius', async () => {
      const open = stub(constant(1));
      const result = await certifyModelExamples(ctx, { ...base, model: model.name }, { openNetwork: open });
      expect(result).toMatchObject({ layer: 'stage2', bins: 3, selected: 6, certified: 6, skipped: 0, abstained: 0 });
      expect(open.disposed).toBe(1);
      // n_A = n: the one-sided Clopper–Pearson bound is α^(1/n); R = σ·Φ⁻¹(α^(1/n)) = 0.56548 (scipy: 0.5·norm.ppf(0.001**(1/50))).
      const pLower = clopperPearsonLower(50, 50, 0.001);
      expect(pLower).toBeCloseTo(0.001 ** (1 / 50), 12);
      expect(0.5 * normalQuantile(pLower)).toBeCloseTo(0.5654789398385816, 9);
      const rows = await certified(ctx, model);
      expect(rows).toHaveLength(6);
      for (const row of rows) {
        expect(row.robustnessRadius).toBeCloseTo(0.5654789398385816, 9);
        expect(row).toMatchObject({ robustnessAbstained: false, robustnessPrediction: 1 });
      }
      const layer = seeded.layers.get(model.id)!.find((l) => l.name === 'stage2')!;
      const bins = await densityBinMembers(ctx.db, seeded.runs.get(model.id)!.id, layer.id);
      const ids = new Set(rows.map((r) => r.id));
      expect(bins.map((members) => members.filter((m) => ids.has(m.exampleId)).length)).toEqual([2, 2, 2]);
      expect(await certificationOfModel(ctx.db, model.id)).toMatchObject({
        network: 'stub:net', sigma: 0.5, n0: 10, n: 50, alpha: 0.001, seed: 3, perBin: 2, layerId: layer.id, exampleCount: 6,
      });
      // the other model is untouched
      expect(await certified(ctx, seeded.models[1])).toHaveLength(0);
    });

    it('skips stored examples under the same settings, and recomputes them identically on request', async () => {
      const before = await certified(ctx, model);
      const again = await certifyModelExamples(ctx, { ...base, model: model.id }, { openNetwork: stub(constant(1)) });
      expect(again).toMatchObject({ selected: 6, certified: 0, skipped: 6 });
      const recomputed = await certifyModelExamples(ctx, { ...base, model: model.id, recompute: true }, { openNetwork: stub(constant(1)) });
      expect(recomputed).toMatchObject({ certified: 6, skipped: 0 });
      expect(await certified(ctx, model)).toEqual(before);
    });

    it('abstains (radius 0, prediction −1) when no class has p̲ ≥ ½', async () => {
      const other = seeded.models[1];
      const cycling: BatchClassifier = (_inputs, count) => Int32Array.from({ length: count }, (_, k) => k % 3);
      const result = await certifyModelExamples(ctx, { ...base, model: other.name, perBin: 1 }, { openNetwork: stub(cycling) });
      expect(result).toMatchObject({ selected: 3, certified: 3, abstained: 3 });
      for (const row of await certified(ctx, other)) expect(row).toMatchObject({ robustnessRadius: 0, robustnessAbstained: true, robustnessPrediction: -1 });
    });

    it('replaces every result when the settings change (never mixes settings)', async () => {
      const result = await certifyModelExamples(ctx, { ...base, model: model.name, n: 100, perBin: 1, seed: 4 }, { openNetwork: stub(constant(2)) });
      expect(result.certified).toBe(3);
      const rows = await certified(ctx, model);
      expect(rows).toHaveLength(3);
      for (const row of rows) expect(row).toMatchObject({ robustnessPrediction: 2 });
      expect(rows[0].robustnessRadius).toBeCloseTo(0.7502375120603182, 9); // 0.5·norm.ppf(0.001**(1/100))
      expect(await certificationOfModel(ctx.db, model.id)).toMatchObject({ n: 100, perBin: 1, seed: 4, exampleCount: 3 });
    });

    it('stores nothing when anything fails', async () => {
      const before = { rows: await certified(ctx, model), settings: await certificationOfModel(ctx.db, model.id) };
      const unchanged = async () => {
        expect(await certified(ctx, model)).toEqual(before.rows);
        expect(await certificationOfModel(ctx.db, model.id)).toEqual(before.settings);
      };
      // unknown network directory (the real loader)
      await expect(certifyModelExamples(ctx, { ...base, model: model.name, networkDir: '/nonexistent/network', recompute: true })).rejects.toBeInstanceOf(ValidationError);
      await unchanged();
      // the classifier fails half-way
      let calls = 0;
      const failing: BatchClassifier = (inputs, count) => {
        if (++calls > 5) throw new Error('device lost');
        return constant(0)(inputs, count);
      };
      await expect(certifyModelExamples(ctx, { ...base, model: model.name }, { openNetwork: stub(failing) })).rejects.toThrow('device lost');
      await unchanged();
      // cancelled
      const controller = new AbortController();
      await expect(
        certifyModelExamples(ctx, { ...base, model: model.name }, { openNetwork: stub(constant(0)), signal: controller.signal, onProgress: () => controller.abort() }),
      ).rejects.toBeInstanceOf(CancelledError);
      await unchanged();
      // the network's training split disagrees with the model's labels
      const wrong = Int32Array.from({ length: 30 }, (_, i) => (i + 1) % 3);
      await expect(certifyModelExamples(ctx, { ...base, model: model.name }, { openNetwork: stub(constant(0), wrong) })).rejects.toMatchObject({
        name: 'ValidationError', problems: [expect.objectContaining({ field: 'network' })],
      });
      await unchanged();
    });

    it('rejects bad input before loading anything', async () => {
      const open = stub(constant(0));
      await expect(certifyModelExamples(ctx, { ...base, model: 'no-such-model' }, { openNetwork: open })).rejects.toBeInstanceOf(NotFoundError);
      await expect(certifyModelExamples(ctx, { ...base, model: model.name, layer: 'stage9' }, { openNetwork: open })).rejects.toMatchObject({ problems: [expect.objectContaining({ field: 'layer' })] });
      await expect(certifyModelExamples(ctx, { ...base, model: model.name, perBin: 0, sigma: -1 }, { openNetwork: open })).rejects.toMatchObject({
        problems: [expect.objectContaining({ field: 'perBin' }), expect.objectContaining({ field: 'sigma' })],
      });
      expect(open.disposed).toBe(0);
    });
  });
}
