import type { Metadata } from 'next';
import { Suspense } from 'react';
import { LiveJobs } from '@/components/jobs/live-jobs';
import { SectionSkeleton } from '@/components/ui/skeleton';
import { SegmentedLinks } from '@/components/ui/segmented-links';
import { env } from '@/env';
import { fetchJobs } from '@/lib/api/jobs';
import { canEdit, fetchViewer } from '@/lib/api/viewer';
import type { FitRunStatus } from '@/gql/graphql';
import { jobsPageHref, jobsPageParams } from '@/lib/page-params';
import type { SearchParams } from '@/lib/url-parsers';

export const metadata: Metadata = { title: 'Jobs' };

const VIEWS = [
  { key: 'all', label: 'All', statuses: [] },
  { key: 'active', label: 'Active', statuses: ['QUEUED', 'RUNNING'] },
  { key: 'finished', label: 'Finished', statuses: ['SUCCEEDED'] },
  { key: 'failed', label: 'Failed or cancelled', statuses: ['FAILED', 'CANCELLED'] },
] as const;

export default async function JobsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { status: statuses } = await jobsPageParams.parse(searchParams);
  const current = VIEWS.find((v) => v.statuses.join(',') === statuses.join(','))?.key ?? 'all';
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Jobs</h1>
          <p className="muted" style={{ margin: 0 }}>Analyses queued, running and done: progress, backend, throughput.</p>
        </div>
        <SegmentedLinks label="Show" current={current} options={VIEWS.map((v) => ({ key: v.key, label: v.label, href: jobsPageHref('/jobs', { status: [...v.statuses] }) }))} />
      </div>
      <Suspense key={statuses.join(',')} fallback={<SectionSkeleton title="Analyses" height={300} />}>
        <Jobs statuses={statuses} />
      </Suspense>
    </>
  );
}

async function Jobs({ statuses }: { statuses: FitRunStatus[] }) {
  const { jobs, total, backend } = await fetchJobs(statuses);
  // Cancelling needs the editor role in the job's project: viewers see no Cancel buttons.
  const answer = await fetchViewer();
  const viewer = 'viewer' in answer ? answer.viewer : null;
  const editableProjects = viewer?.role === 'EDITOR' || viewer?.role === 'ADMIN' ? 'all' : [...new Set(jobs.map((j) => j.model.project.id))].filter((id) => viewer !== null && canEdit(viewer, id));
  return (
    <div className="stack">
      <div className="grid grid-3" data-testid="backend-info">
        <div className="card stat">
          <span className="muted">Compute backend</span><strong><code>{backend.name}</code></strong>
          {backend.adapter ? <span className="muted" data-testid="backend-adapter">on {[backend.adapter.vendor, backend.adapter.architecture].filter(Boolean).join(' ')}{backend.adapter.device ? ` · ${backend.adapter.device}` : ''}{backend.adapter.software ? ' (software)' : ''}, float32</span> : null}
          {backend.fellBackFrom.length ? <span className="muted">requested {backend.requested}; fell back from {backend.fellBackFrom.join(', ')}</span> : <span className="muted">requested {backend.requested}</span>}
        </div>
        <div className="card stat"><span className="muted">Database</span><strong>{backend.dbEngine}</strong></div>
        <div className="card stat"><span className="muted">Jobs shown</span><strong>{jobs.length} of {total}</strong></div>
      </div>
      <LiveJobs jobs={jobs} wsUrl={env.CLASSFIT_API_WS_URL} pollMs={env.CLASSFIT_POLL_MS} editableProjects={editableProjects} />
    </div>
  );
}
