import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { ClassPathChart } from '@/components/charts/class-path-chart';
import { ExampleList } from '@/components/class/example-list';
import { SectionSkeleton } from '@/components/ui/skeleton';
import { UrlSelect } from '@/components/ui/url-select';
import { fetchClassExamples, fetchKlNeighbours, type KlNeighbour } from '@/lib/api/class';
import { classNames, fetchHeatmap, fetchModel, type HeatmapData, type ModelInfo } from '@/lib/api/model';
import { formatNumber } from '@/lib/format';
import { classPageParams } from '@/lib/page-params';
import type { SearchParams } from '@/lib/url-parsers';
import { orderSubsets } from '@/lib/subset-rows';

interface Props {
  params: Promise<{ id: string; label: string }>;
  searchParams: Promise<SearchParams>;
}

function parseLabel(text: string): number | null {
  return /^\d{1,6}$/.test(text) ? Number(text) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id, label } = await params;
  const model = await fetchModel(decodeURIComponent(id));
  const value = parseLabel(label);
  return { title: model && value !== null ? `${classNames(model)(value)} · ${model.name}` : 'Class' };
}

export default async function ClassPage({ params, searchParams }: Props) {
  const { id, label: labelText } = await params;
  const query = await classPageParams.parse(searchParams);
  const label = parseLabel(labelText);
  const model = await fetchModel(decodeURIComponent(id));
  if (!model || label === null || label >= model.dataset.classCount) notFound();
  const name = classNames(model)(label);
  const modelHref = `/models/${encodeURIComponent(model.id)}`;
  const layers = [...model.layers.nodes].sort((a, b) => a.index - b.index);
  const klLayer = layers.find((l) => l.id === query.layer) ?? layers.at(-1);
  return (
    <>
      <div className="page-head">
        <div>
          <div className="breadcrumbs"><Link href="/">Models</Link> / <Link href={modelHref}>{model.name}</Link> / classes /</div>
          <h1 data-testid="class-name">{name} <span className="muted" style={{ fontWeight: 400 }}>label {label}</span></h1>
          <p className="muted" style={{ margin: 0 }}>{model.architecture.name} on {model.dataset.name}</p>
        </div>
        <div className="row">
          {label > 0 ? <Link className="button" href={`${modelHref}/classes/${label - 1}`}>← {classNames(model)(label - 1)}</Link> : null}
          {label < model.dataset.classCount - 1 ? <Link className="button" href={`${modelHref}/classes/${label + 1}`}>{classNames(model)(label + 1)} →</Link> : null}
        </div>
      </div>
      <div className="stack">
        <Suspense fallback={<SectionSkeleton title={`Path of ${name} through the layers`} height={320} />}>
          <ClassPath model={model} label={label} name={name} />
        </Suspense>
        <div className="grid grid-3">
          <Suspense key={klLayer?.id} fallback={<SectionSkeleton title="Nearest classes by KL" height={240} />}>
            {klLayer ? <Neighbours model={model} label={label} layer={klLayer} layers={layers} /> : <p className="muted">No layers.</p>}
          </Suspense>
          <Suspense key={`examples-${klLayer?.id}`} fallback={<><SectionSkeleton title="Most memorized examples" height={240} /><SectionSkeleton title="Least memorized examples" height={240} /></>}>
            <Examples model={model} label={label} name={name} layer={klLayer} />
          </Suspense>
        </div>
      </div>
    </>
  );
}

async function ClassPath({ model, label, name }: { model: ModelInfo; label: number; name: string }) {
  const [mean, sd, entropy, meanChainSd, entropyChainSd] = await Promise.all([
    fetchHeatmap(model.id, 'MEAN_LOG_DENSITY'),
    fetchHeatmap(model.id, 'SD_LOG_DENSITY'),
    fetchHeatmap(model.id, 'RELATIVE_ENTROPY'),
    fetchHeatmap(model.id, 'MEAN_LOG_DENSITY_CHAIN_SD'),
    fetchHeatmap(model.id, 'RELATIVE_ENTROPY_CHAIN_SD'),
  ]);
  if (!mean) return <section className="card"><h3>Path through the layers</h3><p className="muted">No fitted layers yet.</p></section>;
  const column = (heatmap: HeatmapData | null, layerId: string) => {
    const c = heatmap?.labels.indexOf(label) ?? -1;
    const row = heatmap?.rows.find((r) => r.layer.id === layerId);
    return c >= 0 && row ? row.values[c] : null;
  };
  const rows = mean.rows.map((r) => ({
    layer: r.layer.name,
    relativeDepth: r.layer.relativeDepth,
    meanLogDensity: column(mean, r.layer.id),
    sdLogDensity: column(sd, r.layer.id),
    relativeEntropy: column(entropy, r.layer.id),
    meanLogDensityChainSd: column(meanChainSd, r.layer.id),
    relativeEntropyChainSd: column(entropyChainSd, r.layer.id),
    group: r.groupSplit ? (r.groupSplit.highLabels.includes(label) ? 'HIGH' : r.groupSplit.lowLabels.includes(label) ? 'LOW' : null) : null,
  })) satisfies Parameters<typeof ClassPathChart>[0]['rows'];
  return (
    <div className="grid grid-2">
      <ClassPathChart rows={rows} name={`${model.name}-class${label}-path`} className={name} />
      <section className="card">
        <h3>Per layer</h3>
        <table data-testid="class-path-table">
          <thead>
            <tr>
              <th>Layer</th><th className="num">Mean log p</th><th className="num" title="between-chain s.d. of the mean log-density">± chains</th><th className="num">S.d.</th>
              <th className="num">Rel. entropy</th><th className="num" title="between-chain s.d. of the relative entropy">± chains</th><th>Group</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={row.layer}>
                <td><Link href={`/models/${encodeURIComponent(model.id)}/layers/${encodeURIComponent(mean.rows[i].layer.id)}`}>{row.layer}</Link></td>
                <td className="num">{formatNumber(row.meanLogDensity)}</td>
                <td className="num" data-testid="class-chain-sd">{formatNumber(row.meanLogDensityChainSd)}</td>
                <td className="num">{formatNumber(row.sdLogDensity)}</td>
                <td className="num">{formatNumber(row.relativeEntropy)}</td>
                <td className="num" data-testid="class-entropy-chain-sd">{formatNumber(row.relativeEntropyChainSd)}</td>
                <td>{row.group ? <><span className="dot" style={{ background: row.group === 'HIGH' ? 'var(--group-high)' : 'var(--group-low)' }} /> {row.group.toLowerCase()}-density</> : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

async function Neighbours({ model, label, layer, layers }: { model: ModelInfo; label: number; layer: { id: string; name: string }; layers: { id: string; name: string }[] }) {
  const neighbours = await fetchKlNeighbours(layer.id, label);
  const name = classNames(model);
  const modelHref = `/models/${encodeURIComponent(model.id)}`;
  const subsets = orderSubsets(neighbours?.klMatrices ?? []);
  return (
    <section className="card" data-testid="kl-classes">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h3>Nearest classes by KL</h3>
        <UrlSelect name="layer" label="Layer" value={layer.id} options={layers.map((l) => ({ value: l.id, label: l.name }))} defaultValue={layers.at(-1)?.id} />
      </div>
      {subsets.length === 0 ? (
        <p className="muted">No KL divergences at {layer.name}.</p>
      ) : (
        <>
          <p className="muted" style={{ margin: '0.25rem 0', fontSize: '0.84rem' }}>Smallest KL({name(label)} ‖ other) at {layer.name}, per example subset.</p>
          <KlRanking testId="nearest-classes" subsets={subsets.map((m) => ({ subset: m.subset, ranked: m.nearest }))} name={name} modelHref={modelHref} />
          <h3 style={{ marginTop: '1rem' }}>Most distinct classes</h3>
          <p className="muted" style={{ margin: '0.25rem 0', fontSize: '0.84rem' }}>Largest KL({name(label)} ‖ other) at {layer.name}, farthest first.</p>
          <KlRanking testId="farthest-classes" subsets={subsets.map((m) => ({ subset: m.subset, ranked: m.farthest }))} name={name} modelHref={modelHref} />
        </>
      )}
    </section>
  );
}

/** One ranking per subset side by side: rank, class link, KL. */
function KlRanking({ testId, subsets, name, modelHref }: { testId: string; subsets: { subset: string; ranked: KlNeighbour[] }[]; name: (label: number) => string; modelHref: string }) {
  return (
    <table data-testid={testId}>
      <thead>
        <tr><th className="num">#</th>{subsets.map((m) => <th key={m.subset}>{m.subset}</th>)}</tr>
      </thead>
      <tbody>
        {Array.from({ length: Math.max(...subsets.map((m) => m.ranked.length)) }, (_, rank) => (
          <tr key={rank}>
            <td className="num muted">{rank + 1}</td>
            {subsets.map((m) => {
              const n = m.ranked[rank];
              return <td key={m.subset}>{n ? <><Link href={`${modelHref}/classes/${n.label}`}>{name(n.label)}</Link> <span className="muted num">{formatNumber(n.kl, 3)}</span></> : null}</td>;
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The most and least memorized examples (thumbnails when the model has images), log-densities at `layer`. */
async function Examples({ model, label, name, layer }: { model: ModelInfo; label: number; name: string; layer?: { id: string; name: string } }) {
  const examples = await fetchClassExamples(model.id, label, 8, layer?.id);
  if (!examples) return null;
  const stem = `${model.name}-class${label}`;
  return (
    <>
      <ExampleList title="Most memorized examples" name={`${stem}-most-memorized`} rows={examples.most.nodes.filter((e) => e.memorization !== null)} total={examples.most.totalCount} className={name} layerName={layer?.name} />
      <ExampleList title="Least memorized examples" name={`${stem}-least-memorized`} rows={examples.least.nodes.filter((e) => e.memorization !== null)} total={examples.least.totalCount} className={name} layerName={layer?.name} />
    </>
  );
}
