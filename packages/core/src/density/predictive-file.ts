import { readFile } from 'node:fs/promises';
import { InvalidArgumentError } from '../errors/index.ts';
import { writeFileAtomic } from '../io/index.ts';
import { findModelProblem } from './check-model.ts';
import { JsonReader } from './predictive-json.ts';
import type { ClassMixture, PredictiveModel, StudentTComponent, TraceAveraging } from './predictive-model.ts';

/** The `format` tag of the predictive file (DESIGN.md §7). */
export const PREDICTIVE_FORMAT = 'classfit.predictive/v1';

/**
 * Parses and strictly validates a `classfit.predictive/v1` document (already
 * JSON-decoded). Errors are `InvalidArgumentError(source, …)` naming the JSON
 * path, e.g. `classes[3].components[0].scaleTril must be [16][16] lower-triangular with positive diagonal`.
 * T is 1 + the largest `trace` index (1 when components carry none).
 */
export function parsePredictive(document: unknown, source = 'predictive'): PredictiveModel {
  const json = new JsonReader(source);
  const root = json.object(document, '(root)', ['format', 'dim', 'projection', 'traceAveraging', 'classes']);
  if (root.format !== PREDICTIVE_FORMAT) json.fail('format', `must be '${PREDICTIVE_FORMAT}', got ${JSON.stringify(root.format)}`);
  const d = json.integer(root.dim, 'dim');
  if (d < 1) json.fail('dim', `must be ≥ 1, got ${d}`);
  const traceAveraging = (root.traceAveraging ?? 'density') as TraceAveraging;
  if (traceAveraging !== 'density' && traceAveraging !== 'log') {
    json.fail('traceAveraging', `must be 'density' or 'log', got ${JSON.stringify(traceAveraging)}`);
  }
  let projection: PredictiveModel['projection'];
  if (root.projection !== undefined) {
    const p = json.object(root.projection, 'projection', ['components']);
    const rows = json.array(p.components, 'projection.components', d);
    const inputDim = Array.isArray(rows[0]) ? rows[0].length : 0;
    const components = json.matrix(p.components, 'projection.components', d, inputDim, `must be [${d}][D] finite numbers`);
    projection = { components, outputDim: d, inputDim };
  }
  const classes = json.array(root.classes, 'classes').map((c, i) => parseClass(json, c, `classes[${i}]`, d));
  let traceCount = 1;
  for (const cls of classes) for (const k of cls.components) if (k.trace !== undefined) traceCount = Math.max(traceCount, k.trace + 1);
  const model: PredictiveModel = { dim: d, traceAveraging, traceCount, projection, classes };
  const problem = findModelProblem(model);
  if (problem !== null) throw new InvalidArgumentError(source, problem);
  return model;
}

function parseClass(json: JsonReader, value: unknown, path: string, d: number): ClassMixture {
  const c = json.object(value, path, ['label', 'name', 'n', 'components', 'reference']);
  const ref = json.object(c.reference, `${path}.reference`, ['mean', 'variance']);
  return {
    label: json.integer(c.label, `${path}.label`),
    name: json.string(c.name, `${path}.name`),
    n: json.integer(c.n, `${path}.n`),
    components: json.array(c.components, `${path}.components`).map((k, i) => parseComponent(json, k, `${path}.components[${i}]`, d)),
    reference: { mean: json.vector(ref.mean, `${path}.reference.mean`, d), variance: json.vector(ref.variance, `${path}.reference.variance`, d) },
  };
}

function parseComponent(json: JsonReader, value: unknown, path: string, d: number): StudentTComponent {
  const k = json.object(value, path, ['weight', 'df', 'loc', 'scaleTril', 'trace']);
  const shape = `must be [${d}][${d}] lower-triangular with positive diagonal`;
  return {
    weight: json.number(k.weight, `${path}.weight`),
    df: json.number(k.df, `${path}.df`),
    loc: json.vector(k.loc, `${path}.loc`, d),
    scaleTril: json.matrix(k.scaleTril, `${path}.scaleTril`, d, d, shape),
    ...(k.trace === undefined ? {} : { trace: json.integer(k.trace, `${path}.trace`) }),
  };
}

/**
 * Yields the JSON text of a model in pieces (one class at a time), so files far
 * larger than one JavaScript string can be written. Numbers keep full Float64
 * precision (shortest round-trip form).
 */
export function* predictiveJsonChunks(model: PredictiveModel): Generator<string> {
  const d = model.dim;
  const head: Record<string, unknown> = { format: PREDICTIVE_FORMAT, dim: d };
  if (model.projection) head.projection = { components: rows(model.projection.components, d, model.projection.inputDim) };
  head.traceAveraging = model.traceAveraging;
  yield `${JSON.stringify(head).slice(0, -1)},"classes":[`;
  for (let c = 0; c < model.classes.length; c++) {
    const cls = model.classes[c];
    const components = cls.components.map((k) => ({
      weight: k.weight,
      df: k.df,
      loc: Array.from(k.loc),
      scaleTril: rows(k.scaleTril, d, d),
      ...(k.trace === undefined ? {} : { trace: k.trace }),
    }));
    const reference = { mean: Array.from(cls.reference.mean), variance: Array.from(cls.reference.variance) };
    yield (c > 0 ? ',' : '') + JSON.stringify({ label: cls.label, name: cls.name, n: cls.n, components, reference });
  }
  yield ']}\n';
}

/** The whole document as one string (small models; see `predictiveJsonChunks`). */
export function formatPredictive(model: PredictiveModel): string {
  return [...predictiveJsonChunks(model)].join('');
}

/**
 * Reads and validates a predictive file. Throws `InvalidArgumentError(path, …)`.
 * The file is decoded in one piece, so it must be below V8's string limit (~512 MB).
 */
export async function readPredictiveFile(path: string): Promise<PredictiveModel> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InvalidArgumentError(path, 'no such file (expected a classfit.predictive/v1 JSON file)');
    if (code === 'ERR_STRING_TOO_LONG') throw new InvalidArgumentError(path, 'is too large to decode as one JSON string');
    throw error;
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new InvalidArgumentError(path, `is not valid JSON: ${(error as Error).message}`);
  }
  return parsePredictive(document, path);
}

/**
 * Validates `model` and writes it atomically (temporary file, then rename),
 * streaming class by class.
 */
export async function writePredictiveFile(path: string, model: PredictiveModel): Promise<void> {
  const problem = findModelProblem(model);
  if (problem !== null) throw new InvalidArgumentError('model', problem);
  await writeFileAtomic(path, predictiveJsonChunks(model));
}

function rows(values: Float64Array, r: number, c: number): number[][] {
  return Array.from({ length: r }, (_, i) => Array.from(values.subarray(i * c, i * c + c)));
}
