/** Who the dashboard is calling the API as (the signed-in user, the open server's owner, or nobody), once per render. */
import { cache } from 'react';
import { graphql } from '@/gql';
import type { DashboardViewerQuery } from '@/gql/graphql';
import { ApiError, post } from './client';
import { sessionToken } from './session';

const VIEWER = graphql(`
  query DashboardViewer {
    viewer { kind login role projects { project { id name } role } access { mode description } }
  }
`);

/** The API's `viewer`. */
export type Viewer = DashboardViewerQuery['viewer'];

/** The viewer for `token`, or the API's reason for refusing it (a bad, expired or revoked token). */
export async function viewerFor(token: string | undefined): Promise<{ viewer: Viewer } | { refused: string }> {
  const body = await post<DashboardViewerQuery>(VIEWER.toString(), {}, token);
  const first = body.errors?.[0];
  if (first?.extensions?.code === 'UNAUTHENTICATED') return { refused: first.message };
  if (first || !body.data) throw new ApiError(first?.message ?? 'The classfit API answered without data.', first?.extensions?.code, first?.path);
  return { viewer: body.data.viewer };
}

/** This request's viewer (from the session cookie), or why its token was refused. */
export const fetchViewer = cache(async () => viewerFor(await sessionToken()));

/** Whether `viewer` may change things (start, cancel, tag) in project `projectId`: the editor role or more. */
export function canEdit(viewer: Viewer, projectId: string): boolean {
  const strong = (role: string | null | undefined) => role === 'EDITOR' || role === 'ADMIN';
  return strong(viewer.role) || viewer.projects.some((p) => p.project.id === projectId && strong(p.role));
}
