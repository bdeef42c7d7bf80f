'use client';

/**
 * Every class fit of a layer with its statistics, highest mean log-density first; exportable as CSV. The rows are
 * windowed (a layer may have hundreds of classes): only those in view are in the DOM.
 */
import Link from 'next/link';
import { useEffect, useState, type RefObject } from 'react';
import { ChartFrame } from '@/components/charts/chart-frame';
import { SpacerRow, useRowWindow } from '@/components/ui/virtual-rows';
import type { ClassFitRow } from '@/lib/api/layer';
import { formatNumber } from '@/lib/format';

export type ClassFitTableRow = ClassFitRow & { name: string; href: string };

export function ClassFitTable({ rows, name }: { rows: ClassFitTableRow[]; name: string }) {
  const sorted = [...rows].sort((a, b) => (b.meanLogDensity ?? -Infinity) - (a.meanLogDensity ?? -Infinity));
  const { scroller: box, virtualizer, items, above, below } = useRowWindow<HTMLDivElement>(sorted.length, { rowHeight: 31, viewRows: 10 });
  const overflows = useOverflow(box, sorted.length);
  const exported = sorted.map(({ href: _href, diagnostics, chainSpread, heldOutDensity, id: _id, ...row }) => ({
    ...row,
    meanLogDensityChainSd: chainSpread?.meanLogDensitySd ?? null,
    relativeEntropyChainSd: chainSpread?.relativeEntropySd ?? null,
    chains: chainSpread?.chains ?? null,
    groupChainAgreement: chainSpread?.groupAgreement ?? null,
    rHat: diagnostics?.rHat ?? null,
    clusterCountRHat: diagnostics?.clusterCountRHat ?? null,
    heldOutCount: heldOutDensity?.count ?? null,
    heldOutInSampleMeanLogDensity: heldOutDensity?.inSampleMeanLogDensity ?? null,
    heldOutMeanLogDensity: heldOutDensity?.heldOutMeanLogDensity ?? null,
    heldOutGap: heldOutDensity?.gap ?? null,
  }));
  return (
    <ChartFrame title="Class fits" method="C" subtitle="Per class: examples, log-density (± between-chain s.d.), relative entropy (± between-chain s.d.), mean distance, group and in how many chains the class keeps it, clusters, R-hat of the log-likelihood and of the cluster count (red above 1.1), and the held-out gap: in-sample minus held-out mean log-density under the generative-classification refit (method §G.1)." name={name} rows={exported}
      footer={overflows ? <span data-testid="class-fit-scroll-hint">{sorted.length} classes — the table scrolls for the rest; CSV exports them all.</span> : null}>
      <div ref={box} className="table-scroll" style={{ maxHeight: 320 }}>
        <table data-testid="class-fit-table" aria-rowcount={sorted.length + 1}>
          <thead>
            <tr>
              <th>Class</th><th className="num">n</th><th className="num">Mean log p</th><th className="num" title="between-chain s.d. of the mean log-density">± chains</th><th className="num">S.d.</th>
              <th className="num">Rel. entropy</th><th className="num" title="between-chain s.d. of the relative entropy">± chains</th><th className="num">Distance</th><th>Group</th>
              <th className="num" title="chains whose own largest-gap split puts the class in this group">Same group</th><th className="num">Clusters</th><th className="num">R-hat</th><th className="num" title="R-hat of the cluster count">R-hat K</th>
              <th className="num" title="in-sample minus held-out mean log-density under the generative-classification refit (method §G.1); held-out examples in brackets">Held-out gap</th>
            </tr>
          </thead>
          <tbody>
            <SpacerRow height={above} columns={COLUMNS} />
            {items.map(({ index }) => sorted[index]).map((row, i) => (
              <tr key={row.id} data-index={items[i].index} ref={virtualizer.measureElement} aria-rowindex={items[i].index + 2}>
                <td><Link href={row.href}>{row.name}</Link></td>
                <td className="num">{row.n}</td>
                <td className="num">{formatNumber(row.meanLogDensity)}</td>
                <td className="num" data-testid="chain-sd">{formatNumber(row.chainSpread?.meanLogDensitySd)}</td>
                <td className="num">{formatNumber(row.sdLogDensity)}</td>
                <td className="num">{formatNumber(row.relativeEntropy)}</td>
                <td className="num">{formatNumber(row.chainSpread?.relativeEntropySd)}</td>
                <td className="num">{formatNumber(row.meanDistance)}</td>
                <td>{row.group ? <span className="dot" style={{ background: row.group === 'HIGH' ? 'var(--group-high)' : 'var(--group-low)' }} /> : null} {row.group?.toLowerCase() ?? '–'}</td>
                <td className="num" data-testid="chain-agreement" style={{ color: agreementShort(row) ? 'var(--danger)' : undefined }}>
                  {row.chainSpread?.groupAgreement == null ? '–' : `${row.chainSpread.groupAgreement}/${row.chainSpread.chains}`}
                </td>
                <td className="num">{formatNumber(row.meanClusterCount)}</td>
                <td className="num" data-testid="r-hat" style={{ color: (row.diagnostics?.rHat ?? 1) > 1.1 ? 'var(--danger)' : undefined }}>{formatNumber(row.diagnostics?.rHat)}</td>
                <td className="num" data-testid="r-hat-clusters" style={{ color: (row.diagnostics?.clusterCountRHat ?? 1) > 1.1 ? 'var(--danger)' : undefined }}>{formatNumber(row.diagnostics?.clusterCountRHat)}</td>
                <td className="num" data-testid="held-out-gap">{row.heldOutDensity ? `${formatNumber(row.heldOutDensity.gap)} (${row.heldOutDensity.count})` : '–'}</td>
              </tr>
            ))}
            <SpacerRow height={below} columns={COLUMNS} />
          </tbody>
        </table>
      </div>
    </ChartFrame>
  );
}

const COLUMNS = 14;

/** Whether some chain puts the class in the other group. */
function agreementShort(row: ClassFitTableRow): boolean {
  const spread = row.chainSpread;
  return spread?.groupAgreement != null && spread.groupAgreement < spread.chains;
}

/** Whether the element's content is taller than its box (rows hidden below a scroll), re-checked on resize. */
function useOverflow(ref: RefObject<HTMLElement | null>, contentKey: number): boolean {
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const check = () => setOverflows(element.scrollHeight > element.clientHeight + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, contentKey]);
  return overflows;
}
