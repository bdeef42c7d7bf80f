import { describe, expect, it } from 'vitest';
import { FINDINGS_BEGIN, FINDINGS_END, findingsIn, renderFindings, replaceFindings, sdOverlaps, sdRatio } from './findings.ts';
import type { ClassReport, LayerReport, ModelReport } from './model-report.ts';

const cls = (label: number, name: string, group: 'low' | 'high', sd: number, mean = group === 'high' ? 10 : -40): ClassReport => ({
  label, name, n: 100, group, meanLogDensity: mean, sdLogDensity: sd, relativeEntropy: null, meanDistance: null, meanClusters: 5, chains: null, heldOut: null,
});

function layer(name: string, classes: ClassReport[], extra: Partial<LayerReport> = {}): LayerReport {
  const sds = (g: 'low' | 'high') => classes.filter((c) => c.group === g).map((c) => c.sdLogDensity!).sort((a, b) => a - b);
  const median = (xs: number[]) => (xs.length ? (xs.length % 2 ? xs[(xs.length - 1) / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2) : null);
  const low = classes.filter((c) => c.group === 'low').length;
  return {
    name, runId: 1, relativeDepth: 1, dim: 64, reducedDim: 64, classes: classes.length, sourceName: null,
    split: { low, high: classes.length - low, gap: 9.7, threshold: -20 },
    meanLogDensity: { low: -40, high: 10 }, relativeEntropy: { low: 59.4, high: 61.9, all: 61 },
    medianSd: { low: median(sds('low')), high: median(sds('high')) }, meanClusters: 5,
    genclassF1: { least: 0.715, random: 0.843, most: 0.577 }, klMean: { least: 107.5, random: 101.3 },
    significance: null, chains: null, perClass: classes, ...extra,
  };
}

const model = (name: string, layers: LayerReport[]): ModelReport => ({ model: { id: 1, name, accuracy: 0.8 }, runId: 1, backend: 'wasm', layers });

describe('findings', () => {
  const tight = [cls(0, 'Trouser', 'low', 18.6), ...['Coat', 'Bag', 'Shirt'].map((n, i) => cls(i + 1, n, 'high', 2 + i))];

  it('reads the s.d. contrast and finds high-density classes spread more than a low-density one', () => {
    const overlapping = layer('stage4', [...tight, cls(9, 'Sneaker', 'high', 22.8)]);
    expect(sdRatio(layer('stage4', tight))).toBeCloseTo(18.6 / 3, 12);
    expect(sdOverlaps(layer('stage4', tight))).toEqual([]);
    expect(sdOverlaps(overlapping).map((o) => [o.high.name, o.low.name])).toEqual([['Sneaker', 'Trouser']]);
    const text = renderFindings([model('rn18', [overlapping])]);
    expect(text).toContain('1 high-density class has a larger s.d. than the low-density Trouser (18.6): Sneaker 22.8.');
  });

  it('states a contrast only when the numbers show one, and each direction as the numbers have it', () => {
    const contrasted = renderFindings([model('rn18', [layer('stage1', tight.map((c) => ({ ...c, sdLogDensity: 5 }))), layer('stage4', tight)])]);
    expect(contrasted).toContain("an s.d. contrast: the low group's median per-class s.d. is 6.2× the high group's");
    expect(contrasted).toContain('layers with an s.d. contrast (×3 or more): stage4;');
    expect(contrasted).toContain('relative entropy higher for high-density classes (61.9 vs 59.4), the paper’s direction');
    expect(contrasted).toContain('most-memorized examples classified worst at every layer; least > random at stage4: no.');
    expect(contrasted).toContain('no KL divergences for the most subset');
    const flat = renderFindings([model('plain', [layer('stage4', tight.map((c) => ({ ...c, sdLogDensity: 10 })), { relativeEntropy: { low: 62, high: 60, all: 61 } })])]);
    expect(flat).toContain('no s.d. contrast (ratio 1.0, below 3)');
    expect(flat).toContain('layers with an s.d. contrast (×3 or more): none;');
    expect(flat).toContain('against the paper’s direction');
  });

  it('tells KL that grows with depth from KL that does not', () => {
    const grows = renderFindings([model('m', [layer('s1', tight, { klMean: { random: 14 } }), layer('s2', tight, { klMean: { random: 50 } })])]);
    expect(grows).toContain('between-class KL (random subset) grows with depth: 14.0 → 50.0 nats.');
    const not = renderFindings([model('m', [layer('s1', tight, { klMean: { random: 60 } }), layer('s2', tight, { klMean: { random: 50 } })])]);
    expect(not).toContain('does not grow steadily with depth');
  });

  it('replaces only the block between the markers, and refuses reports without classes', () => {
    const block = renderFindings([model('m', [layer('stage4', tight)])]);
    const readme = `# x\n\nbefore\n${FINDINGS_BEGIN}\nold\n${FINDINGS_END}\nafter\n`;
    const updated = replaceFindings(readme, block);
    expect(updated).toBe(`# x\n\nbefore\n${block}\nafter\n`);
    expect(findingsIn(updated)).toBe(block);
    expect(() => replaceFindings('# no markers', block)).toThrow('no findings markers');
    expect(() => renderFindings([model('m', [{ ...layer('stage4', tight), perClass: undefined }])])).toThrow('need per-class reports');
  });

  it('says whether the modes test supports two modes, and how far the chains agree', () => {
    const significance = { passes: false, pValue: 0.41, level: 0.05, gap: { low: 3.1, high: 12.4 }, sdRatio: null, stability: 0.8, intervalLevel: 0.9 };
    const chains = { chains: 2, chainsAgreeing: 1, chainGaps: [9, 4], meanLogDensitySd: { median: 0.6, max: 3.2 }, relativeEntropySd: { median: 0.2, max: 1 }, maxLogLikelihoodRHat: 1.02, maxClusterCountRHat: 1.1 };
    const text = renderFindings([model('rn18', [layer('stage3', tight, { significance: { ...significance, passes: true, pValue: 0.01 } }), layer('stage4', tight, { significance, chains })])]);
    expect(text).toContain('| 0.410 | 1 of 2 |');
    expect(text).toContain('two modes not supported by the modes test (Silverman, p = 0.410, level 0.05); gap interval 3.1–12.4 nats.');
    expect(text).toContain('layers whose split passes the modes test: stage3.');
    expect(text).toContain('1 of 2 chains give the pooled split; class means move by a median of 0.6 nats (largest 3.2) between chains.');
    const one = renderFindings([model('m', [layer('stage4', tight, { chains: { ...chains, chains: 1, chainsAgreeing: null } })])]);
    expect(one).toContain('one chain per class, so no between-chain spread is known.');
  });
});
