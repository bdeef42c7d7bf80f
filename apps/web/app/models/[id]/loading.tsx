import { SectionSkeleton } from '@/components/ui/skeleton';
import { Skeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <div className="stack">
      <Skeleton height={34} width="30%" />
      <SectionSkeleton title="Layer × class heatmap" height={280} />
      <SectionSkeleton title="Where the two modes appear" height={300} />
    </div>
  );
}
