/** `classfit user add|grant|list`: users and their roles, on the local store directly (its holder is the owner). */
import { listUsers, rolesOfUser, type RoleGrant, type UserRow } from '@classfit/db';
import { createAppContext } from '../../context/app-context.ts';
import { addUser, grantUserRole } from '../../services/auth/manage-identity.ts';
import { NotFoundError, ValidationError } from '../../services/errors.ts';
import type { CliCommand } from '../command.ts';
import { JSON_FLAG, printResult } from '../output.ts';
import { UsageError } from '../command.ts';
import { parseCommandLine, requiredString } from '../parse-options.ts';

const usage = `Usage:
  classfit user add <login> --role viewer|editor|admin [--project NAME] [--name "Full Name"]
  classfit user grant <login> --role viewer|editor|admin [--project NAME]
  classfit user list
  (any of them with --json: the user(s) and roles as JSON)

Roles: viewer reads a project; editor also imports, analyses, tags and cancels; admin also manages users,
tokens and projects. Without --project the role holds in every project, present and future.
Acts on the local store directly (CLASSFIT_HOME, or DATABASE_URL): whoever holds it is the owner.
Once a user exists, \`classfit serve\` requires API tokens (\`classfit token create --user <login>\`).`;

const describeGrants = (grants: readonly RoleGrant[]) =>
  grants.map((g) => `${g.role} in ${g.projectName === null ? 'every project' : `"${g.projectName}"`}`).join(', ') || 'no role';

const userSummary = (user: UserRow) => ({ id: user.id, login: user.login, displayName: user.displayName, createdAt: user.createdAt, disabledAt: user.disabledAt });

export const command: CliCommand = {
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandLine(argv, { role: { type: 'string' }, project: { type: 'string' }, name: { type: 'string' }, ...JSON_FLAG }, true);
    const [action, login, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
    if (action !== 'add' && action !== 'grant' && action !== 'list') throw new UsageError('expected `user add`, `user grant` or `user list` (see classfit user --help)');
    if (action !== 'list' && !login) throw new UsageError(`classfit user ${action} needs a login`);
    const role = action === 'list' ? '' : requiredString(values.role, 'role');
    const ctx = await createAppContext();
    try {
      if (action === 'list') {
        const listed: (ReturnType<typeof userSummary> & { roles: RoleGrant[] })[] = [];
        for (const user of await listUsers(ctx.db)) listed.push({ ...userSummary(user), roles: await rolesOfUser(ctx.db, user.id) });
        printResult(values.json, listed, () =>
          listed.map((u) => `${u.login}${u.disabledAt ? ' (disabled)' : ''}: ${describeGrants(u.roles)}`).join('\n'));
        return 0;
      }
      if (action === 'add') {
        const { user, roles } = await addUser(ctx.db, { login: login!, role, project: values.project, displayName: values.name });
        printResult(values.json, { ...userSummary(user), roles }, () => `added user ${user.login} (id ${user.id}): ${describeGrants(roles)}`);
        process.stderr.write(`next: classfit token create --user ${user.login}\n`);
      } else {
        const roles = await grantUserRole(ctx.db, { login: login!, role, project: values.project });
        printResult(values.json, { login, roles }, () => `${login}: ${describeGrants(roles)}`);
      }
      return 0;
    } catch (error) {
      if (error instanceof ValidationError) throw new UsageError(error.problems.map((p) => `--${p.field === 'login' ? 'login' : p.field}: ${p.message}`).join('; '));
      if (error instanceof NotFoundError) throw new UsageError(error.message);
      throw error;
    } finally {
      await ctx.close();
    }
  },
};
