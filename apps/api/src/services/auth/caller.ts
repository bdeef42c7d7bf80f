/**
 * Who is calling, and the one place that checks what they may do. Every resolver, export route, subscription and
 * upload asks {@link requireRole} (or filters by {@link readableProjects}); nothing else compares roles.
 */
import { PROJECT_ROLES, type ProjectRole } from '@classfit/db';
import { ForbiddenError, UnauthenticatedError } from '../errors.ts';

/** The local owner: the CLI (whoever holds the data directory) and a server running open on loopback. */
export interface OwnerCaller {
  readonly kind: 'owner';
  /** Why this caller has every right: the CLI on the local store, or a server with no users (open). */
  readonly reason: 'local' | 'open';
}

/** A user authenticated by an API token. */
export interface UserCaller {
  readonly kind: 'user';
  readonly userId: number;
  readonly login: string;
  readonly tokenId: number;
  /** Role on every project (present and future), or null. */
  readonly allProjects: ProjectRole | null;
  /** Role per project id. */
  readonly projects: ReadonlyMap<number, ProjectRole>;
}

/** Nobody: no token was sent to a server that requires one. */
export interface AnonymousCaller {
  readonly kind: 'anonymous';
}

/** One of the three kinds of caller. */
export type Caller = OwnerCaller | UserCaller | AnonymousCaller;

/** The anonymous caller. */
export const ANONYMOUS: AnonymousCaller = Object.freeze({ kind: 'anonymous' });
/** The local owner of the CLI. */
export const LOCAL_OWNER: OwnerCaller = Object.freeze({ kind: 'owner', reason: 'local' });
/** The owner of a server running open (no users configured, loopback). */
export const OPEN_OWNER: OwnerCaller = Object.freeze({ kind: 'owner', reason: 'open' });

const rank = (role: ProjectRole | null | undefined): number => (role ? PROJECT_ROLES.indexOf(role) : -1);

/** The stronger of two roles. */
export function strongerRole(a: ProjectRole | null | undefined, b: ProjectRole | null | undefined): ProjectRole | null {
  return rank(a) >= rank(b) ? (a ?? null) : (b ?? null);
}

/** The caller's role in `projectId`; `null` = none. The owner is admin everywhere. */
export function roleIn(caller: Caller, projectId: number): ProjectRole | null {
  if (caller.kind === 'owner') return 'admin';
  if (caller.kind === 'anonymous') return null;
  return strongerRole(caller.allProjects, caller.projects.get(projectId));
}

/** Which projects the caller may read: `'all'`, or the ids (possibly none). */
export function readableProjects(caller: Caller): 'all' | readonly number[] {
  if (caller.kind === 'owner' || (caller.kind === 'user' && caller.allProjects)) return 'all';
  if (caller.kind === 'anonymous') return [];
  return [...caller.projects.keys()];
}

/** Whether the caller may read project `projectId`. */
export function canRead(caller: Caller, projectId: number): boolean {
  return roleIn(caller, projectId) !== null;
}

const unauthenticated = (what: string) =>
  new UnauthenticatedError(`${what}: send "Authorization: Bearer <token>" (an admin creates one with \`classfit token create\`)`);

/** Throws {@link UnauthenticatedError} for the anonymous caller: `action` (e.g. `models`) reads project data. */
export function requireSignedIn(caller: Caller, action: string): void {
  if (caller.kind === 'anonymous') throw unauthenticated(`${action} needs a signed-in caller`);
}

/** Where an operation acts: one project, or every project (e.g. creating a project). */
export type Scope = { readonly id: number; readonly name: string } | 'every project';

/**
 * Throws unless the caller has at least `needed` in `scope`: {@link UnauthenticatedError} for the anonymous
 * caller, {@link ForbiddenError} (naming the role needed, where, and what the caller has) otherwise. `action`
 * says what was attempted, e.g. `startAnalysis`.
 */
export function requireRole(caller: Caller, needed: ProjectRole, scope: Scope, action: string): void {
  if (caller.kind === 'owner') return;
  if (caller.kind === 'anonymous') throw unauthenticated(`${action} needs a signed-in caller with the ${needed} role`);
  const has = scope === 'every project' ? caller.allProjects : roleIn(caller, scope.id);
  if (rank(has) >= rank(needed)) return;
  const where = scope === 'every project' ? 'every project' : `project "${scope.name}"`;
  throw new ForbiddenError(`${action} needs the ${needed} role in ${where}; ${caller.login} has ${has ? `the ${has} role` : 'no role'} there`);
}

/**
 * Throws unless the caller holds at least `needed` in some project (or every project): for what is not yet tied to
 * one, like receiving an upload before `importModel` names its project (which checks the project then).
 */
export function requireRoleSomewhere(caller: Caller, needed: ProjectRole, action: string): void {
  if (caller.kind === 'owner') return;
  if (caller.kind === 'anonymous') throw unauthenticated(`${action} needs a signed-in caller with the ${needed} role in some project`);
  const best = [caller.allProjects, ...caller.projects.values()].reduce<ProjectRole | null>((a, b) => strongerRole(a, b), null);
  if (rank(best) >= rank(needed)) return;
  throw new ForbiddenError(`${action} needs the ${needed} role in some project; ${caller.login} has ${best ? `at most the ${best} role` : 'no role in any project'}`);
}

/** A short description for logs and the dashboard header, e.g. `alice` or `local owner (open: no users configured)`. */
export function describeCaller(caller: Caller): string {
  if (caller.kind === 'user') return caller.login;
  if (caller.kind === 'anonymous') return 'anonymous';
  return caller.reason === 'open' ? 'local owner (open: no users configured)' : 'local owner';
}
