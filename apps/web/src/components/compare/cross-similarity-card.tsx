/**
 * The baseline's layers against a compared model's layers (linear CKA or Procrustes of their activations on the
 * examples both hold) as a heatmap, the Model page's similarity card's cross-model twin; a note with the API's
 * reason when the two cannot be paired example by example.
 */
import { HeatmapCard } from '@/components/charts/heatmap-card';
import { SIMILARITY_MEASURES } from '@/components/model/layer-similarity-card';
import { SegmentedLinks } from '@/components/ui/segmented-links';
import { fetchCrossSimilarity, type ComparedModel } from '@/lib/api/compare';
import { comparePageHref, comparePageParams } from '@/lib/page-params';

type Measure = keyof typeof SIMILARITY_MEASURES;

/** Reads the measure (`similarity`) from the Compare page's params (comparePageParams, parsed by the page). */
export async function CrossSimilarityCard({ baseline, other }: { baseline: ComparedModel; other: ComparedModel }) {
  const query = comparePageParams.all();
  const measure = query.similarity;
  const similarity = await fetchCrossSimilarity(baseline.id, other.id, measure === 'cka' ? 'CKA' : 'PROCRUSTES');
  const title = `Layer similarity: ${baseline.name} × ${other.name}`;
  if ('unavailable' in similarity) {
    return (
      <section className="card" data-testid="cross-similarity-unavailable">
        <h3>{title}</h3>
        <p className="muted">Not computed: {similarity.unavailable}</p>
      </section>
    );
  }
  const spec = SIMILARITY_MEASURES[measure];
  const href = (id: string, layer: string) => `/models/${encodeURIComponent(id)}/layers/${encodeURIComponent(layer)}`;
  return (
    <HeatmapCard
      title={title}
      method="I"
      subtitle={`${spec.label} between every layer of ${baseline.name} (rows) and of ${other.name} (columns), on the raw activations of the same ${similarity.exampleCount} examples: ${spec.note}.`}
      name={`${baseline.name}-vs-${other.name}-layer-${measure}`}
      actions={
        <SegmentedLinks
          label="Measure"
          current={measure}
          options={(Object.keys(SIMILARITY_MEASURES) as Measure[]).map((key) => ({ key, label: SIMILARITY_MEASURES[key].label, href: comparePageHref('/compare', { ...query, similarity: key }) }))}
        />
      }
      label={`${spec.label} between the layers of ${baseline.name} and ${other.name}`}
      rows={similarity.rows.map((l) => l.name)}
      columns={similarity.columns.map((l) => l.name)}
      rowHrefs={similarity.rows.map((l) => href(baseline.id, l.id))}
      values={similarity.values}
      valueLabel={spec.label}
      scale="sequential"
      rowAxis={baseline.name}
      columnAxis={other.name}
      digits={3}
      square
    />
  );
}
