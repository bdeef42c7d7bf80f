import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError } from '../errors/index.ts';
import { writeFileAtomic } from '../io/index.ts';
import type { ArchitectureSpec } from './architecture.ts';
import type { ClassfitNetwork } from './classfit-network.ts';

/** What classfit stores beside a network's weights (model.json `userDefinedMetadata.classfit`). */
export interface ModelMetadata {
  readonly spec: ArchitectureSpec;
  readonly relativeDepths: readonly number[];
  /** Free-form provenance: data set, normalisation, training options and results. */
  readonly info?: Record<string, unknown>;
}

const MODEL_JSON = 'model.json';
const WEIGHTS_BIN = 'weights.bin';

/**
 * Saves a network in the TensorFlow.js layers format (`model.json` + one
 * `weights.bin`, loadable by `tf.loadLayersModel` in any tfjs runtime) without
 * tfjs-node, whose `file://` handler this replaces. Files are written atomically.
 * @param network the network (its spec and relative depths go into the metadata)
 * @param directory created if missing
 * @param info extra provenance stored under `userDefinedMetadata.classfit.info`
 */
export async function saveModel(network: ClassfitNetwork, directory: string, info?: Record<string, unknown>): Promise<void> {
  await mkdir(directory, { recursive: true });
  const metadata: ModelMetadata = { spec: network.spec, relativeDepths: network.relativeDepths, ...(info ? { info } : {}) };
  network.model.setUserDefinedMetadata({ classfit: metadata });
  await network.model.save({
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0)));
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [`./${WEIGHTS_BIN}`], weights: artifacts.weightSpecs ?? [] }],
        userDefinedMetadata: artifacts.userDefinedMetadata,
      };
      await writeFileAtomic(path.join(directory, WEIGHTS_BIN), weights);
      await writeFileAtomic(path.join(directory, MODEL_JSON), new TextEncoder().encode(JSON.stringify(modelJson)));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
  });
}

/**
 * Loads a network saved by `saveModel` (or any single-shard tfjs layers model whose
 * metadata carries classfit's spec).
 * @param directory holding model.json and its weights file
 * @returns the network and the stored provenance `info`
 */
export async function loadModel(directory: string): Promise<ClassfitNetwork & { readonly info: Record<string, unknown> }> {
  const jsonPath = path.join(directory, MODEL_JSON);
  let modelJson: tf.io.ModelJSON;
  try {
    modelJson = JSON.parse(await readFile(jsonPath, 'utf8')) as tf.io.ModelJSON;
  } catch (error) {
    throw new InvalidArgumentError('model', `cannot read ${jsonPath}: ${(error as Error).message}`);
  }
  const specs = modelJson.weightsManifest.flatMap((group) => group.weights);
  const shards = await Promise.all(
    modelJson.weightsManifest.flatMap((group) => group.paths).map((p) => readFile(path.join(directory, p))),
  );
  const weightData = tf.io.CompositeArrayBuffer.join(shards.map((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)));
  const model = await tfl.loadLayersModel({
    load: async () => ({ ...tf.io.getModelArtifactsForJSONSync(modelJson, specs, weightData) }),
  });
  const metadata = (modelJson.userDefinedMetadata as { classfit?: ModelMetadata } | undefined)?.classfit;
  if (!metadata?.spec) throw new InvalidArgumentError('model', `${jsonPath} has no classfit metadata (userDefinedMetadata.classfit.spec)`);
  return { model, spec: metadata.spec, relativeDepths: metadata.relativeDepths, info: metadata.info ?? {} };
}
