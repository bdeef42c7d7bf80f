'use client';

/** Paper Fig. 2: relative entropy of each class density against the class's mean intra-class distance, by group. */
import { CartesianGrid, Legend, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './chart-frame';
import { axisProps, ChartTooltip, gridProps, legendProps } from './theme';

export interface EntropyPoint {
  label: number;
  name: string;
  relativeEntropy: number;
  meanDistance: number;
  meanLogDensity: number | null;
  group: 'LOW' | 'HIGH' | null;
}

export function EntropyDistanceChart({ rows, name }: { rows: EntropyPoint[]; name: string }) {
  return (
    <ChartFrame
      title="Relative entropy vs mean distance (Fig. 2)"
      subtitle="Per class: relative entropy (how far its density is from a Gaussian with the same per-axis scale) against the mean distance between its examples, coloured by group."
      method="E"
      name={name}
      rows={rows}
    >
      <ScatterChart responsive style={{ width: '100%', height: 320 }} margin={{ top: 10, right: 16, bottom: 16, left: 4 }}>
        <CartesianGrid {...gridProps} />
        <XAxis type="number" dataKey="meanDistance" name="mean distance" {...axisProps} domain={['auto', 'auto']} label={{ value: 'mean intra-class distance', position: 'insideBottom', offset: -8, fill: 'var(--muted)', fontSize: 12 }} />
        <YAxis type="number" dataKey="relativeEntropy" name="relative entropy" {...axisProps} width={56} domain={['auto', 'auto']} label={{ value: 'relative entropy (nats)', angle: -90, position: 'insideLeft', fill: 'var(--muted)', fontSize: 12 }} />
        <Tooltip cursor={{ strokeDasharray: '3 3' }} content={<ChartTooltip title={(d) => `${d.name} (label ${d.label})`} extra={(d) => [['mean log-density', d.meanLogDensity === null ? '–' : Number(d.meanLogDensity).toFixed(3)], ['group', String(d.group ?? '–').toLowerCase()]]} />} />
        <Legend {...legendProps} verticalAlign="top" />
        <Scatter name="low-density classes" data={rows.filter((r) => r.group !== 'HIGH')} fill="var(--group-low)" isAnimationActive={false} />
        <Scatter name="high-density classes" data={rows.filter((r) => r.group === 'HIGH')} fill="var(--group-high)" isAnimationActive={false} />
      </ScatterChart>
    </ChartFrame>
  );
}
