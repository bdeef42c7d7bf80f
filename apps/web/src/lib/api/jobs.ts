/** Analysis jobs (fit runs): the list with live progress, the compute backend, and cancelling. */
import { graphql } from '@/gql';
import type { DashboardJobsQuery, FitRunStatus } from '@/gql/graphql';
import { gql } from './client';
import type { JobRow } from './job-fields';

export type BackendInfo = DashboardJobsQuery['backend'];

const JOBS = graphql(`
  query DashboardJobs($first: Int!, $status: [FitRunStatus!]) {
    fitRuns(first: $first, filter: { status: $status }, orderBy: { field: CREATED_AT, direction: DESC }) { totalCount nodes { ...DashboardJob } }
    backend { name requested fellBackFrom adapter { vendor architecture device software } dbEngine }
  }
`);

/** The latest jobs, newest queued first (optionally of some statuses), and the API's compute backend. */
export async function fetchJobs(status: readonly FitRunStatus[] | null, first = 50): Promise<{ jobs: JobRow[]; total: number; backend: BackendInfo }> {
  const data = await gql(JOBS, { first, status: status?.length ? [...status] : null });
  return { jobs: data.fitRuns.nodes, total: data.fitRuns.totalCount, backend: data.backend };
}

const CANCEL = graphql(`
  mutation DashboardCancelFitRun($id: ID!) {
    cancelFitRun(input: { fitRunId: $id }) {
      fitRun { id status }
      userErrors { field message code }
    }
  }
`);

/** Asks the API to cancel a run; returns the user-facing problem, if any. */
export async function cancelFitRun(id: string): Promise<{ status: string | null; error: string | null }> {
  const data = await gql(CANCEL, { id });
  const problem = data.cancelFitRun.userErrors[0];
  return { status: data.cancelFitRun.fitRun?.status ?? null, error: problem ? problem.message : null };
}
