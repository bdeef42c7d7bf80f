import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeImageNpy } from '@classfit/core/io';
import { enqueueRun, examplesOfModel, finishRun, upsertExampleScores, upsertLayerFit } from '@classfit/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePng } from '../testing/png-decode.ts';
import { apiTestEngines, openTestApi, type TestApi } from '../testing/graphql-harness.ts';
import { importSynthetic, writeSyntheticFiles } from '../testing/synthetic-model.ts';
import { toGlobalId } from '../services/views/global-id.ts';

/** `Example.thumbnail` and `Example.logDensity` over models imported by the import service, with and without images. */
describe('Example images and scores over a real import', () => {
  let api: TestApi;
  let withImages: string;
  let withoutImages: string;
  let layerIds: string[];
  let otherLayerId: string;
  let imagesKey: string;
  const H = 5;
  const W = 4;
  const N = 72; // the synthetic model's 3 classes × 24 examples
  const pixel = (i: number, y: number, x: number) => (i * 13 + y * 40 + x * 7) % 256;
  const source = (i: number) => Uint8Array.from({ length: H * W }, (_, j) => pixel(i, Math.floor(j / W), j % W));

  beforeAll(async () => {
    api = await openTestApi(apiTestEngines()[0]);
    const folder = await writeSyntheticFiles();
    const imagesPath = join(folder, 'images.npy');
    const data = new Uint8Array(N * H * W);
    for (let i = 0; i < N; i++) data.set(source(i), i * H * W);
    await writeFile(imagesPath, writeImageNpy({ count: N, height: H, width: W, channels: 1, data }));
    const imported = await importSynthetic(api.app, folder, 'with-images', { imagesPath });
    const plain = await importSynthetic(api.app, folder, 'without-images');
    imagesKey = imported.model.imagesArtifact!;
    withImages = toGlobalId('Model', imported.model.id);
    withoutImages = toGlobalId('Model', plain.model.id);
    layerIds = imported.layers.map((l) => toGlobalId('Layer', l.id));
    otherLayerId = toGlobalId('Layer', plain.layers[0].id);
    // A succeeded run whose own-class log-density is −(100·layer index + example index).
    const { db } = api.app;
    const { run } = await enqueueRun(db, { modelId: imported.model.id, configKey: 'scores', config: {}, seed: 0 });
    // Every layer fitted by it, as an analysis records (a layer's scores come from the newest run that fitted it).
    for (const layer of imported.layers) await upsertLayerFit(db, { runId: run.id, layerId: layer.id, reducedDim: 2, classCount: 3, predictiveArtifact: 'none' });
    await finishRun(db, run.id, { status: 'succeeded' });
    const examples = await examplesOfModel(db, imported.model.id);
    await upsertExampleScores(db, imported.layers.flatMap((l) => examples.map((e) => ({ runId: run.id, layerId: l.id, exampleId: e.id, ownLogDensity: -(100 * l.index + e.index), predictedClass: e.label }))));
  });
  afterAll(() => api?.close());

  const EXAMPLES = `query($id: ID!, $early: ID) { model(id: $id) { imageShape examples(first: 6, orderBy: { field: INDEX, direction: ASC }) { nodes {
    index thumbnail big: thumbnail(size: 10) logDensity early: logDensity(layer: $early) } } } }`;

  it('serves each example\'s own image as a PNG data URL, read from the artifact once per request', async () => {
    const store = api.app.artifacts as { get: (key: string) => Promise<Uint8Array> };
    const get = store.get;
    const reads: string[] = [];
    store.get = (key) => (reads.push(key), get(key));
    try {
      const result = await api.execute(EXAMPLES, { id: withImages, early: layerIds[0] });
      expect(result.errors).toBeUndefined();
      expect(result.data!.model.imageShape).toEqual([H, W, 1]);
      const nodes = result.data!.model.examples.nodes;
      expect(nodes.map((n: { index: number }) => n.index)).toEqual([0, 1, 2, 3, 4, 5]);
      for (const node of nodes) {
        const png = decodePng(node.thumbnail);
        expect([png.width, png.height, png.channels]).toEqual([W, H, 1]);
        expect(png.data).toEqual(source(node.index));
        const big = decodePng(node.big);
        expect([big.width, big.height]).toEqual([8, 10]);
        expect(big.data[(9 * 8 + 7)]).toBe(pixel(node.index, H - 1, W - 1)); // bottom-right of the 2× nearest-neighbour image
      }
      expect(reads.filter((key) => key === imagesKey)).toHaveLength(1);
    } finally {
      store.get = get;
    }
  });

  it('reads own-class log-densities at the deepest layer by default, or at the layer named', async () => {
    const result = await api.execute(EXAMPLES, { id: withImages, early: layerIds[0] });
    const nodes = result.data!.model.examples.nodes;
    expect(nodes.map((n: { logDensity: number }) => n.logDensity)).toEqual([0, 1, 2, 3, 4, 5].map((i) => -(100 + i)));
    expect(nodes.map((n: { early: number }) => n.early)).toEqual([0, -1, -2, -3, -4, -5]);
  });

  it('has no thumbnails and no scores for a model imported without images and never analysed', async () => {
    const result = await api.execute(EXAMPLES, { id: withoutImages });
    expect(result.errors).toBeUndefined();
    expect(result.data!.model.imageShape).toBeNull();
    for (const node of result.data!.model.examples.nodes) expect(node).toMatchObject({ thumbnail: null, big: null, logDensity: null });
  });

  it('rejects a size outside 1..256 and a layer of another model', async () => {
    const size = await api.execute(`query($id: ID!) { model(id: $id) { examples(first: 1) { nodes { thumbnail(size: 1000) } } } }`, { id: withImages });
    expect(size.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'size' });
    const layer = await api.execute(EXAMPLES, { id: withImages, early: otherLayerId });
    expect(layer.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'layer' });
  });
});
