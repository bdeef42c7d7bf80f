'use server';

import { refresh } from 'next/cache';
import { cancelFitRun } from '@/lib/api/jobs';

/** Cancels a fit run through the API and refreshes the page; returns the API's user error, if any. */
export async function cancelJob(id: string): Promise<{ error: string | null }> {
  const result = await cancelFitRun(id);
  refresh();
  return { error: result.error };
}
