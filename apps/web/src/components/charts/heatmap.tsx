'use client';

/**
 * A small SVG heatmap (recharts has none): rows × columns of cells coloured by a sequential or diverging
 * scale (over all cells, or per row), or by category; a colour legend; a tooltip with the exact value on hover or keyboard focus
 * (arrow keys move the cell, Enter follows the cell's link).
 */
import { useRouter } from 'next/navigation';
import { useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { makeColorScale, makeRowColorScales, niceTicks, type ColorScale, type ScaleKind } from '@/lib/color-scale';
import { formatNumber } from '@/lib/format';

export interface HeatmapCategory {
  readonly value: number;
  readonly label: string;
  readonly color: string;
}

export interface HeatmapProps {
  /** Row names, top to bottom. */
  rows: readonly string[];
  /** Column names, left to right. */
  columns: readonly string[];
  /** `[rows][columns]` values; null = missing. */
  values: readonly (readonly (number | null)[])[];
  /** What a cell holds, for the legend and tooltip, e.g. "mean log-density". */
  valueLabel: string;
  scale?: ScaleKind | 'categorical';
  /** With `scale="categorical"`: the colour and name of each value. */
  categories?: readonly HeatmapCategory[];
  /** Cell link per column (e.g. the class page), followed on click / Enter. */
  columnHrefs?: readonly string[];
  /** Row link (e.g. the layer page), on the row label. */
  rowHrefs?: readonly string[];
  /** Axis names. */
  rowAxis?: string;
  columnAxis?: string;
  digits?: number;
  /** Accessible name of the figure. */
  label: string;
  /** Square cells (for class × class matrices). */
  square?: boolean;
  /** Room for row names, in viewBox units (default 112). */
  rowLabelWidth?: number;
  /**
   * `'all'` (default): one colour scale over every cell; `'row'`: each row coloured over its own min–max, for
   * rows of different magnitude. Tooltips and `data-value` keep the raw values either way.
   */
  colorBy?: 'all' | 'row';
}

const WIDTH = 1100;
const TOP = 8;
const LEGEND = 56;

export function Heatmap({ rows, columns, values, valueLabel, scale = 'sequential', categories, columnHrefs, rowHrefs, rowAxis, columnAxis, digits = 4, label, square = false, rowLabelWidth = 112, colorBy = 'all' }: HeatmapProps) {
  const LEFT = rowLabelWidth;
  const router = useRouter();
  const [active, setActive] = useState<{ r: number; c: number } | null>(null);

  const flat = useMemo(() => values.flat(), [values]);
  const perRow = colorBy === 'row' && scale !== 'categorical';
  const colorScale = useMemo(() => (scale === 'categorical' ? null : makeColorScale(perRow ? [0, 1] : flat, scale)), [flat, scale, perRow]);
  const rowScales = useMemo<ColorScale[] | null>(() => (perRow ? makeRowColorScales(values, scale) : null), [values, scale, perRow]);
  const categoryOf = useMemo(() => new Map((categories ?? []).map((c) => [c.value, c])), [categories]);

  const { cellW, cellH } = cellSize(rows.length, columns.length, square, LEFT);
  const longest = columns.reduce((n, c) => Math.max(n, c.length), 0) * 6.4;
  const showColumnLabels = cellW >= 9;
  const rotate = showColumnLabels && longest > cellW * 0.95;
  const labelBand = !showColumnLabels ? 16 : rotate ? Math.min(110, longest * 0.72 + 14) : 34;
  const gridW = cellW * columns.length;
  const gridH = cellH * rows.length;
  const height = TOP + gridH + labelBand + (columnAxis ? 14 : 0) + LEGEND;
  const legendWidth = Math.min(360, Math.max(200, gridW));
  const width = Math.max(LEFT + gridW + 8, LEFT + legendWidth + 170);

  // Thousands of cells (a 100 × 100 KL matrix) as one markup string: React then hydrates one element
  // instead of 10,000, which is most of a page's start-up time. Hover and clicks are delegated via data-r/data-c.
  const cells = useMemo(
    () =>
      values
        .map((row, r) =>
          row
            .map((value, c) => `<rect data-r="${r}" data-c="${c}" data-value="${value ?? ''}" x="${LEFT + c * cellW}" y="${TOP + r * cellH}" width="${cellW + 0.2}" height="${cellH + 0.2}" fill="${colorOf(value, r)}"></rect>`)
            .join(''),
        )
        .join(''),
    // colorOf depends only on the scale inputs listed here.
    [values, colorScale, rowScales, categoryOf, scale, LEFT, cellW, cellH],
  );

  /** Colour of a cell's value; with per-row colours, `row` picks the row's scale (the legend passes none). */
  function colorOf(value: number | null, row?: number): string {
    if (scale === 'categorical') return value === null ? 'var(--heatmap-missing)' : (categoryOf.get(value)?.color ?? 'var(--heatmap-missing)');
    return (row !== undefined && rowScales ? rowScales[row] : colorScale!).color(value);
  }
  function describe(value: number | null): string {
    if (value === null) return 'no value';
    if (scale === 'categorical') return categoryOf.get(value)?.label ?? String(value);
    return formatNumber(value, digits);
  }

  function cellAt(event: MouseEvent<SVGGElement>): { r: number; c: number } | null {
    const target = event.target as SVGElement;
    const r = target.getAttribute('data-r');
    const c = target.getAttribute('data-c');
    return r === null || c === null ? null : { r: Number(r), c: Number(c) };
  }
  function onKeyDown(event: KeyboardEvent<SVGSVGElement>) {
    const current = active ?? { r: 0, c: 0 };
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      setActive({ r: clamp(current.r + move[0], rows.length), c: clamp(current.c + move[1], columns.length) });
    } else if (event.key === 'Enter' && active && columnHrefs?.[active.c]) {
      router.push(columnHrefs[active.c]);
    } else if (event.key === 'Escape') setActive(null);
  }

  const activeValue = active ? (values[active.r]?.[active.c] ?? null) : null;
  const tooltipLeft = active ? ((LEFT + (active.c + 0.5) * cellW) / width) * 100 : 0;
  const tooltipTop = active ? ((TOP + (active.r + 1) * cellH) / height) * 100 : 0;

  return (
    <div className="heatmap" onMouseLeave={() => setActive(null)}>
      <svg
        data-export
        role="img"
        aria-label={label}
        tabIndex={0}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ display: 'block', height: 'auto' }}
        preserveAspectRatio="xMinYMin meet"
        onKeyDown={onKeyDown}
        onBlur={() => setActive(null)}
      >
        {cellH >= 7 && rows.map((row, r) => (
          <text key={row + r} x={LEFT - 6} y={TOP + (r + 0.5) * cellH} textAnchor="end" dominantBaseline="middle" fontSize={Math.min(12, cellH * 0.8)} className="heatmap-row-label">
            {rowHrefs?.[r] && cellH >= 10 ? <a href={rowHrefs[r]}>{row}</a> : row}
          </text>
        ))}
        <g
          onMouseMove={(event) => {
            const cell = cellAt(event);
            if (cell && (cell.r !== active?.r || cell.c !== active?.c)) setActive(cell);
          }}
          onClick={(event) => {
            const cell = cellAt(event);
            if (cell && columnHrefs?.[cell.c]) router.push(columnHrefs[cell.c]);
          }}
          style={{ cursor: columnHrefs ? 'pointer' : 'default' }}
          dangerouslySetInnerHTML={{ __html: cells }}
        />
        {active ? (
          <rect x={LEFT + active.c * cellW} y={TOP + active.r * cellH} width={cellW} height={cellH} fill="none" stroke="var(--fg)" strokeWidth={1.5} pointerEvents="none" />
        ) : null}
        {showColumnLabels
          ? columns.map((column, c) => (
              <text
                key={column + c}
                x={LEFT + (c + 0.5) * cellW}
                y={TOP + gridH + 12}
                textAnchor={rotate ? 'end' : 'middle'}
                transform={rotate ? `rotate(-45 ${LEFT + (c + 0.5) * cellW} ${TOP + gridH + 8})` : undefined}
                fontSize={Math.min(11, Math.max(7, cellW * 0.8))}
                className="heatmap-col-label"
              >
                {column}
              </text>
            ))
          : null}
        {columnAxis ? (
          <text x={LEFT + gridW / 2} y={TOP + gridH + labelBand + 8} textAnchor="middle" fontSize={12} className="heatmap-axis">
            {columnAxis}
          </text>
        ) : null}
        {rowAxis ? (
          <text x={12} y={TOP + gridH / 2} textAnchor="middle" fontSize={12} className="heatmap-axis" transform={`rotate(-90 12 ${TOP + gridH / 2})`}>
            {rowAxis}
          </text>
        ) : null}
        <Legend x={LEFT} y={TOP + gridH + labelBand + (columnAxis ? 20 : 6)} width={legendWidth} scale={scale} domain={colorScale?.domain} colorOf={colorOf} categories={categories} valueLabel={valueLabel} digits={digits} perRow={perRow ? (rowAxis ?? 'row') : undefined} />
      </svg>
      {active ? (
        <div className="chart-tooltip heatmap-tooltip" role="status" style={{ left: `${tooltipLeft}%`, top: `${tooltipTop}%` }}>
          <div className="chart-tooltip-title">
            {rowAxis ?? 'row'} {rows[active.r]} · {columnAxis ?? 'column'} {columns[active.c]}
          </div>
          <div>
            {valueLabel}: <strong className="num" data-testid="heatmap-tooltip-value">{describe(activeValue)}</strong>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** Cell size in viewBox units: fill the width, within limits; square cells also fit a height budget. */
function cellSize(rows: number, columns: number, square: boolean, left: number): { cellW: number; cellH: number } {
  const across = (WIDTH - left) / Math.max(1, columns);
  if (square) {
    const side = Math.max(4, Math.min(across, 560 / Math.max(1, rows), 60));
    return { cellW: side, cellH: side };
  }
  const cellW = Math.max(4, Math.min(100, across));
  return { cellW, cellH: rows > 40 ? Math.max(4, Math.min(cellW, 14)) : 28 };
}

function clamp(i: number, n: number): number {
  return Math.max(0, Math.min(n - 1, i));
}

interface LegendProps {
  x: number;
  y: number;
  width: number;
  scale: ScaleKind | 'categorical';
  domain?: readonly [number, number];
  colorOf: (v: number | null) => string;
  categories?: readonly HeatmapCategory[];
  valueLabel: string;
  digits: number;
  /** Set when each row has its own scale: the row axis name, e.g. "layer". */
  perRow?: string;
}

/** Colour bar with round ticks (with per-row colours: each row's min and max), or swatches for categories. */
function Legend({ x, y, width, scale, domain, colorOf, categories, valueLabel, digits, perRow }: LegendProps) {
  if (scale === 'categorical') {
    return (
      <g className="heatmap-legend" transform={`translate(${x} ${y})`}>
        {(categories ?? []).map((category, i) => (
          <g key={category.value} transform={`translate(${i * 130} 0)`}>
            <rect width={14} height={14} fill={category.color} rx={2} />
            <text x={20} y={11} fontSize={12}>{category.label}</text>
          </g>
        ))}
      </g>
    );
  }
  const [lo, hi] = domain ?? [0, 1];
  const steps = 48;
  const bar = Array.from({ length: steps }, (_, i) => (
    <rect key={i} x={(i / steps) * width} width={width / steps + 0.5} height={10} fill={colorOf(lo + ((i + 0.5) / steps) * (hi - lo))} />
  ));
  if (perRow) {
    const [low, high] = scale === 'diverging' ? ['−max |value|', '+max |value|'] : ['min', 'max'];
    return (
      <g className="heatmap-legend" data-per-row transform={`translate(${x} ${y})`}>
        {bar}
        <text y={25} fontSize={11}>{low} of its {perRow}</text>
        <text x={width} y={25} textAnchor="end" fontSize={11}>{high} of its {perRow}</text>
        <text x={width + 10} y={9} fontSize={12}>{valueLabel}</text>
        <text x={width + 10} y={25} fontSize={11}>colours per {perRow}</text>
      </g>
    );
  }
  const ticks = niceTicks(lo, hi, 5);
  const position = (v: number) => (hi === lo ? width / 2 : ((v - lo) / (hi - lo)) * width);
  return (
    <g className="heatmap-legend" transform={`translate(${x} ${y})`}>
      {bar}
      {ticks.map((tick) => (
        <g key={tick} transform={`translate(${position(tick)} 0)`}>
          <line y1={10} y2={14} stroke="var(--muted)" />
          <text y={25} textAnchor="middle" fontSize={11}>{formatNumber(tick, Math.min(digits, 3))}</text>
        </g>
      ))}
      <text x={width + 10} y={9} fontSize={12}>{valueLabel}</text>
    </g>
  );
}
