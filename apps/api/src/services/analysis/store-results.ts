/**
 * Writes a run's results (upserts: re-running replaces, never duplicates): each registered step stores its own
 * tables, layer steps per layer, then model steps. The in-process run stores everything in ONE transaction
 * ({@link storeResults}); a layer job stores its layer in one ({@link storeLayerResults}) and the run's last
 * layer the model steps' in another ({@link storeModelResults}).
 */
import type { ArtifactStore, Db, Tx } from '@classfit/db';
import type { LayerResults } from './analyze-layer.ts';
import { LAYER_STEPS, MODEL_STEPS } from './steps/index.ts';

type StoreContext = { readonly tx: Tx; readonly runId: number; readonly exampleIds: Int32Array };

/** Stores every layer's results and the model steps' (by step name); `exampleIds[i]` is the example row id of selected row i. */
export async function storeResults(
  db: Db, artifacts: ArtifactStore, runId: number, layers: readonly LayerResults[], exampleIds: Int32Array, modelResults: ReadonlyMap<string, unknown> = new Map(),
): Promise<void> {
  const projectionKeys = await Promise.all(layers.map((l) => artifacts.put(l.input.projectionNpy, 'npy')));
  await db.transaction(async (tx) => {
    const ctx = { tx, runId, exampleIds };
    for (const [li, r] of layers.entries()) await storeLayer(ctx, r, projectionKeys[li]);
    await storeModel(ctx, modelResults);
  });
}

/** Stores one layer's results in one transaction, with `also(tx)` (e.g. marking the layer job done) in the same one. */
export async function storeLayerResults(
  db: Db, artifacts: ArtifactStore, runId: number, layer: LayerResults, exampleIds: Int32Array, also?: (tx: Tx) => Promise<void>,
): Promise<void> {
  const projectionKey = await artifacts.put(layer.input.projectionNpy, 'npy');
  await db.transaction(async (tx) => {
    await storeLayer({ tx, runId, exampleIds }, layer, projectionKey);
    await also?.(tx);
  });
}

/** Stores the model steps' results inside the caller's transaction. */
export async function storeModelResults(tx: Tx, runId: number, exampleIds: Int32Array, modelResults: ReadonlyMap<string, unknown>): Promise<void> {
  await storeModel({ tx, runId, exampleIds }, modelResults);
}

async function storeLayer(ctx: StoreContext, layer: LayerResults, projectionArtifact: string): Promise<void> {
  const stored = { ...layer, projectionArtifact };
  for (const step of LAYER_STEPS) await step.store?.(ctx, stored);
}

async function storeModel(ctx: StoreContext, modelResults: ReadonlyMap<string, unknown>): Promise<void> {
  for (const step of MODEL_STEPS) if (modelResults.has(step.name)) await step.store?.(ctx, modelResults.get(step.name));
}
