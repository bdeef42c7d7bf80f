/** The `DatasetClass` of a label as seen by a model (its dataset's class with that label). */
import type { DatasetClassRow } from '@classfit/db';
import type { ReadContext } from './read-context.ts';

/** The class row of `label` in the dataset of model `modelId`; throws when the import recorded no such class. */
export async function classOf(ctx: ReadContext, modelId: number, label: number): Promise<DatasetClassRow> {
  const model = await ctx.loaders.model.load(modelId);
  const classes = model ? await ctx.loaders.classesOfDataset.load(model.datasetId) : [];
  const found = classes.find((c) => c.label === label);
  if (!found) throw new Error(`model ${modelId} has no dataset class with label ${label}`);
  return found;
}
