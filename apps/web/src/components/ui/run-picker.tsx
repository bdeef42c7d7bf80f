/**
 * Which fit run a page's figures come from, and a select (in the URL as `run`) among the model's succeeded runs.
 * Without a `run` each layer shows its newest succeeded run that fitted it (GraphQL `fitRun` on the figures).
 */
import { UrlSelect } from './url-select';

export interface RunChoice {
  id: string;
  status: string;
  createdAt: string;
  config?: unknown;
}

/** "2026-01-02 10:30 (all layers)" or "… (stage1, stage2 only)": when a run was queued and what it fitted. */
export function describeRun(run: Pick<RunChoice, 'createdAt' | 'config'>): string {
  const layers = (run.config as { layers?: string[] } | null | undefined)?.layers;
  return `${new Date(run.createdAt).toISOString().slice(0, 16).replace('T', ' ')}${layers ? ` (${layers.join(', ')} only)` : ' (all layers)'}`;
}

export interface RunPickerProps {
  /** The model's runs (only the succeeded ones are offered). */
  runs: readonly RunChoice[];
  /** The runs the figures shown come from (distinct, as the API reports them). */
  shown: readonly Pick<RunChoice, 'id' | 'createdAt' | 'config'>[];
  /** The run named in the URL, if any. */
  selected: string | null | undefined;
  /** What the default is, e.g. "newest that fitted this layer". */
  defaultLabel: string;
  /** The URL key (default `run`). */
  name?: string;
  /** Appended to the test ids, to tell several pickers on one page apart. */
  testSuffix?: string;
  /** Shown when no run fitted anything. */
  emptyText?: string;
}

export function RunPicker({ runs, shown, selected, defaultLabel, name = 'run', testSuffix = '', emptyText = 'No analysis run has fitted this layer.' }: RunPickerProps) {
  const succeeded = runs.filter((r) => r.status === 'SUCCEEDED');
  const text =
    shown.length === 0
      ? emptyText
      : shown.length === 1
        ? `Figures from the run queued ${describeRun(shown[0])}${selected ? '' : `, the ${defaultLabel}`}.`
        : `Figures from ${shown.length} runs, the ${defaultLabel}: ${shown.map(describeRun).join('; ')}.`;
  return (
    <span className="row" style={{ gap: '0.6rem', marginTop: '0.3rem' }} data-testid={`run-picker${testSuffix}`}>
      <span className="muted" data-testid={`figures-run${testSuffix}`} data-run={shown.map((r) => r.id).join(',')}>{text}</span>
      {succeeded.length > 0 ? (
        <UrlSelect name={name} testId={`select-run${testSuffix}`} label="Run" value={selected ?? ''} options={[{ value: '', label: defaultLabel }, ...succeeded.map((r) => ({ value: r.id, label: describeRun(r) }))]} />
      ) : null}
    </span>
  );
}

/** The distinct runs of `items` (e.g. heatmap rows), newest first. */
export function distinctRuns<R extends { id: string; createdAt: string }>(items: readonly { fitRun?: R | null }[]): R[] {
  const byId = new Map<string, R>();
  for (const item of items) if (item.fitRun) byId.set(item.fitRun.id, item.fitRun);
  return [...byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
