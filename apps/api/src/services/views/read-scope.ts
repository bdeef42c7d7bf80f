/**
 * The caller's project scope on the read side, and the checks that write-side entry points (mutations, uploads)
 * make before acting on an object: the object must be readable (else NOT_FOUND, as for an unknown id, so nothing
 * of another project is revealed), then the caller's role in its project must be enough ({@link requireRole},
 * the one place roles are compared).
 */
import { getProjectByName, type FitRunRow, type ModelRow, type ProjectRole, type ProjectRow, type ProjectVisibility } from '@classfit/db';
import { readableProjects, requireRole } from '../auth/caller.ts';
import { NotFoundError } from '../errors.ts';
import { fromGlobalId } from './global-id.ts';
import type { ReadContext } from './read-context.ts';

/** The projects listings may show the caller. */
export function visibility(ctx: Pick<ReadContext, 'caller'>): ProjectVisibility {
  return readableProjects(ctx.caller);
}

async function projectOf(ctx: ReadContext, projectId: number): Promise<ProjectRow> {
  const project = await ctx.loaders.project.load(projectId);
  if (!project) throw new Error(`project ${projectId} is referenced but missing from the store`);
  return project;
}

/** The model `id` names, once the caller is known to hold `needed` in its project; `action` names the operation. */
export async function authorizeModel(ctx: ReadContext, id: string, needed: ProjectRole, action: string): Promise<ModelRow> {
  const model = await ctx.loaders.model.load(fromGlobalId(id, 'Model'));
  if (!model) throw new NotFoundError('Model', id);
  requireRole(ctx.caller, needed, await projectOf(ctx, model.projectId), action);
  return model;
}

/** The fit run `id` names, once the caller is known to hold `needed` in its model's project. */
export async function authorizeFitRun(ctx: ReadContext, id: string, needed: ProjectRole, action: string): Promise<FitRunRow> {
  const run = await ctx.loaders.fitRun.load(fromGlobalId(id, 'FitRun'));
  if (!run) throw new NotFoundError('FitRun', id);
  const model = await ctx.loaders.model.load(run.modelId);
  if (!model) throw new Error(`model ${run.modelId} of run ${run.id} is missing from the store`);
  requireRole(ctx.caller, needed, await projectOf(ctx, model.projectId), action);
  return run;
}

/**
 * Checks the caller may add to project `name` with `needed`: that role in it when it exists and they may read it;
 * otherwise (it does not exist, or is not theirs to see) the admin role in every project, which creating one
 * takes — so the answer is the same whether or not an unreadable project of that name exists.
 */
export async function authorizeProjectByName(ctx: ReadContext, name: string, needed: ProjectRole, action: string): Promise<void> {
  const found = await getProjectByName(ctx.app.db, name);
  const readable = found && (await ctx.loaders.project.load(found.id));
  if (readable) return requireRole(ctx.caller, needed, readable, action);
  requireRole(ctx.caller, 'admin', 'every project', `${action} into project "${name}" (new to you; creating a project)`);
}
