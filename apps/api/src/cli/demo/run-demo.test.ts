/**
 * The whole demo pipeline on a tiny plan: train → memorization → extract →
 * import → analyse → certify, then a second run that reuses everything.
 * Real Fashion-MNIST images, real (tiny) networks, real fits; sizes cut so it
 * runs in about a minute on 2 cores.
 */
import { classFitsByRunIds, getModelByName, latestSucceededRunsByModelIds, tableCounts } from '@classfit/db';
import { testEngines } from '@classfit/db/testing';
import { demoConfig, type DemoConfig } from '@classfit/core/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../context/app-context.ts';
import { openTestContext } from '../../testing/test-context.ts';
import { modelReport } from '../../services/model-report.ts';
import { demoModelName } from './demo-paths.ts';
import type { DemoReporter } from './demo-reporter.ts';
import { DEFAULT_DEMO_PLAN, type DemoPlan, runDemo } from './run-demo.ts';

const config: DemoConfig = {
  ...demoConfig,
  trainSize: 300,
  testSize: 100,
  architectures: ['resnet10', 'plain'],
  width: 4,
  epochs: 3,
  memorization: { arch: 'plain', width: 4, models: 4, subsetFraction: 0.7, epochs: 1 },
};
const plan: DemoPlan = {
  config,
  analysis: { iterations: 10, burnIn: 6, thin: 2, subsetIterations: 6, entropySamples: 100, klSamples: 50, bins: 5, seed: 0 },
  certification: { ...DEFAULT_DEMO_PLAN.certification, perBin: 1, n0: 10, n: 20 },
};

function recordingReporter(steps: string[]): DemoReporter {
  return { step: (title) => steps.push(title), note: () => {}, bar: () => ({ update: () => {}, finish: () => {} }) };
}

describe('runDemo (tiny plan)', () => {
  let ctx: AppContext;
  const firstSteps: string[] = [];

  beforeAll(async () => {
    ctx = await openTestContext(testEngines()[0]);
    await runDemo(ctx, recordingReporter(firstSteps), plan);
  }, 600_000);
  afterAll(() => ctx.close());

  it('imports and analyses every architecture with its held-out accuracy', async () => {
    expect(firstSteps.length).toBe(6);
    for (const arch of config.architectures) {
      const name = demoModelName(arch, config.width);
      const model = await getModelByName(ctx.db, name);
      expect(model, name).toBeDefined();
      // Chance is 10 % (s.e. 3 % on 100 held-out images); a working pipeline learns well above 25 %
      // in 3 epochs on 300 images, a broken one (labels misaligned, no gradient) does not.
      expect(model!.accuracy!).toBeGreaterThan(0.25);
      expect(model!.notes).toMatch(/small on purpose/);
      const report = await modelReport(ctx.db, name);
      expect(report.layers.map((l) => l.name)).toEqual(['stage1', 'stage2', 'stage3', 'stage4']);
      for (const layer of report.layers) {
        expect(layer.classes).toBe(10);
        expect(layer.split!.low + layer.split!.high).toBe(10);
        // The demo runs the analysis default of two chains: every layer has its between-chain figures and the
        // split's evidence (so no figure has to say "one chain").
        expect(layer.chains).toMatchObject({ chains: 2, chainGaps: [expect.any(Number), expect.any(Number)] });
        expect(layer.significance).toMatchObject({ level: 0.05, passes: expect.any(Boolean) });
      }
    }
  });

  it('stores memorization for every example and certificates for a subsample', async () => {
    const model = (await getModelByName(ctx.db, demoModelName('plain', config.width)))!;
    const [run] = await latestSucceededRunsByModelIds(ctx.db, [model.id]);
    expect((await classFitsByRunIds(ctx.db, [run.id])).length).toBe(40);
    const counts = await tableCounts(ctx.db);
    expect(counts.examples).toBe(config.trainSize * config.architectures.length);
    expect(model.notes).toMatch(/Certified robustness:/);
  });

  it('reuses everything on a second run (no new rows, no new runs)', async () => {
    const before = await tableCounts(ctx.db);
    const steps: string[] = [];
    const result = await runDemo(ctx, recordingReporter(steps), plan);
    expect(Object.values(result.summaries).every((s) => s === null)).toBe(true);
    expect(await tableCounts(ctx.db)).toEqual(before);
  }, 300_000);
});
