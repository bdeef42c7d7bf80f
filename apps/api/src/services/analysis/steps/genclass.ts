/** Generative classification of held-out memorization subsets by a fit without them (METHOD G). */
import { generativeClassification } from '@classfit/core/analysis';
import { upsertGenclassResults } from '@classfit/db';
import { classDataFrom, gatherRows } from '../class-data.ts';
import { FIT_SEED_OFFSET, fitOptions } from './fit-options.ts';
import { need, type LayerResults } from './layer-draft.ts';
import { startsFromMain } from '../warm-start.ts';
import type { LayerStep } from './step.ts';

export const genclassStep: LayerStep = {
  name: 'genclass', title: 'generative classification per held-out subset', level: 'layer', makes: ['refit'], runsFits: true, needs: ['fit'],
  options: ['genclassSubsets', 'genclassIterations', 'refitStart', 'iterations', 'burnIn', 'thin', 'chains', 'seed'], tables: ['genclass_results'], artifacts: ['predictive (genclass fit)'], phase: 'genclass',
  enabled: (o) => o.genclassSubsets.length > 0,
  async run({ input, data, options, fits, progress }, draft) {
    const { z, k, layer } = input;
    const genclass: LayerResults['genclass'] = [];
    const heldOut = new Set<number>();
    draft.refit = null;
    for (const name of options.genclassSubsets) for (const p of data.genclass.get(name) ?? []) heldOut.add(p);
    if (heldOut.size > 0) {
      progress('genclass');
      const train = Int32Array.from({ length: data.labels.length }, (_, i) => i).filter((i) => !heldOut.has(i));
      const start = options.refitStart === 'main' ? startsFromMain(need(draft.main, 'the main fit', 'fit'), data.labels, train, options.chains) : undefined;
      const sweeps = options.genclassIterations ?? options.iterations;
      const fit = await fits.run(`${layer.name}/genclass`, classDataFrom(z, k, data.labels, train, data.classNames), fitOptions(options, FIT_SEED_OFFSET.genclass, sweeps), undefined, start);
      draft.refit = { predictive: fit.predictive, train, heldOut: Int32Array.from(heldOut).sort() };
      const known = new Set(fit.predictive.classes.map((c) => c.label));
      for (const name of options.genclassSubsets) {
        const test = (data.genclass.get(name) ?? new Int32Array()).filter((p) => known.has(data.labels[p]));
        if (test.length === 0) continue;
        const result = await generativeClassification(fit.predictive, gatherRows(z, k, test), test.length, 'reduced', Array.from(test, (p) => data.labels[p]));
        genclass.push({
          subset: name, f1Mean: result.weightedF1.mean, f1Sd: result.weightedF1.sd, accuracy: result.accuracy.mean,
          f1PerTrace: result.perTrace.map((m) => m.weightedF1), exampleCount: test.length,
        });
      }
    }
    draft.genclass = genclass;
  },
  async store({ tx, runId }, r) {
    await upsertGenclassResults(tx, r.genclass.map((g) => ({ runId, layerId: r.input.layer.id, ...g })));
  },
};
