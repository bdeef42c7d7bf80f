import type { GroupContingency } from '@/lib/group-agreement';
import { formatNumber, formatPercent } from '@/lib/format';

function ClassList({ labels, name }: { labels: number[]; name: (label: number) => string }) {
  if (labels.length === 0) return null;
  const shown = labels.slice(0, 12).map(name).join(', ');
  return <div className="muted contingency-classes">{shown}{labels.length > 12 ? ` … +${labels.length - 12}` : ''}</div>;
}

/** 2 × 2 table of class groups: baseline (rows) against another model (columns), with the classes in each cell. */
export function ContingencyTable({ table, baseline, other, name }: { table: GroupContingency; baseline: string; other: string; name: (label: number) => string }) {
  return (
    <div className="contingency" data-testid="contingency">
      <table>
        <thead>
          <tr>
            <th className="muted" style={{ fontWeight: 400 }}>rows {baseline}<br />columns {other}</th>
            <th className="num">high</th>
            <th className="num">low</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">high</th>
            <td className="num agree" data-cell="high-high"><strong>{table.highHigh.length}</strong><ClassList labels={table.highHigh} name={name} /></td>
            <td className="num disagree" data-cell="high-low"><strong>{table.highLow.length}</strong><ClassList labels={table.highLow} name={name} /></td>
          </tr>
          <tr>
            <th scope="row">low</th>
            <td className="num disagree" data-cell="low-high"><strong>{table.lowHigh.length}</strong><ClassList labels={table.lowHigh} name={name} /></td>
            <td className="num agree" data-cell="low-low"><strong>{table.lowLow.length}</strong><ClassList labels={table.lowLow} name={name} /></td>
          </tr>
        </tbody>
      </table>
      <p className="muted" style={{ margin: '0.4rem 0 0' }}>
        Same group for <strong data-testid="agreement">{formatPercent(table.agreement)}</strong> of {table.total} classes · Cohen&apos;s κ = {formatNumber(table.kappa, 3)}
      </p>
    </div>
  );
}
