import type { ModelChoice } from '@/lib/api/compare';

/** A plain GET form choosing the models to compare and the baseline; it works without JavaScript. */
export function ModelPicker({ choices, selected, baseline, statistic, runs }: { choices: ModelChoice[]; selected: readonly string[]; baseline: string | undefined; statistic: string; runs: readonly string[] }) {
  const byArchitecture = new Map<string, ModelChoice[]>();
  for (const m of choices) byArchitecture.set(m.architecture.name, [...(byArchitecture.get(m.architecture.name) ?? []), m]);
  return (
    <form action="/compare" method="get" className="card stack" aria-label="Choose models to compare" data-testid="compare-picker">
      <input type="hidden" name="stat" value={statistic} />
      {/* The picked runs stay; those of models no longer compared are dropped by the page. */}
      {runs.length ? <input type="hidden" name="runs" value={runs.join(',')} /> : null}
      <h3>Choose two or more models</h3>
      <div className="picker-grid">
        {[...byArchitecture].map(([architecture, models]) => (
          <fieldset key={architecture}>
            <legend>{architecture}</legend>
            {models.map((m) => (
              <label key={m.id} className="check">
                <input type="checkbox" name="models" value={m.id} defaultChecked={selected.includes(m.id)} /> {m.name} <span className="muted">{m.dataset.name}</span>
              </label>
            ))}
          </fieldset>
        ))}
      </div>
      <label className="field" style={{ maxWidth: 320 }}>
        <span>Baseline</span>
        <select name="baseline" defaultValue={baseline ?? ''}>
          <option value="">first chosen</option>
          {choices.map((m) => (
            <option key={m.id} value={m.id}>{m.name}</option>
          ))}
        </select>
      </label>
      <div><button type="submit" className="primary">Compare</button></div>
    </form>
  );
}
