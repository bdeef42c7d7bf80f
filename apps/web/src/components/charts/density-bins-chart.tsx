'use client';

/**
 * Paper Fig. 3: examples sorted by own-class log-density and cut into consecutive bins; per bin the mean ±
 * s.d. memorization score (line) and the share of examples from high-density classes (area, right axis).
 * When the model's examples were certified (randomized smoothing), also the mean ± s.d. certified radius
 * (own right axis) and the abstain rate (share axis) of each bin's certified examples.
 */
import { Area, CartesianGrid, ComposedChart, ErrorBar, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './chart-frame';
import { axisProps, ChartTooltip, gridProps, legendProps } from './theme';
import type { DensityBinData } from '@/lib/api/layer';

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

/** Right-axis widths (px): tick, tick label and the rotated axis label, without touching the next axis. */
const SHARE_AXIS_WIDTH = 62;
const RADIUS_AXIS_WIDTH = 60;
const percentTick = (v: number) => `${Math.round(v * 100)}`;

const fixed = (v: unknown, digits: number) => (v === null || v === undefined ? '–' : Number(v).toFixed(digits));

export function DensityBinsChart({ rows, name }: { rows: DensityBinRow[]; name: string }) {
  const certified = rows.some((r) => r.certifiedCount > 0);
  const robustness = (d: Record<string, unknown>): [string, string][] =>
    certified
      ? [
          ['certified examples', String(d.certifiedCount ?? 0)],
          ['certified radius', d.meanRadius === null ? '–' : `${fixed(d.meanRadius, 4)} ± ${fixed(d.sdRadius, 4)}`],
          ['abstain rate', fixed(d.abstainRate, 4)],
          ['smoothed accuracy', fixed(d.smoothedAccuracy, 4)],
        ]
      : [];
  return (
    <ChartFrame
      title="Density bins vs memorization (Fig. 3)"
      subtitle={
        certified
          ? 'Bins of examples by increasing log-density: mean ± s.d. memorization, the share of high-density-class examples, and the mean ± s.d. certified radius and abstain rate of each bin\'s certified examples (randomized smoothing).'
          : 'Bins of examples by increasing log-density: mean ± s.d. memorization, and the share of high-density-class examples.'
      }
      name={name}
      rows={rows}
    >
      <ComposedChart data={rows} responsive style={{ width: '100%', height: 320 }} margin={{ top: 10, right: 8, bottom: 16, left: 4 }}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="index" {...axisProps} label={{ value: 'bin (low → high log-density)', position: 'insideBottom', offset: -8, fill: 'var(--muted)', fontSize: 12 }} />
        <YAxis yAxisId="mem" {...axisProps} width={48} label={{ value: 'memorization', angle: -90, position: 'insideLeft', fill: 'var(--muted)', fontSize: 12 }} />
        {/* Two right axes side by side, each wide enough for its ticks and its label; shares in percent, so the two scales read apart. */}
        <YAxis yAxisId="share" orientation="right" domain={[0, 1]} {...axisProps} width={SHARE_AXIS_WIDTH} tickFormatter={percentTick} label={{ value: certified ? 'share, abstain rate (%)' : 'high-density share (%)', angle: 90, position: 'insideRight', offset: 2, fill: 'var(--muted)', fontSize: 12 }} />
        {certified ? (
          <YAxis yAxisId="radius" orientation="right" domain={[0, 'auto']} {...axisProps} width={RADIUS_AXIS_WIDTH} label={{ value: 'certified radius', angle: 90, position: 'insideRight', offset: 2, fill: 'var(--muted)', fontSize: 12 }} />
        ) : null}
        <Tooltip
          content={
            <ChartTooltip
              title={(d) => `bin ${d.index} · ${d.count} examples`}
              extra={(d) => [
                ['log-density', d.logDensityMean === null ? '–' : `${Number(d.logDensityMean).toFixed(2)} ± ${Number(d.logDensitySd ?? 0).toFixed(2)}`],
                ['memorization s.d.', d.memorizationSd === null ? '–' : Number(d.memorizationSd).toFixed(3)],
                ...robustness(d),
              ]}
            />
          }
        />
        <Legend {...legendProps} verticalAlign="top" />
        <Area yAxisId="share" dataKey="highDensityShare" name="share of high-density-class examples" fill="var(--group-high)" fillOpacity={0.18} stroke="var(--group-high)" isAnimationActive={false} />
        <Line yAxisId="mem" dataKey="memorizationMean" name="mean memorization" stroke="var(--chart-1)" strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false}>
          <ErrorBar dataKey="memorizationSd" direction="y" stroke="var(--chart-1)" strokeOpacity={0.35} width={0} />
        </Line>
        {certified ? (
          <Line yAxisId="radius" dataKey="meanRadius" name="mean certified radius" stroke="var(--chart-2)" strokeWidth={1.5} connectNulls dot={robustnessDot('radius-dot', 'var(--chart-2)')} activeDot={false} isAnimationActive={false}>
            <ErrorBar dataKey="sdRadius" direction="y" stroke="var(--chart-2)" strokeOpacity={0.35} width={0} />
          </Line>
        ) : null}
        {certified ? (
          <Line yAxisId="share" dataKey="abstainRate" name="abstain rate" stroke="var(--chart-3)" strokeWidth={1} strokeDasharray="4 3" connectNulls dot={robustnessDot('abstain-dot', 'var(--chart-3)')} activeDot={false} isAnimationActive={false} />
        ) : null}
      </ComposedChart>
    </ChartFrame>
  );
}
