import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { DepthSplitChart } from '@/components/charts/depth-split-chart';
import { HeatmapCard } from '@/components/charts/heatmap-card';
import { LayerSimilarityCard } from '@/components/model/layer-similarity-card';
import { ModelFacts } from '@/components/model/model-facts';
import { SectionSkeleton } from '@/components/ui/skeleton';
import { distinctRuns, RunPicker } from '@/components/ui/run-picker';
import { SegmentedLinks } from '@/components/ui/segmented-links';
import { classNames, fetchHeatmap, fetchModel, type ModelInfo } from '@/lib/api/model';
import { formatNumber, formatPercent } from '@/lib/format';
import { comparePageHref, modelPageHref, modelPageParams } from '@/lib/page-params';
import type { SearchParams } from '@/lib/url-parsers';
import { GROUP_CODE, groupMatrix, STATISTICS } from '@/lib/statistics';

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
  const { stat: statistic, run } = await modelPageParams.parse(searchParams);
  const model = await fetchModel(id);
  if (!model) notFound();
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
          <Suspense fallback={null}>
            <ModelRunPicker model={model} />
          </Suspense>
        </div>
        <Link className="button" href={comparePageHref('/compare', { models: [id] })}>Compare with…</Link>
      </div>
      <div className="stack">
        <Suspense key={`${statistic}|${run ?? ''}`} fallback={<SectionSkeleton title="Layer × class heatmap" height={280} />}>
          <ModelHeatmap model={model} base={base} />
        </Suspense>
        <Suspense key={`splits|${run ?? ''}`} fallback={<SectionSkeleton title="Where the two modes appear" height={300} />}>
          <DepthSplits model={model} base={base} />
        </Suspense>
        <Suspense key={`similarity|${run ?? ''}`} fallback={<SectionSkeleton title="Layer × layer similarity" height={280} />}>
          <LayerSimilarityCard modelId={model.id} modelName={model.name} base={base} />
        </Suspense>
        <ModelFacts model={model} />
      </div>
    </>
  );
}

/** The runs the model page's figures come from (`run` in the URL, else each layer's newest that fitted it), with the picker. */
async function ModelRunPicker({ model }: { model: ModelInfo }) {
  const { run } = modelPageParams.all();
  const heatmap = await fetchHeatmap(model.id, 'MEAN_LOG_DENSITY', run);
  return <RunPicker runs={model.fitRuns.nodes} shown={distinctRuns(heatmap?.rows ?? [])} selected={run} defaultLabel="newest that fitted each layer" emptyText="No analysis run has fitted this model yet." />;
}

/** The link to a layer of the model, on the run the page shows. */
function layerHref(base: string, layerId: string): string {
  return `${base}/layers/${encodeURIComponent(layerId)}${modelPageHref({ run: modelPageParams.get('run') })}`;
}

/** `scale=row` in the URL colours each layer's row over its own range (log-densities grow with a layer's dimension). */
async function ModelHeatmap({ model, base }: { model: ModelInfo; base: string }) {
  const query = modelPageParams.all();
  const { stat: statistic, run } = query;
  const perLayer = query.scale === 'row';
  const spec = STATISTICS[statistic];
  const heatmap = await fetchHeatmap(model.id, spec.api, run);
  const switcher = (
    <SegmentedLinks
      label="Statistic"
      current={statistic}
      options={(['mean-log-density', 'relative-entropy', 'group', 'sd-log-density', 'mean-distance', 'cluster-count', 'chain-sd-log-density', 'held-out-gap'] as const).map((key) => ({
        key,
        label: STATISTICS[key].label.replace(/ \(.*\)$/, ''),
        href: modelPageHref(base, { ...query, stat: key }),
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
        { key: 'all', label: 'one scale', href: modelPageHref(base, { ...query, scale: 'all' }) },
        { key: 'row', label: 'colour per layer', href: modelPageHref(base, { ...query, scale: 'row' }) },
      ]}
    />
  );
  const values = isGroup ? groupMatrix(heatmap.labels, heatmap.rows.map((r) => r.groupSplit)) : heatmap.rows.map((r) => r.values);
  return (
    <HeatmapCard
      title="Layer × class heatmap"
      method={statistic === 'held-out-gap' ? 'G.1' : 'D'}
      subtitle={`${spec.label} of every class at every layer (${run ? 'the chosen run' : "each layer's newest run"})${perLayer && !isGroup ? ', coloured within each layer' : ''}. Click a cell for the class, a layer name for the layer.`}
      name={`${model.name}-${statistic}-heatmap`}
      actions={<>{switcher}{scaleSwitcher}</>}
      label={`${spec.label} by layer and class for ${model.name}`}
      rows={heatmap.rows.map((r) => r.layer.name)}
      rowHrefs={heatmap.rows.map((r) => layerHref(base, r.layer.id))}
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
  const heatmap = await fetchHeatmap(model.id, 'MEAN_LOG_DENSITY', modelPageParams.get('run'));
  const rows = (heatmap?.rows ?? []).map((r) => ({
    layer: r.layer.name,
    layerId: r.layer.id,
    relativeDepth: r.layer.relativeDepth,
    gap: r.groupSplit?.gap ?? null,
    threshold: r.groupSplit?.threshold ?? null,
    lowCount: r.groupSplit?.lowCount ?? null,
    highCount: r.groupSplit?.highCount ?? null,
    passes: r.groupSplit?.significance?.passes ?? null,
    modesPValue: r.groupSplit?.significance?.modesPValue ?? null,
    sdRatio: r.groupSplit?.significance?.sdRatio?.estimate ?? null,
    significance: r.groupSplit?.significance ?? null,
    chains: r.groupSplit?.chains ?? null,
    chainsAgreeing: r.groupSplit?.chainsAgreeing ?? null,
  }));
  const tested = rows.filter((r) => r.passes !== null);
  const passing = tested.filter((r) => r.passes);
  return (
    <div className="grid grid-2">
      <DepthSplitChart rows={rows.map(({ layerId: _, significance: _s, chains: _c, chainsAgreeing: _a, ...row }) => row)} name={`${model.name}-group-splits`} />
      <section className="card">
        <h3>Layers</h3>
        <p className="muted" data-testid="mode-layers">
          {tested.length === 0
            ? 'The split significance check was not computed for this run.'
            : passing.length === 0
              ? 'No layer passes the significance check (Silverman modes test, p < 0.05): its largest gaps may be chance.'
              : `Two modes appear at ${passing.map((r) => r.layer).join(', ')} (Silverman modes test p < 0.05); ${tested.length - passing.length} of ${tested.length} layers do not pass.`}
        </p>
        <div className="table-scroll">
          <table data-testid="layer-table">
            <thead>
              <tr>
                <th>Layer</th><th className="num">Depth</th><th className="num">Gap</th>
                <th className="num" title="median per-class s.d. of the low group over the high group's (hover a value for its 95 % interval)">S.d. ratio</th>
                <th title="Silverman modes test on the class means">Two modes?</th><th className="num">Low / high</th><th className="num" title="chains whose own split is this one">Chains</th>
                <th className="num">Dim → reduced</th><th className="num">SVD var.</th>
              </tr>
            </thead>
            <tbody>
              {model.layers.nodes.map((layer) => {
                const split = rows.find((r) => r.layerId === layer.id);
                return (
                  <tr key={layer.id}>
                    <td><Link href={layerHref(base, layer.id)}>{layer.name}</Link></td>
                    <td className="num">{layer.relativeDepth.toFixed(2)}</td>
                    <td className="num">{formatNumber(split?.gap)}</td>
                    <td className="num" data-testid="layer-sd-ratio" title={split?.significance?.sdRatio ? `95 % interval [${formatNumber(split.significance.sdRatio.low)}, ${formatNumber(split.significance.sdRatio.high)}]` : undefined}>
                      {formatNumber(split?.significance?.sdRatio?.estimate)}
                    </td>
                    <td data-testid="layer-passes" style={{ whiteSpace: 'nowrap', color: split?.significance?.passes ? 'var(--ok)' : undefined }}>
                      {split?.significance ? `${split.significance.passes ? 'yes' : 'no'} (p ${formatNumber(split.significance.modesPValue, 2)})` : '–'}
                    </td>
                    <td className="num">{split?.lowCount ?? '–'} / {split?.highCount ?? '–'}</td>
                    <td className="num">{split?.chains && split.chains > 1 && split.chainsAgreeing != null ? `${split.chainsAgreeing}/${split.chains}` : '–'}</td>
                    <td className="num">{layer.dim} → {layer.reducedDim ?? '–'}</td>
                    <td className="num">{formatPercent(layer.svd?.varianceFraction)}</td>
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
