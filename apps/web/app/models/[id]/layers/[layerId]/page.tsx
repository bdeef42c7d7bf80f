import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { DensityBinsChart } from '@/components/charts/density-bins-chart';
import { EntropyDistanceChart } from '@/components/charts/entropy-distance-chart';
import { HeldOutChart } from '@/components/charts/held-out-chart';
import { HeatmapCard } from '@/components/charts/heatmap-card';
import { RankedLogDensityChart } from '@/components/charts/ranked-log-density-chart';
import { SubsetByLayerChart } from '@/components/charts/subset-by-layer-chart';
import { TraceChart } from '@/components/charts/trace-chart';
import { ClassFitTable } from '@/components/layer/class-fit-table';
import { SectionSkeleton } from '@/components/ui/skeleton';
import { SegmentedLinks } from '@/components/ui/segmented-links';
import { RunPicker } from '@/components/ui/run-picker';
import { UrlSelect } from '@/components/ui/url-select';
import { classNames, fetchMemorizationSubsets } from '@/lib/api/model';
import { absentKlReason } from '@/lib/absent-subset';
import { fetchClassFits, fetchClassTraces, fetchDensityBins, fetchKLMatrices, fetchLayer, fetchLayerSummaries, type LayerInfo } from '@/lib/api/layer';
import { formatNumber, formatPercent } from '@/lib/format';
import { toMatrix } from '@/lib/numeric-array';
import { layerPageHref, layerPageParams } from '@/lib/page-params';
import type { SearchParams } from '@/lib/url-parsers';
import { orderSubsets, subsetRows } from '@/lib/subset-rows';

interface Props {
  params: Promise<{ id: string; layerId: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const layer = await fetchLayer(decodeURIComponent((await params).layerId));
  return { title: layer ? `${layer.model.name} · ${layer.name}` : 'Layer' };
}

export default async function LayerPage({ params, searchParams }: Props) {
  const { id, layerId } = await params;
  const query = await layerPageParams.parse(searchParams);
  const run = query.run ?? undefined;
  const layer = await fetchLayer(decodeURIComponent(layerId), run);
  if (!layer || layer.model.id !== decodeURIComponent(id)) notFound();
  const modelHref = `/models/${encodeURIComponent(layer.model.id)}`;
  const base = `${modelHref}/layers/${encodeURIComponent(layer.id)}`;
  const split = layer.groupSplit;
  const stem = `${layer.model.name}-${layer.name}`;
  return (
    <>
      <div className="page-head">
        <div>
          <div className="breadcrumbs"><Link href="/">Models</Link> / <Link href={modelHref}>{layer.model.name}</Link> /</div>
          <h1 data-testid="layer-name">Layer {layer.name}</h1>
          <p className="muted" style={{ margin: 0 }}>
            {layer.model.architecture.name} on {layer.model.dataset.name} · relative depth {layer.relativeDepth.toFixed(2)} · {layer.dim} dims → {layer.reducedDim ?? '–'} after SVD
            {layer.svd ? ` (${formatPercent(layer.svd.varianceFraction)} of variance)` : ''}
          </p>
          <RunPicker runs={layer.model.fitRuns.nodes} shown={layer.fitRun ? [layer.fitRun] : []} selected={run} defaultLabel="newest that fitted this layer" />
        </div>
        <SegmentedLinks
          label="Layer"
          current={layer.id}
          options={layer.model.layers.nodes.map((l) => ({ key: l.id, label: l.name, href: layerPageHref(`${modelHref}/layers/${encodeURIComponent(l.id)}`, query) }))}
        />
      </div>
      {split ? (
        <div className="grid grid-3" style={{ marginBottom: '1rem' }} data-testid="split-summary">
          <div className="card stat"><span className="muted">Largest gap</span><strong>{formatNumber(split.gap)} nats</strong>
            {split.significance ? <span className="muted">{interval(split.significance.gap, split.significance.intervalLevel)}</span> : null}</div>
          <div className="card stat"><span className="muted">Split threshold</span><strong>{formatNumber(split.threshold)}</strong></div>
          <div className="card stat"><span className="muted">Low / high-density classes</span><strong>{split.lowCount} / {split.highCount}</strong></div>
          <SplitEvidence split={split} />
        </div>
      ) : null}
      <div className="stack">
        <Suspense fallback={<SectionSkeleton title="Class log-densities, sorted (Fig. 1)" height={340} />}>
          <ClassSections layer={layer} run={run} stem={stem} modelHref={modelHref} />
        </Suspense>
        <div className="grid grid-2">
          <Suspense fallback={<SectionSkeleton title="Density bins vs memorization (Fig. 3)" height={320} />}>
            <BinsSection layer={layer} run={run} stem={stem} />
          </Suspense>
          <Suspense key={query.kl ?? ''} fallback={<SectionSkeleton title="Between-class KL (Fig. 4)" height={320} />}>
            <KLSection layer={layer} run={run} stem={stem} subset={query.kl ?? undefined} base={base} />
          </Suspense>
        </div>
        <Suspense fallback={<SectionSkeleton title="Across layers (Figs. 4 and A.11)" height={300} />}>
          <AcrossLayers layer={layer} />
        </Suspense>
        <Suspense key={query.trace ?? ''} fallback={<SectionSkeleton title="Sampler diagnostics" height={240} />}>
          <Diagnostics layer={layer} run={run} stem={stem} traceLabel={query.trace ?? undefined} />
        </Suspense>
      </div>
    </>
  );
}

/** An interval as "95 % [low, high]". */
function interval(i: { low: number; high: number }, level: number): string {
  return `${Math.round(level * 100)} % [${formatNumber(i.low)}, ${formatNumber(i.high)}]`;
}

/** Is the split real (modes test, s.d. contrast), and do the chains find it too? */
function SplitEvidence({ split }: { split: NonNullable<LayerInfo['groupSplit']> }) {
  const sig = split.significance;
  return (
    <>
      <div className="card stat" data-testid="split-significance">
        <span className="muted">Two modes? (Silverman test, p &lt; {sig?.level ?? 0.05})</span>
        <strong style={{ color: sig ? (sig.passes ? 'var(--ok)' : 'var(--muted)') : undefined }}>{sig ? (sig.passes ? 'yes' : 'not shown') : '–'}</strong>
        <span className="muted">{sig ? `p = ${formatNumber(sig.modesPValue)} · split stable in ${formatPercent(sig.stability, 0)} of resamples` : 'not computed for this run'}</span>
      </div>
      <div className="card stat" data-testid="split-sd-ratio">
        <span className="muted">S.d. ratio low / high group</span>
        <strong>{sig?.sdRatio ? formatNumber(sig.sdRatio.estimate) : '–'}</strong>
        <span className="muted">{sig?.sdRatio ? interval(sig.sdRatio, sig.intervalLevel) : 'median per-class s.d. of log-density'}</span>
      </div>
      <div className="card stat" data-testid="split-chains">
        <span className="muted">Chains finding this split</span>
        <strong>{split.chains && split.chains > 1 && split.chainsAgreeing !== null && split.chainsAgreeing !== undefined ? `${split.chainsAgreeing} / ${split.chains}` : '–'}</strong>
        <span className="muted">{split.chains === 1 ? 'one sampler chain: nothing to compare' : split.chainGaps ? `gap per chain ${split.chainGaps.map((g) => formatNumber(g)).join(' / ')} nats` : 'not computed for this run'}</span>
      </div>
    </>
  );
}

async function ClassSections({ layer, run, stem, modelHref }: { layer: LayerInfo; run?: string; stem: string; modelHref: string }) {
  const fits = await fetchClassFits(layer.id, run);
  const name = classNames(layer.model);
  const ranked = fits
    .filter((f) => f.meanLogDensity !== null)
    .sort((a, b) => a.meanLogDensity! - b.meanLogDensity!)
    .map((f, rank) => ({ rank, label: f.label, name: name(f.label), mean: f.meanLogDensity!, sd: f.sdLogDensity ?? 0, chainSd: f.chainSpread?.meanLogDensitySd ?? null, n: f.n, group: f.group }));
  const chains = Math.max(1, ...fits.map((f) => f.chainSpread?.chains ?? f.diagnostics?.chains ?? 1));
  const entropy = fits
    .filter((f) => f.relativeEntropy !== null && f.meanDistance !== null)
    .map((f) => ({ label: f.label, name: name(f.label), relativeEntropy: f.relativeEntropy!, meanDistance: f.meanDistance!, meanLogDensity: f.meanLogDensity, group: f.group }));
  const heldOut = fits.flatMap((f) => (f.heldOutDensity
    ? [{ label: f.label, name: name(f.label), inSample: f.heldOutDensity.inSampleMeanLogDensity, heldOut: f.heldOutDensity.heldOutMeanLogDensity, gap: f.heldOutDensity.gap, count: f.heldOutDensity.count }]
    : []));
  return (
    <>
      <RankedLogDensityChart rows={ranked} threshold={layer.groupSplit?.threshold ?? null} chains={chains} name={`${stem}-log-density-sorted`} />
      <div className="grid grid-2">
        <EntropyDistanceChart rows={entropy} name={`${stem}-entropy-vs-distance`} />
        <ClassFitTable rows={fits.map((f) => ({ ...f, name: name(f.label), href: `${modelHref}/classes/${f.label}` }))} name={`${stem}-class-fits`} />
      </div>
      <HeldOutChart rows={heldOut} name={`${stem}-held-out`} />
    </>
  );
}

async function BinsSection({ layer, run, stem }: { layer: LayerInfo; run?: string; stem: string }) {
  const bins = await fetchDensityBins(layer.id, run);
  if (bins.length === 0) return <section className="card"><h3>Density bins vs memorization (Fig. 3)</h3><p className="muted">No density bins for this layer (they need memorization scores).</p></section>;
  return <DensityBinsChart rows={bins} name={`${stem}-density-bins`} />;
}

async function KLSection({ layer, run, stem, subset, base }: { layer: LayerInfo; run?: string; stem: string; subset: string | undefined; base: string }) {
  const all = orderSubsets(await fetchKLMatrices(layer.id, undefined, run));
  const requested = subset ? all.find((m) => m.subset === subset) : all[0];
  const absent = subset && !requested
    ? <p className="notice" data-testid="kl-absent">No KL divergences of the “{subset}” examples at this layer: {absentKlReason(subset, await fetchMemorizationSubsets(layer.model.id))}.{all[0] ? ` Showing “${all[0].subset}” instead.` : ''}</p>
    : null;
  const chosen = requested ?? all[0];
  if (!chosen || !chosen.matrix) return <section className="card"><h3>Between-class KL (Fig. 4)</h3>{absent}<p className="muted">No KL divergences computed for this layer.</p></section>;
  const name = classNames(layer.model);
  const labels = chosen.labels.map(name);
  return (
    <HeatmapCard
      title="Between-class KL (Fig. 4)"
      method="F"
      subtitle={`KL(row ‖ column), ${chosen.subset} examples; mean ± s.d. of positive entries ${formatNumber(chosen.mean)} ± ${formatNumber(chosen.sd)}.`}
      name={`${stem}-kl-${chosen.subset}`}
      actions={all.length > 1 ? <SegmentedLinks label="Subset" current={chosen.subset} options={all.map((m) => ({ key: m.subset, label: m.subset, href: layerPageHref(base, { ...layerPageParams.all(), kl: m.subset }) }))} /> : null}
      label={`Between-class KL divergences at layer ${layer.name}`}
      rows={labels}
      columns={labels}
      values={withoutDiagonal(toMatrix(chosen.matrix))}
      valueLabel="KL (nats)"
      rowAxis="class"
      columnAxis="class"
      square
      columnHrefs={chosen.labels.map((l) => `/models/${encodeURIComponent(layer.model.id)}/classes/${l}`)}
      digits={4}
      footer={absent}
    />
  );
}

/** KL(p ‖ p) = 0 carries no information and would stretch the colour scale; the paper's statistic drops it too. */
function withoutDiagonal(matrix: (number | null)[][]): (number | null)[][] {
  return matrix.map((row, i) => row.map((v, j) => (i === j ? null : v)));
}

async function AcrossLayers({ layer }: { layer: LayerInfo }) {
  const summaries = await fetchLayerSummaries(layer.model.id);
  const kl = subsetRows(summaries, layer.id, (s) => s.klMatrices.map((m) => ({ subset: m.subset, mean: m.mean, sd: m.sd })));
  const f1 = subsetRows(summaries, layer.id, (s) => s.generativeClassification.map((g) => ({ subset: g.subset, mean: g.f1Mean, sd: g.f1Sd })));
  return (
    <div className="grid grid-2">
      {kl.subsets.length ? (
        <SubsetByLayerChart title="Between-class KL across layers (Fig. 4)" method="F" subtitle="Mean ± s.d. of positive KL(class i ‖ class j) per memorization subset." name={`${layer.model.name}-kl-by-layer`} rows={kl.rows} subsets={kl.subsets} yLabel="KL (nats)" kind="line" />
      ) : (
        <section className="card"><h3>Between-class KL across layers (Fig. 4)</h3><p className="muted">Not computed for this model.</p></section>
      )}
      {f1.subsets.length ? (
        <SubsetByLayerChart title="Generative classification across layers (Fig. A.11)" method="G" subtitle="Weighted F1 of argmax log p(x | class), mean ± s.d. over traces, per subset." name={`${layer.model.name}-genclass-by-layer`} rows={f1.rows} subsets={f1.subsets} yLabel="weighted F1" kind="bar" domain={[0, 1]} />
      ) : (
        <section className="card"><h3>Generative classification across layers (Fig. A.11)</h3><p className="muted">Not computed for this model.</p></section>
      )}
    </div>
  );
}

async function Diagnostics({ layer, run, stem, traceLabel }: { layer: LayerInfo; run?: string; stem: string; traceLabel: string | undefined }) {
  const fits = await fetchClassFits(layer.id, run);
  if (fits.length === 0) return null;
  const name = classNames(layer.model);
  const byDensity = [...fits].sort((a, b) => (a.meanLogDensity ?? 0) - (b.meanLogDensity ?? 0));
  const chosen = fits.find((f) => String(f.label) === traceLabel) ?? byDensity[0];
  const traces = await fetchClassTraces(chosen.id);
  const burnIn = Number(layer.model.latestFitRun?.config?.burnIn ?? NaN);
  const diagnostics = traces?.diagnostics;
  const toChains = (list: { chain: number; series: { totalPoints: number; x: number[]; y: number[] } }[]) => list.map((t) => ({ chain: t.chain, ...t.series }));
  return (
    <section className="stack" aria-label="Sampler diagnostics">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 style={{ margin: 0 }}>Sampler diagnostics · {name(chosen.label)}</h2>
        <div className="row">
          {diagnostics ? (
            <span className="muted" data-testid="trace-r-hat">
              R-hat log-likelihood {formatNumber(diagnostics.rHat)} · cluster count {formatNumber(diagnostics.clusterCountRHat)} · {diagnostics.chains} {diagnostics.chains === 1 ? 'chain (R-hat needs two)' : 'chains'} × {diagnostics.sweeps} sweeps
            </span>
          ) : null}
          <UrlSelect name="trace" label="Class" value={String(chosen.label)} options={byDensity.map((f) => ({ value: String(f.label), label: `${name(f.label)} (${formatNumber(f.meanLogDensity)})` }))} />
        </div>
      </div>
      {diagnostics ? (
        <div className="grid grid-2">
          <TraceChart title="Cluster count per sweep" name={`${stem}-class${chosen.label}-clusters`} chains={toChains(diagnostics.clusterCounts)} yLabel="clusters" burnIn={Number.isFinite(burnIn) ? burnIn : null} />
          <TraceChart title="Log-likelihood per sweep" name={`${stem}-class${chosen.label}-loglik`} chains={toChains(diagnostics.logLikelihoods)} yLabel="log-likelihood" burnIn={Number.isFinite(burnIn) ? burnIn : null} />
        </div>
      ) : (
        <p className="muted">No traces were kept for this class.</p>
      )}
    </section>
  );
}
