'use client';

/**
 * Held-out densities (docs/method.md G.1): per class, the mean log-density of its training points and of its
 * held-out examples under the same (genclass refit) density, as paired dots, with a caption computed from the gaps.
 */
import { CartesianGrid, ComposedChart, Legend, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { heldOutCaption, type HeldOutPoint } from '@/lib/held-out-gap';
import { ChartFrame } from './chart-frame';
import { axisProps, ChartTooltip, gridProps, legendProps } from './theme';

export function HeldOutChart({ rows, name }: { rows: HeldOutPoint[]; name: string }) {
  const sorted = [...rows].sort((a, b) => a.inSample - b.inSample);
  const caption = heldOutCaption(sorted);
  return (
    <ChartFrame
      title="In-sample vs held-out log-density"
      subtitle="Per class, under its density in the generative-classification refit: mean log-density of the refit's training points and of the held-out examples it never saw."
      method="G.1"
      name={name}
      rows={sorted}
      footer={<span data-testid="held-out-caption">{caption ?? 'No held-out examples in this run (no generative-classification subsets, or a run stored before held-out densities).'}</span>}
    >
      {sorted.length ? (
        <ComposedChart responsive data={sorted} style={{ width: '100%', height: 300 }} margin={{ top: 10, right: 16, bottom: 16, left: 4 }}>
          <CartesianGrid {...gridProps} />
          <XAxis dataKey="name" type="category" {...axisProps} interval="preserveStartEnd" label={{ value: 'class (by in-sample mean)', position: 'insideBottom', offset: -8, fill: 'var(--muted)', fontSize: 12 }} />
          <YAxis type="number" {...axisProps} width={56} domain={['auto', 'auto']} label={{ value: 'mean log-density (nats)', angle: -90, position: 'insideLeft', fill: 'var(--muted)', fontSize: 12 }} />
          <Tooltip content={<ChartTooltip title={(d) => `${d.name} (label ${d.label})`} extra={(d) => [['gap (nats)', Number(d.gap).toFixed(3)], ['held-out examples', String(d.count)]]} />} />
          <Legend {...legendProps} verticalAlign="top" />
          <Scatter name="training points (in-sample)" dataKey="inSample" fill="var(--chart-1)" isAnimationActive={false} />
          <Scatter name="held-out examples" dataKey="heldOut" fill="var(--chart-4)" shape="diamond" isAnimationActive={false} />
        </ComposedChart>
      ) : null}
    </ChartFrame>
  );
}
