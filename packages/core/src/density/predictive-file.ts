import { createReadStream } from 'node:fs';
import { InvalidArgumentError } from '../errors/index.ts';
import { isZipFile, JsonStreamError, scanJsonObject, writeFileAtomic } from '../io/index.ts';
import { findModelProblem } from './check-model.ts';
import { readPredictiveArrays } from './predictive-arrays.ts';
import { JsonReader } from './predictive-json.ts';
import type { ClassMixture, PredictiveModel, Projection, StudentTComponent, TraceAveraging } from './predictive-model.ts';

/** The `format` tag of the predictive file (DESIGN.md §7). */
export const PREDICTIVE_FORMAT = 'classfit.predictive/v1';

const ROOT_KEYS = ['format', 'dim', 'projection', 'traceAveraging', 'classes'] as const;

/**
 * Parses and strictly validates a `classfit.predictive/v1` document (already
 * JSON-decoded). Errors are `InvalidArgumentError(source, …)` naming the JSON
 * path, e.g. `classes[3].components[0].scaleTril must be [16][16] lower-triangular with positive diagonal`.
 * T is 1 + the largest `trace` index (1 when components carry none).
 */
export function parsePredictive(document: unknown, source = 'predictive'): PredictiveModel {
  const json = new JsonReader(source);
  const root = json.object(document, '(root)', ROOT_KEYS);
  const head = parseHead(json, root);
  const classes = json.array(root.classes, 'classes').map((c, i) => parseClass(json, c, `classes[${i}]`, head.dim));
  return finishModel(head, classes, source);
}

interface PredictiveHead {
  readonly dim: number;
  readonly traceAveraging: TraceAveraging;
  readonly projection?: Projection;
}

function parseHead(json: JsonReader, root: Record<string, unknown>): PredictiveHead {
  if (root.format !== PREDICTIVE_FORMAT) json.fail('format', `must be '${PREDICTIVE_FORMAT}', got ${JSON.stringify(root.format)}`);
  const d = json.integer(root.dim, 'dim');
  if (d < 1) json.fail('dim', `must be ≥ 1, got ${d}`);
  const traceAveraging = (root.traceAveraging ?? 'density') as TraceAveraging;
  if (traceAveraging !== 'density' && traceAveraging !== 'log') {
    json.fail('traceAveraging', `must be 'density' or 'log', got ${JSON.stringify(traceAveraging)}`);
  }
  let projection: Projection | undefined;
  if (root.projection !== undefined) {
    const p = json.object(root.projection, 'projection', ['components']);
    const rows = json.array(p.components, 'projection.components', d);
    const inputDim = Array.isArray(rows[0]) ? rows[0].length : 0;
    const components = json.matrix(p.components, 'projection.components', d, inputDim, `must be [${d}][D] finite numbers`);
    projection = { components, outputDim: d, inputDim };
  }
  return { dim: d, traceAveraging, projection };
}

function finishModel(head: PredictiveHead, classes: ClassMixture[], source: string): PredictiveModel {
  let traceCount = 1;
  for (const cls of classes) for (const k of cls.components) if (k.trace !== undefined) traceCount = Math.max(traceCount, k.trace + 1);
  const model: PredictiveModel = { ...head, traceCount, classes };
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
 * Reads and validates a `classfit.predictive/v1` JSON file of any size: the file is streamed and each class is
 * decoded on its own (see `scanJsonObject`), so only one class must fit in a string. Members may come in any
 * order. Throws `InvalidArgumentError(path, …)` naming the JSON path of what is wrong.
 */
export async function readPredictiveJsonFile(path: string): Promise<PredictiveModel> {
  const json = new JsonReader(path);
  const root: Record<string, unknown> = {};
  const pending: unknown[] = []; // classes seen before `dim` (another writer's member order)
  const classes: ClassMixture[] = [];
  const dim = () => {
    const d = json.integer(root.dim, 'dim');
    return d >= 1 ? d : json.fail('dim', `must be ≥ 1, got ${d}`);
  };
  const once = (key: string) => {
    if (!(ROOT_KEYS as readonly string[]).includes(key)) json.fail('(root)', `has unknown key '${key}' (allowed: ${ROOT_KEYS.join(', ')})`);
    if (key in root) json.fail(key, 'is given twice');
  };
  try {
    await scanJsonObject(createReadStream(path, { highWaterMark: 1 << 20 }), new Set(['classes']), {
      member(key, value) {
        once(key);
        root[key] = value;
      },
      streamedArray(key) {
        once(key);
        root[key] = [];
      },
      element(_key, index, value) {
        if (root.dim === undefined) pending.push(value);
        else classes.push(parseClass(json, value, `classes[${index}]`, dim()));
      },
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InvalidArgumentError(path, 'no such file (expected a classfit.predictive/v1 JSON file)');
    if (error instanceof JsonStreamError || error instanceof SyntaxError) throw new InvalidArgumentError(path, `is not valid JSON: ${error.message}`);
    throw error;
  }
  const head = parseHead(json, root);
  json.array(root.classes, 'classes');
  const early = pending.map((value, i) => parseClass(json, value, `classes[${i}]`, head.dim));
  return finishModel(head, [...early, ...classes], path);
}

/**
 * Reads a predictive model stored either as `classfit.predictive/v1` JSON or in the binary `.npz` form
 * (`writePredictiveArrays`), told apart by the file's first bytes. Neither has a size ceiling.
 * Throws `InvalidArgumentError(path, …)`.
 */
export async function readPredictiveFile(path: string): Promise<PredictiveModel> {
  return (await isZipFile(path)) ? readPredictiveArrays(path) : readPredictiveJsonFile(path);
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
