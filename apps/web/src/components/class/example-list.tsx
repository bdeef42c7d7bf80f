'use client';

/**
 * Examples of a class with their memorization scores and own-class log-densities: a grid of thumbnails when the
 * model was imported with images, else a table of example indices.
 */
import { ChartFrame } from '@/components/charts/chart-frame';
import { SpacerRow, useRowWindow } from '@/components/ui/virtual-rows';
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
        <ExampleTable rows={rows} />
      )}
    </ChartFrame>
  );
}

/** The examples as a table whose rows are windowed (only those in view are in the DOM). */
function ExampleTable({ rows }: { rows: ExampleRow[] }) {
  const { scroller, virtualizer, items, above, below } = useRowWindow<HTMLDivElement>(rows.length, { rowHeight: 31, viewRows: 12 });
  return (
    <div ref={scroller} className="table-scroll" style={{ maxHeight: 420 }}>
      <table data-testid="example-list" aria-rowcount={rows.length + 1}>
        <thead><tr><th className="num">Example</th><th>Split</th><th className="num">Memorization</th><th className="num">± s.e.</th><th className="num">Cert. radius</th><th className="num">log p</th></tr></thead>
        <tbody>
          <SpacerRow height={above} columns={6} />
          {items.map(({ index }) => rows[index]).map((e, i) => (
            <tr key={e.index} data-index={items[i].index} ref={virtualizer.measureElement} aria-rowindex={items[i].index + 2}>
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
          <SpacerRow height={below} columns={6} />
        </tbody>
      </table>
    </div>
  );
}
