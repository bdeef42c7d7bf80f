'use server';

import { fetchModelPage, type ModelPage } from '@/lib/api/models';
import { parseModelView, toModelFilter, toModelOrder } from '@/lib/model-filters';

/** The next page of the Models table for the view in `query` (a Models-page query string), after `cursor` (for "load more" / scrolling). */
export async function loadMoreModels(query: string, cursor: string): Promise<ModelPage> {
  const view = parseModelView(new URLSearchParams(query));
  return fetchModelPage(toModelFilter(view), toModelOrder(view), { first: view.first, after: cursor });
}
