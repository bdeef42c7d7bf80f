/**
 * Certified robustness of a model's examples per density bin (METHOD.md H.4): draws a seeded subsample of
 * every density bin of the model's latest succeeded analysis (deepest layer by default), runs Cohen et
 * al.'s CERTIFY on those examples with a base network, and stores radius, abstention and smoothed
 * prediction per example in ONE transaction (nothing half-written; re-running upserts). The CLI, the
 * demo and any job come through here.
 */
import { certifyOne, type Certificate } from '@classfit/core/models';
import { createRng } from '@classfit/core/rng';
import {
  certificationOfModel, certifiedExampleCount, clearExampleRobustness, examplesOfModel, findModel, getModel,
  latestSucceededRunsByModelIds, layersByModelIds, setExampleRobustness, upsertCertification,
  type CertificationRow, type LayerRow, type ModelRow,
} from '@classfit/db';
import type { AppContext } from '../context/app-context.ts';
import { CancelledError, NotFoundError, ValidationError } from './errors.ts';
import { openBaseNetwork, type BaseNetwork, type OpenBaseNetwork } from './robustness/base-network.ts';
import { densityBinMembers, type BinMember } from './robustness/bin-members.ts';
import { certifyModelOptionsSchema, type CertifyModelOptions, type CertifyModelOptionsInput } from './robustness/certify-options.ts';
import { selectPerBin } from './robustness/select-examples.ts';

/** Noise stream of the subsample draw; example i's noise uses stream i (indices stay far below it). */
const SELECTION_STREAM = 2 ** 30;

/** Hooks of {@link certifyModelExamples}. */
export interface CertifyModelHooks {
  /** Called after each certified example. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Aborting stops before the next example; nothing is stored. */
  readonly signal?: AbortSignal;
  /** Opens the base network (default: load it from `networkDir`); tests pass a stub classifier. */
  readonly openNetwork?: OpenBaseNetwork;
}

/** What a certification did. */
export interface CertifyModelResult {
  readonly model: ModelRow;
  readonly runId: number;
  readonly layer: string;
  readonly bins: number;
  /** Examples drawn (≤ perBin per bin). */
  readonly selected: number;
  /** Examples certified by this call (selected ones already stored under the same settings are skipped). */
  readonly certified: number;
  readonly skipped: number;
  readonly abstained: number;
  /** The settings record after the write. */
  readonly certification: CertificationRow;
  readonly ms: number;
}

type Settings = Pick<CertificationRow, 'network' | 'sigma' | 'n0' | 'n' | 'alpha' | 'seed'>;
const sameSettings = (a: Settings, b: Settings) =>
  a.network === b.network && a.sigma === b.sigma && a.n0 === b.n0 && a.n === b.n && a.alpha === b.alpha && a.seed === b.seed;

/** Validates the options; throws {@link ValidationError} listing every problem. */
export function parseCertifyOptions(input: CertifyModelOptionsInput): CertifyModelOptions {
  const parsed = certifyModelOptionsSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'options', message: i.message })), 'invalid certification options');
  return parsed.data;
}

async function resolveTarget(ctx: Pick<AppContext, 'db'>, options: CertifyModelOptions): Promise<{ model: ModelRow; runId: number; layer: LayerRow }> {
  const model = typeof options.model === 'number' ? await getModel(ctx.db, options.model) : await findModel(ctx.db, options.model);
  if (!model) throw new NotFoundError('model', String(options.model));
  const [run] = await latestSucceededRunsByModelIds(ctx.db, [model.id]);
  if (!run) throw new ValidationError([{ field: 'model', message: `model "${model.name}" has no succeeded analysis (run classfit analyze first)` }], 'nothing to certify');
  const layers = await layersByModelIds(ctx.db, [model.id]);
  const analysed = ((run.config.layers as string[] | undefined) ?? layers.map((l) => l.name)).map((name) => layers.find((l) => l.name === name)).filter((l): l is LayerRow => Boolean(l));
  const layer = options.layer === undefined ? analysed.reduce<LayerRow | undefined>((a, l) => (!a || l.index > a.index ? l : a), undefined) : analysed.find((l) => l.name === options.layer);
  if (!layer) {
    throw new ValidationError([{ field: 'layer', message: `run ${run.id} of "${model.name}" analysed no layer "${options.layer ?? ''}" (it has ${analysed.map((l) => l.name).join(', ') || 'none'})` }], 'nothing to certify');
  }
  return { model, runId: run.id, layer };
}

/** Gathers the picked examples' images [m, size] from the base network's training split, checking labels agree. */
function gatherImages(network: BaseNetwork, picked: readonly BinMember[], model: ModelRow): Float32Array {
  const { images, labels, count, size } = network.train;
  const out = new Float32Array(picked.length * size);
  for (const [k, e] of picked.entries()) {
    if (e.index >= count || labels[e.index] !== e.label) {
      throw new ValidationError(
        [{ field: 'network', message: `example ${e.index} of "${model.name}" (label ${e.label}) is not row ${e.index} of the network's training split (${count} rows${e.index < count ? `, label ${labels[e.index]}` : ''})` }],
        'the base network was trained on other data',
      );
    }
    out.set(images.subarray(e.index * size, (e.index + 1) * size), k * size);
  }
  return out;
}

/**
 * Certifies a seeded subsample of `perBin` examples of every density bin of a model and stores the results.
 * Throws NotFoundError (model), ValidationError (options, no analysis, unusable network), CancelledError.
 */
export async function certifyModelExamples(ctx: Pick<AppContext, 'db' | 'backendPreference'>, input: CertifyModelOptionsInput, hooks: CertifyModelHooks = {}): Promise<CertifyModelResult> {
  const started = performance.now();
  const options = parseCertifyOptions(input);
  const { model, runId, layer } = await resolveTarget(ctx, options);
  const bins = await densityBinMembers(ctx.db, runId, layer.id);
  if (bins.length === 0) throw new ValidationError([{ field: 'layer', message: `run ${runId} stored no density bins for layer ${layer.name}` }], 'nothing to certify');
  const selected = selectPerBin(bins, options.perBin, createRng(options.seed, SELECTION_STREAM)).flat();

  const network = await (hooks.openNetwork ?? openBaseNetwork)(options.networkDir, ctx.backendPreference);
  try {
    const settings: Settings = { network: network.name, sigma: options.sigma, n0: options.n0, n: options.n, alpha: options.alpha, seed: options.seed };
    const previous = await certificationOfModel(ctx.db, model.id);
    const keep = Boolean(previous && sameSettings(previous, settings));
    const stored = keep && !options.recompute ? new Set((await examplesOfModel(ctx.db, model.id)).filter((e) => e.robustnessRadius !== null).map((e) => e.id)) : new Set<number>();
    const todo = selected.filter((e) => !stored.has(e.exampleId));
    const images = gatherImages(network, todo, model);

    const certificates: Certificate[] = [];
    const size = network.train.size;
    const certifyOptions = { n0: options.n0, n: options.n, alpha: options.alpha, sigma: options.sigma, batchSize: options.batchSize };
    for (const [k, e] of todo.entries()) {
      if (hooks.signal?.aborted) throw new CancelledError(`certification of "${model.name}" cancelled after ${k} of ${todo.length} examples; nothing stored`);
      certificates.push(certifyOne(network.classify, images.subarray(k * size, (k + 1) * size), network.numClasses, certifyOptions, createRng(options.seed, e.index)));
      hooks.onProgress?.(k + 1, todo.length);
      await new Promise((resolve) => setImmediate(resolve));
    }

    const certification = await ctx.db.transaction(async (tx) => {
      if (!keep) await clearExampleRobustness(tx, model.id);
      await setExampleRobustness(tx, todo.map((e, k) => ({ exampleId: e.exampleId, radius: certificates[k].radius, abstained: certificates[k].abstained, prediction: certificates[k].prediction })));
      const exampleCount = await certifiedExampleCount(tx, model.id);
      return upsertCertification(tx, { modelId: model.id, ...settings, perBin: options.perBin, runId, layerId: layer.id, exampleCount });
    });
    return {
      model, runId, layer: layer.name, bins: bins.length, selected: selected.length, certified: todo.length, skipped: selected.length - todo.length,
      abstained: certificates.filter((c) => c.abstained).length, certification, ms: performance.now() - started,
    };
  } finally {
    network.dispose();
  }
}
