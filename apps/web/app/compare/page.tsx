import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { DeltaChart } from '@/components/charts/delta-chart';
import { HeatmapCard } from '@/components/charts/heatmap-card';
import { ModelProfileChart } from '@/components/charts/model-profile-chart';
import { PairScatterChart } from '@/components/charts/pair-scatter-chart';
import { CompareSkeleton } from '@/components/compare/compare-skeleton';
import { ContingencyTable } from '@/components/compare/contingency-table';
import { CrossSimilarityCard } from '@/components/compare/cross-similarity-card';
import { ModelPicker } from '@/components/compare/model-picker';
import { CompareRunSelect } from '@/components/compare/run-select';
import { describeRun, distinctRuns } from '@/components/ui/run-picker';
import { SectionSkeleton } from '@/components/ui/skeleton';
import { SegmentedLinks } from '@/components/ui/segmented-links';
import { fetchComparison, fetchModelChoices, runsOfModels, type Comparison } from '@/lib/api/compare';
import { baselineFirst, classPairs, contingencies, deltaRows, groupGrid, profiles } from '@/lib/comparison';
import { formatNumber, formatPercent } from '@/lib/format';
import { seriesColor } from '@/lib/series-colors';
import { comparePageHref, comparePageParams } from '@/lib/page-params';
import type { SearchParams } from '@/lib/url-parsers';
import { STATISTICS, type StatisticKey } from '@/lib/statistics';

export const metadata: Metadata = { title: 'Compare' };

const COMPARABLE = ['mean-log-density', 'relative-entropy', 'sd-log-density', 'mean-distance'] as const;

export default async function ComparePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const query = await comparePageParams.parse(searchParams);
  const ids = baselineFirst(query.models, query.baseline ?? undefined);
  const chosen = (COMPARABLE as readonly string[]).includes(query.stat) ? query.stat : 'mean-log-density';
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Compare models</h1>
          <p className="muted" style={{ margin: 0 }}>Side by side along relative depth, against a pinned baseline: where each model&apos;s two modes of class fitting appear, and whether the same classes land in the same group.</p>
        </div>
        <SegmentedLinks
          label="Statistic"
          current={chosen}
          options={COMPARABLE.map((key) => ({ key, label: STATISTICS[key].label, href: comparePageHref('/compare', { ...query, stat: key }) }))}
        />
      </div>
      {ids.length < 2 || query.pick !== null ? (
        <Suspense fallback={<SectionSkeleton title="Choose models" height={240} />}>
          <Picker selected={ids} baseline={ids[0]} statistic={chosen} runs={query.runs} />
        </Suspense>
      ) : (
        <Suspense key={`${ids.join(',')}|${chosen}|${query.depth ?? ''}|${query.runs.join(',')}|${query.similarity}`} fallback={<CompareSkeleton />}>
          <ComparisonView ids={ids} statistic={chosen} />
        </Suspense>
      )}
    </>
  );
}

async function Picker({ selected, baseline, statistic, runs }: { selected: string[]; baseline: string | undefined; statistic: string; runs: readonly string[] }) {
  const choices = await fetchModelChoices();
  return <ModelPicker choices={choices.nodes} selected={selected} baseline={baseline} statistic={statistic} runs={runs} />;
}

async function ComparisonView({ ids, statistic }: { ids: string[]; statistic: StatisticKey }) {
  const query = comparePageParams.all();
  const comparison = await fetchComparison(ids, STATISTICS[statistic].api, await runsOfModels(query.runs, ids));
  if (!comparison) notFound();
  const { models } = comparison;
  if (models.length < 2) {
    return <div className="notice error" role="alert">Only {models.length} of the chosen models exist. <Link href="/compare">Choose again</Link>.</div>;
  }
  const color = seriesColor;
  const baseline = models[0];
  const label = STATISTICS[statistic].label;
  const datasets = new Set(models.map((m) => m.dataset.name));
  const depthIndex = clampDepth(query.depth ?? comparison.depths.length - 1, comparison.depths.length);
  const idList = models.map((m) => m.id);
  const profile = profiles(comparison);
  const names = Object.fromEntries(baseline.dataset.classes.nodes.map((c) => [c.label, c.name]));
  const className = (l: number) => names[l] ?? String(l);
  const stem = models.map((m) => m.name).join('-vs-');
  const tables = contingencies(comparison, depthIndex);

  return (
    <div className="stack" data-testid="comparison">
      <div className="model-chips" aria-label="Compared models">
        {models.map((m, i) => (
          <span key={m.id} className="model-chip" style={{ ['--chip-color' as string]: color(i) }} data-testid="compared-model">
            <Link href={`/models/${encodeURIComponent(m.id)}`}><strong>{m.name}</strong></Link>
            <span className="muted">{m.architecture.name} · {m.dataset.name} · {formatPercent(m.accuracy)}</span>
            <ModelRun comparison={comparison} index={i} selected={query.runs} />
            {i === 0 ? (
              <span className="badge" data-status="RUNNING">baseline</span>
            ) : (
              <Link className="small" href={comparePageHref('/compare', { ...query, baseline: m.id, models: idList })}>pin as baseline</Link>
            )}
            {models.length > 2 ? <Link className="small" href={comparePageHref('/compare', { ...query, models: idList.filter((id) => id !== m.id), baseline: i === 0 ? null : baseline.id, runs: query.runs.filter((r) => !m.fitRuns.nodes.some((n) => n.id === r)) })} aria-label={`Remove ${m.name}`}>✕</Link> : null}
          </span>
        ))}
        <Link className="button" href={comparePageHref('/compare', { ...query, pick: '1' })} data-testid="change-models">Change models…</Link>
      </div>
      {datasets.size > 1 ? (
        <p className="notice" role="note">These models were trained on different datasets ({[...datasets].join(', ')}); class-by-class agreement compares classes with the same label, which may not be the same class.</p>
      ) : null}

      <div className="grid grid-2">
        <ModelProfileChart
          title={`${label} along relative depth`}
          subtitle="Mean over classes ± s.d. across classes, at each model's own layers."
          name={`${stem}-${statistic}-profile`}
          yLabel={label.toLowerCase()}
          series={models.map((m, i) => ({ id: m.id, name: m.name, color: color(i), baseline: i === 0, points: (profile.get(m.id) ?? []).map((p) => ({ relativeDepth: p.relativeDepth, layer: p.layer, value: p.mean, error: p.sd })) }))}
        />
        <ModelProfileChart
          title="Largest gap along relative depth"
          subtitle="Size of the largest gap between sorted class mean log-densities: where the two modes appear."
          name={`${stem}-gap-profile`}
          yLabel="largest gap (nats)"
          series={models.map((m, i) => ({ id: m.id, name: m.name, color: color(i), baseline: i === 0, points: (profile.get(m.id) ?? []).map((p) => ({ relativeDepth: p.relativeDepth, layer: p.layer, value: p.gap })) }))}
        />
      </div>

      <div className="grid grid-2">
        <DeltaChart rows={deltaRows(comparison)} models={models.slice(1).map((m, i) => ({ id: m.id, name: m.name, color: color(i + 1) }))} name={`${stem}-${statistic}-delta`} statistic={label} baseline={baseline.name} />
        <AgreementTable comparison={comparison} color={color} depthIndex={depthIndex} />
      </div>

      <section className="stack" aria-label="Class groups at one depth">
        <div className="row" style={{ justifyContent: 'space-between' }}>
          <h2 style={{ margin: 0 }}>Class groups at {baseline.name}&apos;s {comparison.depths[depthIndex]?.entries[0]?.layer?.name ?? 'layer'}</h2>
          <SegmentedLinks
            label="Aligned depth"
            current={String(depthIndex)}
            options={comparison.depths.map((d, i) => ({ key: String(i), label: `${d.entries[0]?.layer?.name ?? '?'} (${d.relativeDepth.toFixed(2)})`, href: comparePageHref('/compare', { ...query, depth: i }) }))}
          />
        </div>
        <GroupsAcrossModels comparison={comparison} depthIndex={depthIndex} className={className} stem={stem} />
        {models.slice(1).map((m, k) => {
          const entry = comparison.depths[depthIndex]?.entries[k + 1];
          const table = tables[k];
          return (
            <div key={m.id} className="grid grid-2">
              <section className="card">
                <h3>{baseline.name} vs {m.name} <span className="muted">at {entry?.layer?.name ?? '–'}</span></h3>
                {table ? <ContingencyTable table={table} baseline={baseline.name} other={m.name} name={className} /> : <p className="muted">One of the two layers has no group split.</p>}
              </section>
              <PairScatterChart pairs={classPairs(comparison, depthIndex, k + 1)} name={`${baseline.name}-vs-${m.name}-${statistic}-classes`} baseline={baseline.name} other={m.name} statistic={label} names={names} />
            </div>
          );
        })}
      </section>

      <section className="grid grid-2" aria-label="Layer similarity across models">
        {models.slice(1).map((m) => (
          <Suspense key={m.id} fallback={<SectionSkeleton title={`Layer similarity: ${baseline.name} × ${m.name}`} height={280} />}>
            <CrossSimilarityCard baseline={baseline} other={m} />
          </Suspense>
        ))}
      </section>

      <AlignedTable comparison={comparison} color={color} label={label} />
    </div>
  );
}

/** Which run a compared model's numbers come from (`runs` in the URL names it, else each layer's newest), with its select. */
function ModelRun({ comparison, index, selected }: { comparison: Comparison; index: number; selected: readonly string[] }) {
  const model = comparison.models[index];
  const shown = distinctRuns(comparison.depths.map((d) => d.entries[index]));
  const succeeded = model.fitRuns.nodes.filter((r) => r.status === 'SUCCEEDED');
  const value = succeeded.find((r) => selected.includes(r.id))?.id ?? '';
  return (
    <span className="row small" style={{ gap: '0.4rem' }}>
      <span className="muted" data-testid="compared-run" data-run={shown.map((r) => r.id).join(',')}>
        {shown.length === 1 ? `run ${describeRun(shown[0])}` : `${shown.length} runs, newest per layer`}
      </span>
      {succeeded.length > 1 || value ? (
        <CompareRunSelect modelName={model.name} value={value} options={succeeded.map((r) => ({ value: r.id, label: describeRun(r) }))} testId={`select-run-${index}`} />
      ) : null}
    </span>
  );
}

function clampDepth(value: number, count: number): number {
  return Number.isInteger(value) && value >= 0 && value < count ? value : Math.max(0, count - 1);
}

function GroupsAcrossModels({ comparison, depthIndex, className, stem }: { comparison: Comparison; depthIndex: number; className: (label: number) => string; stem: string }) {
  const grid = groupGrid(comparison, depthIndex);
  const depth = comparison.depths[depthIndex];
  if (!depth || grid.rows.length === 0) return null;
  const list = (labels: number[]) => (labels.length ? `${labels.slice(0, 15).map(className).join(', ')}${labels.length > 15 ? ` … +${labels.length - 15}` : ''}` : 'none');
  return (
    <HeatmapCard
      title="Class groups in every model"
      subtitle={
        <span data-testid="consensus">
          {grid.allHigh.length} classes are high-density in every model ({list(grid.allHigh)}); {grid.allLow.length} are low-density in every model.
        </span>
      }
      name={`${stem}-groups-depth${depthIndex}`}
      label="Class groups of every compared model at one aligned depth"
      rows={depth.entries.map((e, i) => `${comparison.models[i].name} · ${e.layer?.name ?? '–'}`)}
      columns={grid.rows[0].map((_, label) => className(label))}
      values={grid.rows}
      valueLabel="group"
      scale="categorical"
      categories={[
        { value: 0, label: 'low-density', color: 'var(--group-low)' },
        { value: 1, label: 'high-density', color: 'var(--group-high)' },
      ]}
      rowAxis="model"
      columnAxis="class"
      rowLabelWidth={230}
    />
  );
}

function AgreementTable({ comparison, color, depthIndex }: { comparison: Comparison; color: (i: number) => string; depthIndex: number }) {
  const query = comparePageParams.all();
  const others = comparison.models.slice(1);
  return (
    <section className="card" data-testid="agreement-table">
      <h3>Group agreement and CKA with the baseline</h3>
      <p className="muted" style={{ marginTop: 0, fontSize: '0.84rem' }}>
        Share of classes in the same group (low / high density) as in {comparison.models[0].name}, at each aligned depth; beside it the linear CKA of the two layers&apos; activations on the same examples (1 = the same representation up to rotation and scale).
      </p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th>Baseline layer</th>
              <th className="num">Depth</th>
              {others.map((m, i) => <th key={m.id} className="num" style={{ color: color(i + 1) }}>{m.name}</th>)}
            </tr>
          </thead>
          <tbody>
            {comparison.depths.map((d, i) => (
              <tr key={i} className={i === depthIndex ? 'active' : undefined}>
                <td><Link href={comparePageHref('/compare', { ...query, depth: i })} scroll={false}>{d.entries[0]?.layer?.name ?? '–'}</Link></td>
                <td className="num">{d.relativeDepth.toFixed(2)}</td>
                {d.entries.slice(1).map((e) => (
                  <td key={e.model.id} className="agreement-cell" style={{ ['--a' as string]: e.groupAgreement ?? 0 }}>
                    {formatPercent(e.groupAgreement)} <span className="muted">({e.layer?.name ?? '–'})</span>
                    <div className="small" data-testid="aligned-cka" title={e.ckaUnavailable ?? undefined}>
                      CKA {e.cka === null ? <span className="muted">–</span> : <strong>{e.cka.toFixed(3)}</strong>}
                    </div>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function AlignedTable({ comparison, color, label }: { comparison: Comparison; color: (i: number) => string; label: string }) {
  return (
    <section className="card">
      <h3>Aligned layers</h3>
      <p className="muted" style={{ marginTop: 0, fontSize: '0.84rem' }}>{label}: mean ± s.d. over classes, Δ against the baseline, and the largest-gap split (low / high classes).</p>
      <div className="table-scroll">
        <table className="aligned" data-testid="aligned-table">
          <thead>
            <tr>
              <th>Depth</th>
              {comparison.models.map((m, i) => <th key={m.id} className="model-col" style={{ ['--chip-color' as string]: color(i) }}>{m.name}{i === 0 ? ' (baseline)' : ''}</th>)}
            </tr>
          </thead>
          <tbody>
            {comparison.depths.map((d, i) => (
              <tr key={i}>
                <td className="num">{d.relativeDepth.toFixed(2)}</td>
                {d.entries.map((e, j) => (
                  <td key={e.model.id}>
                    {e.layer ? (
                      <>
                        <Link href={`/models/${encodeURIComponent(e.model.id)}/layers/${encodeURIComponent(e.layer.id)}`}>{e.layer.name}</Link>{' '}
                        <span className="num">{formatNumber(e.mean)} ± {formatNumber(e.sd)}</span>
                        {j > 0 ? <span className="muted"> · Δ {formatNumber(e.delta)}</span> : null}
                        {e.groupSplit ? <div className="muted" style={{ fontSize: '0.8rem' }}>gap {formatNumber(e.groupSplit.gap)} · {e.groupSplit.lowCount} / {e.groupSplit.highCount}</div> : null}
                      </>
                    ) : (
                      <span className="muted">no layer</span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
