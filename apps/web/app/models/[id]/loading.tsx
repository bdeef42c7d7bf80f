import { PageSkeleton, SectionSkeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <PageSkeleton>
      <SectionSkeleton title="Layer × class heatmap" height={280} />
      <SectionSkeleton title="Where the two modes appear" height={300} />
    </PageSkeleton>
  );
}
