/** `classfit token create|list|revoke`: API tokens, on the local store directly (its holder is the owner). */
import type { ApiTokenListing } from '@classfit/db';
import { createAppContext } from '../../context/app-context.ts';
import { createApiToken, listTokens, revokeToken } from '../../services/auth/manage-identity.ts';
import { NotFoundError, ValidationError } from '../../services/errors.ts';
import type { CliCommand } from '../command.ts';
import { printResult } from '../output.ts';
import { UsageError } from '../command.ts';
import { integerOption, parseCommandLine, requiredString } from '../parse-options.ts';

const usage = `Usage:
  classfit token create --user LOGIN [--name LABEL] [--expires 90d|12h|never] [--json]
  classfit token list [--user LOGIN] [--json]
  classfit token revoke <id> [--json]

create prints the token once on stdout; only its SHA-256 is stored, so it cannot be shown again.
Send it as "Authorization: Bearer <token>" (or sign in with it on the dashboard). Tokens expire after
90 days unless --expires says otherwise; revoke stops one for good. list shows prefixes, never secrets.`;

/** `90d`, `12h`, `30m` or `never` → the expiry instant (null = never). */
export function parseExpiry(value: string, now = Date.now()): Date | null {
  if (value === 'never') return null;
  const match = /^(\d{1,5})([dhm])$/.exec(value);
  if (!match || Number(match[1]) === 0) throw new UsageError(`--expires must be like 90d, 12h, 30m or never, got "${value}"`);
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[match[2] as 'd' | 'h' | 'm'];
  return new Date(now + Number(match[1]) * unit);
}

const when = (d: Date | null) => (d ? d.toISOString().replace(/\.\d+Z$/, 'Z') : '–');

function state(t: ApiTokenListing): string {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt && t.expiresAt.getTime() <= Date.now()) return 'expired';
  return 'active';
}

function table(tokens: readonly ApiTokenListing[]): string {
  const header = ['id', 'user', 'name', 'prefix', 'state', 'created', 'expires', 'last used'];
  const rows = tokens.map((t) => [String(t.id), t.login, t.name, `${t.prefix}…`, state(t), when(t.createdAt), when(t.expiresAt), when(t.lastUsedAt)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

export const command: CliCommand = {
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandLine(argv, { user: { type: 'string' }, name: { type: 'string' }, expires: { type: 'string' }, json: { type: 'boolean' } }, true);
    const [action, ...rest] = positionals;
    if (action !== 'create' && action !== 'list' && action !== 'revoke') throw new UsageError('expected `token create`, `token list` or `token revoke <id>` (see classfit token --help)');
    if (action !== 'revoke' && rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(' ')}`);
    if (action === 'revoke' && rest.length !== 1) throw new UsageError('classfit token revoke needs exactly one token id (see classfit token list)');
    const expiresAt = action === 'create' ? parseExpiry(values.expires ?? '90d') : null;
    const ctx = await createAppContext();
    try {
      if (action === 'create') {
        const login = requiredString(values.user, 'user');
        const { secret, token } = await createApiToken(ctx.db, { login, name: values.name ?? 'cli', expiresAt });
        process.stderr.write(`token ${token.id} for ${login} ("${token.name}", expires ${when(token.expiresAt)}) — shown once, store it now:\n`);
        printResult(values.json, { ...token, secret }, () => secret);
      } else if (action === 'list') {
        const tokens = await listTokens(ctx.db, values.user);
        printResult(values.json, tokens, () => table(tokens));
      } else {
        const id = integerOption(rest[0], 'id', 1)!;
        const token = await revokeToken(ctx.db, id);
        printResult(values.json, token, () => `revoked token ${token.id} (${token.prefix}… "${token.name}" of ${token.login}) at ${when(token.revokedAt)}`);
      }
      return 0;
    } catch (error) {
      if (error instanceof ValidationError) throw new UsageError(error.problems.map((p) => `--${p.field}: ${p.message}`).join('; '));
      if (error instanceof NotFoundError) throw new UsageError(error.message);
      throw error;
    } finally {
      await ctx.close();
    }
  },
};
