'use client';

/**
 * Paper Fig. 3: examples sorted by own-class log-density and cut into consecutive bins; per bin the mean ±
 * s.d. memorization score (line) and the share of examples from high-density classes (area, right axis).
 */
import { Area, CartesianGrid, ComposedChart, ErrorBar, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './chart-frame';
import { axisProps, ChartTooltip, gridProps, legendProps } from './theme';

export interface DensityBinRow {
  index: number;
  count: number;
  logDensityMean: number | null;
  logDensitySd: number | null;
  memorizationMean: number | null;
  memorizationSd: number | null;
  highDensityShare: number | null;
}

export function DensityBinsChart({ rows, name }: { rows: DensityBinRow[]; name: string }) {
  return (
    <ChartFrame
      title="Density bins vs memorization (Fig. 3)"
      subtitle="Bins of examples by increasing log-density: mean ± s.d. memorization, and the share of high-density-class examples."
      name={name}
      rows={rows}
    >
      <ComposedChart data={rows} responsive style={{ width: '100%', height: 320 }} margin={{ top: 10, right: 8, bottom: 16, left: 4 }}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="index" {...axisProps} label={{ value: 'bin (low → high log-density)', position: 'insideBottom', offset: -8, fill: 'var(--muted)', fontSize: 12 }} />
        <YAxis yAxisId="mem" {...axisProps} width={48} label={{ value: 'memorization', angle: -90, position: 'insideLeft', fill: 'var(--muted)', fontSize: 12 }} />
        <YAxis yAxisId="share" orientation="right" domain={[0, 1]} {...axisProps} width={44} label={{ value: 'high-density share', angle: 90, position: 'insideRight', fill: 'var(--muted)', fontSize: 12 }} />
        <Tooltip content={<ChartTooltip title={(d) => `bin ${d.index} · ${d.count} examples`} extra={(d) => [['log-density', d.logDensityMean === null ? '–' : `${Number(d.logDensityMean).toFixed(2)} ± ${Number(d.logDensitySd ?? 0).toFixed(2)}`], ['memorization s.d.', d.memorizationSd === null ? '–' : Number(d.memorizationSd).toFixed(3)]]} />} />
        <Legend {...legendProps} verticalAlign="top" />
        <Area yAxisId="share" dataKey="highDensityShare" name="share of high-density-class examples" fill="var(--group-high)" fillOpacity={0.18} stroke="var(--group-high)" isAnimationActive={false} />
        <Line yAxisId="mem" dataKey="memorizationMean" name="mean memorization" stroke="var(--chart-1)" strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false}>
          <ErrorBar dataKey="memorizationSd" direction="y" stroke="var(--chart-1)" strokeOpacity={0.35} width={0} />
        </Line>
      </ComposedChart>
    </ChartFrame>
  );
}
