'use client';

import { useRef, type ReactNode } from 'react';
import { toCsv } from '@classfit/wire/csv';
import { downloadBlob, serializeSvg, svgToPng } from './export';
import { MethodLink } from './method-link';

export interface ChartFrameProps {
  /** Heading of the chart. */
  title: string;
  /** One line under the heading: what is plotted, in the paper's terms. */
  subtitle?: ReactNode;
  /** File name stem for exports, e.g. `resnet18-layer4-log-density`. */
  name: string;
  /** The chart's data, one object per row, exported as CSV. */
  rows: readonly object[];
  /** Extra controls shown beside the export buttons (e.g. a statistic switch). */
  actions?: ReactNode;
  /** Section of docs/method.md that defines what is plotted, e.g. `H.1` (linked beside the subtitle). */
  method?: string;
  /** Note under the chart, e.g. how many points were drawn of how many. */
  footer?: ReactNode;
  children: ReactNode;
}

/** A card holding one chart, with CSV / SVG / PNG export of exactly what it shows. */
export function ChartFrame({ title, subtitle, name, rows, method, actions, footer, children }: ChartFrameProps) {
  const body = useRef<HTMLDivElement>(null);
  const file = name.replace(/[^\w.-]+/g, '-');

  function chartSvg(): SVGSVGElement | null {
    // recharts also draws each legend icon as an svg.recharts-surface; the chart is the wrapper's own child.
    return body.current?.querySelector<SVGSVGElement>('svg[data-export], .recharts-wrapper > svg.recharts-surface') ?? null;
  }
  async function exportAs(kind: 'csv' | 'svg' | 'png') {
    if (kind === 'csv') return downloadBlob(new Blob([toCsv(rows as readonly Record<string, unknown>[])], { type: 'text/csv' }), `${file}.csv`);
    const svg = chartSvg();
    if (!svg) return;
    const document = serializeSvg(svg);
    if (kind === 'svg') return downloadBlob(new Blob([document.text], { type: 'image/svg+xml' }), `${file}.svg`);
    downloadBlob(await svgToPng(document), `${file}.png`);
  }

  return (
    <figure className="card chart" data-chart={name} style={{ margin: 0 }}>
      <div className="chart-head">
        <div>
          <h3>{title}</h3>
          {subtitle || method ? (
            <p className="muted chart-subtitle">
              {subtitle} {method ? <MethodLink section={method} /> : null}
            </p>
          ) : null}
        </div>
        <div className="row chart-actions">
          {actions}
          <span className="export" role="group" aria-label={`Export ${title}`}>
            <button type="button" onClick={() => exportAs('csv')} title="Download the data as CSV">CSV</button>
            <button type="button" onClick={() => exportAs('svg')} title="Download the chart as SVG">SVG</button>
            <button type="button" onClick={() => exportAs('png')} title="Download the chart as PNG">PNG</button>
          </span>
        </div>
      </div>
      <div ref={body} className="chart-body">
        {children}
      </div>
      {footer ? <figcaption className="muted chart-footer">{footer}</figcaption> : null}
    </figure>
  );
}
