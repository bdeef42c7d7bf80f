/** The layer × layer similarity of a model's latest run (linear CKA or Procrustes) as a square heatmap. */
import { HeatmapCard } from '@/components/charts/heatmap-card';
import { SegmentedLinks } from '@/components/ui/segmented-links';
import { fetchLayerSimilarity } from '@/lib/api/model';
import { modelPageHref, modelPageParams } from '@/lib/page-params';

/** The two similarity measures as the dashboard names them (the Compare page's cross-model card uses them too). */
export const SIMILARITY_MEASURES = {
  cka: { label: 'linear CKA', note: '1 = the same representation up to rotation and scale, near 0 = unrelated' },
  procrustes: { label: 'Procrustes distance', note: '0 = the same up to rotation, scale and shift; at most 2' },
} as const;

/** Reads `similarity` and `run` from the Model page's params (modelPageParams, parsed by the page). */
export async function LayerSimilarityCard({ modelId, modelName, base }: { modelId: string; modelName: string; base: string }) {
  const query = modelPageParams.all();
  const measure = query.similarity;
  const similarity = await fetchLayerSimilarity(modelId, query.run);
  if (!similarity) return null;
  const spec = SIMILARITY_MEASURES[measure];
  const names = similarity.layers.map((l) => l.name);
  return (
    <HeatmapCard
      title="Layer × layer similarity"
      method="I"
      subtitle={`${spec.label} between every pair of layers on the same ${similarity.exampleCount} examples (reduced points, ${query.run ? 'the chosen run' : 'latest run'}): ${spec.note}.`}
      name={`${modelName}-layer-${measure}`}
      actions={
        <SegmentedLinks
          label="Measure"
          current={measure}
          options={(Object.keys(SIMILARITY_MEASURES) as (keyof typeof SIMILARITY_MEASURES)[]).map((key) => ({ key, label: SIMILARITY_MEASURES[key].label, href: modelPageHref(base, { ...query, similarity: key }) }))}
        />
      }
      label={`${spec.label} between the layers of ${modelName}`}
      rows={names}
      columns={names}
      rowHrefs={similarity.layers.map((l) => `${base}/layers/${encodeURIComponent(l.id)}${modelPageHref({ run: query.run })}`)}
      values={measure === 'cka' ? similarity.cka : similarity.procrustes}
      valueLabel={spec.label}
      scale="sequential"
      rowAxis="layer"
      columnAxis="layer"
      digits={3}
      square
    />
  );
}
