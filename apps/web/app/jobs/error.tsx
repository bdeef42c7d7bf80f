'use client';

import { RouteError } from '@/components/ui/route-error';

export default function JobsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError error={error} retry={retry} what="the jobs" />;
}
