/**
 * `importModel(input: { path })` on a server: the folder checked against the import roots (server-paths.ts) and
 * imported from links to its checked files. The local owner of a server running open on loopback with no roots
 * configured imports any folder the server can read (its own machine, as with the CLI).
 */
import type { AppContext } from '../../context/app-context.ts';
import type { Caller } from '../auth/caller.ts';
import { importModel, type ImportModelInput, type ImportModelResult } from '../import-model.ts';
import { relabelResult } from './relabel-paths.ts';
import { checkServerFolder, withCheckedFolder, type ImportRoots } from './server-paths.ts';

/** Imports the server folder `path` for `caller` under `roots`. */
export async function importServerFolder(
  app: Pick<AppContext, 'db' | 'artifacts'>,
  caller: Caller,
  path: string,
  roots: ImportRoots,
  input: Omit<ImportModelInput, 'source'>,
): Promise<ImportModelResult> {
  if (roots === 'unrestricted' && caller.kind === 'owner') return importModel(app, { ...input, source: { folder: path } });
  const checked = await checkServerFolder(path, roots === 'unrestricted' ? [] : roots);
  return withCheckedFolder(checked, async (folder) => relabelResult(await importModel(app, { ...input, source: { folder } }), folder, checked.folder));
}
