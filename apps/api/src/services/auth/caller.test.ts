import { describe, expect, it } from 'vitest';
import { ForbiddenError, UnauthenticatedError } from '../errors.ts';
import { ANONYMOUS, LOCAL_OWNER, OPEN_OWNER, canRead, readableProjects, requireRole, roleIn, type UserCaller } from './caller.ts';

const user = (allProjects: UserCaller['allProjects'], projects: [number, 'viewer' | 'editor' | 'admin'][]): UserCaller => ({
  kind: 'user', userId: 1, login: 'alice', tokenId: 1, allProjects, projects: new Map(projects),
});
const A = { id: 1, name: 'a' };
const B = { id: 2, name: 'b' };

describe('caller roles', () => {
  it('takes the stronger of the every-project and the project grant', () => {
    const alice = user('viewer', [[1, 'editor']]);
    expect(roleIn(alice, 1)).toBe('editor');
    expect(roleIn(alice, 2)).toBe('viewer');
    expect(roleIn(user('admin', [[1, 'viewer']]), 1)).toBe('admin');
    expect(roleIn(user(null, [[1, 'viewer']]), 2)).toBeNull();
  });

  it('lists readable projects: all for owners and every-project grants, the granted ones otherwise', () => {
    expect(readableProjects(LOCAL_OWNER)).toBe('all');
    expect(readableProjects(OPEN_OWNER)).toBe('all');
    expect(readableProjects(ANONYMOUS)).toEqual([]);
    expect(readableProjects(user('viewer', []))).toBe('all');
    expect(readableProjects(user(null, [[1, 'viewer'], [3, 'admin']]))).toEqual([1, 3]);
    expect(canRead(user(null, [[1, 'viewer']]), 2)).toBe(false);
  });

  it('requireRole: anonymous → UNAUTHENTICATED, too weak → FORBIDDEN naming the role and project, enough → passes', () => {
    expect(() => requireRole(ANONYMOUS, 'viewer', A, 'models')).toThrow(UnauthenticatedError);
    expect(() => requireRole(ANONYMOUS, 'viewer', A, 'models')).toThrow(/Authorization: Bearer/);
    const viewer = user(null, [[1, 'viewer']]);
    expect(() => requireRole(viewer, 'editor', A, 'startAnalysis')).toThrow(ForbiddenError);
    expect(() => requireRole(viewer, 'editor', A, 'startAnalysis')).toThrow('startAnalysis needs the editor role in project "a"; alice has the viewer role there');
    expect(() => requireRole(viewer, 'viewer', B, 'models')).toThrow('has no role there');
    expect(() => requireRole(viewer, 'viewer', A, 'models')).not.toThrow();
    expect(() => requireRole(user(null, [[1, 'admin']]), 'admin', 'every project', 'create a project')).toThrow(/every project/);
    expect(() => requireRole(user('admin', []), 'admin', 'every project', 'create a project')).not.toThrow();
    expect(() => requireRole(OPEN_OWNER, 'admin', 'every project', 'x')).not.toThrow();
  });
});
