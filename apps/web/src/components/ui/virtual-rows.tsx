'use client';

/**
 * Windowed table rows (@tanstack/react-virtual): only the rows in view, plus a few either side, are in the DOM;
 * a spacer row above and below keeps the scroll height of the whole table, so the scrollbar, `<table>` semantics
 * and the column widths stay as they were. Before the browser measures the box (and on the server) the first
 * `viewRows` rows render.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';

export interface RowWindowOptions {
  /** Estimated height of one row in pixels (rows are measured once rendered). */
  rowHeight: number;
  /** Rows the box shows before it is measured. */
  viewRows: number;
  overscan?: number;
}

/** The window of `count` rows inside the element `scroller` points at. */
export function useRowWindow<E extends HTMLElement>(count: number, { rowHeight, viewRows, overscan = 6 }: RowWindowOptions) {
  const scroller = useRef<E>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan,
    initialRect: { width: 0, height: viewRows * rowHeight },
  });
  const items = virtualizer.getVirtualItems();
  const above = items[0]?.start ?? 0;
  const below = Math.max(0, virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0));
  return { scroller, virtualizer, items, above, below };
}

/** An empty row of `height` pixels standing in for the rows outside the window (hidden from assistive tech). */
export function SpacerRow({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden="true" data-spacer="" style={{ height }}>
      <td colSpan={columns} style={{ padding: 0, border: 0 }} />
    </tr>
  );
}
