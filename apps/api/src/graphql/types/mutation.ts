/**
 * Root `Mutation` fields in the `verbNoun(input: XInput!): XPayload` form. Input problems come back as
 * `userErrors { field message code }` (the payload's object is then null); long work returns a queued FitRun.
 * Each first checks the caller's role through services/views/read-scope (objects of projects the caller cannot
 * read are NOT_FOUND); UNAUTHENTICATED and FORBIDDEN are top-level errors, never userErrors.
 */
import { updateModel, type FitRunRow, type ModelRow } from '@classfit/db';
import { importServerFolder } from '../../services/import/import-server-folder.ts';
import { importUpload } from '../../services/upload/import-upload.ts';
import { BadUserInputError, classifyError, ValidationError, type ErrorCode } from '../../services/errors.ts';
import { requireRole } from '../../services/auth/caller.ts';
import { authorizeFitRun, authorizeModel, authorizeProjectByName } from '../../services/views/read-scope.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';

/** One entry of a payload's `userErrors`. */
interface UserError {
  readonly field: string[] | null;
  readonly message: string;
  readonly code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT';
}

const USER_CODES: readonly ErrorCode[] = ['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT'];

/**
 * Runs `work`; known input errors become `userErrors` (each problem of a ValidationError separately), anything
 * else propagates to the masked top-level error.
 */
async function withUserErrors<T extends object>(
  input: { clientMutationId?: string | null },
  empty: T,
  work: () => Promise<T>,
): Promise<T & { userErrors: UserError[]; clientMutationId: string | null }> {
  const clientMutationId = input.clientMutationId ?? null;
  try {
    return { ...(await work()), userErrors: [], clientMutationId };
  } catch (error) {
    if (error instanceof ValidationError) {
      const userErrors = error.problems.map((p) => ({ field: ['input', ...p.field.split('.')], message: p.message, code: 'BAD_USER_INPUT' as const }));
      return { ...empty, userErrors, clientMutationId };
    }
    const known = classifyError(error);
    if (!known || !USER_CODES.includes(known.code)) throw error;
    const field = known.field ? ['input', ...known.field.split('.')] : null;
    return { ...empty, userErrors: [{ field, message: known.message, code: known.code as UserError['code'] }], clientMutationId };
  }
}

/** Drops null and undefined entries (GraphQL's "not given") so service defaults apply. */
function given<T extends Record<string, unknown>>(input: T): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]?: Exclude<T[K], null> };
}

export const Mutation: MutationResolvers = {
  importModel: (_, { input }, ctx) =>
    withUserErrors<{ model: ModelRow | null | undefined; warnings: string[] }>(input, { model: null, warnings: [] }, async () => {
      const { path, uploadId, clientMutationId: _id, ...meta } = input;
      if ((path == null) === (uploadId == null)) throw new BadUserInputError('uploadId', 'give exactly one of uploadId (an upload) and path (a folder on the server)');
      // A server path reads the server's disk, whichever project it lands in: admins of every project only.
      if (path != null) requireRole(ctx.caller, 'admin', 'every project', 'importModel from a server path');
      await authorizeProjectByName(ctx, input.project ?? 'default', 'editor', 'importModel');
      const description = { ...given(meta), name: input.name };
      const result = uploadId != null
        ? await importUpload(ctx.app, ctx.caller, uploadId, description)
        : await importServerFolder(ctx.app, ctx.caller, path!, ctx.importRoots, description);
      return { model: result.model, warnings: result.warnings.map((w) => `${w.field}: ${w.message}`) };
    }),

  startAnalysis: (_, { input }, ctx) =>
    withUserErrors<{ fitRun: FitRunRow | null }>(input, { fitRun: null }, async () => {
      const model = await authorizeModel(ctx, input.modelId, 'editor', 'startAnalysis');
      const { modelId: _m, clientMutationId: _id, ...options } = input;
      return { fitRun: await ctx.jobs.startAnalysis(model.id, given(options)) };
    }),

  cancelFitRun: (_, { input }, ctx) =>
    withUserErrors<{ fitRun: FitRunRow | null }>(input, { fitRun: null }, async () => {
      const run = await authorizeFitRun(ctx, input.fitRunId, 'editor', 'cancelFitRun');
      return { fitRun: await ctx.jobs.cancel(run.id) };
    }),

  tagModel: (_, { input }, ctx) =>
    withUserErrors<{ model: ModelRow | null | undefined }>(input, { model: null }, async () => {
      const model = await authorizeModel(ctx, input.modelId, 'editor', 'tagModel');
      const bad = [...(input.add ?? []), ...(input.remove ?? [])].find((tag) => !/^[\w.:-]{1,64}$/.test(tag));
      if (bad !== undefined) throw new BadUserInputError('add', `"${bad}" is not a tag (1–64 letters, digits, ".", ":", "_" or "-")`);
      const tags = new Set(model.tags);
      for (const tag of input.add ?? []) tags.add(tag);
      for (const tag of input.remove ?? []) tags.delete(tag);
      return { model: await updateModel(ctx.app.db, model.id, { tags: [...tags].sort() }) };
    }),
};
