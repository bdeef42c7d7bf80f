/**
 * The binary form of a predictive model, `classfit.predictive-arrays/v1`: a `.npz` (stored entries) that numpy
 * opens with `np.load`, written as a stream and read entry by entry, so its size has no ceiling but the disk's
 * and the components come back as views of a few large arrays. K components over all classes, C classes:
 *
 *   header.json             {"format", "dim", "traceAveraging", "classes": [{"label", "name", "n"}, …]}
 *   class_offsets.npy       int64 [C + 1]  class c owns components class_offsets[c] … class_offsets[c+1] − 1
 *   weights.npy, df.npy     float64 [K]
 *   loc.npy                 float64 [K, d]
 *   scale_tril.npy          float64 [K, d, d]  lower-triangular L, shape matrix L Lᵀ (scipy multivariate_t)
 *   trace.npy               int32 [K]      kept-trace index of each component (absent when components carry none)
 *   reference_mean.npy, reference_variance.npy   float64 [C, d]
 *   projection.npy          float64 [d, D] (absent without a projection)
 *
 * The meaning of every field is that of the JSON `classfit.predictive/v1` file (DESIGN.md §7).
 */
import { InvalidArgumentError } from '../errors/index.ts';
import { bytesZipEntry, npyZipEntry, openZip, readNpy, storedZipPieces, toNumberArray, writeFileAtomic, type NpyArray, type ZipEntrySource } from '../io/index.ts';
import { findModelProblem } from './check-model.ts';
import { JsonReader } from './predictive-json.ts';
import type { ClassMixture, PredictiveModel, StudentTComponent, TraceAveraging } from './predictive-model.ts';

/** The `format` tag in `header.json`. */
export const PREDICTIVE_ARRAYS_FORMAT = 'classfit.predictive-arrays/v1';

/** The archive's entries, streamed from the model's own arrays (nothing is joined in memory). */
export function predictiveArrayEntries(model: PredictiveModel): ZipEntrySource[] {
  const problem = findModelProblem(model);
  if (problem !== null) throw new InvalidArgumentError('model', problem);
  const d = model.dim;
  const components = model.classes.flatMap((c) => c.components);
  const k = components.length;
  const c = model.classes.length;
  const header = {
    format: PREDICTIVE_ARRAYS_FORMAT,
    dim: d,
    traceAveraging: model.traceAveraging,
    classes: model.classes.map((cls) => ({ label: cls.label, name: cls.name, n: cls.n })),
  };
  const offsets = new BigInt64Array(c + 1);
  model.classes.forEach((cls, i) => (offsets[i + 1] = offsets[i] + BigInt(cls.components.length)));
  const traced = components.some((x) => x.trace !== undefined);
  const entries = [
    bytesZipEntry('header.json', new TextEncoder().encode(`${JSON.stringify(header)}\n`)),
    npyZipEntry('class_offsets', 'int64', [c + 1], () => [offsets]),
    npyZipEntry('weights', 'float64', [k], () => [Float64Array.from(components, (x) => x.weight)]),
    npyZipEntry('df', 'float64', [k], () => [Float64Array.from(components, (x) => x.df)]),
    npyZipEntry('loc', 'float64', [k, d], () => components.map((x) => x.loc)),
    npyZipEntry('scale_tril', 'float64', [k, d, d], () => components.map((x) => x.scaleTril)),
    npyZipEntry('reference_mean', 'float64', [c, d], () => model.classes.map((cls) => cls.reference.mean)),
    npyZipEntry('reference_variance', 'float64', [c, d], () => model.classes.map((cls) => cls.reference.variance)),
  ];
  if (traced) entries.push(npyZipEntry('trace', 'int32', [k], () => [Int32Array.from(components, (x) => x.trace!)]));
  const p = model.projection;
  if (p) entries.push(npyZipEntry('projection', 'float64', [p.outputDim, p.inputDim], () => [p.components]));
  return entries;
}

/** The archive's bytes in pieces (for a store that takes a stream). Validates the model first. */
export function predictiveArrayPieces(model: PredictiveModel): Generator<Uint8Array> {
  return storedZipPieces(predictiveArrayEntries(model));
}

/** Validates `model` and writes its binary form to `path` atomically (temporary file, then rename). */
export async function writePredictiveArrays(path: string, model: PredictiveModel): Promise<void> {
  await writeFileAtomic(path, predictiveArrayPieces(model));
}

/**
 * Reads and validates the binary form. Components' `loc` and `scaleTril` are views of the file's `loc` and
 * `scale_tril` arrays. Throws `InvalidArgumentError(path, …)` naming the entry that is wrong.
 */
export async function readPredictiveArrays(path: string): Promise<PredictiveModel> {
  const zip = await openZip(path);
  try {
    const json = new JsonReader(`${path}/header.json`);
    let document: unknown;
    try {
      document = JSON.parse(new TextDecoder().decode(await zip.read('header.json')));
    } catch (error) {
      if (error instanceof InvalidArgumentError) throw error;
      throw new InvalidArgumentError(`${path}/header.json`, `is not valid JSON: ${(error as Error).message}`);
    }
    const header = json.object(document, '(root)', ['format', 'dim', 'traceAveraging', 'classes']);
    if (header.format !== PREDICTIVE_ARRAYS_FORMAT) json.fail('format', `must be '${PREDICTIVE_ARRAYS_FORMAT}', got ${JSON.stringify(header.format)}`);
    const d = json.integer(header.dim, 'dim');
    if (d < 1) json.fail('dim', `must be ≥ 1, got ${d}`);
    const traceAveraging = header.traceAveraging as TraceAveraging;
    if (traceAveraging !== 'density' && traceAveraging !== 'log') json.fail('traceAveraging', `must be 'density' or 'log', got ${JSON.stringify(traceAveraging)}`);
    const meta = json.array(header.classes, 'classes').map((value, i) => {
      const m = json.object(value, `classes[${i}]`, ['label', 'name', 'n']);
      return { label: json.integer(m.label, `classes[${i}].label`), name: json.string(m.name, `classes[${i}].name`), n: json.integer(m.n, `classes[${i}].n`) };
    });
    const c = meta.length;

    const array = async (key: string, shape: (number | 'K' | 'D')[], optional = false): Promise<NpyArray | undefined> => {
      const name = `${key}.npy`;
      if (!zip.entries.has(name)) {
        if (optional) return undefined;
        throw new InvalidArgumentError(path, `has no entry '${name}'`);
      }
      const a = readNpy(await zip.read(name), `${path}/${name}`, { copy: false });
      const fits = a.shape.length === shape.length && shape.every((s, i) => typeof s !== 'number' || a.shape[i] === s);
      if (!fits) throw new InvalidArgumentError(`${path}/${name}`, `must have shape [${shape.join(', ')}], got [${a.shape.join(', ')}]`);
      return a;
    };
    const floats = (a: NpyArray, key: string): Float64Array => (a.dtype === 'float64' ? a.data : toNumberArray(a, `${path}/${key}.npy`));

    const offsets = toNumberArray((await array('class_offsets', [c + 1]))!, `${path}/class_offsets.npy`);
    const k = offsets[c];
    if (offsets[0] !== 0 || offsets.some((o, i) => i > 0 && o < offsets[i - 1])) {
      throw new InvalidArgumentError(`${path}/class_offsets.npy`, 'must rise from 0 (one range of components per class)');
    }
    const weights = floats((await array('weights', [k]))!, 'weights');
    const df = floats((await array('df', [k]))!, 'df');
    const loc = floats((await array('loc', [k, d]))!, 'loc');
    const tril = floats((await array('scale_tril', [k, d, d]))!, 'scale_tril');
    const traceArray = await array('trace', [k], true);
    const trace = traceArray && toNumberArray(traceArray, `${path}/trace.npy`);
    const mean = floats((await array('reference_mean', [c, d]))!, 'reference_mean');
    const variance = floats((await array('reference_variance', [c, d]))!, 'reference_variance');
    const projectionArray = await array('projection', [d, 'D'], true);

    let traceCount = 1;
    const classes: ClassMixture[] = meta.map((m, ci) => {
      const components: StudentTComponent[] = [];
      for (let j = offsets[ci]; j < offsets[ci + 1]; j++) {
        const t = trace?.[j];
        if (t !== undefined) traceCount = Math.max(traceCount, t + 1);
        components.push({
          weight: weights[j],
          df: df[j],
          loc: loc.subarray(j * d, (j + 1) * d),
          scaleTril: tril.subarray(j * d * d, (j + 1) * d * d),
          ...(t === undefined ? {} : { trace: t }),
        });
      }
      return { ...m, components, reference: { mean: mean.subarray(ci * d, (ci + 1) * d), variance: variance.subarray(ci * d, (ci + 1) * d) } };
    });
    const projection = projectionArray && { components: floats(projectionArray, 'projection'), outputDim: d, inputDim: projectionArray.shape[1] };
    const model: PredictiveModel = { dim: d, traceAveraging, traceCount, ...(projection ? { projection } : {}), classes };
    const problem = findModelProblem(model);
    if (problem !== null) throw new InvalidArgumentError(path, problem);
    return model;
  } finally {
    await zip.close();
  }
}
