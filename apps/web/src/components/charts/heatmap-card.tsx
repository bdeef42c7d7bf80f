'use client';

/** A heatmap inside a chart card, exported as CSV in long form (row, column, value). */
import type { ReactNode } from 'react';
import { ChartFrame } from './chart-frame';
import { Heatmap, type HeatmapProps } from './heatmap';

export interface HeatmapCardProps extends HeatmapProps {
  title: string;
  subtitle?: ReactNode;
  /** Section of docs/method.md defining the plotted quantity. */
  method?: string;
  name: string;
  actions?: ReactNode;
  footer?: ReactNode;
}

export function HeatmapCard({ title, subtitle, method, name, actions, footer, ...heatmap }: HeatmapCardProps) {
  const categoryName = new Map((heatmap.categories ?? []).map((c) => [c.value, c.label]));
  const rows = heatmap.values.flatMap((row, r) =>
    row.map((value, c) => ({
      [heatmap.rowAxis ?? 'row']: heatmap.rows[r],
      [heatmap.columnAxis ?? 'column']: heatmap.columns[c],
      [heatmap.valueLabel]: heatmap.scale === 'categorical' && value !== null ? (categoryName.get(value) ?? value) : value,
    })),
  );
  return (
    <ChartFrame title={title} subtitle={subtitle} method={method} name={name} rows={rows} actions={actions} footer={footer}>
      <Heatmap {...heatmap} />
    </ChartFrame>
  );
}
