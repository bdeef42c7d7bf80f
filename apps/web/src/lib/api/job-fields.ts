/**
 * The fields of a job that the server's list and the browser's subscription both fetch, and that subscription.
 * Kept apart from `jobs.ts` (which reaches the API from server code) so the client component can import it.
 */
import { graphql } from '@/gql';
import type { DashboardJobFragment } from '@/gql/graphql';

/** A job (fit run) as the Jobs page shows it; `log` holds the latest lines, oldest first. */
export type JobRow = DashboardJobFragment;

graphql(`
  # log(last: 6): the list shows each job's six latest log lines.
  fragment DashboardJob on FitRun {
    id status backend error createdAt startedAt finishedAt log(last: 6)
    progress { phase layer layerIndex layerCount classesDone classCount sweep totalSweeps fraction sweepsPerSecond etaMs message updatedAt }
    model { id name architecture { name } project { id } }
    layerJobs { layer status attempts worker host backend error }
  }
`);

/** One job's progress as it changes (graphql-ws). */
/** Runs queued after the page opened (the list re-renders to show them). */
export const JOB_QUEUED = graphql(`
  subscription DashboardJobQueued {
    fitRunQueued { id }
  }
`);

export const JOB_PROGRESS = graphql(`
  subscription DashboardJobProgress($id: ID!) {
    fitRunProgress(id: $id) { ...DashboardJob }
  }
`);
