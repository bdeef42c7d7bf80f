import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { DepthSplitChart } from '@/components/charts/depth-split-chart';
import { HeatmapCard } from '@/components/charts/heatmap-card';
import { ModelFacts } from '@/components/model/model-facts';
import { SectionSkeleton } from '@/components/ui/skeleton';
import { SegmentedLinks } from '@/components/ui/segmented-links';
import { classNames, fetchHeatmap, fetchModel, type ModelInfo } from '@/lib/api/model';
import { formatNumber, formatPercent } from '@/lib/format';
import { hrefWith, param, type SearchParams } from '@/lib/search-params';
import { GROUP_CODE, groupMatrix, parseStatistic, STATISTICS, type StatisticKey } from '@/lib/statistics';

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const model = await fetchModel(decodeURIComponent((await params).id));
  return { title: model?.name ?? 'Model' };
}

export default async function ModelPage({ params, searchParams }: Props) {
  const id = decodeURIComponent((await params).id);
  const query = await searchParams;
  const model = await fetchModel(id);
  if (!model) notFound();
  const statistic = parseStatistic(param(query, 'stat'));
  const perLayer = param(query, 'scale') === 'row';
  const base = `/models/${encodeURIComponent(id)}`;
  return (
    <>
      <div className="page-head">
        <div>
          <div className="breadcrumbs"><Link href="/">Models</Link> /</div>
          <h1 data-testid="model-name">{model.name}</h1>
          <p className="muted" style={{ margin: 0 }}>
            {model.architecture.name} on {model.dataset.name} · {model.layerCount} layers · {model.classCount} classes · accuracy {formatPercent(model.accuracy)}
          </p>
          {model.tags.length > 0 ? (
            <div className="row model-tags" data-testid="model-tags">{model.tags.map((t) => <span key={t} className="chip">{t}</span>)}</div>
          ) : null}
          {model.notes ? <p className="model-notes" data-testid="model-notes">{model.notes}</p> : null}
        </div>
        <Link className="button" href={`/compare?models=${encodeURIComponent(id)}`}>Compare with…</Link>
      </div>
      <div className="stack">
        <Suspense key={statistic} fallback={<SectionSkeleton title="Layer × class heatmap" height={280} />}>
          <ModelHeatmap model={model} statistic={statistic} perLayer={perLayer} base={base} query={query} />
        </Suspense>
        <Suspense fallback={<SectionSkeleton title="Where the two modes appear" height={300} />}>
          <DepthSplits model={model} base={base} />
        </Suspense>
        <ModelFacts model={model} />
      </div>
    </>
  );
}

/** `scale=row` in the URL colours each layer's row over its own range (log-densities grow with a layer's dimension). */
async function ModelHeatmap({ model, statistic, perLayer, base, query }: { model: ModelInfo; statistic: StatisticKey; perLayer: boolean; base: string; query: SearchParams }) {
  const spec = STATISTICS[statistic];
  const heatmap = await fetchHeatmap(model.id, spec.api);
  const switcher = (
    <SegmentedLinks
      label="Statistic"
      current={statistic}
      options={(['mean-log-density', 'relative-entropy', 'group', 'sd-log-density', 'mean-distance', 'cluster-count'] as const).map((key) => ({
        key,
        label: STATISTICS[key].label.replace(' (largest-gap split)', ''),
        href: hrefWith(base, query, { stat: key === 'mean-log-density' ? null : key }),
      }))}
    />
  );
  if (!heatmap || heatmap.rows.length === 0) {
    return <section className="card"><h3>Layer × class heatmap</h3>{switcher}<p className="muted">No fitted layers yet.</p></section>;
  }
  const name = classNames(model);
  const isGroup = spec.scale === 'categorical';
  const scaleSwitcher = isGroup ? null : (
    <SegmentedLinks
      label="Colour scale"
      current={perLayer ? 'row' : 'all'}
      options={[
        { key: 'all', label: 'one scale', href: hrefWith(base, query, { scale: null }) },
        { key: 'row', label: 'colour per layer', href: hrefWith(base, query, { scale: 'row' }) },
      ]}
    />
  );
  const values = isGroup ? groupMatrix(heatmap.labels, heatmap.rows.map((r) => r.groupSplit)) : heatmap.rows.map((r) => r.values);
  return (
    <HeatmapCard
      title="Layer × class heatmap"
      subtitle={`${spec.label} of every class at every layer (latest run)${perLayer && !isGroup ? ', coloured within each layer' : ''}. Click a cell for the class, a layer name for the layer.`}
      name={`${model.name}-${statistic}-heatmap`}
      actions={<>{switcher}{scaleSwitcher}</>}
      label={`${spec.label} by layer and class for ${model.name}`}
      rows={heatmap.rows.map((r) => r.layer.name)}
      rowHrefs={heatmap.rows.map((r) => `${base}/layers/${encodeURIComponent(r.layer.id)}`)}
      columns={heatmap.labels.map(name)}
      columnHrefs={heatmap.labels.map((label) => `${base}/classes/${label}`)}
      values={values}
      valueLabel={spec.label}
      scale={spec.scale}
      colorBy={perLayer ? 'row' : 'all'}
      categories={isGroup ? [
        { value: GROUP_CODE.LOW, label: 'low-density', color: 'var(--group-low)' },
        { value: GROUP_CODE.HIGH, label: 'high-density', color: 'var(--group-high)' },
      ] : undefined}
      rowAxis="layer"
      columnAxis="class"
    />
  );
}

async function DepthSplits({ model, base }: { model: ModelInfo; base: string }) {
  const heatmap = await fetchHeatmap(model.id, 'MEAN_LOG_DENSITY');
  const rows = (heatmap?.rows ?? []).map((r) => ({
    layer: r.layer.name,
    layerId: r.layer.id,
    relativeDepth: r.layer.relativeDepth,
    gap: r.groupSplit?.gap ?? null,
    threshold: r.groupSplit?.threshold ?? null,
    lowCount: r.groupSplit?.lowCount ?? null,
    highCount: r.groupSplit?.highCount ?? null,
  }));
  return (
    <div className="grid grid-2">
      <DepthSplitChart rows={rows.map(({ layerId: _, ...row }) => row)} name={`${model.name}-group-splits`} />
      <section className="card">
        <h3>Layers</h3>
        <div className="table-scroll">
          <table data-testid="layer-table">
            <thead>
              <tr><th>Layer</th><th className="num">Depth</th><th className="num">Dim → reduced</th><th className="num">SVD var.</th><th className="num">Gap</th><th className="num">Low / high</th></tr>
            </thead>
            <tbody>
              {model.layers.nodes.map((layer) => {
                const split = rows.find((r) => r.layerId === layer.id);
                return (
                  <tr key={layer.id}>
                    <td><Link href={`${base}/layers/${encodeURIComponent(layer.id)}`}>{layer.name}</Link></td>
                    <td className="num">{layer.relativeDepth.toFixed(2)}</td>
                    <td className="num">{layer.dim} → {layer.reducedDim ?? '–'}</td>
                    <td className="num">{formatPercent(layer.svd?.varianceFraction)}</td>
                    <td className="num">{formatNumber(split?.gap)}</td>
                    <td className="num">{split?.lowCount ?? '–'} / {split?.highCount ?? '–'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
