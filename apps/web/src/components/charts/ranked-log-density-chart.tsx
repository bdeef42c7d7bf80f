'use client';

/**
 * Paper Fig. 1: every class's mean ± s.d. of own-class log-density at one layer, classes sorted by the mean,
 * coloured by group, with the largest-gap threshold as a dashed line. With two or more sampler chains a second,
 * capped and darker bar shows ± the between-chain s.d. of the class mean (how far another seed moves it); the
 * thin bar is the spread of the class's examples, as in the paper.
 */
import { CartesianGrid, ErrorBar, Legend, ReferenceLine, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './chart-frame';
import { axisProps, ChartTooltip, gridProps, legendProps } from './theme';

export interface RankedClass {
  rank: number;
  label: number;
  name: string;
  mean: number;
  sd: number;
  n: number;
  group: 'LOW' | 'HIGH' | null;
  /** Between-chain s.d. of `mean`; null with one chain. */
  chainSd: number | null;
}

export function RankedLogDensityChart({ rows, threshold, chains, name }: { rows: RankedClass[]; threshold: number | null; chains: number; name: string }) {
  const low = rows.filter((r) => r.group !== 'HIGH');
  const high = rows.filter((r) => r.group === 'HIGH');
  return (
    <ChartFrame
      title="Class log-densities, sorted (Fig. 1)"
      method="H.1"
      subtitle={`Mean ± s.d. over each class's examples of log p(x | class) (thin bars); the dashed line is the largest-gap split. ${
        chains > 1 ? `Capped dark bars: ± between-chain s.d. of the class mean (${chains} chains).` : 'One sampler chain: no between-chain error bars.'
      }`}
      name={name}
      rows={rows.map((r) => ({ ...r, threshold }))}
    >
      <ScatterChart responsive style={{ width: '100%', height: 340 }} margin={{ top: 10, right: 16, bottom: 16, left: 4 }}>
        <CartesianGrid {...gridProps} />
        <XAxis type="number" dataKey="rank" name="rank" {...axisProps} domain={[-1, rows.length]} tick={false} label={{ value: 'classes, sorted by mean log-density', position: 'insideBottom', offset: -8, fill: 'var(--muted)', fontSize: 12 }} />
        <YAxis type="number" dataKey="mean" name="mean log-density" {...axisProps} width={56} label={{ value: 'log-density', angle: -90, position: 'insideLeft', fill: 'var(--muted)', fontSize: 12 }} />
        <Tooltip cursor={{ strokeDasharray: '3 3' }} content={<ChartTooltip title={(d) => `${d.name} (label ${d.label})`} extra={(d) => [['s.d.', Number(d.sd).toFixed(3)], ['between-chain s.d.', d.chainSd === null ? '–' : Number(d.chainSd).toFixed(3)], ['examples', String(d.n)], ['group', String(d.group ?? '–').toLowerCase()]]} />} />
        <Legend {...legendProps} verticalAlign="top" />
        {threshold !== null ? <ReferenceLine y={threshold} stroke="var(--danger)" strokeDasharray="6 4" label={{ value: `split ${threshold.toFixed(1)}`, position: 'insideTopLeft', fill: 'var(--danger)', fontSize: 11 }} /> : null}
        <Scatter name="low-density classes" data={low} fill="var(--group-low)" isAnimationActive={false}>
          <ErrorBar dataKey="sd" direction="y" stroke="var(--group-low)" strokeOpacity={0.5} width={0} />
          {chains > 1 ? <ErrorBar dataKey="chainSd" direction="y" stroke="var(--fg)" strokeWidth={2.5} width={5} /> : null}
        </Scatter>
        <Scatter name="high-density classes" data={high} fill="var(--group-high)" isAnimationActive={false}>
          <ErrorBar dataKey="sd" direction="y" stroke="var(--group-high)" strokeOpacity={0.5} width={0} />
          {chains > 1 ? <ErrorBar dataKey="chainSd" direction="y" stroke="var(--fg)" strokeWidth={2.5} width={5} /> : null}
        </Scatter>
      </ScatterChart>
    </ChartFrame>
  );
}
