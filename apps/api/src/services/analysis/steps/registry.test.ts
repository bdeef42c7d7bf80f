import { describe, expect, it } from 'vitest';
import { analysisOptionsObject, analysisOptionsSchema } from '../../analysis-options.ts';
import { layerSchedule } from '../layer-schedule.ts';
import { ANALYSIS_STEPS, LAYER_STEPS, RUN_PHASES, stepDeclarations } from './index.ts';

describe('the analysis step registry', () => {
  it('lists every step once, each after the steps it needs', () => {
    const names = ANALYSIS_STEPS.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    for (const [i, step] of ANALYSIS_STEPS.entries()) {
      for (const need of step.needs) expect(names.indexOf(need), `${step.name} needs ${need}`).toBeGreaterThanOrEqual(0);
      for (const need of step.needs) expect(names.indexOf(need), `${step.name} runs after ${need}`).toBeLessThan(i);
    }
    expect(LAYER_STEPS.map((s) => s.name)).toEqual(['fit', 'own-densities', 'groups', 'relative-entropy', 'between-chains', 'group-evidence', 'distances', 'bins', 'genclass', 'held-out-densities', 'kl']);
  });

  it('releases the main model before the genclass refit and the refit before the KL fits', () => {
    const at = (name: string) => LAYER_STEPS.findIndex((s) => s.name === name);
    const lastReader = (field: 'model' | 'refit') => Math.max(...LAYER_STEPS.map((s, i) => (s.reads?.includes(field) ? i : -1)));
    expect(lastReader('model')).toBe(at('distances'));
    expect(lastReader('model')).toBeLessThan(at('genclass'));
    expect(lastReader('refit')).toBe(at('held-out-densities'));
    expect(lastReader('refit')).toBeLessThan(at('kl'));
  });

  it('schedules the main fit, then the fit lane beside the scoring lane, from the declared needs', () => {
    const names = (steps: readonly { name: string }[]) => steps.map((s) => s.name);
    const { prefix, lanes } = layerSchedule(LAYER_STEPS);
    expect(names(prefix)).toEqual(['fit']);
    expect(lanes.map((l) => names(l.steps))).toEqual([
      ['own-densities', 'groups', 'relative-entropy', 'between-chains', 'group-evidence', 'distances', 'bins'],
      ['genclass', 'held-out-densities', 'kl'],
    ]);
    // Every step that runs sampler fits after the prefix is in one lane; no step needs one of another lane.
    const laneOf = new Map(lanes.flatMap((l, i) => l.steps.map((s) => [s.name, i] as const)));
    for (const step of LAYER_STEPS.filter((s) => laneOf.has(s.name))) for (const need of step.needs) expect([undefined, laneOf.get(step.name)]).toContain(laneOf.get(need));
    expect(new Set(LAYER_STEPS.filter((s) => s.runsFits && laneOf.has(s.name)).map((s) => laneOf.get(s.name))).size).toBe(1);
    // The fit lane brings no fit result into memory while the scoring lane holds the main model.
    expect(lanes.map((l) => l.waitsFor)).toEqual([[], ['model']]);
    expect(layerSchedule(LAYER_STEPS, 'sequential')).toEqual({ prefix: LAYER_STEPS, lanes: [] });
  });

  it('declares options the schema has, and the run phases in order', () => {
    const keys = Object.keys(analysisOptionsObject.shape);
    for (const step of stepDeclarations()) for (const option of step.options) expect(keys).toContain(option);
    expect(RUN_PHASES).toEqual(['load', 'svd', 'fit', 'score', 'entropy', 'chains', 'bins', 'genclass', 'held-out', 'kl:<subset>', 'similarity', 'store']);
  });

  it('says which steps do work under given options', () => {
    const off = analysisOptionsSchema.parse({ klSubsets: [], genclassSubsets: [], entropySamples: 0 });
    const enabled = (o: typeof off) => stepDeclarations().filter((s) => s.enabled(o)).map((s) => s.name);
    expect(enabled(analysisOptionsSchema.parse({}))).toContain('kl');
    expect(enabled(off)).not.toContain('kl');
    expect(enabled(off)).not.toContain('genclass');
    expect(enabled(off)).not.toContain('held-out-densities');
    expect(enabled(off)).not.toContain('relative-entropy');
  });
});
