import { fitOptionsObject, fitOptionsSchema } from '@classfit/core/dpgmm';
import { describe, expect, it } from 'vitest';
import { SAMPLER_FLAGS } from './sampler-flags.ts';
import { checkFlags, fieldFacts, flagUsage, optionsFromFlags } from './schema-flags.ts';

describe('flags derived from the options schema', () => {
  const shape = fitOptionsObject.shape;
  const flags = [...SAMPLER_FLAGS, { flag: 'weights', field: 'variants.mixtureWeights', help: 'mixture weights' }];

  it('reads type, range and default from the schema', () => {
    expect(fieldFacts(shape, 'iterations')).toEqual({ kind: 'number', min: 1, max: 1_000_000, defaultValue: 400 });
    expect(fieldFacts(shape, 'variants.mixtureWeights')).toMatchObject({ kind: 'choice', choices: ['paper', 'crp'], defaultValue: 'paper' });
    const usage = flagUsage(shape, flags);
    expect(usage).toContain('--iterations N        sweeps per chain (1–1000000; default 400)');
    expect(usage).toContain('first kept sweep (≥ 0; default 80% of --iterations, at most 320)');
    expect(usage).toContain('--weights M           mixture weights (paper | crp; default paper)');
  });

  it('parses numbers and nested fields, and names the flag in the schema\'s error', () => {
    const options = optionsFromFlags(shape, flags, { iterations: '100', weights: 'crp' });
    expect(options).toEqual({ iterations: 100, variants: { mixtureWeights: 'crp' } });
    expect(fitOptionsSchema.parse(checkFlags(fitOptionsSchema, flags, options))).toMatchObject({ iterations: 100, burnIn: 80 });
    expect(() => optionsFromFlags(shape, flags, { thin: 'four' })).toThrow('--thin must be a number, got "four"');
    expect(() => checkFlags(fitOptionsSchema, flags, { thin: 0 })).toThrow(/^--thin: /);
    expect(() => checkFlags(fitOptionsSchema, flags, { iterations: 1.5 })).toThrow(/^--iterations: /);
    expect(() => checkFlags(fitOptionsSchema, flags, { variants: { mixtureWeights: 'x' } })).toThrow(/^--weights: /);
    expect(() => checkFlags(fitOptionsSchema, flags, { iterations: 50, burnIn: 50 })).toThrow('--burn-in: must be < iterations (50), got 50');
  });
});
