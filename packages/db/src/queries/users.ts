/** Users and their per-project roles (grants). */
import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { projectRoles, projects, users, type ProjectRole } from '../schema/index.ts';

/** A user row. */
export type UserRow = typeof users.$inferSelect;
/** One grant: a role in a project (`projectId` null = every project). */
export interface RoleGrant {
  readonly projectId: number | null;
  /** The project's name; null for a grant on every project. */
  readonly projectName: string | null;
  readonly role: ProjectRole;
}

/** Inserts a user; undefined when the login is taken. */
export async function insertUser(db: Db, input: { login: string; displayName?: string | null }): Promise<UserRow | undefined> {
  const [row] = await db
    .insert(users)
    .values({ login: input.login, displayName: input.displayName ?? null })
    .onConflictDoNothing({ target: users.login })
    .returning();
  return row;
}

/** A user by login, or undefined. */
export async function getUserByLogin(db: Db, login: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.login, login));
  return row;
}

/** Every user, by login. */
export async function listUsers(db: Db): Promise<UserRow[]> {
  return db.select().from(users).orderBy(asc(users.login));
}

/** How many users exist (0 = nobody configured: the server may run open on loopback). */
export async function countUsers(db: Db): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(users);
  return Number(n);
}

/** Gives `userId` `role` in `projectId` (null = every project), replacing their previous role there. */
export async function grantRole(db: Db, userId: number, projectId: number | null, role: ProjectRole): Promise<void> {
  await db
    .insert(projectRoles)
    .values({ userId, projectId, role })
    .onConflictDoUpdate({ target: [projectRoles.userId, projectRoles.projectId], set: { role: sql`excluded.role` } });
}

/** Removes `userId`'s grant on `projectId` (null = the every-project grant); returns whether one existed. */
export async function revokeRole(db: Db, userId: number, projectId: number | null): Promise<boolean> {
  const where = and(eq(projectRoles.userId, userId), projectId === null ? isNull(projectRoles.projectId) : eq(projectRoles.projectId, projectId));
  const removed = await db.delete(projectRoles).where(where).returning({ id: projectRoles.id });
  return removed.length > 0;
}

/** The grants of a user, the every-project grant first, then by project name. */
export async function rolesOfUser(db: Db, userId: number): Promise<RoleGrant[]> {
  const rows = await db
    .select({ projectId: projectRoles.projectId, projectName: projects.name, role: projectRoles.role })
    .from(projectRoles)
    .leftJoin(projects, eq(projects.id, projectRoles.projectId))
    .where(eq(projectRoles.userId, userId))
    .orderBy(sql`${projectRoles.projectId} is not null`, asc(projects.name));
  return rows.map((r) => ({ projectId: r.projectId, projectName: r.projectName ?? null, role: r.role }));
}
