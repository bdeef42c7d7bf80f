'use client';

/**
 * A per-subset summary across a model's layers, mean ± s.d. per layer: between-class KL (Fig. 4, lines) or
 * generative-classification F1 (Fig. A.11, bars). Subsets are the memorization subsets (least, random, most…).
 */
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, ErrorBar, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './chart-frame';
import { axisProps, ChartTooltip, gridProps, legendProps, SERIES_COLORS } from './theme';

/** One layer: `layer` and, per subset s, `${s}` (mean) and `${s}Sd`. */
export type SubsetRow = { layer: string; current?: boolean } & Record<string, number | string | boolean | null | undefined>;

export interface SubsetByLayerChartProps {
  title: string;
  subtitle?: ReactNode;
  /** Section of docs/method.md defining the plotted quantity. */
  method?: string;
  name: string;
  rows: SubsetRow[];
  subsets: readonly string[];
  yLabel: string;
  kind: 'line' | 'bar';
  domain?: [number, number];
}

const SUBSET_COLORS: Record<string, string> = { least: 'var(--chart-3)', random: 'var(--chart-1)', most: 'var(--chart-2)', all: 'var(--chart-4)' };

export function SubsetByLayerChart({ title, subtitle, method, name, rows, subsets, yLabel, kind, domain }: SubsetByLayerChartProps) {
  const color = (s: string, i: number) => SUBSET_COLORS[s] ?? SERIES_COLORS[i % SERIES_COLORS.length];
  const common = {
    data: rows,
    responsive: true,
    style: { width: '100%', height: 300 },
    margin: { top: 10, right: 16, bottom: 8, left: 4 },
  } as const;
  const axes = (
    <>
      <CartesianGrid {...gridProps} />
      <XAxis dataKey="layer" {...axisProps} />
      <YAxis {...axisProps} width={52} domain={domain ?? ['auto', 'auto']} allowDataOverflow={Boolean(domain)} tickFormatter={(v: number) => String(Number(v.toPrecision(3)))} label={{ value: yLabel, angle: -90, position: 'insideLeft', fill: 'var(--muted)', fontSize: 12 }} />
      <Tooltip content={<ChartTooltip extra={(d) => subsets.map((s) => [`${s} s.d.`, d[`${s}Sd`] === null || d[`${s}Sd`] === undefined ? '–' : Number(d[`${s}Sd`]).toFixed(4)] as [string, string])} />} />
      <Legend {...legendProps} verticalAlign="top" />
    </>
  );
  return (
    <ChartFrame title={title} subtitle={subtitle} method={method} name={name} rows={rows}>
      {kind === 'line' ? (
        <LineChart {...common}>
          {axes}
          {subsets.map((s, i) => (
            <Line key={s} dataKey={s} name={s} stroke={color(s, i)} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} connectNulls>
              <ErrorBar dataKey={`${s}Sd`} direction="y" stroke={color(s, i)} width={6} strokeOpacity={0.6} />
            </Line>
          ))}
        </LineChart>
      ) : (
        <BarChart {...common}>
          {axes}
          {subsets.map((s, i) => (
            <Bar key={s} dataKey={s} name={s} fill={color(s, i)} isAnimationActive={false}>
              <ErrorBar dataKey={`${s}Sd`} direction="y" stroke="var(--fg)" width={4} strokeOpacity={0.6} />
            </Bar>
          ))}
        </BarChart>
      )}
    </ChartFrame>
  );
}
