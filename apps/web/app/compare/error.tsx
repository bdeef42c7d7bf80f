'use client';

import { RouteError } from '@/components/ui/route-error';

export default function CompareError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError error={error} retry={retry} what="the comparison" />;
}
