'use client';

/** Sampler diagnostics: a per-sweep quantity (cluster count, log-likelihood) per chain, downsampled by the API. */
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './chart-frame';
import { axisProps, ChartTooltip, gridProps, legendProps, SERIES_COLORS } from './theme';

export interface ChainSeries {
  chain: number;
  totalPoints: number;
  x: number[];
  y: number[];
}

/** Merges chains into rows keyed by sweep: { sweep, chain0, chain1, … }. */
function toRows(chains: readonly ChainSeries[]): Record<string, number>[] {
  const bySweep = new Map<number, Record<string, number>>();
  for (const chain of chains) {
    chain.x.forEach((sweep, i) => {
      const row = bySweep.get(sweep) ?? { sweep };
      row[`chain${chain.chain}`] = chain.y[i];
      bySweep.set(sweep, row);
    });
  }
  return [...bySweep.values()].sort((a, b) => a.sweep - b.sweep);
}

export function TraceChart({ title, name, chains, yLabel, burnIn }: { title: string; name: string; chains: ChainSeries[]; yLabel: string; burnIn?: number | null }) {
  const rows = toRows(chains);
  const drawn = chains.reduce((n, c) => n + c.x.length, 0);
  const total = chains.reduce((n, c) => n + c.totalPoints, 0);
  return (
    <ChartFrame title={title} method="C" name={name} rows={rows} footer={drawn < total ? `${drawn} of ${total} points drawn (min/max per bucket, chosen by the API)` : `${total} points`}>
      <LineChart data={rows} responsive style={{ width: '100%', height: 240 }} margin={{ top: 8, right: 16, bottom: 16, left: 4 }}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="sweep" type="number" domain={['dataMin', 'dataMax']} {...axisProps} label={{ value: burnIn ? `sweep (burn-in ${burnIn})` : 'sweep', position: 'insideBottom', offset: -8, fill: 'var(--muted)', fontSize: 12 }} />
        <YAxis {...axisProps} width={60} domain={['auto', 'auto']} label={{ value: yLabel, angle: -90, position: 'insideLeft', fill: 'var(--muted)', fontSize: 12 }} />
        <Tooltip content={<ChartTooltip title={(d) => `sweep ${d.sweep}`} />} />
        <Legend {...legendProps} verticalAlign="top" />
        {chains.map((chain, i) => (
          <Line key={chain.chain} dataKey={`chain${chain.chain}`} name={`chain ${chain.chain}`} stroke={SERIES_COLORS[i % SERIES_COLORS.length]} dot={false} strokeWidth={1.5} isAnimationActive={false} connectNulls />
        ))}
      </LineChart>
    </ChartFrame>
  );
}
