'use client';

/** Every class fit of a layer with its statistics, highest mean log-density first; exportable as CSV. */
import Link from 'next/link';
import { ChartFrame } from '@/components/charts/chart-frame';
import type { ClassFitRow } from '@/lib/api/layer';
import { formatNumber } from '@/lib/format';

export type ClassFitTableRow = ClassFitRow & { name: string; href: string };

export function ClassFitTable({ rows, name }: { rows: ClassFitTableRow[]; name: string }) {
  const sorted = [...rows].sort((a, b) => (b.meanLogDensity ?? -Infinity) - (a.meanLogDensity ?? -Infinity));
  const exported = sorted.map(({ href: _href, diagnostics, id: _id, ...row }) => ({ ...row, rHat: diagnostics?.rHat ?? null }));
  return (
    <ChartFrame title="Class fits" subtitle="Per class: examples, log-density, relative entropy, mean distance, group, clusters, R-hat." name={name} rows={exported}>
      <div className="table-scroll" style={{ maxHeight: 320 }}>
        <table data-testid="class-fit-table">
          <thead>
            <tr>
              <th>Class</th><th className="num">n</th><th className="num">Mean log p</th><th className="num">S.d.</th><th className="num">Rel. entropy</th><th className="num">Distance</th><th>Group</th><th className="num">Clusters</th><th className="num">R-hat</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((row) => (
              <tr key={row.id}>
                <td><Link href={row.href}>{row.name}</Link></td>
                <td className="num">{row.n}</td>
                <td className="num">{formatNumber(row.meanLogDensity)}</td>
                <td className="num">{formatNumber(row.sdLogDensity)}</td>
                <td className="num">{formatNumber(row.relativeEntropy)}</td>
                <td className="num">{formatNumber(row.meanDistance)}</td>
                <td>{row.group ? <span className="dot" style={{ background: row.group === 'HIGH' ? 'var(--group-high)' : 'var(--group-low)' }} /> : null} {row.group?.toLowerCase() ?? '–'}</td>
                <td className="num">{formatNumber(row.meanClusterCount)}</td>
                <td className="num" style={{ color: (row.diagnostics?.rHat ?? 1) > 1.1 ? 'var(--danger)' : undefined }}>{formatNumber(row.diagnostics?.rHat)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ChartFrame>
  );
}
