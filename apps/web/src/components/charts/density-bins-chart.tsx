'use client';

/**
 * Paper Fig. 3 as small multiples: examples sorted by own-class log-density and cut into consecutive bins; one
 * panel per quantity, all on the same bin axis (tooltips move together): the bin's mean ± s.d. log-density, its
 * mean ± s.d. memorization, the share of its examples from high-density classes and — when the model's examples
 * were certified (randomized smoothing) — the mean ± s.d. certified radius and the abstain rate of its certified
 * examples. One y-axis per panel, each in its own colour, so no two series share an axis or a colour.
 */
import type { ReactNode } from 'react';
import { Area, CartesianGrid, ComposedChart, ErrorBar, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './chart-frame';
import { axisProps, ChartTooltip, gridProps } from './theme';
import type { DensityBinData } from '@/lib/api/layer';
import { memorizationDomain } from '@/lib/memorization-domain';

/** One bin as the API returns it (a type-only import: nothing server-side reaches the client bundle). */
export type DensityBinRow = DensityBinData;

type DotProps = { cx?: number; cy?: number; index: number; value?: unknown; payload: DensityBinRow };

/** A dot of a sparse robustness series (only bins with certified examples have one), with its exact value as data. */
function robustnessDot(className: string, colour: string) {
  function RobustnessDot({ cx, cy, index, value, payload }: DotProps) {
    if (cx === undefined || cy === undefined || value === null || value === undefined) return <g key={index} />;
    return <circle key={index} className={className} data-bin={payload.index} data-value={String(value)} cx={cx} cy={cy} r={3} fill={colour} stroke="none" />;
  }
  return RobustnessDot;
}

const PANEL_HEIGHT = 118;
const Y_AXIS_WIDTH = 52;
const percentTick = (v: number) => `${Math.round(v * 100)} %`;
const fixed = (v: unknown, digits: number) => (v === null || v === undefined ? '–' : Number(v).toFixed(digits));

interface PanelProps {
  readonly id: string;
  readonly title: string;
  readonly rows: DensityBinRow[];
  readonly sync: string;
  readonly last: boolean;
  readonly domain?: [number | 'auto', number | 'auto'];
  readonly percent?: boolean;
  readonly tooltip: ReactNode;
  readonly children: ReactNode;
}

/** One small multiple: a titled strip with its own y-axis; the bin axis is labelled on the last one only. */
function Panel({ id, title, rows, sync, last, domain, percent, tooltip, children }: PanelProps) {
  return (
    <div className="bins-panel" data-panel={id}>
      <div className="muted bins-panel-title">{title}</div>
      <ComposedChart data={rows} syncId={sync} responsive style={{ width: '100%', height: PANEL_HEIGHT + (last ? 22 : 0) }} margin={{ top: 4, right: 12, bottom: last ? 16 : 0, left: 4 }}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="index" {...axisProps} hide={!last} label={last ? { value: 'bin (low → high log-density)', position: 'insideBottom', offset: -8, fill: 'var(--muted)', fontSize: 12 } : undefined} />
        <YAxis {...axisProps} width={Y_AXIS_WIDTH} domain={domain ?? ['auto', 'auto']} allowDataOverflow={Boolean(domain)} tickCount={3} tickFormatter={percent ? percentTick : (v: number) => String(Number(v.toPrecision(3)))} />
        <Tooltip content={tooltip as never} />
        {children}
      </ComposedChart>
    </div>
  );
}

export function DensityBinsChart({ rows, name }: { rows: DensityBinRow[]; name: string }) {
  const certified = rows.some((r) => r.certifiedCount > 0);
  const hasMemorization = rows.some((r) => r.memorizationMean !== null);
  const hasShare = rows.some((r) => r.highDensityShare !== null);
  const sync = `bins-${name}`;
  const tooltip = (
    <ChartTooltip
      title={(d) => `bin ${d.index} · ${d.count} examples`}
      extra={(d) => [
        ['log-density', d.logDensityMean === null ? '–' : `${fixed(d.logDensityMean, 2)} ± ${fixed(d.logDensitySd ?? 0, 2)}`],
        ['memorization', d.memorizationMean === null ? '–' : `${fixed(d.memorizationMean, 3)} ± ${fixed(d.memorizationSd ?? 0, 3)}`],
        ['high-density share', fixed(d.highDensityShare, 3)],
        ...(certified
          ? ([
              ['certified examples', String(d.certifiedCount ?? 0)],
              ['certified radius', d.meanRadius === null ? '–' : `${fixed(d.meanRadius, 4)} ± ${fixed(d.sdRadius, 4)}`],
              ['abstain rate', fixed(d.abstainRate, 4)],
              ['smoothed accuracy', fixed(d.smoothedAccuracy, 4)],
            ] as [string, string][])
          : []),
      ]}
    />
  );
  const panels = ['logDensity', ...(hasMemorization ? ['memorization'] : []), ...(hasShare ? ['share'] : []), ...(certified ? ['radius', 'abstain'] : [])];
  const isLast = (id: string) => panels.at(-1) === id;
  return (
    <ChartFrame
      title="Density bins vs memorization (Fig. 3)"
      method="H.3"
      subtitle={`Bins of examples by increasing own-class log-density, one panel per quantity on the same bins${certified ? "; certified radius and abstain rate of each bin's certified examples (randomized smoothing)" : ''}.`}
      name={name}
      rows={rows}
    >
      <div className="bins-multiples">
        <Panel id="logDensity" title="mean ± s.d. log-density" rows={rows} sync={sync} last={isLast('logDensity')} tooltip={tooltip}>
          <Line dataKey="logDensityMean" name="mean log-density" stroke="var(--chart-3)" strokeWidth={1.5} dot={false} isAnimationActive={false}>
            <ErrorBar dataKey="logDensitySd" direction="y" stroke="var(--chart-3)" strokeOpacity={0.3} width={0} />
          </Line>
        </Panel>
        {hasMemorization ? (
          <Panel id="memorization" title="mean ± s.d. memorization" rows={rows} sync={sync} last={isLast('memorization')} domain={memorizationDomain(rows)} tooltip={tooltip}>
            <Line dataKey="memorizationMean" name="mean memorization" stroke="var(--chart-1)" strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false}>
              <ErrorBar dataKey="memorizationSd" direction="y" stroke="var(--chart-1)" strokeOpacity={0.35} width={0} />
            </Line>
          </Panel>
        ) : null}
        {hasShare ? (
          <Panel id="share" title="share of examples from high-density classes" rows={rows} sync={sync} last={isLast('share')} domain={[0, 1]} percent tooltip={tooltip}>
            <Area dataKey="highDensityShare" name="high-density share" fill="var(--group-high)" fillOpacity={0.25} stroke="var(--group-high)" isAnimationActive={false} />
          </Panel>
        ) : null}
        {certified ? (
          <Panel id="radius" title="mean ± s.d. certified radius (certified examples)" rows={rows} sync={sync} last={isLast('radius')} domain={[0, 'auto']} tooltip={tooltip}>
            <Line dataKey="meanRadius" name="mean certified radius" stroke="var(--chart-4)" strokeWidth={1.5} connectNulls dot={robustnessDot('radius-dot', 'var(--chart-4)')} activeDot={false} isAnimationActive={false}>
              <ErrorBar dataKey="sdRadius" direction="y" stroke="var(--chart-4)" strokeOpacity={0.35} width={0} />
            </Line>
          </Panel>
        ) : null}
        {certified ? (
          <Panel id="abstain" title="abstain rate (certified examples)" rows={rows} sync={sync} last={isLast('abstain')} domain={[0, 1]} percent tooltip={tooltip}>
            <Line dataKey="abstainRate" name="abstain rate" stroke="var(--chart-6)" strokeWidth={1.5} connectNulls dot={robustnessDot('abstain-dot', 'var(--chart-6)')} activeDot={false} isAnimationActive={false} />
          </Panel>
        ) : null}
      </div>
    </ChartFrame>
  );
}
