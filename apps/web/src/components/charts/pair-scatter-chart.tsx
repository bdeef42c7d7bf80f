'use client';

/** Per class at one aligned depth: the baseline's value (x) against another model's (y), by group agreement. */
import { CartesianGrid, Legend, ReferenceLine, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ClassPair } from '@/lib/comparison';
import { ChartFrame } from './chart-frame';
import { axisProps, ChartTooltip, gridProps, legendProps } from './theme';

const SERIES = [
  { key: 'both high', color: 'var(--group-high)' },
  { key: 'both low', color: 'var(--group-low)' },
  { key: 'differ', color: 'var(--chart-4)' },
  { key: 'ungrouped', color: 'var(--muted)' },
] as const;

export function PairScatterChart({ pairs, name, baseline, other, statistic, names }: { pairs: ClassPair[]; name: string; baseline: string; other: string; statistic: string; names: Record<number, string> }) {
  const rows = pairs.map((p) => ({ ...p, class: names[p.label] ?? String(p.label) }));
  const values = pairs.flatMap((p) => [p.baseline, p.other]);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return (
    <ChartFrame title={`${other} vs ${baseline}, per class`} subtitle={`${statistic} of each class; the diagonal is equality. Purple: the two models put the class in different groups.`} name={name} rows={rows}>
      <ScatterChart responsive style={{ width: '100%', height: 300 }} margin={{ top: 10, right: 16, bottom: 16, left: 4 }}>
        <CartesianGrid {...gridProps} />
        <XAxis type="number" dataKey="baseline" name={baseline} domain={['auto', 'auto']} {...axisProps} label={{ value: baseline, position: 'insideBottom', offset: -8, fill: 'var(--muted)', fontSize: 12 }} />
        <YAxis type="number" dataKey="other" name={other} domain={['auto', 'auto']} {...axisProps} width={56} label={{ value: other, angle: -90, position: 'insideLeft', fill: 'var(--muted)', fontSize: 12 }} />
        {Number.isFinite(lo) && Number.isFinite(hi) ? <ReferenceLine segment={[{ x: lo, y: lo }, { x: hi, y: hi }]} stroke="var(--muted)" strokeDasharray="4 4" ifOverflow="extendDomain" /> : null}
        <Tooltip content={<ChartTooltip title={(d) => `${d.class} (label ${d.label})`} extra={(d) => [['groups', String(d.agreement)]]} />} />
        <Legend {...legendProps} verticalAlign="top" />
        {SERIES.map((s) => {
          const data = rows.filter((r) => r.agreement === s.key);
          return data.length ? <Scatter key={s.key} name={s.key} data={data} fill={s.color} isAnimationActive={false} /> : null;
        })}
      </ScatterChart>
    </ChartFrame>
  );
}
