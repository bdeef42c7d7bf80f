import { PageSkeleton, SectionSkeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <PageSkeleton>
      <SectionSkeleton title="Class log-densities, sorted (Fig. 1)" height={340} />
      <div className="grid grid-2">
        <SectionSkeleton title="Relative entropy vs mean distance (Fig. 2)" height={320} />
        <SectionSkeleton title="Class fits" height={320} />
      </div>
    </PageSkeleton>
  );
}
