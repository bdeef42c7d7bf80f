'use server';

import { fetchModelPage, type ModelPage } from '@/lib/api/models';
import { parseModelView, toModelFilter, toModelOrder } from '@/lib/model-filters';
import type { SearchParams } from '@/lib/search-params';

/** The next page of the Models table for the view in `params`, after `cursor` (for "load more" / scrolling). */
export async function loadMoreModels(params: SearchParams, cursor: string): Promise<ModelPage> {
  const view = parseModelView(params);
  return fetchModelPage(toModelFilter(view), toModelOrder(view), { first: view.first, after: cursor });
}
