'use client';

/**
 * One class's path through the layers: mean ± s.d. log-density (left axis) and relative entropy (right), group
 * marked per layer; with several sampler chains, capped dark bars show ± the between-chain s.d. of both.
 */
import { CartesianGrid, ComposedChart, ErrorBar, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './chart-frame';
import { axisProps, ChartTooltip, gridProps, legendProps } from './theme';

export interface ClassPathRow {
  layer: string;
  relativeDepth: number;
  meanLogDensity: number | null;
  sdLogDensity: number | null;
  relativeEntropy: number | null;
  /** Between-chain s.d.s (null with one chain). */
  meanLogDensityChainSd: number | null;
  relativeEntropyChainSd: number | null;
  group: 'LOW' | 'HIGH' | null;
}

function GroupDot(props: { cx?: number; cy?: number; payload?: ClassPathRow }) {
  const { cx, cy, payload } = props;
  if (cx === undefined || cy === undefined || !payload) return null;
  const fill = payload.group === 'HIGH' ? 'var(--group-high)' : payload.group === 'LOW' ? 'var(--group-low)' : 'var(--muted)';
  return <circle cx={cx} cy={cy} r={5} fill={fill} stroke="var(--surface)" strokeWidth={1.5} />;
}

export function ClassPathChart({ rows, name, className }: { rows: ClassPathRow[]; name: string; className: string }) {
  const chains = rows.some((r) => r.meanLogDensityChainSd !== null);
  return (
    <ChartFrame
      title={`Path of ${className} through the layers`}
      subtitle={`Mean ± s.d. log-density (dots coloured by group: orange high-density, blue low-density) and relative entropy. ${
        chains ? 'Capped dark bars: ± between-chain s.d. (how far another seed moves each value).' : 'One sampler chain: no between-chain error bars.'
      }`}
      method="D"
      name={name}
      rows={rows}
    >
      <ComposedChart data={rows} responsive style={{ width: '100%', height: 320 }} margin={{ top: 10, right: 8, bottom: 8, left: 4 }}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="layer" {...axisProps} />
        <YAxis yAxisId="density" {...axisProps} width={56} label={{ value: 'log-density', angle: -90, position: 'insideLeft', fill: 'var(--muted)', fontSize: 12 }} />
        <YAxis yAxisId="entropy" orientation="right" {...axisProps} width={52} label={{ value: 'relative entropy', angle: 90, position: 'insideRight', fill: 'var(--muted)', fontSize: 12 }} />
        <Tooltip content={<ChartTooltip extra={(d) => [
          ['s.d.', d.sdLogDensity === null ? '–' : Number(d.sdLogDensity).toFixed(3)],
          ['between-chain s.d. (log-density / entropy)', `${d.meanLogDensityChainSd === null ? '–' : Number(d.meanLogDensityChainSd).toFixed(3)} / ${d.relativeEntropyChainSd === null ? '–' : Number(d.relativeEntropyChainSd).toFixed(3)}`],
          ['group', String(d.group ?? '–').toLowerCase()],
          ['relative depth', Number(d.relativeDepth).toFixed(2)],
        ]} />} />
        <Legend {...legendProps} verticalAlign="top" />
        <Line yAxisId="density" dataKey="meanLogDensity" name="mean log-density" stroke="var(--chart-1)" strokeWidth={2} dot={<GroupDot />} isAnimationActive={false}>
          <ErrorBar dataKey="sdLogDensity" direction="y" stroke="var(--chart-1)" strokeOpacity={0.5} width={6} />
          {chains ? <ErrorBar dataKey="meanLogDensityChainSd" direction="y" stroke="var(--fg)" strokeWidth={2.5} width={4} /> : null}
        </Line>
        <Line yAxisId="entropy" dataKey="relativeEntropy" name="relative entropy" stroke="var(--chart-4)" strokeDasharray="5 3" strokeWidth={2} isAnimationActive={false}>
          {chains ? <ErrorBar dataKey="relativeEntropyChainSd" direction="y" stroke="var(--chart-4)" strokeWidth={2.5} width={4} /> : null}
        </Line>
      </ComposedChart>
    </ChartFrame>
  );
}
