import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/index.ts';
import { formatPredictive, parsePredictive, readPredictiveFile, writePredictiveFile } from './predictive-file.ts';
import { fixturePath } from './test-support.ts';

const source = JSON.parse(readFileSync(fixturePath('density', 'mixture-2.predictive.json'), 'utf8'));
const clone = () => structuredClone(source) as Record<string, any>;

/** The error thrown by parsing `doc`, as [parameter, message]. */
function failure(doc: unknown): [string, string] {
  try {
    parsePredictive(doc, 'fit.json');
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return [(error as InvalidArgumentError).parameter, (error as Error).message];
  }
  throw new Error('expected parsePredictive to throw');
}

describe('classfit.predictive/v1 files', () => {
  it('reads the fixture: dim, T from trace indices, log averaging', () => {
    const model = parsePredictive(source);
    expect(model.dim).toBe(2);
    expect(model.traceAveraging).toBe('log');
    expect(model.traceCount).toBe(3);
    expect(model.classes.map((c) => c.label)).toEqual([3, 13, 23]);
    expect(model.classes[0].components[0].scaleTril[1]).toBe(0);
  });

  it('defaults traceAveraging to density and T to 1 without trace indices', () => {
    const doc = clone();
    delete doc.traceAveraging;
    for (const c of doc.classes) {
      const total = c.components.reduce((s: number, k: any) => s + k.weight, 0);
      for (const k of c.components) {
        delete k.trace;
        k.weight /= total;
      }
    }
    const model = parsePredictive(doc);
    expect(model.traceAveraging).toBe('density');
    expect(model.traceCount).toBe(1);
  });

  it('round-trips through a file bit for bit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'classfit-predictive-'));
    const model = parsePredictive(source);
    const withProjection = { ...model, projection: { components: Float64Array.of(1, 0.1, 1 / 3, 0, 2, -7e-300), outputDim: 2, inputDim: 3 } };
    await writePredictiveFile(join(dir, 'fit.json'), withProjection);
    const back = await readPredictiveFile(join(dir, 'fit.json'));
    expect(back.projection?.inputDim).toBe(3);
    expect(Array.from(back.projection!.components)).toEqual(Array.from(withProjection.projection.components));
    expect(formatPredictive(back)).toBe(formatPredictive(withProjection));
    expect(JSON.parse(formatPredictive(model))).toEqual(source);
  });

  it('names the JSON path of a non-triangular or wrongly shaped scaleTril', () => {
    const doc = clone();
    doc.classes[2].components[0].scaleTril[0][1] = 0.5;
    expect(failure(doc)).toEqual(['fit.json', 'fit.json: classes[2].components[0].scaleTril must be [2][2] lower-triangular with positive diagonal']);
    const short = clone();
    short.classes[1].components[0].scaleTril = [[1, 0]];
    expect(failure(short)[1]).toContain('classes[1].components[0].scaleTril must be [2][2] lower-triangular');
    const negative = clone();
    negative.classes[0].components[0].scaleTril[1][1] = -1;
    expect(failure(negative)[1]).toContain('classes[0].components[0].scaleTril');
  });

  it('checks weights per class and per trace (1/T in log mode) within 1e-6', () => {
    const doc = clone();
    doc.classes[1].components[0].weight += 1e-5;
    expect(failure(doc)[1]).toMatch(/classes\[1\]\.components\[\]\.weight (of trace \d )?must sum to/);
    const moved = clone();
    // Move weight between traces: the class still sums to 1 but trace 0 no longer to 1/3.
    const k0 = moved.classes[0].components.find((k: any) => k.trace === 0);
    const k1 = moved.classes[0].components.find((k: any) => k.trace === 1);
    k0.weight += 0.01;
    k1.weight -= 0.01;
    expect(failure(moved)[1]).toContain('classes[0].components[].weight of trace 0 must sum to 1/T');
    const tiny = clone();
    tiny.classes[0].components[0].weight += 5e-7;
    expect(() => parsePredictive(tiny)).not.toThrow();
  });

  it('rejects wrong format, unknown keys, bad loc and missing trace in log mode', () => {
    expect(failure({ ...clone(), format: 'classfit.predictive/v2' })[1]).toContain('format must be');
    expect(failure({ ...clone(), extra: 1 })[1]).toContain("(root) has unknown key 'extra'");
    const loc = clone();
    loc.classes[0].components[1].loc = [1, 'x'];
    expect(failure(loc)[1]).toContain('classes[0].components[1].loc[1] must be a finite number');
    const trace = clone();
    delete trace.classes[0].components[0].trace;
    expect(failure(trace)[1]).toContain('classes[0].components[].trace');
    const variance = clone();
    variance.classes[2].reference.variance[0] = 0;
    expect(failure(variance)[1]).toContain('classes[2].reference.variance must be [2] positive');
  });

  it('names the file for missing files and invalid JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'classfit-predictive-'));
    await expect(readPredictiveFile(join(dir, 'none.json'))).rejects.toMatchObject({ parameter: join(dir, 'none.json') });
    writeFileSync(join(dir, 'bad.json'), '{"format": ');
    await expect(readPredictiveFile(join(dir, 'bad.json'))).rejects.toThrow(/is not valid JSON/);
  });
});
