/**
 * Root `Mutation` fields in the `verbNoun(input: XInput!): XPayload` form. Input problems come back as
 * `userErrors { field message code }` (the payload's object is then null); long work returns a queued FitRun.
 */
import { updateModel, type FitRunRow, type ModelRow } from '@classfit/db';
import { importModel } from '../../services/import-model.ts';
import type { GraphQLContext } from '../context.ts';
import { BadUserInputError, classifyError, NotFoundError, type ErrorCode } from '../errors.ts';
import { ValidationError } from '../../services/errors.ts';
import { fromGlobalId } from '../global-id.ts';

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

/** The GraphQL `ImportModelInput`. */
interface ImportModelArgs {
  path: string;
  name: string;
  architecture?: string | null;
  dataset?: string | null;
  project?: string | null;
  seed?: number | null;
  accuracy?: number | null;
  tags?: string[] | null;
  clientMutationId?: string | null;
}

/** The GraphQL `StartAnalysisInput`. */
interface StartAnalysisArgs {
  modelId: string;
  layers?: string[] | null;
  reduce?: number[] | null;
  iterations?: number | null;
  burnIn?: number | null;
  thin?: number | null;
  seed?: number | null;
  clientMutationId?: string | null;
}

/** Drops null and undefined entries (GraphQL's "not given") so service defaults apply. */
function given<T extends Record<string, unknown>>(input: T): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]?: Exclude<T[K], null> };
}

export const Mutation = {
  importModel: (_: unknown, { input }: { input: ImportModelArgs }, ctx: GraphQLContext) =>
    withUserErrors<{ model: ModelRow | null | undefined; warnings: string[] }>(input, { model: null, warnings: [] }, async () => {
      const { path, clientMutationId: _id, ...meta } = input;
      const result = await importModel(ctx.app, { ...given(meta), name: input.name, source: { folder: path } });
      return { model: result.model, warnings: result.warnings.map((w) => `${w.field}: ${w.message}`) };
    }),

  startAnalysis: (_: unknown, { input }: { input: StartAnalysisArgs }, ctx: GraphQLContext) =>
    withUserErrors<{ fitRun: FitRunRow | null }>(input, { fitRun: null }, async () => {
      const modelId = fromGlobalId(input.modelId, 'Model');
      const { modelId: _m, clientMutationId: _id, ...options } = input;
      return { fitRun: await ctx.jobs.startAnalysis(modelId, given(options)) };
    }),

  cancelFitRun: (_: unknown, { input }: { input: { fitRunId: string; clientMutationId?: string | null } }, ctx: GraphQLContext) =>
    withUserErrors<{ fitRun: FitRunRow | null }>(input, { fitRun: null }, async () => ({ fitRun: await ctx.jobs.cancel(fromGlobalId(input.fitRunId, 'FitRun')) })),

  tagModel: (_: unknown, { input }: { input: { modelId: string; add?: string[] | null; remove?: string[] | null; clientMutationId?: string | null } }, ctx: GraphQLContext) =>
    withUserErrors<{ model: ModelRow | null | undefined }>(input, { model: null }, async () => {
      const id = fromGlobalId(input.modelId, 'Model');
      const model = await ctx.loaders.model.load(id);
      if (!model) throw new NotFoundError('Model', input.modelId);
      const bad = [...(input.add ?? []), ...(input.remove ?? [])].find((tag) => !/^[\w.:-]{1,64}$/.test(tag));
      if (bad !== undefined) throw new BadUserInputError('add', `"${bad}" is not a tag (1–64 letters, digits, ".", ":", "_" or "-")`);
      const tags = new Set(model.tags);
      for (const tag of input.add ?? []) tags.add(tag);
      for (const tag of input.remove ?? []) tags.delete(tag);
      return { model: await updateModel(ctx.app.db, id, { tags: [...tags].sort() }) };
    }),
};
