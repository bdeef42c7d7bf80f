'use client';

/**
 * Where along depth the two modes of class fitting appear: per layer, the size of the largest gap between
 * sorted class mean log-densities (line, right axis) and how many classes fall on each side (stacked bars). The
 * rule always finds a gap, so each gap's dot says whether the layer passes the significance check (filled:
 * Silverman's modes test p < 0.05; hollow: not shown; grey: not computed).
 */
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './chart-frame';
import { axisProps, ChartTooltip, gridProps, legendProps } from './theme';

export interface DepthSplitRow {
  layer: string;
  relativeDepth: number;
  gap: number | null;
  threshold: number | null;
  lowCount: number | null;
  highCount: number | null;
  /** Whether the layer passes the modes test; null when not computed. */
  passes: boolean | null;
  modesPValue: number | null;
  /** Median low-group s.d. over the high group's. */
  sdRatio: number | null;
}

function PassDot(props: { cx?: number; cy?: number; payload?: DepthSplitRow }) {
  const { cx, cy, payload } = props;
  if (cx === undefined || cy === undefined || !payload || payload.gap === null) return null;
  const stroke = payload.passes === null ? 'var(--muted)' : 'var(--fg)';
  return (
    <circle className="gap-dot" data-passes={payload.passes === null ? 'unknown' : String(payload.passes)} cx={cx} cy={cy} r={5}
      fill={payload.passes ? 'var(--fg)' : 'var(--surface)'} stroke={stroke} strokeWidth={2} />
  );
}

export function DepthSplitChart({ rows, name }: { rows: DepthSplitRow[]; name: string }) {
  return (
    <ChartFrame
      title="Where the two modes appear"
      method="H.1"
      subtitle="Per layer: largest gap between sorted class mean log-densities, and the classes below / above its midpoint. Filled dot: two modes (Silverman test p < 0.05); hollow: not shown."
      name={name}
      rows={rows}
    >
      <ComposedChart data={rows} responsive style={{ width: '100%', height: 300 }} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="layer" {...axisProps} />
        <YAxis yAxisId="count" {...axisProps} allowDecimals={false} label={{ value: 'classes', angle: -90, position: 'insideLeft', fill: 'var(--muted)', fontSize: 12 }} />
        <YAxis yAxisId="gap" orientation="right" {...axisProps} label={{ value: 'largest gap (nats)', angle: 90, position: 'insideRight', fill: 'var(--muted)', fontSize: 12 }} />
        <Tooltip content={<ChartTooltip extra={(d) => [
          ['relative depth', Number(d.relativeDepth).toFixed(2)],
          ['threshold', d.threshold === null ? '–' : Number(d.threshold).toFixed(2)],
          ['modes test p', d.modesPValue === null ? '–' : Number(d.modesPValue).toFixed(3)],
          ['s.d. ratio low / high', d.sdRatio === null ? '–' : Number(d.sdRatio).toFixed(2)],
        ]} />} />
        <Legend {...legendProps} />
        <Bar yAxisId="count" dataKey="lowCount" name="low-density classes" stackId="groups" fill="var(--group-low)" />
        <Bar yAxisId="count" dataKey="highCount" name="high-density classes" stackId="groups" fill="var(--group-high)" />
        <Line yAxisId="gap" dataKey="gap" name="largest gap" stroke="var(--fg)" strokeWidth={2} dot={<PassDot />} isAnimationActive={false} />
      </ComposedChart>
    </ChartFrame>
  );
}
