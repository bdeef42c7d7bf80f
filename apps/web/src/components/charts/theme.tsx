'use client';

/**
 * The one themed layer over recharts (after shadcn-ui's chart.tsx): axis, grid and tooltip styling from the
 * CSS theme variables, and a tooltip that prints exact values.
 */
import type { CSSProperties, ReactNode } from 'react';
import { formatNumber } from '@/lib/format';

export { SERIES_COLORS } from '@/lib/series-colors';

export const axisProps = {
  stroke: 'var(--muted)',
  tick: { fill: 'var(--muted)', fontSize: 12 },
  tickLine: { stroke: 'var(--border)' },
  axisLine: { stroke: 'var(--border)' },
} as const;

export const gridProps = { stroke: 'var(--grid)', strokeDasharray: '3 3' } as const;

/** Legend items keep the order of the series (recharts sorts them by name otherwise). */
export const legendProps = { wrapperStyle: { fontSize: 12, color: 'var(--muted)' } as CSSProperties, itemSorter: null };

interface TooltipItem {
  name?: ReactNode;
  value?: unknown;
  color?: string;
  dataKey?: unknown;
  payload?: Record<string, unknown>;
}

export interface ChartTooltipProps {
  active?: boolean;
  payload?: readonly TooltipItem[];
  label?: ReactNode;
  /** Heading from the hovered datum (defaults to the axis label). */
  title?: (datum: Record<string, unknown>) => ReactNode;
  /** Extra rows from the hovered datum, e.g. n or group. */
  extra?: (datum: Record<string, unknown>) => readonly [string, ReactNode][];
  digits?: number;
}

/** Tooltip body with exact values (pass as `<Tooltip content={<ChartTooltip … />} />`). */
export function ChartTooltip({ active, payload, label, title, extra, digits = 4 }: ChartTooltipProps) {
  if (!active || !payload?.length) return null;
  const datum = payload[0].payload ?? {};
  const rows: [ReactNode, ReactNode, string | undefined][] = payload.map((item) => [
    item.name ?? String(item.dataKey),
    Array.isArray(item.value) ? item.value.map((v) => formatNumber(Number(v), digits)).join(' – ') : typeof item.value === 'number' ? formatNumber(item.value, digits) : String(item.value ?? '–'),
    item.color,
  ]);
  for (const [key, value] of extra?.(datum) ?? []) rows.push([key, value, undefined]);
  return (
    <div className="chart-tooltip" role="status">
      <div className="chart-tooltip-title">{title ? title(datum) : label}</div>
      <table>
        <tbody>
          {rows.map(([name, value, color], i) => (
            <tr key={i}>
              <td>
                {color ? <span className="dot" style={{ background: color }} /> : null} {name}
              </td>
              <td className="num">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
