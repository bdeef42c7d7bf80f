import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { projects } from './projects.ts';
import { users } from './users.ts';

/** Roles, weakest first: each includes everything the ones before it may do. */
export const PROJECT_ROLES = ['viewer', 'editor', 'admin'] as const;
/** One of {@link PROJECT_ROLES}: `viewer` reads, `editor` also imports/analyses/tags/cancels, `admin` also manages users, tokens and projects. */
export type ProjectRole = (typeof PROJECT_ROLES)[number];

/**
 * A user's role in one project, or in every project (present and future) when `projectId` is null. A user has at
 * most one grant per project and one for all projects; the stronger of the two applies.
 */
export const projectRoles = pgTable(
  'project_roles',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The project; null = every project. */
    projectId: integer('project_id').references(() => projects.id, { onDelete: 'cascade' }),
    role: text('role', { enum: PROJECT_ROLES }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    unique('project_roles_user_project_uq').on(t.userId, t.projectId).nullsNotDistinct(),
    index('project_roles_project_idx').on(t.projectId),
    check('project_roles_role_ck', sql`${t.role} in ('viewer', 'editor', 'admin')`),
  ],
);
