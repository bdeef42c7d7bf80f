'use client';

/**
 * The job list, kept live: each queued or running job is followed over a graphql-ws subscription
 * (`fitRunProgress`); when the socket cannot be opened the page re-fetches itself every `pollMs` instead.
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { createClient } from 'graphql-ws';
import { cancelJob } from '@/actions/cancel-job';
import type { DashboardJobProgressSubscription, DashboardJobQueuedSubscription } from '@/gql/graphql';
import { JOB_PROGRESS, JOB_QUEUED, type JobRow } from '@/lib/api/job-fields';
import { formatDuration, formatNumber, formatPercent } from '@/lib/format';

const ACTIVE = new Set(['QUEUED', 'RUNNING']);

export interface LiveJobsProps {
  jobs: JobRow[];
  wsUrl: string;
  pollMs: number;
  /** Ids of the projects whose jobs the reader may cancel (the editor role); `all` for every project. */
  editableProjects: readonly string[] | 'all';
}

type Mode = 'connecting' | 'live' | 'polling' | 'idle';

export function LiveJobs({ jobs, wsUrl, pollMs, editableProjects }: LiveJobsProps) {
  const router = useRouter();
  const [updates, setUpdates] = useState<Record<string, JobRow>>({});
  const [mode, setMode] = useState<Mode>('connecting');
  const activeIds = jobs.filter((j) => ACTIVE.has(j.status)).map((j) => j.id).join(',');

  // Follow every active job, and hear of jobs queued after the page opened (the list re-renders to show them);
  // fall back to polling the server page when the socket fails.
  useEffect(() => {
    let failed = false;
    let timer: ReturnType<typeof setInterval> | undefined;
    const fallBack = () => {
      if (failed) return;
      failed = true;
      setMode('polling');
      timer = setInterval(() => router.refresh(), pollMs);
    };
    const client = createClient({
      url: wsUrl,
      retryAttempts: 0,
      lazy: true,
      on: { connected: () => setMode(activeIds ? 'live' : 'idle'), closed: (event) => { if ((event as CloseEvent | undefined)?.code !== 1000) fallBack(); } },
    });
    // A refused subscription (e.g. UNAUTHENTICATED: the browser holds no token, the session cookie is httpOnly)
    // answers with errors instead of events: poll instead.
    const stopQueued = client.subscribe<DashboardJobQueuedSubscription>(
      { query: JOB_QUEUED.toString() },
      { next: (message) => (message.errors?.length ? fallBack() : router.refresh()), error: fallBack, complete: () => {} },
    );
    const stops = (activeIds ? activeIds.split(',') : []).map((id) =>
      client.subscribe<DashboardJobProgressSubscription>(
        { query: JOB_PROGRESS.toString(), variables: { id } },
        {
          next: (message) => {
            if (message.errors?.length) return fallBack();
            const job = message.data?.fitRunProgress;
            if (job) setUpdates((previous) => ({ ...previous, [job.id]: job }));
          },
          error: fallBack,
          complete: () => router.refresh(),
        },
      ),
    );
    return () => {
      stopQueued();
      stops.forEach((stop) => stop());
      void client.dispose();
      if (timer) clearInterval(timer);
    };
  }, [activeIds, wsUrl, pollMs, router]);

  const rows = jobs.map((job) => newer(job, updates[job.id]));
  return (
    <section className="card" aria-label="Jobs">
      <div className="row" style={{ justifyContent: 'space-between', marginBottom: '0.5rem' }}>
        <h3 style={{ margin: 0 }}>Analyses</h3>
        <span className="muted live-mode" data-testid="live-mode" data-mode={mode}>
          {mode === 'live' ? '● live (subscription)' : mode === 'polling' ? `↻ refreshing every ${formatDuration(pollMs / 1000)}` : mode === 'connecting' ? 'connecting…' : '● live: no active jobs; new ones appear when queued'}
        </span>
      </div>
      <div className="table-scroll">
        <table data-testid="jobs-table">
          <thead>
            <tr><th>Model</th><th>Status</th><th style={{ width: '24%' }}>Progress</th><th>Phase</th><th>Backend</th><th className="num">Throughput</th><th className="num">ETA</th><th>Latest log</th><th /></tr>
          </thead>
          <tbody>
            {rows.map((job) => <JobRowView key={job.id} job={job} canCancel={editableProjects === 'all' || editableProjects.includes(job.model.project.id)} />)}
          </tbody>
        </table>
      </div>
      {rows.length === 0 ? <p className="muted">No analyses yet. Start one with <code>classfit analyze</code>.</p> : null}
    </section>
  );
}

/** The later of two snapshots of a job (by progress time; a finished status always wins). */
function newer(base: JobRow, update: JobRow | undefined): JobRow {
  if (!update) return base;
  if (!ACTIVE.has(base.status)) return base;
  const t = (j: JobRow) => Date.parse(j.progress?.updatedAt ?? '') || 0;
  return !ACTIVE.has(update.status) || t(update) >= t(base) ? update : base;
}

function JobRowView({ job, canCancel }: { job: JobRow; canCancel: boolean }) {
  const p = job.progress;
  const fraction = job.status === 'SUCCEEDED' ? 1 : (p?.fraction ?? 0);
  return (
    <tr data-testid="job-row" data-job={job.id} data-status={job.status}>
      <td><Link href={`/models/${encodeURIComponent(job.model.id)}`}>{job.model.name}</Link> <span className="muted">{job.model.architecture.name}</span></td>
      <td><span className="badge" data-status={job.status}>{job.status.toLowerCase()}</span></td>
      <td>
        <div className="row" style={{ flexWrap: 'nowrap' }}>
          <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)} aria-label={`Progress of ${job.model.name}`} style={{ flex: 1 }}>
            <span style={{ width: `${fraction * 100}%` }} />
          </div>
          <span className="num" data-testid="job-fraction" style={{ minWidth: '3.5rem' }}>{formatPercent(fraction)}</span>
        </div>
        {p && ACTIVE.has(job.status) ? (
          <div className="muted" style={{ fontSize: '0.78rem' }}>
            {p.layer ? `layer ${p.layer}${p.layerIndex !== null && p.layerCount ? ` (${p.layerIndex + 1}/${p.layerCount})` : ''}` : ''}
            {p.classCount ? ` · classes ${p.classesDone ?? 0}/${p.classCount}` : ''}
            {p.totalSweeps ? ` · sweep ${p.sweep ?? 0}/${p.totalSweeps}` : ''}
          </div>
        ) : null}
        <LayerJobs job={job} />
      </td>
      <td>{p?.phase ?? '–'}</td>
      <td><code>{job.backend ?? '–'}</code></td>
      <td className="num">{p?.sweepsPerSecond ? `${formatNumber(p.sweepsPerSecond)} sweeps/s` : '–'}</td>
      <td className="num">{ACTIVE.has(job.status) && p?.etaMs !== null && p?.etaMs !== undefined ? formatDuration(p.etaMs / 1000) : job.finishedAt && job.startedAt ? `took ${formatDuration((Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000)}` : '–'}</td>
      <td className="muted" style={{ maxWidth: 320 }}><LogTail job={job} /></td>
      <td>{ACTIVE.has(job.status) && canCancel ? <CancelButton id={job.id} name={job.model.name} /> : null}</td>
    </tr>
  );
}

/**
 * Per-layer jobs of a run dispatched to many workers (pg-boss, with `DATABASE_URL`): which worker and host ran each
 * layer, on which backend, after how many attempts, and why an attempt did not finish. Absent for in-process runs.
 */
function LayerJobs({ job }: { job: JobRow }) {
  const layers = job.layerJobs;
  if (layers.length === 0) return null;
  const done = layers.filter((l) => l.status === 'SUCCEEDED').length;
  const hosts = new Set(layers.map((l) => l.host).filter(Boolean)).size;
  return (
    <details className="job-log" data-testid="layer-jobs">
      <summary className="muted" style={{ fontSize: '0.78rem' }}>
        {`layers ${done}/${layers.length} done${hosts ? ` · ${hosts} host${hosts === 1 ? '' : 's'}` : ''}`}
      </summary>
      <table style={{ fontSize: '0.78rem' }}>
        <thead>
          <tr><th>Layer</th><th>Status</th><th className="num">Attempts</th><th>Worker</th><th>Backend</th><th>Reason</th></tr>
        </thead>
        <tbody>
          {layers.map((l) => (
            <tr key={l.layer} data-testid="layer-job" data-layer={l.layer} data-status={l.status}>
              <td>{l.layer}</td>
              <td><span className="badge" data-status={l.status}>{l.status.toLowerCase()}</span></td>
              <td className="num">{l.attempts}</td>
              <td title={l.worker ?? undefined}>{l.host ?? '–'}</td>
              <td><code>{l.backend ?? '–'}</code></td>
              <td className="muted">{l.error ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** The latest line (the error, when it failed) with the log tail behind a disclosure. */
function LogTail({ job }: { job: JobRow }) {
  const latest = job.error ?? job.progress?.message ?? job.log.at(-1) ?? '';
  if (job.log.length === 0) return <span className="ellipsis" title={latest}>{latest}</span>;
  return (
    <details className="job-log" data-testid="job-log">
      <summary className="ellipsis" title={latest}>{latest}</summary>
      <ol data-testid="job-log-lines">
        {job.log.map((line, i) => <li key={`${i}:${line}`}>{line}</li>)}
      </ol>
    </details>
  );
}

function CancelButton({ id, name }: { id: string; name: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="danger"
        disabled={pending}
        aria-label={`Cancel the analysis of ${name}`}
        onClick={() => {
          if (!window.confirm(`Cancel the analysis of ${name}? Finished layers are kept.`)) return;
          start(async () => setError((await cancelJob(id)).error));
        }}
        data-testid="cancel-job"
      >
        {pending ? 'Cancelling…' : 'Cancel'}
      </button>
      {error ? <div className="muted" role="alert" style={{ color: 'var(--danger)' }}>{error}</div> : null}
    </>
  );
}
