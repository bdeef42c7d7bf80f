'use client';

/**
 * The Models table: rows windowed by @tanstack/react-virtual (only those in view are in the DOM), further pages loaded through the
 * API's cursor as you scroll or press "Load more", links to the previous and next page (a cursor in the URL),
 * and keyboard navigation (↑ ↓ PgUp PgDn Home End, Enter opens the model).
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition, type KeyboardEvent } from 'react';
import { loadMoreModels } from '@/actions/load-models';
import { SpacerRow, useRowWindow } from '@/components/ui/virtual-rows';
import type { ModelPage, ModelRow } from '@/lib/api/models';
import { formatPercent } from '@/lib/format';
import { modelViewHref, type ModelView } from '@/lib/model-filters';

const ROW_HEIGHT = 38;
const VIEW_ROWS = 14;
const OVERSCAN = 6;

export interface SortHeader {
  label: string;
  /** Link that sorts by this column (toggling direction when already sorted), absent if not sortable. */
  href?: string;
  /** Current direction when the table is sorted by this column. */
  sorted?: 'asc' | 'desc';
  numeric?: boolean;
  width: string;
}

export interface ModelsTableProps {
  initial: ModelPage;
  view: ModelView;
  headers: readonly SortHeader[];
}

const compareHref = (ids: readonly string[]) => `/compare?models=${ids.map(encodeURIComponent).join(',')}`;

export function ModelsTable({ initial, view, headers }: ModelsTableProps) {
  const router = useRouter();
  const [rows, setRows] = useState<ModelRow[]>(initial.nodes);
  const [cursor, setCursor] = useState(initial.pageInfo.hasNextPage ? initial.pageInfo.endCursor : null);
  const [active, setActive] = useState(0);
  const [picked, setPicked] = useState<string[]>([]);
  const [loading, startLoading] = useTransition();
  const { scroller, virtualizer, items, above, below } = useRowWindow<HTMLDivElement>(rows.length, { rowHeight: ROW_HEIGHT, viewRows: VIEW_ROWS, overscan: OVERSCAN });
  const focusPending = useRef(false);

  function loadMore() {
    if (!cursor || loading) return;
    startLoading(async () => {
      const page = await loadMoreModels(modelViewHref(view).slice(2), cursor);
      setRows((previous) => [...previous, ...page.nodes]);
      setCursor(page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null);
    });
  }

  // Scrolling near the end of the loaded rows loads the next page (the window itself follows the scroll).
  function onScroll() {
    const element = scroller.current;
    if (element && element.scrollTop + element.clientHeight > element.scrollHeight - 4 * ROW_HEIGHT) loadMore();
  }

  // Moving the active row by keyboard may target a row outside the window: it is scrolled in (onKeyDown), and
  // focused once the window has rendered it.
  useEffect(() => {
    if (!focusPending.current) return;
    const row = scroller.current?.querySelector<HTMLTableRowElement>(`tr[data-index="${active}"]`);
    if (!row) return;
    row.focus({ preventScroll: true });
    focusPending.current = false;
  });

  function onKeyDown(event: KeyboardEvent<HTMLTableSectionElement>) {
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: VIEW_ROWS, PageUp: -VIEW_ROWS, Home: -rows.length, End: rows.length };
    if (event.key in steps) {
      event.preventDefault();
      const next = Math.max(0, Math.min(rows.length - 1, active + steps[event.key]));
      if (next >= rows.length - 2) loadMore();
      focusPending.current = true;
      virtualizer.scrollToIndex(next, { align: 'auto' });
      setActive(next);
    } else if (event.key === 'Enter' && rows[active]) {
      router.push(`/models/${encodeURIComponent(rows[active].id)}`);
    } else if (event.key === ' ' && rows[active]) {
      event.preventDefault();
      togglePick(rows[active].id);
    }
  }

  function togglePick(id: string) {
    setPicked((previous) => (previous.includes(id) ? previous.filter((p) => p !== id) : [...previous, id]));
  }

  return (
    <div className="models-table">
      <div className="row models-table-bar">
        <span className="muted" data-testid="models-count">
          {rows.length} of {initial.totalCount} models loaded
        </span>
        <span style={{ flex: 1 }} />
        <span className="muted">{picked.length ? `${picked.length} picked` : 'Pick models (space) to compare'}</span>
        <Link className="button" aria-disabled={picked.length < 2} href={picked.length >= 2 ? compareHref(picked) : '#'} data-testid="compare-picked" onClick={(event) => picked.length < 2 && event.preventDefault()}>
          Compare picked
        </Link>
      </div>
      <div ref={scroller} className="table-window" style={{ maxHeight: (VIEW_ROWS + 1) * ROW_HEIGHT }} onScroll={onScroll}>
        <table role="grid" aria-rowcount={initial.totalCount} style={{ tableLayout: 'fixed' }}>
          <colgroup>
            <col style={{ width: '2.2rem' }} />
            {headers.map((header) => (
              <col key={header.label} style={{ width: header.width }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th scope="col"><span className="sr-only">Pick</span></th>
              {headers.map((header) => (
                <th key={header.label} scope="col" className={header.numeric ? 'num' : undefined} aria-sort={header.sorted === 'asc' ? 'ascending' : header.sorted === 'desc' ? 'descending' : undefined}>
                  {header.href ? (
                    <Link href={header.href} scroll={false}>
                      {header.label} {header.sorted === 'asc' ? '▲' : header.sorted === 'desc' ? '▼' : ''}
                    </Link>
                  ) : (
                    header.label
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody onKeyDown={onKeyDown}>
            <SpacerRow height={above} columns={headers.length + 1} />
            {items.map(({ index }) => {
              const model = rows[index];
              return (
                <tr
                  key={model.id}
                  data-index={index}
                  data-testid="model-row"
                  aria-rowindex={index + 2}
                  aria-selected={picked.includes(model.id)}
                  tabIndex={index === active ? 0 : -1}
                  onFocus={() => setActive(index)}
                  className={index === active ? 'active' : undefined}
                  style={{ height: ROW_HEIGHT }}
                >
                  <td>
                    <input type="checkbox" tabIndex={-1} aria-label={`Pick ${model.name} for comparison`} checked={picked.includes(model.id)} onChange={() => togglePick(model.id)} />
                  </td>
                  <td className="ellipsis">
                    <Link href={`/models/${encodeURIComponent(model.id)}`} tabIndex={-1}>{model.name}</Link>
                  </td>
                  <td>{model.architecture.name}</td>
                  <td>{model.dataset.name}</td>
                  <td className="num">{formatPercent(model.accuracy)}</td>
                  <td className="num">{model.layerCount}</td>
                  <td className="num">{model.classCount}</td>
                  <td>{model.status ? <span className="badge" data-status={model.status}>{model.status.toLowerCase()}</span> : <span className="muted">none</span>}</td>
                  <td className="ellipsis">{model.tags.map((tag) => <span key={tag} className="chip">{tag}</span>)}</td>
                  <td className="muted">{model.createdAt.slice(0, 10)}</td>
                </tr>
              );
            })}
            <SpacerRow height={below} columns={headers.length + 1} />
          </tbody>
        </table>
        {rows.length === 0 ? <p className="muted" style={{ padding: '1rem' }}>No models match these filters.</p> : null}
      </div>
      <nav className="pager" aria-label="Pages">
        {initial.pageInfo.hasPreviousPage && initial.pageInfo.startCursor ? (
          <Link className="button" href={modelViewHref(view, { after: null, before: initial.pageInfo.startCursor })} scroll={false} data-testid="previous-page">
            ← Previous page
          </Link>
        ) : null}
        {cursor ? (
          <button type="button" onClick={loadMore} disabled={loading} data-testid="load-more">
            {loading ? 'Loading…' : 'Load more'}
          </button>
        ) : null}
        {cursor ? (
          <Link className="button" href={modelViewHref(view, { before: null, after: cursor })} scroll={false} data-testid="next-page">
            Next page →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
