'use client';

/**
 * One compared model's run, chosen in the Compare page's URL (`runs`, a comma list of fit runs, each naming its own
 * model): choosing replaces this model's run in the list and leaves the other models' alone; "newest per layer"
 * removes it.
 */
import { useQueryState } from 'nuqs';
import { parseAsCommaList } from '@/lib/url-parsers';

export interface CompareRunSelectProps {
  modelName: string;
  /** This model's succeeded runs, newest first. */
  options: readonly { value: string; label: string }[];
  /** The run of this model named in the URL, or ''. */
  value: string;
  testId?: string;
}

export function CompareRunSelect({ modelName, options, value, testId }: CompareRunSelectProps) {
  const [runs, setRuns] = useQueryState('runs', parseAsCommaList.withOptions({ shallow: false, history: 'push', scroll: false }));
  function onChange(next: string) {
    const own = new Set(options.map((o) => o.value));
    const others = runs.filter((r) => !own.has(r));
    void setRuns(next ? [...others, next] : others.length ? others : null);
  }
  return (
    <label className="row small" style={{ gap: '0.3rem' }}>
      <span className="muted">run</span>
      <select value={value} onChange={(event) => onChange(event.target.value)} aria-label={`Run of ${modelName}`} data-testid={testId}>
        <option value="">newest per layer</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </label>
  );
}
