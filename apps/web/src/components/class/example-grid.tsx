/**
 * Examples as a grid of image thumbnails (PNG `data:` URLs from the API), each captioned with its index,
 * memorization score and own-class log-density.
 */
import type { ExampleRow } from '@/lib/api/class';
import { THUMBNAIL_SIZE } from '@/lib/thumbnail-size';
import { formatNumber } from '@/lib/format';

export function ExampleGrid({ rows, className }: { rows: ExampleRow[]; className: string }) {
  return (
    <ul className="example-grid" data-testid="example-grid">
      {rows.map((e) => (
        <li key={e.index} data-testid="example-thumb">
          {e.thumbnail ? (
            <img src={e.thumbnail} width={THUMBNAIL_SIZE} height={THUMBNAIL_SIZE} alt={`${className} example #${e.index}`} />
          ) : (
            <span className="example-missing" style={{ width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE }} aria-hidden />
          )}
          <span className="mono">#{e.index}</span>
          <span title={e.memorizationSe !== null ? `± ${formatNumber(e.memorizationSe)}` : undefined}>
            mem <b data-testid="example-memorization">{formatNumber(e.memorization)}</b>
          </span>
          <span className="muted">log p <span data-testid="example-log-density">{formatNumber(e.logDensity)}</span></span>
        </li>
      ))}
    </ul>
  );
}
