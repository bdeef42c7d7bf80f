import { integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** A person (or a service account) who calls the API with one of their {@link apiTokens}. */
export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** Short unique name, e.g. `alice`: what the dashboard header and `token list` show. */
    login: text('login').notNull(),
    displayName: text('display_name'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** Set when the user is disabled: their tokens stop working, their rows stay. */
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('users_login_uq').on(t.login)],
);
