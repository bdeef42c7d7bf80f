/** Analysis jobs (fit runs): the list with live progress, the compute backend, and cancelling. */
import { gql, graphql } from './client';

export interface Progress {
  phase: string | null;
  layer: string | null;
  layerIndex: number | null;
  layerCount: number | null;
  classesDone: number | null;
  classCount: number | null;
  sweep: number | null;
  totalSweeps: number | null;
  fraction: number | null;
  sweepsPerSecond: number | null;
  etaMs: number | null;
  message: string | null;
  updatedAt: string | null;
}

export interface JobRow {
  id: string;
  status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  backend: string | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  progress: Progress | null;
  /** The latest log lines, oldest first. */
  log: string[];
  model: { id: string; name: string; architecture: { name: string } };
}

/** How many of a job's latest log lines the list shows. */
export const LOG_TAIL = 6;

/** The fields of a job the list and the subscription both fetch. */
export const JOB_FIELDS = `
  id status backend error createdAt startedAt finishedAt log(last: ${LOG_TAIL})
  progress { phase layer layerIndex layerCount classesDone classCount sweep totalSweeps fraction sweepsPerSecond etaMs message updatedAt }
  model { id name architecture { name } }
`;

const JOBS = graphql`
  query DashboardJobs($first: Int!, $status: [FitRunStatus!]) {
    fitRuns(first: $first, filter: { status: $status }, orderBy: { field: CREATED_AT, direction: DESC }) { totalCount nodes { ${JOB_FIELDS} } }
    backend { name requested fellBackFrom dbEngine }
  }
`;

export interface BackendInfo {
  name: string;
  requested: string;
  fellBackFrom: string[];
  dbEngine: string;
}

/** The latest jobs, newest queued first (optionally of some statuses), and the API's compute backend. */
export async function fetchJobs(status: readonly string[] | null, first = 50): Promise<{ jobs: JobRow[]; total: number; backend: BackendInfo }> {
  const data = await gql<{ fitRuns: { totalCount: number; nodes: JobRow[] }; backend: BackendInfo }>(JOBS, { first, status: status?.length ? status : null });
  return { jobs: data.fitRuns.nodes, total: data.fitRuns.totalCount, backend: data.backend };
}

const CANCEL = graphql`
  mutation DashboardCancelFitRun($id: ID!) {
    cancelFitRun(input: { fitRunId: $id }) {
      fitRun { id status }
      userErrors { field message code }
    }
  }
`;

/** Asks the API to cancel a run; returns the user-facing problem, if any. */
export async function cancelFitRun(id: string): Promise<{ status: string | null; error: string | null }> {
  const data = await gql<{ cancelFitRun: { fitRun: { status: string } | null; userErrors: { message: string }[] } }>(CANCEL, { id });
  const problem = data.cancelFitRun.userErrors[0];
  return { status: data.cancelFitRun.fitRun?.status ?? null, error: problem ? problem.message : null };
}
