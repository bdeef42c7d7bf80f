/** Resolvers of `Viewer`: the request's caller, their roles and readable projects, and how the server admits callers. */
import { listProjects, type ProjectRole, type ProjectRow } from '@classfit/db';
import { readableProjects, roleIn } from '../../services/auth/caller.ts';
import type { ViewerResolvers } from '../generated/resolvers-types.ts';
import { upper } from '../shared.ts';

/** A readable project and the caller's role there (`ProjectAccess`). */
export interface ProjectAccessValue {
  readonly project: ProjectRow;
  readonly role: Uppercase<ProjectRole>;
}

export const Viewer: ViewerResolvers = {
  kind: (caller) => upper(caller.kind),
  login: (caller) => (caller.kind === 'user' ? caller.login : null),
  role: (caller) => (caller.kind === 'owner' ? 'ADMIN' : caller.kind === 'user' ? upper(caller.allProjects) : null),
  projects: async (caller, _, ctx) => {
    const readable = readableProjects(caller);
    const rows = readable === 'all' ? await listProjects(ctx.app.db) : (await ctx.loaders.project.loadMany([...readable])).filter((p): p is ProjectRow => Boolean(p) && !(p instanceof Error));
    return rows
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((project) => {
        const role = roleIn(caller, project.id);
        return role ? [{ project, role: upper(role) }] : [];
      });
  },
  access: (caller, _, ctx) =>
    caller.kind === 'owner' && caller.reason === 'open'
      ? { mode: 'OPEN', description: ctx.accessLine }
      : { mode: 'TOKENS', description: 'access: API tokens required (send "Authorization: Bearer <token>"; `classfit token create` makes one)' },
};
