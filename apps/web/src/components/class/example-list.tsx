'use client';

/**
 * Examples of a class with their memorization scores and own-class log-densities: a grid of thumbnails when the
 * model was imported with images, else a table of example indices.
 */
import { ChartFrame } from '@/components/charts/chart-frame';
import type { ExampleRow } from '@/lib/api/class';
import { formatNumber } from '@/lib/format';
import { ExampleGrid } from './example-grid';

export function ExampleList({ title, name, rows, total, className, layerName }: { title: string; name: string; rows: ExampleRow[]; total: number; className: string; layerName?: string }) {
  const withImages = rows.some((e) => e.thumbnail !== null);
  const exported = rows.map(({ thumbnail: _image, ...row }) => row);
  const at = layerName ? ` at ${layerName}` : '';
  return (
    <ChartFrame title={title} subtitle={`${rows.length} of ${total} examples of ${className}, by memorization score; log p${at}.`} name={name} rows={exported}>
      {rows.length === 0 ? (
        <p className="muted">No memorization scores were imported for this dataset.</p>
      ) : withImages ? (
        <ExampleGrid rows={rows} className={className} />
      ) : (
        <table data-testid="example-list">
          <thead><tr><th className="num">Example</th><th>Split</th><th className="num">Memorization</th><th className="num">± s.e.</th><th className="num">Cert. radius</th><th className="num">log p</th></tr></thead>
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
                <td className="num">{formatNumber(e.logDensity)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ChartFrame>
  );
}
