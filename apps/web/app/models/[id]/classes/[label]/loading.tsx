import { PageSkeleton, SectionSkeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <PageSkeleton>
      <SectionSkeleton title="Path through the layers" height={320} />
      <div className="grid grid-3">
        <SectionSkeleton title="Nearest classes by KL" height={240} />
        <SectionSkeleton title="Most memorized examples" height={240} />
        <SectionSkeleton title="Least memorized examples" height={240} />
      </div>
    </PageSkeleton>
  );
}
