'use client';

/**
 * Examples of a class with their memorization scores. The API exposes no images yet, so each example is
 * listed by its index in the dataset (see apps/web/API_REQUESTS.md).
 */
import { ChartFrame } from '@/components/charts/chart-frame';
import type { ExampleRow } from '@/lib/api/class';
import { formatNumber } from '@/lib/format';

export function ExampleList({ title, name, rows, total, className }: { title: string; name: string; rows: ExampleRow[]; total: number; className: string }) {
  return (
    <ChartFrame title={title} subtitle={`${rows.length} of ${total} examples of ${className}, by memorization score.`} name={name} rows={rows}>
      {rows.length === 0 ? (
        <p className="muted">No memorization scores were imported for this dataset.</p>
      ) : (
        <table data-testid="example-list">
          <thead><tr><th className="num">Example</th><th>Split</th><th className="num">Memorization</th><th className="num">± s.e.</th><th className="num">Cert. radius</th></tr></thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.index}>
                <td className="num mono">#{e.index}</td>
                <td>{e.split}</td>
                <td className="num">
                  <span className="bar-cell" style={{ ['--w' as string]: `${Math.max(0, Math.min(1, e.memorization ?? 0)) * 100}%` }}>{formatNumber(e.memorization)}</span>
                </td>
                <td className="num">{formatNumber(e.memorizationSe)}</td>
                <td className="num">{formatNumber(e.robustness)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ChartFrame>
  );
}
