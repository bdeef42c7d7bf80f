'use client';

/**
 * Several models along relative depth (0 = input side, 1 = last analysed layer): one connected series per
 * model, each at its own layers' depths, with optional ± s.d. bars.
 */
import type { ReactNode } from 'react';
import { CartesianGrid, ErrorBar, Legend, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './chart-frame';
import { axisProps, ChartTooltip, gridProps, legendProps } from './theme';

export interface ProfileSeries {
  id: string;
  name: string;
  color: string;
  baseline: boolean;
  points: { relativeDepth: number; layer: string; value: number | null; error?: number | null }[];
}

export interface ModelProfileChartProps {
  title: string;
  subtitle?: ReactNode;
  name: string;
  series: ProfileSeries[];
  yLabel: string;
  domain?: [number | 'auto', number | 'auto'];
}

export function ModelProfileChart({ title, subtitle, name, series, yLabel, domain }: ModelProfileChartProps) {
  const rows = series.flatMap((s) => s.points.map((p) => ({ model: s.name, layer: p.layer, relativeDepth: p.relativeDepth, value: p.value, error: p.error ?? null })));
  return (
    <ChartFrame title={title} subtitle={subtitle} name={name} rows={rows}>
      <ScatterChart responsive style={{ width: '100%', height: 300 }} margin={{ top: 10, right: 16, bottom: 16, left: 4 }}>
        <CartesianGrid {...gridProps} />
        <XAxis type="number" dataKey="relativeDepth" domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} {...axisProps} label={{ value: 'relative depth', position: 'insideBottom', offset: -8, fill: 'var(--muted)', fontSize: 12 }} />
        <YAxis type="number" dataKey="value" {...axisProps} width={56} domain={domain ?? ['auto', 'auto']} label={{ value: yLabel, angle: -90, position: 'insideLeft', fill: 'var(--muted)', fontSize: 12 }} />
        <Tooltip cursor={{ strokeDasharray: '3 3' }} content={<ChartTooltip title={(d) => `${d.model} · ${d.layer}`} extra={(d) => (d.error === null || d.error === undefined ? [] : [['± s.d.', Number(d.error).toFixed(3)]])} />} />
        <Legend {...legendProps} verticalAlign="top" />
        {series.map((s) => (
          <Scatter
            key={s.id}
            name={s.baseline ? `${s.name} (baseline)` : s.name}
            data={s.points.filter((p) => p.value !== null).map((p) => ({ ...p, model: s.name }))}
            fill={s.color}
            line={{ stroke: s.color, strokeWidth: s.baseline ? 3 : 2, strokeDasharray: s.baseline ? undefined : '0' }}
            isAnimationActive={false}
          >
            {s.points.some((p) => p.error !== undefined && p.error !== null) ? <ErrorBar dataKey="error" direction="y" stroke={s.color} strokeOpacity={0.5} width={6} /> : null}
          </Scatter>
        ))}
      </ScatterChart>
    </ChartFrame>
  );
}
