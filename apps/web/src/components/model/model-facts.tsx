import { Fragment } from 'react';
import type { ModelInfo } from '@/lib/api/model';
import { formatDuration, formatPercent } from '@/lib/format';

function seconds(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  return (Date.parse(to) - Date.parse(from)) / 1000;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Values longer than this wrap to at most three lines in the card; the full text is the cell's title. */
const LONG = 40;

/** A configuration value in the card: wrapped (and clamped) when long, with the whole value as a tooltip. */
function ConfigValue({ value }: { value: unknown }) {
  const text = show(value);
  return text.length > LONG ? <dd className="clamped" title={text}>{text}</dd> : <dd>{text}</dd>;
}

/** A timing entry; the API records milliseconds per phase. */
function timing(value: unknown): string {
  return typeof value === 'number' ? formatDuration(value / 1000) : show(value);
}

/** Facts of a model and of its latest run: backend, configuration, timings (tags and notes head the page). */
export function ModelFacts({ model }: { model: ModelInfo }) {
  const run = model.latestFitRun;
  const timings = Object.entries(run?.timings ?? {});
  return (
    <div className="grid grid-3" data-testid="model-facts">
      <section className="card">
        <h3>Network</h3>
        <dl className="facts">
          <dt>Architecture</dt><dd>{model.architecture.name} <span className="muted">({model.architecture.family}{model.architecture.depth ? `, depth ${model.architecture.depth}` : ''})</span></dd>
          <dt>Dataset</dt><dd>{model.dataset.name} · {model.dataset.classCount} classes</dd>
          <dt>Accuracy</dt><dd>{formatPercent(model.accuracy)}</dd>
          <dt>Seed</dt><dd>{show(model.seed)}</dd>
          <dt>Project</dt><dd>{model.project.name}</dd>
        </dl>
      </section>
      <section className="card">
        <h3>Latest run</h3>
        {run ? (
          <dl className="facts">
            <dt>Status</dt><dd><span className="badge" data-status={run.status}>{run.status.toLowerCase()}</span>{run.progress?.fraction !== null && run.status === 'RUNNING' ? ` ${formatPercent(run.progress?.fraction)}` : ''}</dd>
            <dt>Backend</dt><dd data-testid="run-backend"><code>{run.backend ?? 'unknown'}</code></dd>
            <dt>Seed</dt><dd>{show(run.seed)}</dd>
            <dt>Started</dt><dd>{run.startedAt?.replace('T', ' ').slice(0, 19) ?? '–'}</dd>
            <dt>Wall time</dt><dd>{formatDuration(seconds(run.startedAt, run.finishedAt))}</dd>
            {run.error ? <><dt>Error</dt><dd className="muted">{run.error}</dd></> : null}
          </dl>
        ) : (
          <p className="muted">No analysis has been run for this model yet.</p>
        )}
      </section>
      <section className="card">
        <h3>Run configuration</h3>
        {run ? (
          <dl className="facts mono" data-testid="run-config">
            {Object.entries(run.config).map(([key, value]) => (
              <Fragment key={key}><dt>{key}</dt><ConfigValue value={value} /></Fragment>
            ))}
            {timings.map(([key, value]) => (
              <Fragment key={`time-${key}`}><dt>time: {key.replace(/Ms$/, '')}</dt><dd>{timing(value)}</dd></Fragment>
            ))}
          </dl>
        ) : (
          <p className="muted">–</p>
        )}
      </section>
    </div>
  );
}
