'use client';

/**
 * Where along depth the two modes of class fitting appear: per layer, the size of the largest gap between
 * sorted class mean log-densities (line, right axis) and how many classes fall on each side (stacked bars).
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
}

export function DepthSplitChart({ rows, name }: { rows: DepthSplitRow[]; name: string }) {
  return (
    <ChartFrame
      title="Where the two modes appear"
      subtitle="Per layer: largest gap between sorted class mean log-densities, and the classes below / above its midpoint."
      name={name}
      rows={rows}
    >
      <ComposedChart data={rows} responsive style={{ width: '100%', height: 300 }} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="layer" {...axisProps} />
        <YAxis yAxisId="count" {...axisProps} allowDecimals={false} label={{ value: 'classes', angle: -90, position: 'insideLeft', fill: 'var(--muted)', fontSize: 12 }} />
        <YAxis yAxisId="gap" orientation="right" {...axisProps} label={{ value: 'largest gap (nats)', angle: 90, position: 'insideRight', fill: 'var(--muted)', fontSize: 12 }} />
        <Tooltip content={<ChartTooltip extra={(d) => [['relative depth', Number(d.relativeDepth).toFixed(2)], ['threshold', d.threshold === null ? '–' : Number(d.threshold).toFixed(2)]]} />} />
        <Legend {...legendProps} />
        <Bar yAxisId="count" dataKey="lowCount" name="low-density classes" stackId="groups" fill="var(--group-low)" />
        <Bar yAxisId="count" dataKey="highCount" name="high-density classes" stackId="groups" fill="var(--group-high)" />
        <Line yAxisId="gap" dataKey="gap" name="largest gap" stroke="var(--fg)" strokeWidth={2} dot={{ r: 4 }} isAnimationActive={false} />
      </ComposedChart>
    </ChartFrame>
  );
}
