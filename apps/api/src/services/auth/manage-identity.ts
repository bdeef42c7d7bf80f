/**
 * Managing users, their roles and their API tokens: what `classfit user …` and `classfit token …` call on the
 * local store (whoever holds the data directory, or DATABASE_URL's credentials, is its owner).
 */
import {
  getProjectByName, getUserByLogin, grantRole, insertApiToken, insertUser, listApiTokens, listProjects, revokeApiToken, rolesOfUser,
  PROJECT_ROLES, type ApiTokenListing, type Db, type ProjectRole, type RoleGrant, type UserRow,
} from '@classfit/db';
import { NotFoundError, ValidationError } from '../errors.ts';
import { generateToken } from './api-token.ts';

const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{0,38}$/;

/** A role grant to make: `project` undefined/null = every project. */
export interface GrantInput {
  readonly login: string;
  readonly role: string;
  readonly project?: string | null;
}

async function resolveGrant(db: Db, input: GrantInput): Promise<{ role: ProjectRole; projectId: number | null }> {
  if (!(PROJECT_ROLES as readonly string[]).includes(input.role)) {
    throw new ValidationError([{ field: 'role', message: `must be one of ${PROJECT_ROLES.join(', ')}, got "${input.role}"` }]);
  }
  if (input.project === undefined || input.project === null) return { role: input.role as ProjectRole, projectId: null };
  const project = await getProjectByName(db, input.project);
  if (!project) {
    const projects = await listProjects(db);
    throw new ValidationError([{ field: 'project', message: `no project "${input.project}" (existing: ${projects.map((p) => p.name).join(', ') || 'none'})` }]);
  }
  return { role: input.role as ProjectRole, projectId: project.id };
}

/** Creates a user with one role; throws ValidationError for a bad/taken login, role or project. */
export async function addUser(db: Db, input: GrantInput & { readonly displayName?: string }): Promise<{ user: UserRow; roles: RoleGrant[] }> {
  if (!LOGIN_PATTERN.test(input.login)) {
    throw new ValidationError([{ field: 'login', message: `must be 1–39 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit; got "${input.login}"` }]);
  }
  const grant = await resolveGrant(db, input);
  return db.transaction(async (tx) => {
    const user = await insertUser(tx, { login: input.login, displayName: input.displayName });
    if (!user) throw new ValidationError([{ field: 'login', message: `a user "${input.login}" already exists (change roles with \`classfit user grant\`)` }]);
    await grantRole(tx, user.id, grant.projectId, grant.role);
    return { user, roles: await rolesOfUser(tx, user.id) };
  });
}

async function userNamed(db: Db, login: string): Promise<UserRow> {
  const user = await getUserByLogin(db, login);
  if (!user) throw new NotFoundError('user', login);
  return user;
}

/** Sets a user's role in a project (or every project); returns all their grants. */
export async function grantUserRole(db: Db, input: GrantInput): Promise<RoleGrant[]> {
  const user = await userNamed(db, input.login);
  const grant = await resolveGrant(db, input);
  await grantRole(db, user.id, grant.projectId, grant.role);
  return rolesOfUser(db, user.id);
}

/** Makes a token for `login`; the returned `secret` is shown once and never stored. */
export async function createApiToken(
  db: Db,
  input: { readonly login: string; readonly name: string; readonly expiresAt: Date | null },
): Promise<{ secret: string; token: ApiTokenListing }> {
  const user = await userNamed(db, input.login);
  if (input.name.trim() === '' || input.name.length > 100) throw new ValidationError([{ field: 'name', message: 'must be 1–100 characters' }]);
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) throw new ValidationError([{ field: 'expires', message: 'must lie in the future' }]);
  const generated = generateToken();
  const row = await insertApiToken(db, { userId: user.id, name: input.name.trim(), tokenHash: generated.hash, prefix: generated.prefix, expiresAt: input.expiresAt });
  const { tokenHash: _hash, ...listed } = row;
  return { secret: generated.secret, token: { ...listed, login: user.login } };
}

/** Tokens of one user (by login) or of everyone, without hashes. */
export async function listTokens(db: Db, login?: string): Promise<ApiTokenListing[]> {
  return listApiTokens(db, login === undefined ? {} : { userId: (await userNamed(db, login)).id });
}

/** Revokes token `id` for good; NotFoundError when there is none. */
export async function revokeToken(db: Db, id: number): Promise<ApiTokenListing> {
  const token = await revokeApiToken(db, id);
  if (!token) throw new NotFoundError('API token', String(id));
  return token;
}
