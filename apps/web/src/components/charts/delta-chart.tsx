'use client';

/** Difference from the baseline of each model's class-mean statistic, per aligned depth. */
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './chart-frame';
import { axisProps, ChartTooltip, gridProps, legendProps } from './theme';

export function DeltaChart({ rows, models, name, statistic, baseline }: { rows: Record<string, number | string | null>[]; models: { id: string; name: string; color: string }[]; name: string; statistic: string; baseline: string }) {
  return (
    <ChartFrame title={`Δ ${statistic.toLowerCase()} vs baseline`} subtitle={`Mean over classes minus ${baseline}'s, at each of the baseline's layers.`} name={name} rows={rows}>
      <BarChart data={rows} responsive style={{ width: '100%', height: 300 }} margin={{ top: 10, right: 16, bottom: 16, left: 4 }}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="layer" {...axisProps} label={{ value: 'baseline layer (relative depth)', position: 'insideBottom', offset: -8, fill: 'var(--muted)', fontSize: 12 }} />
        <YAxis {...axisProps} width={56} label={{ value: `Δ ${statistic.toLowerCase()}`, angle: -90, position: 'insideLeft', fill: 'var(--muted)', fontSize: 12 }} />
        <ReferenceLine y={0} stroke="var(--muted)" />
        <Tooltip content={<ChartTooltip title={(d) => `${d.layer} · depth ${d.depth}`} />} />
        <Legend {...legendProps} verticalAlign="top" />
        {models.map((m) => (
          <Bar key={m.id} dataKey={m.id} name={m.name} fill={m.color} isAnimationActive={false} />
        ))}
      </BarChart>
    </ChartFrame>
  );
}
