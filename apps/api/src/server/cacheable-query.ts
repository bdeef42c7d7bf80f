/**
 * Which GraphQL documents the response cache (response-cache.ts) may answer: a single query operation whose every
 * root field reads only stored data — the store's rows and its content-addressed artifacts, nothing of the
 * process (`backend`, `viewer`'s access line) and no randomness (`sampleClass`). What they return is then a
 * function of the document, its variables, the caller and the store's data version.
 */
import { Kind, parse, type DocumentNode, type SelectionSetNode } from 'graphql';
import { PARSE_OPTIONS } from './limits.ts';

/** Root fields of `Query` whose answers depend on the stored data and the caller only. */
const STORED_DATA_FIELDS = new Set([
  '__typename', 'node', 'nodes', 'projects', 'datasets', 'architectures', 'models', 'tags', 'model', 'layer', 'classFit',
  'fitRun', 'fitRuns', 'compareModels', 'crossModelSimilarity', 'logDensity', 'classify',
]);
/** Documents decided so far (the dashboard sends a few dozen); bounded so that arbitrary clients cannot grow it. */
const MAX_DECIDED = 500;
const decided = new Map<string, boolean>();

function readsStoredDataOnly(document: DocumentNode): boolean {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1 || operations[0].operation !== 'query') return false;
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [])));
  const seen = new Set<string>();
  const rootFieldsOk = (set: SelectionSetNode): boolean =>
    set.selections.every((selection) => {
      if (selection.kind === Kind.FIELD) return STORED_DATA_FIELDS.has(selection.name.value);
      if (selection.kind === Kind.INLINE_FRAGMENT) return rootFieldsOk(selection.selectionSet);
      const name = selection.name.value;
      if (seen.has(name)) return true;
      seen.add(name);
      const fragment = fragments.get(name);
      return fragment !== undefined && rootFieldsOk(fragment);
    });
  return rootFieldsOk(operations[0].selectionSet);
}

/** Whether the response cache may answer `query` (false for one that does not parse: Apollo reports that). */
export function isCacheableQuery(query: string): boolean {
  const known = decided.get(query);
  if (known !== undefined) return known;
  let answer: boolean;
  try {
    answer = readsStoredDataOnly(parse(query, { ...PARSE_OPTIONS, noLocation: true }));
  } catch {
    answer = false;
  }
  if (decided.size >= MAX_DECIDED) decided.delete(decided.keys().next().value!);
  decided.set(query, answer);
  return answer;
}
