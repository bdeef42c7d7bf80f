import type { Metadata } from 'next';
import { Suspense } from 'react';
import { LiveJobs } from '@/components/jobs/live-jobs';
import { SectionSkeleton } from '@/components/ui/skeleton';
import { SegmentedLinks } from '@/components/ui/segmented-links';
import { env } from '@/env';
import { fetchJobs, JOB_FIELDS } from '@/lib/api/jobs';
import { hrefWith, listParam, type SearchParams } from '@/lib/search-params';

export const metadata: Metadata = { title: 'Jobs' };

const VIEWS = [
  { key: 'all', label: 'All', statuses: [] },
  { key: 'active', label: 'Active', statuses: ['QUEUED', 'RUNNING'] },
  { key: 'finished', label: 'Finished', statuses: ['SUCCEEDED'] },
  { key: 'failed', label: 'Failed or cancelled', statuses: ['FAILED', 'CANCELLED'] },
] as const;

export default async function JobsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const query = await searchParams;
  const statuses = listParam(query, 'status').map((s) => s.toUpperCase());
  const current = VIEWS.find((v) => v.statuses.join(',') === statuses.join(','))?.key ?? 'all';
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Jobs</h1>
          <p className="muted" style={{ margin: 0 }}>Analyses queued, running and done: progress, backend, throughput.</p>
        </div>
        <SegmentedLinks label="Show" current={current} options={VIEWS.map((v) => ({ key: v.key, label: v.label, href: hrefWith('/jobs', query, { status: v.statuses.length ? v.statuses : null }) }))} />
      </div>
      <Suspense key={statuses.join(',')} fallback={<SectionSkeleton title="Analyses" height={300} />}>
        <Jobs statuses={statuses} />
      </Suspense>
    </>
  );
}

async function Jobs({ statuses }: { statuses: string[] }) {
  const { jobs, total, backend } = await fetchJobs(statuses);
  return (
    <div className="stack">
      <div className="grid grid-3" data-testid="backend-info">
        <div className="card stat"><span className="muted">Compute backend</span><strong><code>{backend.name}</code></strong>{backend.fellBackFrom.length ? <span className="muted">requested {backend.requested}; fell back from {backend.fellBackFrom.join(', ')}</span> : <span className="muted">requested {backend.requested}</span>}</div>
        <div className="card stat"><span className="muted">Database</span><strong>{backend.dbEngine}</strong></div>
        <div className="card stat"><span className="muted">Jobs shown</span><strong>{jobs.length} of {total}</strong></div>
      </div>
      <LiveJobs jobs={jobs} wsUrl={env.CLASSFIT_API_WS_URL} pollMs={env.CLASSFIT_POLL_MS} jobFields={JOB_FIELDS} />
    </div>
  );
}
