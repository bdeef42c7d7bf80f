'use client';

/**
 * Filters of the Models table. Every change navigates to a URL holding the whole view (see
 * lib/model-filters.ts), so views can be shared and the back button works; without JavaScript it is a
 * plain GET form.
 */
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { FIT_RUN_STATUSES, modelViewHref, parseModelView, type ModelView } from '@/lib/model-filters';

export interface ModelFiltersFormProps {
  view: ModelView;
  architectures: readonly { name: string; modelCount: number }[];
  datasets: readonly string[];
  tags: readonly { name: string; modelCount: number }[];
}

/** The href of a filter form's view: parsed and written back by the view's nuqs parsers, so lists are joined by commas and default values left out; a new filter starts from the first page. */
function hrefOf(form: HTMLFormElement): string {
  const data = new URLSearchParams();
  for (const [key, value] of new FormData(form)) data.append(key, String(value));
  return modelViewHref(parseModelView(data), { after: null, before: null });
}

export function ModelFiltersForm({ view, architectures, datasets, tags }: ModelFiltersFormProps) {
  // Tags named in the URL but carried by no model stay visible (and checked) so they can be unticked.
  const tagOptions = [...tags, ...view.tags.filter((t) => !tags.some((o) => o.name === t)).map((name) => ({ name, modelCount: 0 }))];
  const router = useRouter();
  function apply(form: HTMLFormElement) {
    router.push(hrefOf(form), { scroll: false });
  }
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    apply(event.currentTarget);
  }
  function onChange(event: FormEvent<HTMLFormElement>) {
    const type = (event.target as HTMLInputElement).type;
    if (type !== 'text' && type !== 'number') apply(event.currentTarget);
  }

  return (
    <form action="/" method="get" className="filters card" onSubmit={onSubmit} onChange={onChange} aria-label="Filter models" data-testid="model-filters">
      <input type="hidden" name="sort" value={view.sort} />
      <input type="hidden" name="dir" value={view.dir} />
      <label className="field">
        <span>Name contains</span>
        <input type="text" name="q" defaultValue={view.q} placeholder="e.g. seed-3" onBlur={(e) => apply(e.currentTarget.form!)} />
      </label>
      <fieldset>
        <legend>Architecture</legend>
        {architectures.map((a) => (
          <label key={a.name} className="check">
            <input type="checkbox" name="arch" value={a.name} defaultChecked={view.architectures.includes(a.name)} /> {a.name} <span className="muted">({a.modelCount})</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Dataset</legend>
        {datasets.map((d) => (
          <label key={d} className="check">
            <input type="checkbox" name="dataset" value={d} defaultChecked={view.datasets.includes(d)} /> {d}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Latest run</legend>
        {FIT_RUN_STATUSES.map((s) => (
          <label key={s} className="check">
            <input type="checkbox" name="status" value={s} defaultChecked={view.statuses.includes(s)} /> {s.toLowerCase()}
          </label>
        ))}
      </fieldset>
      <fieldset data-testid="tag-filters">
        <legend>Tags</legend>
        {tagOptions.length === 0 ? <span className="muted">No tags yet.</span> : null}
        {tagOptions.map((t) => (
          <label key={t.name} className="check">
            <input type="checkbox" name="tag" value={t.name} defaultChecked={view.tags.includes(t.name)} /> {t.name} <span className="muted">({t.modelCount})</span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>Tags must match</span>
        <select name="tags" defaultValue={view.tagMode}>
          <option value="any">any tag (in)</option>
          <option value="all">every tag (and)</option>
        </select>
      </label>
      <fieldset>
        <legend>Accuracy (0–1)</legend>
        <div className="accuracy-bounds">
          <label className="field">
            <span>at least</span>
            <input type="number" name="accmin" min={0} max={1} step={0.01} defaultValue={view.accuracyMin ?? ''} placeholder="0.7" data-testid="accuracy-min" onBlur={(e) => apply(e.currentTarget.form!)} />
          </label>
          <label className="field">
            <span>at most</span>
            <input type="number" name="accmax" min={0} max={1} step={0.01} defaultValue={view.accuracyMax ?? ''} placeholder="1" data-testid="accuracy-max" onBlur={(e) => apply(e.currentTarget.form!)} />
          </label>
        </div>
      </fieldset>
      <label className="field">
        <span>Combine conditions</span>
        <select name="match" defaultValue={view.match} data-testid="match-mode">
          <option value="all">all must hold (and)</option>
          <option value="any">any may hold (or)</option>
        </select>
      </label>
      <label className="field">
        <span>Page size</span>
        <select name="first" defaultValue={String(view.first)}>
          {[20, 50, 100].map((n) => (
            <option key={n} value={n}>{n}</option>
          ))}
        </select>
      </label>
      <div className="row">
        <button type="submit" className="primary">Apply</button>
        <a className="button" href="/">Clear</a>
      </div>
    </form>
  );
}
